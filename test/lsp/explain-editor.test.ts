import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest, DidChangeWatchedFilesNotification, FileChangeType, HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client';
import { Commands, ExplainLensArgs, ExplainRequest, ExplainResult } from '../../server/src/protocol';

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

describe('language server: stagecraft/explain, cache inputs on hover, rebuild lens per stage', function () {
  let client: LspClient;
  let dir: string;
  let uri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-explain-editor-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOC);
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}');
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'src/*.log\n');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'index.ts'), '');
    fs.writeFileSync(path.join(dir, 'src', 'debug.log'), '');
    client = new LspClient();
    await client.initialize(pathToFileURL(dir).toString());
    uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    await client.open(uri, DOC);
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

  const hover = async (line: number, character = 1) => {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    return (h?.contents as { value: string } | undefined)?.value ?? '';
  };

  it('hover on COPY: its documentation, then the context files its source brings after .dockerignore', async () => {
    const md = await hover(4);
    assert.match(md, /^\*\*COPY\*\*/, 'the instruction documentation is kept');
    assert.match(md, /\*\*Cache key\*\*/);
    assert.match(md, /parent step: `RUN npm ci` \(line 4\)/);
    assert.match(md, /`src\/index\.ts`/);
    assert.doesNotMatch(md, /debug\.log/);
  });

  it('hover on COPY --from and FROM: the source stage, the unpinned base image', async () => {
    assert.match(await hover(8), /source stage `build` \(`--from`\)/);
    assert.match(await hover(0), /base image `node:20`: not pinned/);
  });

  it('a changed .dockerignore changes the files the hover lists, after the file event', async () => {
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'README.md\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path.join(dir, '.dockerignore')).toString(), type: FileChangeType.Changed }] });
    // the notification is handled before the next request on the same connection
    assert.match(await hover(4), /`src\/debug\.log`/);
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'src/*.log\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path.join(dir, '.dockerignore')).toString(), type: FileChangeType.Changed }] });
    assert.doesNotMatch(await hover(4), /debug\.log/);
  });

  it('a lens per stage: N of M steps rebuild when sources change, running the explain command for that stage', async () => {
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))!;
    const explain = lenses.filter((l) => l.command?.command === Commands.explainFileChange);
    assert.deepEqual(explain.map((l) => [l.range.start.line, l.command!.title]), [
      [0, '2 of 6 steps rebuild when sources change'],
      [7, '0 of 2 steps rebuild when sources change'],
    ]);
    const args = explain[0].command!.arguments![0] as ExplainLensArgs;
    assert.deepEqual(args, { uri, target: 'build', stageIndex: 0 });
    // next to Build / Run / Shell
    assert.deepEqual(lenses.filter((l) => l.range.start.line === 0).map((l) => l.command!.title).slice(0, 3), ['▶ Build build', 'Run', 'Shell']);
  });
});
