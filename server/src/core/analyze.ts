import { parse } from './parse';
import { ParseState, parseState, reparse } from './incremental-parse';
import { validatorProblems } from './support/validator';
import type { Finding, Severity, SeveritySetting } from './types';
import { LineIndex, comparePositions } from './text';
import { buildModel, StageModel } from './model/stages';
import { BuildContextFacts, ContextView } from './context';
import type { StagecraftConfig } from './config';
import { CheckDirective, checkEnabled, readCheckDirective } from './check-directive';
import { readSuppressions, isSuppressed } from './suppress';
import { rules } from './rules/registry';
import { Rule, Report, toFinding } from './rules/rule';

export interface Analysis {
  text: string;
  lines: LineIndex;
  /** Null only when the parser itself failed. */
  model: StageModel | null;
  findings: Finding[];
  /** Rules that threw (a bug, never shown as a finding): `<rule id>: <message>`. */
  internalErrors: string[];
  /** What the next analysis of an edited version of this text reuses (see `incremental-parse.ts`). */
  parsed?: ParseState;
  /** Findings of stage-scoped rules by rule, severity and stage inputs (see `stageInputs`), for the next analysis. */
  stageFindings?: StageFindings;
}

interface StageFindings {
  context: ContextView;
  check: string;
  /** The inputs every stage shares (see `stageInputs`). */
  file: string;
  /** Per stage inputs, the findings of each stage-scoped rule by `<rule id> <severity>`. */
  byStage: Map<string, Map<string, Finding[]>>;
  /** Stage-scoped checks run, and answered from the previous analysis (for tracing and tests). */
  ran: number;
  kept: number;
}

/** The phases of an analysis, in order, as `AnalyzeOptions.mark` names them when each one ends. */
export type AnalysisPhase = 'parse' | 'model' | 'validator' | 'rules' | 'suppress';

export interface AnalyzeOptions {
  /**
   * The analysis of an earlier version of the same document: its parse of the unchanged
   * instructions is reused. It must be the newest analysis made from that document, and is
   * not to be used afterwards (the reused instructions belong to the new analysis).
   */
  previous?: Analysis;
  /**
   * Keep what the next analysis of an edited version needs (`Analysis.parsed`): editors want it,
   * one-shot callers (the CLI) do not pay for it.
   */
  incremental?: boolean;
  /** Called as each phase ends (the caller reads its own clock: the core has none). */
  mark?(phase: AnalysisPhase): void;
}

/** The severity a rule runs at, or 'off'. Config beats `# check=`, which beats the default. */
export function effectiveSeverity(rule: Rule, config: StagecraftConfig, check: CheckDirective): SeveritySetting {
  const configured = config.rules?.[rule.id];
  if (configured) return configured;
  if (rule.buildkit) {
    // As BuildKit: names match exactly; skip never applies to experimental checks.
    if (!checkEnabled(check, rule.buildkit, !!rule.experimental)) return 'off';
    if (check.error) return 'error';
  } else if (rule.experimental) {
    return 'off';
  }
  return rule.severity;
}

/** Views are immutable and the callers cache their facts objects: build each view (path set, .dockerignore matcher) once, not per keystroke. */
const views = new WeakMap<BuildContextFacts, ContextView>();
function contextView(context: BuildContextFacts): ContextView {
  let view = views.get(context);
  if (!view) {
    view = new ContextView(context);
    views.set(context, view);
  }
  return view;
}

/**
 * Analyses a Dockerfile: the stage model and every enabled rule's findings,
 * suppressions applied, sorted by position. Pure and total: never throws.
 */
export function analyze(text: string, context: BuildContextFacts = {}, config: StagecraftConfig = {}, options: AnalyzeOptions = {}): Analysis {
  const mark = options.mark ?? (() => {});
  const internalErrors: string[] = [];
  const parsed = options.incremental || options.previous?.parsed ? parseIncrementally(text, options.previous?.parsed) : undefined;
  const lines = new LineIndex(text, parsed?.lineStarts);
  const dockerfile = parsed ? parsed.dockerfile : parse(text);
  mark('parse');
  if (!dockerfile) return { text, lines, model: null, findings: [], internalErrors: ['parser failed'] };
  let model: StageModel;
  try {
    model = buildModel(dockerfile, text, { targets: config.targets, buildArgs: config.buildArgs, keepFacts: !!parsed }, lines);
  } catch (e) {
    return { text, lines, model: null, findings: [], internalErrors: [`model: ${(e as Error)?.stack ?? e}`], parsed };
  }
  mark('model');
  // the validator behind the syntax/ rules runs once per model; run it here so its time is its own
  validatorProblems(model);
  mark('validator');
  const view = contextView(context);
  const check = readCheckDirective(dockerfile, config.buildArgs ?? {});
  const findings: Finding[] = [];
  // stage-scoped findings of the previous analysis apply while the context, checks and file-wide inputs are the same
  const checkKey = JSON.stringify(check);
  const keep: StageFindings | undefined = options.incremental || options.previous ? { context: view, check: checkKey, file: '', byStage: new Map(), ran: 0, kept: 0 } : undefined;
  let inputs: { file: string; stages: string[] } | undefined;
  let before: StageFindings['byStage'] | undefined;
  let perStage: Map<string, Finding[]>[] | undefined;
  for (const rule of rules.values()) {
    const severity = effectiveSeverity(rule, config, check);
    if (severity === 'off') continue;
    if (rule.checkStage) {
      if (!inputs) {
        inputs = stageInputs(model);
        if (keep) {
          keep.file = inputs.file;
          const earlier = options.previous?.stageFindings;
          if (earlier && earlier.context === view && earlier.check === checkKey && earlier.file === inputs.file) before = earlier.byStage;
          perStage = inputs.stages.map((key) => {
            let m = keep.byStage.get(key);
            if (!m) keep.byStage.set(key, (m = new Map()));
            return m;
          });
        }
      }
      const ruleKey = `${rule.id} ${severity}`;
      for (const stage of model.stages) {
        const known = before?.get(inputs.stages[stage.index])?.get(ruleKey);
        if (known) {
          findings.push(...known);
          perStage![stage.index].set(ruleKey, known);
          keep!.kept++;
          continue;
        }
        const own: Finding[] = [];
        try {
          rule.checkStage({ model, context: view, check, report: (r: Report) => own.push(toFinding(rule, r, severity as Severity)) }, stage);
          if (keep) {
            perStage![stage.index].set(ruleKey, own);
            keep.ran++;
          }
        } catch (e) {
          internalErrors.push(`${rule.id}: ${(e as Error)?.stack ?? e}`);
        }
        findings.push(...own);
      }
      continue;
    }
    try {
      rule.check?.({
        model,
        context: view,
        check,
        report: (r: Report) => findings.push(toFinding(rule, r, severity as Severity)),
      });
    } catch (e) {
      internalErrors.push(`${rule.id}: ${(e as Error)?.stack ?? e}`);
    }
  }
  mark('rules');
  let kept = findings;
  try {
    const sup = readSuppressions(dockerfile, (l) => lines.lineText(l), lines.lineCount);
    kept = findings.filter((f) => !isSuppressed(f, rules.get(f.rule), sup));
  } catch (e) {
    internalErrors.push(`suppressions: ${(e as Error)?.stack ?? e}`);
  }
  kept.sort((a, b) => comparePositions(a.range.start, b.range.start) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  mark('suppress');
  return { text, lines, model, findings: kept, internalErrors, parsed, stageFindings: keep };
}

/**
 * What a stage-scoped rule may read of each stage, as one short string per stage: the items
 * before the first FROM, every FROM, the build args and targets (the same for every stage); the
 * stage's index and what it is (target, needed, shipped, in the image); and the items of the stage
 * and of its FROM ancestors, with the line each starts on.
 *
 * Items are named by identity: the parse makes a new object for every instruction and comment it
 * parses, and an incremental parse reuses an object only where the text and position of the item
 * are unchanged. So two analyses give a stage the same string only when a stage-scoped rule sees
 * the same inputs there; in a fresh parse every item is new.
 */
const ITEM_ID = Symbol('stagecraft.itemId');
let nextItemId = 1;
function itemId(item: object): number {
  const o = item as { [ITEM_ID]?: number };
  return o[ITEM_ID] ?? (o[ITEM_ID] = nextItemId++);
}

function stageInputs(model: StageModel): { file: string; stages: string[] } {
  const { stages, dockerfile } = model;
  // each stage's own items: its instructions, and the comments from the end of the stage before it to its own end
  const comments = dockerfile.getComments();
  const own: string[] = [];
  const prelude: number[] = [];
  let c = 0;
  const firstFromLine = stages.length ? stages[0].fromRange.start.line : Infinity;
  while (c < comments.length && comments[c].getRange().start.line < firstFromLine) prelude.push(itemId(comments[c++]));
  for (const i of dockerfile.getInstructions()) {
    if (i.getRange().start.line >= firstFromLine) break;
    prelude.push(itemId(i));
  }
  for (let k = 0; k < stages.length; k++) {
    const s = stages[k];
    const ids = [itemId(s.from)];
    for (const i of s.instructions) ids.push(itemId(i));
    const endLine = k === stages.length - 1 ? Infinity : s.range.end.line;
    const ownComments: number[] = [];
    while (c < comments.length && comments[c].getRange().start.line <= endLine) ownComments.push(itemId(comments[c++]));
    own.push(`${s.fromRange.start.line}:${ids.join(',')}/${ownComments.join(',')}`);
  }
  const file = [
    prelude.join(','),
    dockerfile.getDirectives().map((d) => `${d.getName()}=${d.getValue()}`).join(','),
    stages.map((s) => itemId(s.from)).join(','),
    JSON.stringify(model.buildArgs),
    model.targets.join(','),
    String(model.explicitTargets),
  ].join('|');
  return {
    file,
    stages: stages.map((s) => {
      // the stage and its FROM ancestors (a parent is always an earlier stage)
      const reach: number[] = [s.index];
      for (let p = s.parent; p !== undefined && p < reach[reach.length - 1]; p = stages[p].parent) reach.push(p);
      const what = [s.index, model.targets.includes(s.index), model.needed.has(s.index), model.shipped.has(s.index), model.inImage.has(s.index)].join(',');
      return [what, ...reach.map((i) => own[i])].join(';');
    }),
  };
}

/** The incremental parse of `text` (from `previous` when given), or undefined when it failed (the caller then parses as before). */
function parseIncrementally(text: string, previous: ParseState | undefined): ParseState | undefined {
  try {
    return previous ? reparse(previous, text) : parseState(text);
  } catch {
    return undefined;
  }
}
