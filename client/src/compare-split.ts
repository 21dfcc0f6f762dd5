// "Stagecraft: Compare With the Original" (stagecraft.compareSplit): after "Split into builder and
// runner stages", builds the Dockerfile as it was before the split and as it is now, in a temporary
// copy of the build context, touches a source file in that copy, rebuilds both, and reports the
// image sizes and the rebuild times side by side. The user's files are never written.
//
// The text before the split is remembered when an edit takes a one-stage Dockerfile to two or
// more stages (what the refactor's code action does), per document, for the session.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { parsePlainProgress, summarize, summaryTitle } from './build-progress';
import { comparisonLine, looksLikeSplit, Measured, parseSize, pickSourceFile } from './compare-report';
import { buildArgs, resolveContext } from './docker-args';
import { notify } from './notify';
import { readBuildSettings } from './settings';
import { dockerAllowed, UNTRUSTED_MESSAGE } from './trust';

export const COMPARE_SPLIT_COMMAND = 'stagecraft.compareSplit';

export type CompareResult =
  | { status: 'refused'; reason: 'untrusted' | 'no-dockerfile' | 'no-split' | 'not-a-file' }
  | { status: 'failed'; which: 'original' | 'split'; step: 'build' | 'rebuild' | 'inspect'; detail: string }
  | { status: 'compared'; original: Measured; split: Measured; touched: string | undefined; message: string };

let nextCompare = 1;

export class SplitComparison implements vscode.Disposable {
  private readonly texts = new Map<string, string>(); // the last text seen per Dockerfile
  private readonly originals = new Map<string, string>(); // the text before the split
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {
    const seen = (d: vscode.TextDocument) => { if (d.languageId === 'dockerfile') this.texts.set(d.uri.toString(), d.getText()); };
    vscode.workspace.textDocuments.forEach(seen);
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument(seen),
      vscode.workspace.onDidCloseTextDocument((d) => this.texts.delete(d.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId !== 'dockerfile' || e.contentChanges.length === 0) return;
        const key = e.document.uri.toString();
        const before = this.texts.get(key);
        const after = e.document.getText();
        if (before !== undefined && looksLikeSplit(before, after)) {
          this.originals.set(key, before);
          this.log.info(`remembered ${path.basename(e.document.uri.fsPath)} as it was before the split (for "Compare With the Original")`);
        }
        this.texts.set(key, after);
      }),
    );
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
  }

  /** The text before the split, when one was seen for the document. */
  original(uri: vscode.Uri): string | undefined {
    return this.originals.get(uri.toString());
  }

  async compare(arg?: unknown): Promise<CompareResult> {
    if (!dockerAllowed()) {
      void notify('warning', UNTRUSTED_MESSAGE);
      return { status: 'refused', reason: 'untrusted' };
    }
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const document = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!uri || !document || document.languageId !== 'dockerfile') {
      void notify('error', 'Stagecraft: open the Dockerfile you split, then run "Compare With the Original".');
      return { status: 'refused', reason: 'no-dockerfile' };
    }
    if (uri.scheme !== 'file') {
      void notify('warning', 'Stagecraft: save the Dockerfile to disk first; its build context is a folder on disk.');
      return { status: 'refused', reason: 'not-a-file' };
    }
    const original = this.original(uri);
    if (original === undefined) {
      void notify('info', 'Stagecraft: no "Split into builder and runner stages" was applied to this Dockerfile in this session.');
      return { status: 'refused', reason: 'no-split' };
    }
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Stagecraft: comparing with the original' },
      (progress) => this.run(document, original, (m) => progress.report({ message: m })));
  }

  private async run(document: vscode.TextDocument, originalText: string, say: (m: string) => void): Promise<CompareResult> {
    const settings = readBuildSettings(document.uri);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const context = resolveContext(settings.context, document.uri.fsPath, folder?.uri.fsPath);
    const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'stagecraft-compare-'));
    const id = `${process.pid}-${nextCompare++}`;
    const tags = { original: `stagecraft-compare/original:${id}`, split: `stagecraft-compare/split:${id}` };
    try {
      const ctx = path.join(tmp, 'context');
      await fs.promises.cp(context, ctx, { recursive: true });
      const files = { original: path.join(tmp, 'original.Dockerfile'), split: path.join(tmp, 'split.Dockerfile') };
      await fs.promises.writeFile(files.original, originalText);
      await fs.promises.writeFile(files.split, document.getText());
      const build = async (which: 'original' | 'split', step: 'build' | 'rebuild') => {
        say(`${step === 'build' ? 'building' : 'rebuilding'} the ${which}`);
        const args = buildArgs({
          dockerfile: files[which], target: undefined, tag: tags[which], contextSetting: ctx, workspaceFolder: folder?.uri.fsPath,
          buildArgs: settings.args, extraArgs: settings.extraArgs,
        });
        const started = Date.now();
        const r = await exec(settings.dockerPath, args);
        const seconds = (Date.now() - started) / 1000;
        const stages = summarize(parsePlainProgress(r.output)).map((s) => `${s.stage || 'stage'}: ${summaryTitle(s)}`).join('; ');
        this.log.info(`compare: ${step} of the ${which}: ${seconds.toFixed(1)} s${stages ? ` (${stages})` : ''}`);
        if (r.code !== 0) throw new CompareFailure(which, step, `docker build exited with ${r.code ?? 'no exit code'}: ${lastLines(r.output)}`);
        return seconds;
      };
      const first = { original: await build('original', 'build'), split: await build('split', 'build') };
      // a source edit, in the copy: one newline at the end of a source file changes its content
      const touched = pickSourceFile(await listFiles(ctx));
      const touchedPath = touched ? path.join(ctx, touched) : path.join(ctx, '.stagecraft-compare-touch');
      await fs.promises.appendFile(touchedPath, '\n');
      this.log.info(`compare: touched ${touched ?? '.stagecraft-compare-touch (no source file found)'} in the copy of the context`);
      const again = { original: await build('original', 'rebuild'), split: await build('split', 'rebuild') };
      const size = async (which: 'original' | 'split') => {
        const r = await exec(settings.dockerPath, ['image', 'inspect', '--format', '{{.Size}}', tags[which]]);
        const n = r.code === 0 ? parseSize(r.output) : undefined;
        if (n === undefined) throw new CompareFailure(which, 'inspect', lastLines(r.output));
        return n;
      };
      const original: Measured = { size: await size('original'), buildSeconds: first.original, rebuildSeconds: again.original };
      const split: Measured = { size: await size('split'), buildSeconds: first.split, rebuildSeconds: again.split };
      const message = comparisonLine(original, split);
      this.log.info(`compare with the original: ${message} (first builds ${first.original.toFixed(1)} s → ${first.split.toFixed(1)} s)`);
      void notify('info', `Stagecraft: ${message}`, 'Show Output').then((pick) => { if (pick) this.log.show(true); });
      return { status: 'compared', original, split, touched, message };
    } catch (err) {
      if (!(err instanceof CompareFailure)) throw err;
      this.log.error(`compare: the ${err.step} of the ${err.which} failed: ${err.detail}`);
      void notify('error', `Stagecraft: the ${err.step} of the ${err.which} failed; see the output.`, 'Show Output')
        .then((pick) => { if (pick) this.log.show(true); });
      return { status: 'failed', which: err.which, step: err.step, detail: err.detail };
    } finally {
      await exec(settings.dockerPath, ['image', 'rm', '-f', tags.original, tags.split]);
      await fs.promises.rm(tmp, { recursive: true, force: true });
    }
  }
}

class CompareFailure extends Error {
  constructor(readonly which: 'original' | 'split', readonly step: 'build' | 'rebuild' | 'inspect', readonly detail: string) {
    super(detail);
  }
}

function exec(command: string, args: string[]): Promise<{ code: number | undefined; output: string }> {
  const env = { ...process.env };
  if (env.DOCKER_BUILDKIT === undefined) env.DOCKER_BUILDKIT = '1';
  return new Promise((resolve) => {
    execFile(command, args, { env, maxBuffer: 64 * 1024 * 1024, timeout: 20 * 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : undefined) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string) => {
    for (const e of await fs.promises.readdir(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!/^(node_modules|\.git)$/.test(e.name)) await walk(path.join(dir, e.name), r);
      } else if (e.isFile()) out.push(r);
    }
  };
  await walk(root, '');
  return out;
}

function lastLines(text: string): string {
  return text.trim().split(/\r?\n/).slice(-3).join(' | ');
}
