// Hover, completion, formatting, document links and semantic tokens through the vscode API, as
// the editor asks for them (the language server's providers behind VS Code's own commands).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openDockerfile, stagecraft, waitForDiagnostics, workspaceFile } from './helpers';

const TEXT = [
  'FROM node:20 AS deps', //                                           0
  'ENV APP=/app', //                                                   1
  'USER node', //                                                      2
  'RUN --mount=type=cache,target=/root/.npm npm ci', //                3
  'FROM deps AS build', //                                             4
  'run   npm run build && \\', //                                      5
  '  echo $APP', //                                                    6
  'FROM alpine:3.20', //                                               7
  'COPY --from=build /app/dist /srv', //                               8
  'RUN --mount=type=cache,target= apt-get update && apt-get install -y curl', // 9
  '',
].join('\n');

const markdown = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

describe('Editor features through the vscode API (in the real extension host)', () => {
  let document: vscode.TextDocument;
  const file = workspaceFile('features.Dockerfile');

  before(async () => {
    // the suite runs with a stand-in for Microsoft's extension, which reports the casing check itself:
    // show what Stagecraft finds (stagecraft.overlap has its own suite)
    await vscode.workspace.getConfiguration('stagecraft').update('overlap', 'show', vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.writeFile(file, Buffer.from(TEXT));
    await stagecraft();
    document = await openDockerfile('features.Dockerfile');
    await waitForDiagnostics(document.uri, (ds) => ds.some((d) => codeOf(d) === 'buildkit/ConsistentInstructionCasing'), 'the diagnostics of features.Dockerfile');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(file);
    await vscode.workspace.getConfiguration('stagecraft').update('overlap', undefined, vscode.ConfigurationTarget.Workspace);
  });

  const hover = async (line: number, character: number) =>
    markdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, character)));
  const complete = async (line: number, character: number, trigger?: string) =>
    (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, character), trigger)).items;
  const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

  it('hovers an instruction, a --mount key, a variable and a FROM with its chain', async () => {
    assert.match(await hover(2, 1), /\*\*USER\*\*[\s\S]*docs\.docker\.com\/reference\/dockerfile\/#user/);
    assert.match(await hover(3, 25), /--mount=type=cache target/);
    assert.match(await hover(6, 9), /`APP`\*\* = `\/app`[\s\S]*`ENV` in stage `deps` \(line 2\)/);
    const from = await hover(4, 1);
    assert.match(from, /Stage `build`/);
    assert.match(from, /Chain: `build` ← `deps` ← image `node:20`/);
    assert.match(from, /USER `node` \(`deps`, line 3\)/);
  });

  it('completes the cache directory of the command on the line, flags and instruction snippets', async () => {
    const targets = await complete(9, 30, '=');
    assert.ok(targets.length > 0, 'cache targets offered');
    const apt = targets.find((i) => label(i) === '/var/cache/apt');
    assert.ok(apt, targets.map(label).join(', '));
    assert.equal(apt.preselect, true);
    const flags = (await complete(8, 7, '-')).map(label);
    for (const f of ['--chown', '--chmod', '--link', '--parents', '--exclude']) assert.ok(flags.includes(f), `${f} in ${flags}`);
    assert.ok(!flags.includes('--from'), '--from is already given');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(10, 0), 'WO');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const workdir = (await complete(10, 2)).find((i) => label(i) === 'WORKDIR');
    assert.ok(workdir, 'WORKDIR offered at the start of a line');
    assert.ok(workdir.insertText instanceof vscode.SnippetString && workdir.insertText.value === 'WORKDIR ${1:/app}', JSON.stringify(workdir.insertText));
    const undo = new vscode.WorkspaceEdit();
    undo.delete(document.uri, new vscode.Range(10, 0, 10, 2));
    assert.ok(await vscode.workspace.applyEdit(undo));
  });

  it('formats the document: keyword case, one space, continuation indent; again changes nothing', async () => {
    const options = { tabSize: 4, insertSpaces: true };
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, options);
    assert.ok(edits && edits.length > 0, 'formatting edits');
    const we = new vscode.WorkspaceEdit();
    we.set(document.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we));
    assert.equal(document.lineAt(5).text, 'RUN npm run build && \\');
    assert.equal(document.lineAt(6).text, '    echo $APP');
    await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => codeOf(d) === 'buildkit/ConsistentInstructionCasing'), 'the casing finding to go after formatting');
    const again = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, options);
    assert.deepEqual(again ?? [], []);
  });

  it('links base images and colours stage names as semantic tokens', async () => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    assert.deepEqual(links.map((l) => l.target?.toString()).sort(), ['https://hub.docker.com/_/alpine', 'https://hub.docker.com/_/node']);
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
    assert.deepEqual(legend.tokenTypes, ['namespace', 'variable', 'parameter']);
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
    // the first token: `deps` at its declaration (line 0, character 16, length 4, namespace, declaration)
    assert.deepEqual([...tokens.data.slice(0, 5)], [0, 16, 4, 0, 1]);
  });
});
