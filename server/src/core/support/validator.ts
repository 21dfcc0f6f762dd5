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
const cache = new WeakMap<StageModel, ValidatorProblem[]>();

/** The validator's problems for the model's text (computed once per model). */
export function validatorProblems(model: StageModel): ValidatorProblem[] {
  const cached = cache.get(model);
  if (cached) return cached;
  let problems: ValidatorProblem[];
  {
    try {
      // the validator parses the text again: let it read the model's parse of the same text
      problems = withParsed(model.dockerfile, model.text, () => validate(model.text, {
        deprecatedMaintainer: OFF, directiveCasing: OFF, emptyContinuationLine: OFF, instructionCasing: OFF,
        instructionCmdMultiple: OFF, instructionEntrypointMultiple: OFF, instructionHealthcheckMultiple: OFF,
        instructionWorkdirRelative: OFF, instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
      })).map((d) => ({
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
