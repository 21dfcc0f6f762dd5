#!/usr/bin/env bash
# Stagecraft's real-Docker test layer in one command:
#   start a private engine in a fresh state directory, make the base images, run the mocha
#   suites in test/docker, print the image sizes, and always stop the engine.
#
#   bash test/docker/run.sh [extra mocha arguments, e.g. -g 'legacy builder']
#
# Exits with mocha's status; exits non-zero with a message when the engine cannot start or
# the base images cannot be made (this layer never skips silently).
#
# Environment: STAGECRAFT_DOCKER_KEEP=1 keeps the state directory (logs, images) afterwards;
# see scripts/docker/base-images.sh for STAGECRAFT_DOCKER_CACHE and STAGECRAFT_DOCKER_JOBS.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 1
engine="$root/scripts/docker/engine.sh"
DOCKER=/usr/bin/docker

since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
t_all=$EPOCHREALTIME

state=$(mktemp -d "${TMPDIR:-/tmp}/sc-docker.XXXXXX") || { echo "run.sh: cannot create a state directory" >&2; exit 1; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local t=$EPOCHREALTIME
  bash "$engine" stop "$state" || echo "run.sh: warning: stopping the engine reported an error" >&2
  local t_stop
  t_stop=$(since "$t")
  if [ "${STAGECRAFT_DOCKER_KEEP:-}" = 1 ]; then
    echo "run.sh: state kept in $state"
  elif awk -v s="$state/" 'index($5, s) == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
    echo "run.sh: warning: mounts remain under $state; not deleting it" >&2
  else
    rm -rf --one-file-system "$state"
  fi
  echo "run.sh: engine stopped in ${t_stop}s, state removed in $(since "$t")s; total $(since "$t_all")s; exit status $status"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== Docker engine (state: $state)"
t=$EPOCHREALTIME
if ! bash "$engine" start "$state"; then
  echo "run.sh: FAILED: the Docker engine could not start, so the Docker tests cannot run." >&2
  echo "run.sh: it needs root and Debian's engine: apt-get install -y --no-install-recommends docker.io busybox-static golang-go ca-certificates" >&2
  exit 1
fi
echo "engine ready in $(since "$t")s"
set -a
# shellcheck disable=SC1091
. "$state/env"
set +a

echo "== Base images"
t=$EPOCHREALTIME
if ! bash "$root/scripts/docker/base-images.sh"; then
  echo "run.sh: FAILED: the base images could not be made, so the Docker tests cannot run." >&2
  exit 1
fi
t_images=$(since "$t")

echo "== Image sizes"
"$DOCKER" images --filter label=org.stagecraft.base-image.content-hash \
  --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | sort | awk -F'\t' '{ printf "  %-42s %s\n", $1, $2 }'

echo "== Tests (mocha)"
t=$EPOCHREALTIME
mocha="$root/node_modules/.bin/mocha"
[ -x "$mocha" ] || { echo "run.sh: FAILED: $mocha not found; run npm ci first" >&2; exit 1; }
"$mocha" --no-config --require tsx/cjs --extension ts --timeout 300000 --reporter spec \
  'test/docker/**/*.test.ts' "$@"
status=$?
echo "run.sh: base images ${t_images}s; tests $(since "$t")s; mocha exit status $status"
exit "$status"
