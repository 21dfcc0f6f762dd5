// What BuildKit did in the last Build of each stage, read from its `--progress=plain` output
// (build-progress.ts): a lens per stage (`3 steps · 1 cached · 0.2 s`), a hover per instruction
// (cached, or rebuilt in how long), and in the output channel each step where the explain
// prediction for the files saved since the stage's previous build disagreed with BuildKit.
// Kept in memory for the session; a document's results go when the Dockerfile itself is edited
// (their lines would no longer match).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExplainParams, ExplainRequest, ExplainResult } from '../../server/src/protocol';
import {
  BuildStep, disagreements, matchPredictions, outcomeText, parsePlainProgress, PredictedStep, StageSummary, summarize, summaryTitle,
} from './build-progress';
import { StageGraphService } from './stage-graph-service';

export interface StepResult {
  step: BuildStep;
  /** 0-based lines of the instruction in the document, when it was matched to one. */
  startLine?: number;
  endLine?: number;
  predicted?: PredictedStep['status'];
}

export interface StageResult {
  stageIndex: number;
  summary: StageSummary;
  steps: StepResult[];
}

export interface BuildReport {
  uri: string;
  /** The stage built (`--target`), or undefined for the last stage. */
  target: string | undefined;
  at: number;
  stages: StageResult[];
  /** Steps that could not be placed on a stage of the document. */
  unmatched: BuildStep[];
  /** Whether the prediction was compared (there was an earlier build of this target this session). */
  compared: boolean;
  /** The files saved since that earlier build, as sent to `stagecraft/explain`. */
  changed?: string[];
  disagreements: string[];
}

export class BuildResults implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly reports = new Map<string, Map<number, StageResult & { at: number }>>();
  private readonly lastBuild = new Map<string, number>(); // uri + target → start of its last build
  private readonly saves: { uri: vscode.Uri; at: number }[] = [];
  private readonly changed = new vscode.EventEmitter<BuildReport | undefined>();
  /** Fires after a build's results are recorded (and when a document's results are dropped). */
  readonly onDidChange = this.changed.event;
  readonly onDidChangeCodeLenses = this.changed.event as vscode.Event<unknown> as vscode.Event<void>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly graphs: StageGraphService,
    private readonly client: () => LanguageClient | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.uri.scheme === 'file') this.saves.push({ uri: d.uri, at: Date.now() });
        if (this.saves.length > 5000) this.saves.splice(0, this.saves.length - 5000);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.reports.delete(e.document.uri.toString())) this.changed.fire(undefined);
      }),
    );
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.changed.dispose();
  }

  /** The results of the last build that reported on stage `stageIndex` of the document. */
  stage(uri: vscode.Uri, stageIndex: number): StageResult | undefined {
    return this.reports.get(uri.toString())?.get(stageIndex);
  }

  /** Reads a finished build's output; `startedAt` is when the build started (saves after it count for the next). */
  async record(document: vscode.TextDocument, target: string | undefined, output: string, startedAt: number): Promise<BuildReport> {
    const uri = document.uri.toString();
    const steps = parsePlainProgress(output);
    const key = `${uri}\n${target ?? ''}`;
    const previous = this.lastBuild.get(key);
    this.lastBuild.set(key, startedAt);
    const report: BuildReport = { uri, target, at: Date.now(), stages: [], unmatched: [], compared: false, disagreements: [] };
    if (steps.length === 0) {
      this.log.info(`build of ${target ?? 'the last stage'}: no BuildKit step output to read (legacy builder, or a --progress in the extra arguments)`);
      return report;
    }
    const graph = await this.graphs.get(document);
    const stages = graph?.stages.map((s) => ({ index: s.index, name: s.name })) ?? [];
    // the prediction: for the files saved since this target's previous build, else for "a source file changed"
    const changedFiles = previous === undefined ? undefined
      : [...new Set(this.saves.filter((s) => s.at >= previous && s.at <= startedAt).map((s) => s.uri.toString()))];
    const prediction = await this.explain(document, target, changedFiles);
    const matched = matchPredictions(steps, prediction?.steps ?? [], stages);
    const byStage = new Map<number, StageResult & { at: number }>();
    for (const m of matched) {
      if (m.stageIndex === undefined) {
        report.unmatched.push(m.step);
        continue;
      }
      let r = byStage.get(m.stageIndex);
      if (!r) {
        r = { stageIndex: m.stageIndex, summary: { stage: m.step.stage, steps: 0, cached: 0, built: 0, failed: 0, seconds: 0 }, steps: [], at: report.at };
        byStage.set(m.stageIndex, r);
      }
      const info = m.predicted && prediction?.steps.find((p) => p.stageIndex === m.predicted!.stageIndex && p.line === m.predicted!.line);
      r.steps.push({
        step: m.step,
        startLine: info?.range.start.line,
        endLine: info?.range.end.line,
        predicted: changedFiles !== undefined ? m.predicted?.status : undefined,
      });
    }
    for (const r of byStage.values()) r.summary = summarize(r.steps.map((s) => s.step))[0];
    const kept = this.reports.get(uri) ?? new Map<number, StageResult & { at: number }>();
    for (const [i, r] of byStage) kept.set(i, r);
    this.reports.set(uri, kept);
    report.stages = [...byStage.values()];

    const label = (i: number) => stages.find((s) => s.index === i)?.name ?? `stage ${i}`;
    for (const r of report.stages) this.log.info(`build of ${target ?? 'the last stage'}: ${label(r.stageIndex)}: ${summaryTitle(r.summary)}`);
    if (changedFiles !== undefined && prediction) {
      report.compared = true;
      report.changed = changedFiles;
      report.disagreements = disagreements(matched);
      const what = changedFiles.length === 0 ? 'no file saved' : `${changedFiles.length} file(s) saved`;
      if (report.disagreements.length === 0) this.log.info(`build of ${target ?? 'the last stage'}: the prediction (${what} since the previous build) agreed with BuildKit`);
      for (const d of report.disagreements) this.log.warn(d);
    } else if (changedFiles === undefined) {
      this.log.info(`build of ${target ?? 'the last stage'}: first build this session, so no prediction to compare`);
    }
    this.changed.fire(report);
    return report;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const stages = this.reports.get(document.uri.toString());
    if (!stages) return [];
    const graph = await this.graphs.get(document);
    const lenses: vscode.CodeLens[] = [];
    for (const r of stages.values()) {
      const line = graph?.stages.find((s) => s.index === r.stageIndex)?.range.start.line;
      if (line === undefined || line >= document.lineCount) continue;
      lenses.push(new vscode.CodeLens(document.lineAt(line).range, {
        title: summaryTitle(r.summary),
        tooltip: r.steps.map((s) => `${s.step.index}/${s.step.total} ${s.step.instruction}: ${outcomeText(s.step)}`).join('\n'),
        command: '',
      }));
    }
    return lenses;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const stages = this.reports.get(document.uri.toString());
    if (!stages) return undefined;
    for (const r of stages.values()) {
      for (const s of r.steps) {
        if (s.startLine === undefined || position.line < s.startLine || position.line > (s.endLine ?? s.startLine)) continue;
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**Last build** (step ${s.step.index}/${s.step.total}): ${escape(outcomeText(s.step))}`);
        if (s.predicted && s.predicted !== 'depends' && s.predicted !== 'unknown') {
          const agreed = (s.predicted === 'reused') === (s.step.outcome === 'cached');
          md.appendMarkdown(`\n\npredicted: ${s.predicted === 'reused' ? 'cached' : 'rebuilt'}${agreed ? '' : ' (disagreed)'}`);
        }
        return new vscode.Hover(md, new vscode.Range(s.startLine, 0, s.endLine ?? s.startLine, document.lineAt(s.endLine ?? s.startLine).text.length));
      }
    }
    return undefined;
  }

  private async explain(document: vscode.TextDocument, target: string | undefined, changed: string[] | undefined): Promise<ExplainResult | undefined> {
    const client = this.client();
    if (!client || !client.isRunning()) return undefined;
    const params: ExplainParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) }, target, changed };
    try {
      return (await client.sendRequest<ExplainResult | null>(ExplainRequest, params)) ?? undefined;
    } catch (err) {
      this.log.warn(`stagecraft/explain failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
