/**
 * The server's Node options are the same wherever it starts: the VS Code client passes
 * SERVER_NODE_OPTIONS as execArgv, and the bin other editors run has them on its `#!` line.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { SERVER_NODE_OPTIONS } from '../../server/src/protocol';

const BIN = path.resolve(__dirname, '../../bin/stagecraft-language-server.js');

describe('language server Node options', () => {
  it('the bin’s #! line runs node with SERVER_NODE_OPTIONS', () => {
    const first = fs.readFileSync(BIN, 'utf8').split('\n', 1)[0];
    assert.equal(first, `#!/usr/bin/env -S node ${SERVER_NODE_OPTIONS.join(' ')}`);
  });

  it('node accepts every option (a typo would stop the server from starting)', async () => {
    const code = await new Promise<number | null>((resolve) => {
      const p = spawn(process.execPath, [...SERVER_NODE_OPTIONS, '-e', 'process.exit(7)'], { stdio: 'ignore' });
      p.on('exit', resolve);
    });
    assert.equal(code, 7);
  });

  it('the client starts the server with them', () => {
    const client = fs.readFileSync(path.resolve(__dirname, '../../client/src/language-client.ts'), 'utf8');
    assert.match(client, /run: \{ module, transport: TransportKind\.ipc, options: \{ execArgv: \[\.\.\.SERVER_NODE_OPTIONS\] \} \}/);
  });
});
