#!/usr/bin/env bash
# Start, stop or query a private, isolated Docker engine for Stagecraft's tests.
#
#   bash scripts/docker/engine.sh start  <statedir>
#   bash scripts/docker/engine.sh stop   <statedir>
#   bash scripts/docker/engine.sh status <statedir>
#
# Every path the engine uses lives under <statedir>: its own containerd (started here, not
# supervised by dockerd, so that a system containerd is never picked up), dockerd's data root,
# exec root, pid file, socket and daemon configuration. Two engines with different statedirs
# can run at the same time on one machine. The daemon runs without a bridge, without iptables
# rules and without IP forwarding; builds and runs must use --network=none.
#
# Files written to <statedir>:
#   env             DOCKER_HOST=unix://<statedir>/docker.sock and DOCKER_CONFIG (dotenv style)
#   dockerd.pid     dockerd's process id        dockerd.log     its log
#   containerd.pid  containerd's process id     containerd.log  its log
#   link.path       (only when <statedir> is long) the short symlink in /tmp used for socket paths
#
# Processes are only ever stopped by the process ids recorded here, never by name.
set -euo pipefail

DOCKER_CLI=/usr/bin/docker          # Debian's 20.10 client; a newer client on PATH may insist on buildx
START_TIMEOUT=${STAGECRAFT_DOCKER_START_TIMEOUT:-60}
STOP_TIMEOUT=${STAGECRAFT_DOCKER_STOP_TIMEOUT:-30}

die() { echo "engine.sh: $*" >&2; exit 1; }
log() { echo "engine.sh: $*" >&2; }

usage() {
  echo "usage: bash scripts/docker/engine.sh start|stop|status <statedir>" >&2
  exit 2
}

[ $# -eq 2 ] || usage
action=$1
case "$action" in start|stop|status) ;; *) usage ;; esac
[ -n "$2" ] || usage
if [ "$action" = start ]; then
  mkdir -p "$2"
elif [ ! -d "$2" ]; then
  [ "$action" = status ] && { echo "stopped"; exit 3; }
  exit 0                               # stop: nothing was ever started there
fi
state=$(cd "$2" && pwd -P)

# Unix socket paths are limited to about 108 bytes; containerd and dockerd put sockets a few
# levels below their roots. Use a short symlink in /tmp when the state directory is long.
base_dir() {
  if [ -f "$state/link.path" ] && [ -L "$(cat "$state/link.path")" ]; then
    cat "$state/link.path"
  elif [ ${#state} -le 48 ]; then
    echo "$state"
  else
    local l
    l=$(mktemp -u /tmp/scd.XXXXXX)
    ln -s "$state" "$l"
    echo "$l" > "$state/link.path"
    echo "$l"
  fi
}

# Is <pid> alive and running <binary> with <statedir>-related arguments? Guards against
# signalling a recycled process id.
pid_is() {
  local pid=$1 exe=$2 marker=$3
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  local real
  real=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
  case "$real" in
    *"/$exe"|*"/$exe (deleted)") ;;
    *) return 1 ;;
  esac
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"
}

read_pid() { [ -f "$1" ] && tr -dc '0-9' < "$1" || true; }

# Send TERM, wait up to <timeout> seconds, then KILL.
stop_pid() {
  local pid=$1 what=$2 timeout=$3 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < timeout * 10; i++)); do
    [ -d "/proc/$pid" ] || { log "$what ($pid) stopped"; return 0; }
    # A zombie child of ours counts as stopped.
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && { log "$what ($pid) stopped"; return 0; }
    sleep 0.1
  done
  log "$what ($pid) did not stop within ${timeout}s; sending KILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    [ -d "/proc/$pid" ] || return 0
    sleep 0.1
  done
  log "warning: $what ($pid) still present after KILL"
}

docker_answers() {
  DOCKER_HOST="unix://$1/docker.sock" DOCKER_CONFIG="$state/client" \
    timeout 10 "$DOCKER_CLI" info --format '{{.ServerVersion}}' >/dev/null 2>&1
}

cmd_start() {
  if ! command -v dockerd >/dev/null 2>&1 || [ ! -x "$DOCKER_CLI" ] || ! command -v containerd >/dev/null 2>&1 \
     || ! command -v runc >/dev/null 2>&1; then
    die "Docker engine not installed (need dockerd, containerd, runc and $DOCKER_CLI). Install it with:
    apt-get update && apt-get install -y --no-install-recommends docker.io busybox-static"
  fi
  [ "$(id -u)" = 0 ] || die "the Docker engine must be started as root"

  local base
  base=$(base_dir)

  local dpid
  dpid=$(read_pid "$state/dockerd.pid")
  if pid_is "$dpid" dockerd "$base/docker.sock"; then
    if docker_answers "$base"; then
      log "already running (dockerd $dpid) at unix://$base/docker.sock"
      return 0
    fi
    die "dockerd $dpid is running for $state but does not answer; run 'stop' first"
  fi

  mkdir -p "$state/client" "$state/containerd/root" "$state/containerd/state" "$state/containerd/opt" \
           "$state/data" "$state/exec"
  rm -f "$state/docker.sock" "$state/daemon.pid" "$state/containerd/containerd.sock"*

  cat > "$state/containerd.toml" <<EOF
version = 2
root = "$state/containerd/root"
state = "$base/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$base/containerd/containerd.sock"
[ttrpc]
  address = "$base/containerd/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$state/containerd/opt"
EOF
  echo '{}' > "$state/daemon.json"
  echo '{}' > "$state/client/config.json"

  : > "$state/containerd.log"
  setsid containerd --config "$state/containerd.toml" </dev/null >>"$state/containerd.log" 2>&1 &
  local cpid=$!
  echo "$cpid" > "$state/containerd.pid"

  local i
  for ((i = 0; i < START_TIMEOUT * 10; i++)); do
    [ -S "$base/containerd/containerd.sock" ] && break
    [ -d "/proc/$cpid" ] || break
    sleep 0.1
  done
  if [ ! -S "$base/containerd/containerd.sock" ]; then
    echo "---- containerd.log (tail) ----" >&2
    tail -n 40 "$state/containerd.log" >&2 || true
    stop_pid "$cpid" containerd 5
    die "containerd did not start (log: $state/containerd.log)"
  fi

  local storage=()
  if [ -n "${STAGECRAFT_DOCKER_STORAGE_DRIVER:-}" ]; then
    storage=(--storage-driver "$STAGECRAFT_DOCKER_STORAGE_DRIVER")
  fi

  : > "$state/dockerd.log"
  setsid dockerd \
    --config-file "$state/daemon.json" \
    --data-root "$state/data" \
    --exec-root "$base/exec" \
    --pidfile "$state/daemon.pid" \
    -H "unix://$base/docker.sock" \
    --containerd "$base/containerd/containerd.sock" \
    --bridge=none --iptables=false --ip-forward=false --ip-masq=false --ip6tables=false \
    --userland-proxy=false \
    "${storage[@]}" \
    </dev/null >>"$state/dockerd.log" 2>&1 &
  dpid=$!
  echo "$dpid" > "$state/dockerd.pid"
  printf 'DOCKER_HOST=unix://%s/docker.sock\nDOCKER_CONFIG=%s/client\n' "$base" "$state" > "$state/env"

  local ok=0
  for ((i = 0; i < START_TIMEOUT * 5; i++)); do
    if docker_answers "$base"; then ok=1; break; fi
    [ -d "/proc/$dpid" ] || break
    sleep 0.2
  done
  if [ $ok != 1 ]; then
    local why="did not answer within ${START_TIMEOUT}s"
    [ -d "/proc/$dpid" ] || why="exited during start-up"
    echo "---- dockerd.log: errors ----" >&2
    grep -E 'level=(error|fatal)|^failed to start' "$state/dockerd.log" | tail -n 20 >&2 || true
    echo "---- dockerd.log: last lines ----" >&2
    tail -n 10 "$state/dockerd.log" >&2 || true
    cmd_stop >/dev/null 2>&1 || true
    die "dockerd $why (log: $state/dockerd.log)"
  fi
  local info
  info=$(DOCKER_HOST="unix://$base/docker.sock" DOCKER_CONFIG="$state/client" \
    "$DOCKER_CLI" info --format 'engine {{.ServerVersion}}, storage driver {{.Driver}}, cgroup driver {{.CgroupDriver}}')
  log "started dockerd $dpid (containerd $cpid): $info"
  log "DOCKER_HOST=unix://$base/docker.sock"
}

cmd_stop() {
  local base
  if [ -f "$state/link.path" ]; then base=$(cat "$state/link.path"); else base=$state; fi

  local dpid cpid
  dpid=$(read_pid "$state/dockerd.pid")
  if pid_is "$dpid" dockerd "$base/docker.sock"; then
    stop_pid "$dpid" dockerd "$STOP_TIMEOUT"
  fi
  rm -f "$state/dockerd.pid"

  cpid=$(read_pid "$state/containerd.pid")
  if pid_is "$cpid" containerd "$state/containerd.toml"; then
    stop_pid "$cpid" containerd "$STOP_TIMEOUT"
  fi
  rm -f "$state/containerd.pid"

  # Shims of containers that did not exit: only those started by this engine's containerd,
  # recognised by its socket address on their command line; stopped by process id.
  local p
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    if pid_is "$p" containerd-shim-runc-v2 "$base/containerd/containerd.sock"; then
      stop_pid "$p" containerd-shim-runc-v2 5
    fi
  done

  # Mounts the engine left behind under the state directory (only after a KILL).
  local m
  while read -r m; do
    [ -n "$m" ] && umount -l "$m" 2>/dev/null || true
  done < <(awk -v s="$state/" -v b="$base/" 'index($5, s) == 1 || index($5, b) == 1 {print $5}' /proc/self/mountinfo | sort -r)

  rm -f "$state/docker.sock" "$state/env"
  if [ -f "$state/link.path" ]; then
    rm -f "$(cat "$state/link.path")" "$state/link.path"
  fi
  return 0
}

cmd_status() {
  local base dpid cpid
  if [ -f "$state/link.path" ]; then base=$(cat "$state/link.path"); else base=$state; fi
  dpid=$(read_pid "$state/dockerd.pid")
  cpid=$(read_pid "$state/containerd.pid")
  if pid_is "$dpid" dockerd "$base/docker.sock" && docker_answers "$base"; then
    echo "running: dockerd $dpid, containerd ${cpid:-?}, DOCKER_HOST=unix://$base/docker.sock"
    DOCKER_HOST="unix://$base/docker.sock" DOCKER_CONFIG="$state/client" \
      "$DOCKER_CLI" info --format 'engine {{.ServerVersion}}, storage driver {{.Driver}}, images {{.Images}}, containers {{.Containers}}'
    return 0
  fi
  echo "stopped"
  return 3
}

case "$action" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
