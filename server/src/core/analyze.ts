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
  const lines = new LineIndex(text);
  const internalErrors: string[] = [];
  const parsed = parseIncrementally(text, options.previous?.parsed);
  const dockerfile = parsed ? parsed.dockerfile : parse(text);
  mark('parse');
  if (!dockerfile) return { text, lines, model: null, findings: [], internalErrors: ['parser failed'] };
  let model: StageModel;
  try {
    model = buildModel(dockerfile, text, { targets: config.targets, buildArgs: config.buildArgs }, lines);
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
  for (const rule of rules.values()) {
    const severity = effectiveSeverity(rule, config, check);
    if (severity === 'off') continue;
    try {
      rule.check({
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
  return { text, lines, model, findings: kept, internalErrors, parsed };
}

/** The incremental parse of `text` (from `previous` when given), or undefined when it failed (the caller then parses as before). */
function parseIncrementally(text: string, previous: ParseState | undefined): ParseState | undefined {
  try {
    return previous ? reparse(previous, text) : parseState(text);
  } catch {
    return undefined;
  }
}
