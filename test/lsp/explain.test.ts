import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp-client';
import { ExplainRequest, ExplainResult } from '../../server/src/protocol';

const DOC = [
  'FROM node:20 AS build', //                 0
  'WORKDIR /app', //                          1
  'COPY package.json package-lock.json ./', // 2
  'RUN npm ci', //                            3
  'COPY src/ src/', //                        4
  'RUN npm run build', //                     5
  '', //                                      6
  'FROM node:20-slim', //                     7
  'COPY --from=build /app/dist ./dist', //    8
  'CMD ["node", "dist/index.js"]', //         9
  '',
].join('\n');

describe('language server: stagecraft/explain', function () {
  let client: LspClient;
  let dir: string;
  let uri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-explain-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOC);
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'index.ts'), '');
    client = new LspClient();
    await client.initialize(pathToFileURL(dir).toString());
    uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    await client.open(uri, DOC);
    await client.waitForDiagnostics(uri, 1);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const explainFor = (changed?: string[]) => client.connection.sendRequest(ExplainRequest, { textDocument: { uri }, changed }) as Promise<ExplainResult>;

  it('a source file changed (a file: URI): the steps from its COPY on rebuild, the install is reused', async () => {
    const r = await explainFor([pathToFileURL(path.join(dir, 'src', 'index.ts')).toString()]);
    const status = (line: number) => r.steps.find((s) => s.range.start.line === line)?.status;
    assert.equal(status(3), 'reused', 'RUN npm ci');
    assert.equal(status(4), 'rebuilt', 'COPY src/ src/');
    assert.equal(status(5), 'rebuilt', 'RUN npm run build');
    assert.equal(status(8), 'depends', 'COPY --from=build: keyed by the copied content');
    assert.match(r.steps.find((s) => s.range.start.line === 4)!.cause ?? '', /src\/index\.ts/);
    assert.equal(r.contextDir, dir);
    assert.equal(r.steps.find((s) => s.range.start.line === 4)!.range.end.character, 'COPY src/ src/'.length);
  });

  it('the lock file changed: the install rebuilds; without changes the answer is for any source file', async () => {
    const lock = await explainFor(['package-lock.json']);
    assert.equal(lock.steps.find((s) => s.range.start.line === 3)?.status, 'rebuilt');
    const any = await explainFor();
    assert.equal(any.anySource, true);
    const build = any.stages.find((s) => s.stage === 'build')!;
    assert.ok(build.steps > build.rebuilt && build.rebuilt > 0, JSON.stringify(any.stages));
  });
});
