import { Instruction } from 'dockerfile-ast';
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
import { preludeInstructions } from './support/buildkit';
import { ancestry } from './model/stage-facts';
import { Rule, Report, RuleContext, toFinding } from './rules/rule';

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
  /** What every stage's inputs are (see `stageInputs`). */
  inputs: StageInputs;
  /** Per stage index, what the stage-scoped rules found there. */
  byStage: StageEntry[];
  /** Stage-scoped checks run, and answered from the previous analysis (for tracing and tests). */
  ran: number;
  kept: number;
}

/** One stage's findings of one stage-scoped rule, with the dedupe key of each (`Report.key`) when any has one. */
interface KeptFindings {
  severity: Severity;
  findings: Finding[];
  keys?: (string | undefined)[];
}

/** What the stage-scoped rules found in one stage. */
interface StageEntry {
  /** The rules that ran, with their severities. */
  rules: string;
  /** False when a rule threw there (its findings are not kept). */
  complete: boolean;
  /** By the rule's place in the registry. */
  results: (KeptFindings | undefined)[];
  /** The findings, without and with a dedupe key. */
  plain: Finding[];
  keyed: { rule: number; key: string; finding: Finding }[];
}

const NONE = new Map<Severity, KeptFindings>();
/** No findings at a severity (shared: most stages have none for most rules). */
function none(severity: Severity): KeptFindings {
  let k = NONE.get(severity);
  if (!k) NONE.set(severity, (k = { severity, findings: [] }));
  return k;
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
  const incremental = !!(options.incremental || options.previous);
  const ruleContext = (rule: Rule, severity: Severity, into: Finding[], keys?: (string | undefined)[]): RuleContext => ({
    model,
    context: view,
    check,
    report: (r: Report) => {
      into.push(toFinding(rule, r, severity));
      if (keys) keys[into.length - 1] = r.key;
    },
  });
  const guarded = (rule: Rule, run: () => void): boolean => {
    try {
      run();
      return true;
    } catch (e) {
      internalErrors.push(`${rule.id}: ${(e as Error)?.stack ?? e}`);
      return false;
    }
  };
  // the enabled rules: whole-file ones run now, stage-scoped ones below, stage by stage
  const scoped: { rule: Rule & { checkStage: NonNullable<Rule['checkStage']> }; index: number; severity: Severity }[] = [];
  let ruleIndex = -1;
  for (const rule of rules.values()) {
    ruleIndex++;
    const setting = effectiveSeverity(rule, config, check);
    if (setting === 'off') continue;
    const severity = setting as Severity;
    if (rule.checkStage) scoped.push({ rule: rule as (typeof scoped)[number]['rule'], index: ruleIndex, severity });
    else guarded(rule, () => rule.check?.(ruleContext(rule, severity, findings)));
  }
  let keep: StageFindings | undefined;
  if (scoped.length) {
    // one-shot callers keep nothing: no inputs to compare, no findings kept per stage
    const inputs = incremental ? stageInputs(model) : { file: [], what: [], own: [], lineage: [], sources: [], endsWithBreak: false };
    keep = { context: view, check: checkKey, inputs, byStage: [], ran: 0, kept: 0 };
    const earlier = incremental ? options.previous?.stageFindings : undefined;
    // per stage: whether its inputs, and its inputs with its copy sources, are those of the previous analysis
    const same = earlier && earlier.context === view && earlier.check === checkKey ? sameInputs(earlier.inputs, inputs) : undefined;
    const rulesKey = scoped.map((r) => `${r.index}${r.severity}`).join(',');
    // findings with a dedupe key (`Report.key`), in stage order, by rule
    const keyed: { rule: number; key: string; finding: Finding }[] = [];
    for (const stage of model.stages) {
      const i = stage.index;
      const earlierStage = same ? earlier!.byStage[i] : undefined;
      // a stage whose every input is unchanged, under the same rules: all its findings at once
      if (earlierStage?.complete && earlierStage.rules === rulesKey && same!.withCopySources[i]) {
        findings.push(...earlierStage.plain);
        keyed.push(...earlierStage.keyed);
        keep.kept += scoped.length;
        if (incremental) keep.byStage[i] = earlierStage;
        continue;
      }
      const entry: StageEntry = { rules: rulesKey, complete: true, results: [], plain: [], keyed: [] };
      for (const { rule, index, severity } of scoped) {
        const unchanged = same && (rule.readsCopySources ? same.withCopySources[i] : same.stage[i] || (!!rule.readsInstructions && same.partly(i, rule.readsInstructions)));
        let got = unchanged ? earlierStage?.results[index] : undefined;
        if (got && got.severity === severity) {
          keep.kept++;
        } else {
          const own: Finding[] = [];
          const keys: (string | undefined)[] = [];
          if (!guarded(rule, () => rule.checkStage(ruleContext(rule, severity, own, keys), stage))) {
            findings.push(...own);
            entry.complete = false;
            continue;
          }
          got = own.length ? { severity, findings: own, keys: keys.some((k) => k !== undefined) ? keys : undefined } : none(severity);
          keep.ran++;
        }
        entry.results[index] = got;
        if (!got.keys) entry.plain.push(...got.findings);
        else got.findings.forEach((finding, k) => (got!.keys![k] === undefined ? entry.plain.push(finding) : entry.keyed.push({ rule: index, key: got!.keys![k]!, finding })));
      }
      findings.push(...entry.plain);
      keyed.push(...entry.keyed);
      if (incremental) keep.byStage[i] = entry;
    }
    const seen = new Set<string>();
    for (const k of keyed) {
      const id = `${k.rule} ${k.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      findings.push(k.finding);
    }
    for (const { rule, severity } of scoped) {
      const prelude = rule.checkPrelude;
      if (prelude) guarded(rule, () => prelude.call(rule, ruleContext(rule, severity, findings)));
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
  return { text, lines, model, findings: kept, internalErrors, parsed, stageFindings: incremental ? keep : undefined };
}

/**
 * What a stage-scoped rule may read of each stage: the items before the first FROM, every FROM,
 * the directives, build args and targets (the same for every stage); the stage's index and what it
 * is (target, needed, shipped, in the image); and the items of the stage and of its FROM ancestors
 * (for `readsCopySources`, also of the stages it copies or mounts from and their ancestors).
 *
 * Items are compared by identity: the parse makes a new object for every instruction and comment
 * it parses, and an incremental parse reuses an object only where the text and position of the
 * item are unchanged. So a stage has the same inputs in two analyses only when a stage-scoped rule
 * sees the same there; in a fresh parse every item is new.
 */
interface StageInputs {
  /** What every stage shares. */
  file: unknown[];
  /** Per stage: its index and role. */
  what: string[];
  /** Per stage: its own items (FROM, instructions, then the comments from the end of the stage before it to its own end). */
  own: unknown[][];
  /** Per stage: the stage and its FROM ancestors (a parent is always an earlier stage). */
  lineage: number[][];
  /** Per stage: the stages it copies or mounts from. */
  sources: number[][];
  /** Whether the text ends with a line break. */
  endsWithBreak: boolean;
}

function stageInputs(model: StageModel): StageInputs {
  const { stages, dockerfile } = model;
  const comments = dockerfile.getComments();
  const firstFromLine = stages.length ? stages[0].fromRange.start.line : Infinity;
  const file: unknown[] = [];
  let c = 0;
  while (c < comments.length && comments[c].getRange().start.line < firstFromLine) file.push(comments[c++]);
  file.push(...preludeInstructions(model));
  for (const s of stages) file.push(s.from);
  file.push(dockerfile.getDirectives().map((d) => `${d.getName()}=${d.getValue()}`).join(','), JSON.stringify(model.buildArgs), model.targets.join(','), model.explicitTargets);
  const own: unknown[][] = [];
  for (let k = 0; k < stages.length; k++) {
    const s = stages[k];
    const items: unknown[] = [s.from, ...s.instructions];
    const endLine = k === stages.length - 1 ? Infinity : s.range.end.line;
    while (c < comments.length && comments[c].getRange().start.line <= endLine) items.push(comments[c++]);
    own.push(items);
  }
  const lineage = stages.map((s) => ancestry(model, s.index).map((a) => a.index));
  const sources: number[][] = stages.map(() => []);
  for (const e of model.edges) if (e.kind !== 'from' && !sources[e.to].includes(e.from)) sources[e.to].push(e.from);
  return {
    file,
    what: stages.map((s) => [model.targets.includes(s.index), model.needed.has(s.index), model.shipped.has(s.index), model.inImage.has(s.index)].join(',')),
    own,
    lineage,
    sources,
    endsWithBreak: model.text.endsWith('\n') || model.text.endsWith('\r'),
  };
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

interface SameInputs {
  /** Per stage of `now`: whether a stage-scoped rule sees the same inputs there as in `before`. */
  stage: boolean[];
  /** The same, with the stages it copies or mounts from (for `readsCopySources`). */
  withCopySources: boolean[];
  /** Whether a rule that reads only these instructions of the stage (`readsInstructions`) sees the same inputs there. */
  partly(stage: number, keywords: readonly string[]): boolean;
}

/** Per stage of `now`: whether a stage-scoped rule sees the same inputs there as in `before`. */
function sameInputs(before: StageInputs, now: StageInputs): SameInputs {
  const n = now.own.length;
  if (!sameList(before.file, now.file)) return { stage: new Array(n).fill(false), withCopySources: new Array(n).fill(false), partly: () => false };
  const own = now.own.map((items, i) => i < before.own.length && sameList(before.own[i], items));
  // all but the stage's own items: its place and role, and its ancestors' items
  const around = (i: number) => i < before.lineage.length && sameList(before.lineage[i], now.lineage[i]) && now.lineage[i].every((j) => j === i || own[j]) && before.what[i] === now.what[i];
  const chain = (i: number) => i < before.lineage.length && sameList(before.lineage[i], now.lineage[i]) && now.lineage[i].every((j) => own[j]);
  const stage = now.own.map((_, i) => chain(i) && before.what[i] === now.what[i]);
  const withCopySources = stage.map((ok, i) => ok && sameList(before.sources[i], now.sources[i]) && now.sources[i].every(chain));
  const partly = (i: number, keywords: readonly string[]): boolean => {
    // a fix that deletes the file's last line reaches back to the end of the line before it (any instruction's)
    if (i === n - 1 && !now.endsWithBreak) return false;
    if (i >= before.own.length || !around(i)) return false;
    const b = byKeyword(before.own[i]);
    const a = byKeyword(now.own[i]);
    if (b.from !== a.from || !sameList(b.get('#'), a.get('#'))) return false;
    return keywords.every((k) => sameList(b.get(k), a.get(k)));
  };
  return { stage, withCopySources, partly };
}

const NO_ITEMS: readonly unknown[] = [];
/** A stage's own items (FROM first) by instruction keyword, comments under `#`; kept per items list. */
const keywordLists = new WeakMap<unknown[], { from: unknown; get(k: string): readonly unknown[] }>();
function byKeyword(items: unknown[]): { from: unknown; get(k: string): readonly unknown[] } {
  const hit = keywordLists.get(items);
  if (hit) return hit;
  const lists = new Map<string, unknown[]>();
  for (let k = 1; k < items.length; k++) {
    const item = items[k];
    const key = item instanceof Instruction ? item.getKeyword() : '#';
    const list = lists.get(key);
    if (list) list.push(item);
    else lists.set(key, [item]);
  }
  const kept = { from: items[0], get: (k: string): readonly unknown[] => lists.get(k) ?? NO_ITEMS };
  keywordLists.set(items, kept);
  return kept;
}

/** The incremental parse of `text` (from `previous` when given), or undefined when it failed (the caller then parses as before). */
function parseIncrementally(text: string, previous: ParseState | undefined): ParseState | undefined {
  try {
    return previous ? reparse(previous, text) : parseState(text);
  } catch {
    return undefined;
  }
}
