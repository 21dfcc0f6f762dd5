#!/usr/bin/env bash
# The npm package: `npm pack`, install it globally into a temporary prefix, and
# check that both bins work from there (the CLI lints, the server answers LSP).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm run build --silent
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
echo "npm package: $tarball ($(du -k "$tmp/$tarball" | cut -f1) KiB)"
tar -tzf "$tmp/$tarball" | sed 's/^/  /'
npm install --global --silent --no-audit --no-fund --prefix "$tmp/prefix" "$tmp/$tarball"
bin="$tmp/prefix/bin"

printf 'FROM alpine:3.20 AS builder\nFROM scratch\nCOPY --from=buidler /a /a\n' > "$tmp/Dockerfile"
set +e
out=$("$bin/stagecraft" lint --format json "$tmp/Dockerfile")
code=$?
set -e
[ "$code" = 1 ] || { echo "expected exit 1 from the installed CLI, got $code"; exit 1; }
echo "$out" | grep -q '"rule": "stage/unknown-from"' || { echo "the installed CLI did not report stage/unknown-from"; echo "$out"; exit 1; }
echo "installed stagecraft: ok"

# The language server: send initialize over stdio and read the answer.
node - "$bin/stagecraft-language-server" <<'JS'
const { spawn } = require('node:child_process');
const server = spawn(process.argv[2], ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
let buf = '';
const timer = setTimeout(() => { console.error('no initialize answer within 10 s'); server.kill(); process.exit(1); }, 10000);
server.stdout.on('data', (d) => {
  buf += d;
  const m = /\r\n\r\n(\{.*\})/s.exec(buf);
  if (m) {
    try {
      const msg = JSON.parse(m[1]);
      if (msg.result?.serverInfo?.name !== 'stagecraft-language-server') throw new Error(m[1]);
      console.log('installed stagecraft-language-server: ok');
      clearTimeout(timer);
      server.kill();
    } catch (e) { if (!(e instanceof SyntaxError)) { console.error(e.message); process.exit(1); } }
  }
});
JS
