import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp-client';

describe('language server: source.fixAll.stagecraft creates the files its fixes need', function () {
  it('a broad COPY with .git and node_modules in the context and no .dockerignore: one CreateFile, one edit of it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-fixall-'));
    const text = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nMAINTAINER someone\nCMD ["node", "index.js"]\n';
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}');
    fs.mkdirSync(path.join(dir, '.git'));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    const client = new LspClient();
    try {
      await client.initialize(pathToFileURL(dir).toString());
      const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, 1);
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.stagecraft'] },
      })) as { kind: string; edit: { documentChanges?: { kind?: string; uri?: string; textDocument?: { uri: string }; edits?: { newText: string }[] }[] } }[];
      assert.equal(actions.length, 1);
      const changes = actions[0].edit.documentChanges ?? [];
      const ignoreUri = pathToFileURL(path.join(dir, '.dockerignore')).toString();
      assert.deepEqual(changes.filter((c) => c.kind === 'create').map((c) => c.uri), [ignoreUri], 'the .dockerignore is created once');
      const ignoreEdits = changes.filter((c) => c.textDocument?.uri === ignoreUri);
      assert.equal(ignoreEdits.length, 1, 'one edit writes it');
      const written = ignoreEdits[0].edits![0].newText;
      assert.match(written, /^\.git$/m);
      assert.match(written, /^node_modules$/m);
      const dockerfileEdit = changes.find((c) => c.textDocument?.uri === uri)!;
      assert.match(dockerfileEdit.edits![0].newText, /LABEL org\.opencontainers\.image\.authors/);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
