/**
 * dockerfile-utils' validator, run once per analysis (memoised per model) and mapped to
 * syntax/ rules. Only true syntax and semantic errors are mapped: what the validator reports
 * that BuildKit treats as a check (casing, empty continuation lines, MAINTAINER, several
 * CMDs, relative WORKDIR, duplicate stage names, an empty base name) or as style is left to
 * the buildkit/ rules or dropped.
 */
import { validate, ValidationCode, ValidationSeverity } from 'dockerfile-utils';
import type { StageModel } from '../model/stages';
import { Validator } from 'dockerfile-utils/lib/dockerValidator';
import { withParsed, withoutVariableResolution } from '../parse';
import { defineRule, Rule } from '../rules/rule';
import type { Range, Severity } from '../types';

export interface ValidatorProblem {
  code: number;
  message: string;
  range: Range;
}

const OFF = ValidationSeverity.IGNORE;

/**
 * The validator's check of every instruction's variables reads only their modifiers and ranges,
 * but the parser resolves each variable against its stage as it lists them (a walk of the
 * stage per use). That check runs with resolution turned off; the checks that ask whether a
 * variable is defined (FROM's base name, STOPSIGNAL) still resolve.
 */
const validatorProto = (Validator as unknown as { prototype?: Record<string, unknown> }).prototype;
const checkVariables = validatorProto?.checkVariables as ((this: object, ...args: unknown[]) => unknown) & { stagecraftNamesOnly?: true } | undefined;
if (validatorProto && typeof checkVariables === 'function' && !checkVariables.stagecraftNamesOnly) {
  const namesOnly = function (this: object, ...args: unknown[]): unknown {
    return withoutVariableResolution(() => checkVariables.apply(this, args));
  } as typeof checkVariables;
  namesOnly.stagecraftNamesOnly = true;
  validatorProto.checkVariables = namesOnly;
}

/**
 * Most of the validator's work is per instruction (`validateInstruction`, `checkVariables`), and
 * for every keyword but FROM and STOPSIGNAL (whose checks ask whether a variable is defined, which
 * depends on the instructions before) it depends only on the instruction itself and the escape
 * character. While `validatorProblems` runs with its fixed settings, those answers are kept on
 * the instruction: an incremental parse reuses the instructions an edit did not touch, and with
 * them their answers. (`test/core/incremental.test.ts` compares with a fresh analysis.)
 */
const KEPT_PROBLEMS = Symbol('stagecraft.validatorProblems');
const KEPT_VARIABLE_PROBLEMS = Symbol('stagecraft.validatorVariableProblems');
let keeping = 0;
type Keeps = { [KEPT_PROBLEMS]?: { escape: string; problems: unknown[] }; [KEPT_VARIABLE_PROBLEMS]?: unknown[]; getKeyword?(): string };
const validateInstruction = validatorProto?.validateInstruction as ((this: object, ...args: unknown[]) => unknown) & { stagecraftKept?: true } | undefined;
if (validatorProto && typeof validateInstruction === 'function' && !validateInstruction.stagecraftKept) {
  const keptAnswers = function (this: object, document: unknown, escapeChar: unknown, instruction: Keeps, keyword: unknown, isTrigger: unknown, problems: unknown[]): unknown {
    if (!keeping || isTrigger || keyword === 'FROM' || keyword === 'STOPSIGNAL' || !instruction || typeof instruction !== 'object' || !Array.isArray(problems)) {
      return validateInstruction.call(this, document, escapeChar, instruction, keyword, isTrigger, problems);
    }
    const kept = instruction[KEPT_PROBLEMS];
    if (kept && kept.escape === escapeChar) {
      problems.push(...kept.problems);
      return undefined;
    }
    const own: unknown[] = [];
    const result = validateInstruction.call(this, document, escapeChar, instruction, keyword, isTrigger, own);
    // a problem reaching outside the instruction was worked out from text beyond it (an EXPOSE with a bad
    // protocol can end at the end of the document): such answers are not the instruction's own to keep
    if (own.every((p) => withinInstruction(p, instruction))) instruction[KEPT_PROBLEMS] = { escape: String(escapeChar), problems: own };
    problems.push(...own);
    return result;
  } as typeof validateInstruction;
  keptAnswers.stagecraftKept = true;
  validatorProto.validateInstruction = keptAnswers;
}
const checkVariablesNamesOnly = validatorProto?.checkVariables as ((this: object, ...args: unknown[]) => unknown) & { stagecraftKept?: true } | undefined;
if (validatorProto && typeof checkVariablesNamesOnly === 'function' && !checkVariablesNamesOnly.stagecraftKept) {
  const keptAnswers = function (this: object, instruction: Keeps, problems: unknown[]): unknown {
    if (!keeping || !instruction || typeof instruction !== 'object' || !Array.isArray(problems)) return checkVariablesNamesOnly.call(this, instruction, problems);
    const kept = instruction[KEPT_VARIABLE_PROBLEMS];
    if (kept) {
      problems.push(...kept);
      return undefined;
    }
    const own: unknown[] = [];
    const result = checkVariablesNamesOnly.call(this, instruction, own);
    instruction[KEPT_VARIABLE_PROBLEMS] = own;
    problems.push(...own);
    return result;
  } as typeof checkVariablesNamesOnly;
  keptAnswers.stagecraftKept = true;
  validatorProto.checkVariables = keptAnswers;
}

type Spot = { line: number; character: number };
const before = (a: Spot, b: Spot) => a.line < b.line || (a.line === b.line && a.character <= b.character);
/** Whether a validator problem's range lies inside the instruction's own range. */
function withinInstruction(problem: unknown, instruction: Keeps): boolean {
  const r = (problem as { range?: { start: Spot; end: Spot } }).range;
  const own = (instruction as { getRange?(): { start: Spot; end: Spot } }).getRange?.();
  return !!r && !!own && before(own.start, r.start) && before(r.end, own.end);
}

/** The validator's settings: fixed, so that per-instruction answers can be kept. */
const SETTINGS = {
  deprecatedMaintainer: OFF, directiveCasing: OFF, emptyContinuationLine: OFF, instructionCasing: OFF,
  instructionCmdMultiple: OFF, instructionEntrypointMultiple: OFF, instructionHealthcheckMultiple: OFF,
  instructionWorkdirRelative: OFF, instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
} as const;

const cache = new WeakMap<StageModel, ValidatorProblem[]>();

/** The validator's problems for the model's text (computed once per model). */
export function validatorProblems(model: StageModel): ValidatorProblem[] {
  const cached = cache.get(model);
  if (cached) return cached;
  let problems: ValidatorProblem[];
  {
    try {
      // the validator parses the text again: let it read the model's parse of the same text
      keeping++;
      let raw: ReturnType<typeof validate>;
      try {
        raw = withParsed(model.dockerfile, model.text, () => validate(model.text, { ...SETTINGS }));
      } finally {
        keeping--;
      }
      problems = raw.map((d) => ({
        code: Number(d.code),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        range: { start: { ...d.range.start }, end: { ...d.range.end } },
      }));
    } catch {
      problems = [];
    }
    cache.set(model, problems);
  }
  return problems;
}

export { ValidationCode };

/**
 * A syntax/ rule over some validator codes. `detail` turns the validator's problem into the
 * message's `{detail}` (BuildKit's wording); returning undefined drops the problem.
 */
export function validatorRule(spec: {
  id: string;
  description: string;
  codes: number[];
  severity?: Severity;
  /** Per-problem severity (e.g. a warning for what still builds). */
  severityOf?: (p: ValidatorProblem) => Severity | undefined;
  detail?: (p: ValidatorProblem, model: StageModel) => string | undefined;
}): Rule<'problem'> {
  return defineRule({
    id: spec.id,
    severity: spec.severity ?? 'error',
    description: spec.description,
    messages: { problem: '{detail}' },
    check({ model, report }) {
      for (const p of validatorProblems(model)) {
        if (!spec.codes.includes(p.code)) continue;
        const detail = spec.detail ? spec.detail(p, model) : p.message;
        if (detail === undefined) continue;
        report({ message: 'problem', data: { detail }, range: p.range, severity: spec.severityOf?.(p) });
      }
    },
  });
}

/** Go-style lowercase first letter, as BuildKit's errors read ("unknown flag: x"). */
export function goStyle(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}

/** The number of arguments (flags aside) of the FROM starting on a line. */
export function fromArgCount(model: StageModel, line: number): number {
  const s = model.stages.find((x) => x.fromRange.start.line <= line && line <= x.fromRange.end.line);
  return s ? s.from.getArguments().length : 0;
}
