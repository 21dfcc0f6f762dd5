import assert from 'node:assert/strict';
import {
  CompletionItem, CompletionRequest, DocumentFormattingRequest, DocumentLinkRequest, DocumentRangeFormattingRequest, HoverRequest,
  InsertTextFormat, SemanticTokensRequest, TextEdit,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client';
import { applyEdits } from '../../server/src/core/text';

const DOC = [
  'ARG NODE=20', //                                                        0
  'FROM node:${NODE} AS deps', //                                          1
  'ENV APP=/app', //                                                       2
  'WORKDIR /app', //                                                       3
  'USER node', //                                                          4
  'RUN --mount=type=cache,target=/root/.npm npm ci', //                    5
  'FROM deps AS build', //                                                 6
  'run   npm run build && \\', //                                          7
  '  echo $APP', //                                                        8
  'FROM ghcr.io/owner/runtime:1', //                                       9
  'COPY --from=build /app/dist /srv', //                                  10
  'RUN --mount=type=cache,target= apt-get update && apt-get install -y curl', // 11
  'ENTRYPOINT ["/srv/app"]', //                                           12
  '',
].join('\n');
const uri = 'file:///editor-features/Dockerfile';
const md = (h: unknown) => ((h as { contents: { value: string } } | null)?.contents.value ?? '');

describe('editor features over the real LSP connection', function () {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    const init = await client.initialize(null);
    const caps = init.capabilities;
    assert.equal(caps.documentFormattingProvider, true);
    assert.equal(caps.documentRangeFormattingProvider, true);
    assert.ok(caps.documentLinkProvider);
    assert.deepEqual(caps.semanticTokensProvider?.legend, { tokenTypes: ['namespace', 'variable', 'parameter'], tokenModifiers: ['declaration', 'defaultLibrary'] });
    await client.open(uri, DOC, 1);
  });
  after(() => client.stop());

  const hover = (line: number, character: number) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  const complete = async (line: number, character: number) => (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } })) as CompletionItem[];

  it('hovers keywords, flags, mount keys, variables and FROM with its chain and image settings', async () => {
    assert.match(md(await hover(3, 2)), /\*\*WORKDIR\*\*[\s\S]*docs\.docker\.com\/reference\/dockerfile\/#workdir/);
    assert.match(md(await hover(5, 6)), /\*\*RUN --mount\*\*/);
    assert.match(md(await hover(5, 25)), /--mount=type=cache target[\s\S]*#run---mounttypecache/);
    assert.match(md(await hover(1, 13)), /\*\*`NODE`\*\* = `20`[\s\S]*global `ARG` \(line 1\)/);
    assert.match(md(await hover(8, 9)), /\*\*`APP`\*\* = `\/app`[\s\S]*`ENV` in stage `deps` \(line 3\)/);
    const from = md(await hover(6, 1));
    assert.match(from, /Stage `build`/);
    assert.match(from, /Chain: `build` ← `deps` ← image `node:20`/);
    assert.match(from, /USER `node` \(`deps`, line 5\)/);
    const shipped = md(await hover(9, 1));
    assert.match(shipped, /The shipped image gets[\s\S]*ENTRYPOINT `\["\/srv\/app"\]` \(this stage, line 13\)/);
  });

  it('completes instructions with snippets, mount cache dirs for the line\'s command, variables and rule ids', async () => {
    await client.change(uri, 2, [{ range: { start: { line: 13, character: 0 }, end: { line: 13, character: 0 } }, text: 'CO' }]);
    const kw = await complete(13, 2);
    const copy = kw.find((i) => i.label === 'COPY')!;
    assert.equal(copy.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((copy.textEdit as TextEdit).newText, 'COPY ${1:src} ${2:dest}');
    const target = await complete(11, 30);
    assert.equal(target[0].label, '/var/cache/apt');
    assert.equal(target[0].preselect, true);
    await client.change(uri, 3, [{ range: { start: { line: 13, character: 0 }, end: { line: 13, character: 2 } }, text: 'RUN echo ${' }]);
    const vars = await complete(13, 11);
    assert.deepEqual(vars.map((v) => v.label), [], 'no ARG or ENV in the last stage');
    const inBuild = await complete(8, 8);
    assert.deepEqual(inBuild.map((v) => v.label), ['APP']);
    await client.change(uri, 4, [{ range: { start: { line: 13, character: 0 }, end: { line: 13, character: 11 } }, text: '# stagecraft-ignore ' }]);
    const ids = await complete(13, 20);
    assert.ok(ids.some((i) => i.label === 'stage/unknown-from') && ids.some((i) => i.label === 'cache/install-without-cache-mount'));
    await client.change(uri, 5, [{ range: { start: { line: 13, character: 0 }, end: { line: 13, character: 20 } }, text: '' }]);
  });

  it('formats the document and a range, idempotently', async () => {
    const options = { tabSize: 4, insertSpaces: true };
    const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options }))!;
    const formatted = applyEdits(DOC, edits).text;
    assert.match(formatted, /\nRUN npm run build && \\\n    echo \$APP\n/);
    await client.change(uri, 6, [{ text: formatted }]);
    assert.deepEqual(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options }), []);
    await client.change(uri, 7, [{ text: DOC }]);
    const ranged = (await client.connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri }, options, range: { start: { line: 8, character: 0 }, end: { line: 8, character: 3 } } }))!;
    assert.ok(ranged.length > 0 && ranged.every((e) => e.range.start.line >= 7 && e.range.end.line <= 8), JSON.stringify(ranged));
  });

  it('links base images to their registry page', async () => {
    const links = (await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } }))!;
    assert.deepEqual(links.map((l) => [l.range.start.line, l.target]), [[1, 'https://hub.docker.com/_/node'], [9, 'https://ghcr.io/owner/runtime']]);
  });

  it('returns semantic tokens for stages and variables', async () => {
    const { data } = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }))!;
    const decoded: [number, number, number, number, number][] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      decoded.push([line, char, data[i + 2], data[i + 3], data[i + 4]]);
    }
    assert.deepEqual(decoded, [
      [0, 4, 4, 2, 1], // ARG NODE: parameter, declaration
      [1, 12, 4, 2, 0], // ${NODE}
      [1, 21, 4, 0, 1], // AS deps
      [2, 4, 3, 1, 1], // ENV APP
      [6, 5, 4, 0, 0], // FROM deps
      [6, 13, 5, 0, 1], // AS build
      [8, 8, 3, 1, 0], // $APP
      [10, 12, 5, 0, 0], // --from=build
    ]);
  });
});
