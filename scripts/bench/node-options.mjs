// The language server's Node options, as the bin's `#!` line has them (the VS Code client passes the
// same, SERVER_NODE_OPTIONS in server/src/protocol.ts; a test keeps the two equal).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/stagecraft-language-server.js');

export function serverNodeOptions() {
  const first = fs.readFileSync(SERVER_BIN, 'utf8').split('\n', 1)[0];
  const m = /^#!\S*env\s+(?:-S\s+)?node((?:\s+--\S+)*)\s*$/.exec(first);
  if (!m) throw new Error(`unexpected first line of ${SERVER_BIN}: ${first}`);
  return m[1].trim().split(/\s+/).filter(Boolean);
}


