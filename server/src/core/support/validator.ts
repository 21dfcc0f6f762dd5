/**
 * dockerfile-utils' validator, run once per analysis (memoised per model) and mapped to
 * syntax/ rules. Only true syntax and semantic errors are mapped: what the validator reports
 * that BuildKit treats as a check (casing, empty continuation lines, MAINTAINER, several
 * CMDs, relative WORKDIR, duplicate stage names, an empty base name) or as style is left to
 * the buildkit/ rules or dropped.
 */
import { Arg, Dockerfile, From, Onbuild } from 'dockerfile-ast';
import { validate, ValidationCode, ValidationSeverity } from 'dockerfile-utils';
import { sameStageMembers, type StageModel } from '../model/stages';
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
 * The library checks a FROM's stage name with `/^[a-z]([a-z0-9_\-.]*)*$/`, whose nested quantifier
 * backtracks exponentially over a long name with a character outside the class (a FROM continued onto
 * `LABEL ORG.OPENCONTAINERS.IMAGE.TITLE=X` took 5 s). The same language without the nesting
 * decides such a name first, and the library's own problem is made for it; a valid name still goes
 * to the library's check (which matches it at once).
 */
const STAGE_NAME = /^[a-z][a-z0-9_\-.]*$/;
type ArgumentCheck = (index: number, argument: string, range: Range) => unknown;
const checkArguments = validatorProto?.checkArguments as ((this: object, instruction: { getKeyword(): string; getInstructionRange(): Range }, problems: unknown[], expected: number[], validate: ArgumentCheck, ...rest: unknown[]) => unknown) & { stagecraftLinearStageName?: true } | undefined;
const createInvalidBuildStageName = (Validator as unknown as { createInvalidBuildStageName?(line: number, range: Range, name: string): unknown }).createInvalidBuildStageName;
if (validatorProto && typeof checkArguments === 'function' && !checkArguments.stagecraftLinearStageName && typeof createInvalidBuildStageName === 'function') {
  const linear = function (this: object, instruction: Parameters<typeof checkArguments>[0], problems: unknown[], expected: number[], validate: ArgumentCheck, ...rest: unknown[]): unknown {
    if (typeof validate !== 'function' || instruction?.getKeyword?.() !== 'FROM') return checkArguments.call(this, instruction, problems, expected, validate, ...rest);
    const check: ArgumentCheck = (index, argument, range) => {
      const name = typeof argument === 'string' ? argument.toLowerCase() : undefined;
      if (index === 2 && name !== undefined && !STAGE_NAME.test(name)) {
        return createInvalidBuildStageName.call(Validator, instruction.getInstructionRange().start.line, range, name);
      }
      return validate(index, argument, range);
    };
    return checkArguments.call(this, instruction, problems, expected, check, ...rest);
  } as typeof checkArguments;
  linear.stagecraftLinearStageName = true;
  validatorProto.checkArguments = linear;
}

/** The validator's settings: fixed, so that per-instruction answers can be kept. */
const SETTINGS = {
  deprecatedMaintainer: OFF, directiveCasing: OFF, emptyContinuationLine: OFF, instructionCasing: OFF,
  instructionCmdMultiple: OFF, instructionEntrypointMultiple: OFF, instructionHealthcheckMultiple: OFF,
  instructionWorkdirRelative: OFF, instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
} as const;

const cache = new WeakMap<StageModel, ValidatorProblem[]>();

type Spot = { line: number; character: number };
type Diagnostics = ReturnType<typeof validate>;
type ValidatorDocument = Parameters<Validator['validate']>[0];
type ValidatorInternals = {
  document: unknown;
  checkDirectives(dockerfile: unknown, problems: unknown[]): void;
  createDuplicateBuildStageNameDiagnostics(problems: unknown[], froms: unknown[]): void;
  validateInstruction(document: unknown, escapeChar: string, instruction: unknown, keyword: string, isTrigger: boolean, problems: unknown[]): void;
  checkVariables(instruction: unknown, problems: unknown[]): void;
};
type ValidatorStatics = { createNoSourceImage(start: unknown, end: unknown): unknown };

/**
 * What the validator keeps on the parse's objects (an incremental parse reuses the objects of the
 * text an edit did not touch, each with the same text at the same position):
 * - on an instruction, its own problems (`validateInstruction`, then `checkVariables`) with what
 *   they read beyond the instruction (`Read`);
 * - on a FROM, the problems of its whole stage (itself and the instructions up to the next FROM),
 *   with the instructions they came from;
 * - on the first FROM, the duplicate stage names found among the FROMs, with the FROMs;
 * - on a comment, whether it is the library's `dockerfile-utils: ignore` marker.
 */
const KEPT = Symbol('stagecraft.validatorProblems');
const KEPT_STAGE = Symbol('stagecraft.validatorStageProblems');
const KEPT_STAGE_NAMES = Symbol('stagecraft.validatorStageNames');
const IGNORE_COMMENT = Symbol('stagecraft.validatorIgnoreComment');

/**
 * What the check of an instruction reads beyond the instruction itself and the escape character
 * (found in dockerfile-utils' `validateInstruction`):
 * - FROM: whether its first variable is defined (asked when that variable is the whole base name),
 *   which is its resolution against the ARGs before the first FROM: those ARG objects;
 * - EXPOSE and STOPSIGNAL: their arguments with variables expanded (STOPSIGNAL also asks whether
 *   each variable is defined), which depends on the instructions before: not kept when the
 *   instruction holds a `$`;
 * - every other keyword: nothing ('').
 */
type Read = '' | readonly unknown[];
type Kept = { escape: string; read: Read; problems: unknown[] };
type StageKept = { escape: string; read: Read; members: unknown[]; onbuilds: OnbuildLike[]; problems: unknown[] };
type OnbuildLike = { getTriggerInstruction(): { getKeyword(): string } | null };
type InstructionLike = {
  [KEPT]?: Kept;
  [KEPT_STAGE]?: StageKept;
  getKeyword(): string;
  getInstructionRange(): { start: Spot; end: Spot };
  getRange(): { start: Spot; end: Spot };
  getVariables(): unknown[];
  getTextContent(): string;
};
type ParsedInternals = {
  getInstructions(): InstructionLike[];
  getInitialARGs(): unknown[];
  getEscapeCharacter(): string;
  getComments(): CommentLike[];
};
type CommentLike = { getContent(): string; getRange(): { start: Spot }; [IGNORE_COMMENT]?: boolean };

/** What the instruction's check reads beyond itself (see `Read`), or undefined when it is not to be kept. */
function readOf(instruction: InstructionLike, keyword: string, dockerfile: ParsedInternals): Read | undefined {
  if (keyword === 'FROM') {
    const variables = withoutVariableResolution(() => instruction.getVariables());
    if (!Array.isArray(variables)) return undefined;
    return variables.length ? dockerfile.getInitialARGs() : '';
  }
  if (keyword === 'EXPOSE' || keyword === 'STOPSIGNAL') {
    const text = instruction.getTextContent();
    return typeof text === 'string' && !text.includes('$') ? '' : undefined;
  }
  return '';
}

function sameRead(a: Read, b: Read): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string' || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const before = (a: Spot, b: Spot) => a.line < b.line || (a.line === b.line && a.character <= b.character);
/** Whether a validator problem's range lies inside the instruction's own range. */
function withinInstruction(problem: unknown, instruction: InstructionLike): boolean {
  const r = (problem as { range?: { start: Spot; end: Spot } }).range;
  const own = instruction.getRange();
  return !!r && !!own && before(own.start, r.start) && before(r.end, own.end);
}

interface Run {
  v: ValidatorInternals;
  document: ValidatorDocument;
  dockerfile: ParsedInternals;
  escapeChar: string;
}

/**
 * Adds the problems of one instruction (`validateInstruction`, then `checkVariables`, as the library
 * runs them), kept or worked out. Returns what they read when they are kept on the instruction,
 * else undefined.
 */
function instructionProblems(run: Run, instruction: InstructionLike, keyword: string, out: unknown[]): Read | undefined {
  const read = readOf(instruction, keyword, run.dockerfile);
  const kept = instruction[KEPT];
  if (read !== undefined && kept && kept.escape === run.escapeChar && sameRead(kept.read, read)) {
    for (const p of kept.problems) out.push(p);
    return read;
  }
  const own: unknown[] = [];
  run.v.validateInstruction(run.document, run.escapeChar, instruction, keyword, false, own);
  // every variable use starts with a `$` in the instruction's text: without one the check finds nothing
  if (instruction.getTextContent().includes('$')) run.v.checkVariables(instruction, own);
  for (const p of own) out.push(p);
  // a problem reaching outside the instruction was worked out from text beyond it (an EXPOSE with a bad
  // protocol can end at the end of the document): such answers are not the instruction's own to keep
  if (read === undefined || !own.every((p) => withinInstruction(p, instruction))) return undefined;
  instruction[KEPT] = { escape: run.escapeChar, read, problems: own };
  return read;
}

/** The stage kept on a FROM at `at`, when its instructions are the same objects and it read the same. */
function keptStage(run: Run, instructions: InstructionLike[], at: number): StageKept | undefined {
  const from = instructions[at];
  const kept = from[KEPT_STAGE];
  if (!kept || kept.escape !== run.escapeChar) return undefined;
  // the members start with the FROM itself
  if (!sameStageMembers(instructions, at, kept.members)) return undefined;
  const read = readOf(from, from.getKeyword(), run.dockerfile);
  return read !== undefined && sameRead(kept.read, read) ? kept : undefined;
}

/** The duplicate stage names check (it reads each FROM's stage name and range), kept on the first FROM. */
function stageNameProblems(v: ValidatorInternals, froms: InstructionLike[], out: unknown[]): void {
  if (!froms.length) return v.createDuplicateBuildStageNameDiagnostics(out, froms);
  const holder = froms[0] as { [KEPT_STAGE_NAMES]?: { froms: unknown[]; problems: unknown[] } };
  const kept = holder[KEPT_STAGE_NAMES];
  if (kept && kept.froms.length === froms.length && kept.froms.every((f, i) => f === froms[i])) {
    for (const p of kept.problems) out.push(p);
    return;
  }
  const own: unknown[] = [];
  v.createDuplicateBuildStageNameDiagnostics(own, froms);
  holder[KEPT_STAGE_NAMES] = { froms, problems: own };
  for (const p of own) out.push(p);
}

/** With these settings the library's checks for several CMD, ENTRYPOINT or HEALTHCHECK in a stage report nothing. */
const DUPLICATES_OFF = SETTINGS.instructionCmdMultiple === OFF && SETTINGS.instructionEntrypointMultiple === OFF && SETTINGS.instructionHealthcheckMultiple === OFF;
const libraryShape = !!validatorProto && ['checkDirectives', 'createDuplicateBuildStageNameDiagnostics', 'validateInstruction', 'checkVariables'].every((m) => typeof validatorProto[m] === 'function')
  && typeof (Validator as unknown as Partial<ValidatorStatics>).createNoSourceImage === 'function';

/**
 * dockerfile-utils' `Validator.validate(document)` over a parse of the document's text: the
 * library's checks in the library's order (so the same problems in the same order), each answer
 * that depends only on parsed objects an incremental parse reused taken from them (see `KEPT`).
 * The library's checks for several CMDs, ENTRYPOINTs or HEALTHCHECKs are off in these settings and
 * not walked. `test/core/validator.test.ts` compares it with the library's `validate()`.
 */
function validateKept(document: ValidatorDocument, parsed: Dockerfile): Diagnostics {
  const v = new Validator({ ...SETTINGS }) as unknown as ValidatorInternals;
  const statics = Validator as unknown as ValidatorStatics;
  const dockerfile = parsed as unknown as ParsedInternals;
  v.document = document;
  const run: Run = { v, document, dockerfile, escapeChar: dockerfile.getEscapeCharacter() };
  const problems: unknown[] = [];
  v.checkDirectives(dockerfile, problems);
  const instructions = dockerfile.getInstructions();
  // no instructions, or only ARGs
  if (instructions.every((i) => i instanceof Arg)) problems.push(statics.createNoSourceImage(document.positionAt(0), document.positionAt(0)));
  // the loop's problems come after those of the duplicate stage names, which needs the FROMs the loop finds
  const own: unknown[] = [];
  const froms: InstructionLike[] = [];
  const onbuilds: OnbuildLike[] = [];
  let hasFrom = false;
  for (let i = 0; i < instructions.length;) {
    const instruction = instructions[i];
    const keyword = instruction.getKeyword();
    if (!(instruction instanceof From)) {
      if (keyword === 'FROM') {
        hasFrom = true;
      } else if (!hasFrom && keyword !== 'ARG') {
        // first non-ARG instruction is not a FROM
        const range = instruction.getInstructionRange();
        own.push(statics.createNoSourceImage(range.start, range.end));
        hasFrom = true;
      }
      instructionProblems(run, instruction, keyword, own);
      if (instruction instanceof Onbuild) onbuilds.push(instruction as unknown as OnbuildLike);
      i++;
      continue;
    }
    // a FROM and its stage (keyword FROM, as every From is)
    hasFrom = true;
    const from = instruction as InstructionLike;
    froms.push(from);
    const kept = keptStage(run, instructions, i);
    if (kept) {
      for (const p of kept.problems) own.push(p);
      for (const o of kept.onbuilds) onbuilds.push(o);
      i += kept.members.length;
      continue;
    }
    const stage: StageKept = { escape: run.escapeChar, read: '', members: [], onbuilds: [], problems: [] };
    let keepable = true;
    for (let k = i; k < instructions.length && (k === i || !(instructions[k] instanceof From)); k++) {
      const member = instructions[k];
      const read = instructionProblems(run, member, k === i ? keyword : member.getKeyword(), stage.problems);
      if (read === undefined) keepable = false;
      else if (k === i) stage.read = read;
      stage.members.push(member);
      if (member instanceof Onbuild) stage.onbuilds.push(member as unknown as OnbuildLike);
    }
    for (const p of stage.problems) own.push(p);
    for (const o of stage.onbuilds) onbuilds.push(o);
    from[KEPT_STAGE] = keepable ? stage : undefined;
    i += stage.members.length;
  }
  stageNameProblems(v, froms, problems);
  for (const p of own) problems.push(p);
  for (const onbuild of onbuilds) {
    const trigger = onbuild.getTriggerInstruction();
    if (trigger) v.validateInstruction(document, run.escapeChar, trigger, trigger.getKeyword(), true, problems);
  }
  const ignoredLines: number[] = [];
  for (const comment of dockerfile.getComments()) {
    let ignore = comment[IGNORE_COMMENT];
    if (ignore === undefined) ignore = comment[IGNORE_COMMENT] = comment.getContent() === 'dockerfile-utils: ignore';
    if (ignore) ignoredLines.push(comment.getRange().start.line);
  }
  if (!ignoredLines.length) return problems as Diagnostics;
  const list = problems as { instructionLine?: number | null }[];
  problemsCheck: for (let i = 0; i < list.length; i++) {
    if (list[i].instructionLine !== null) {
      for (const ignoredLine of ignoredLines) {
        if (ignoredLine + 1 === list[i].instructionLine) {
          list.splice(i, 1);
          i--;
          continue problemsCheck;
        }
      }
    }
  }
  return problems as Diagnostics;
}

/**
 * The library's `validate(text, settings)`: run by `validateKept` over the parse's own text document
 * when it holds the same text (its line offsets are then already worked out), else by the library.
 */
function validateText(model: StageModel): Diagnostics {
  const own = (model.dockerfile as unknown as { document?: ValidatorDocument & { getText?(): string } }).document;
  if (libraryShape && DUPLICATES_OFF && own && typeof own.getText === 'function' && typeof own.offsetAt === 'function' && typeof own.positionAt === 'function' && own.getText() === model.text) {
    return validateKept(own, model.dockerfile);
  }
  return withParsed(model.dockerfile, model.text, () => validate(model.text, { ...SETTINGS }));
}

function toProblems(raw: Diagnostics): ValidatorProblem[] {
  return raw.map((d) => ({
    code: Number(d.code),
    message: typeof d.message === 'string' ? d.message : d.message.value,
    range: { start: { ...d.range.start }, end: { ...d.range.end } },
  }));
}

/** The validator's problems for the model's text (computed once per model). */
export function validatorProblems(model: StageModel): ValidatorProblem[] {
  let problems = cache.get(model);
  if (problems) return problems;
  try {
    problems = toProblems(validateText(model));
  } catch {
    problems = [];
  }
  cache.set(model, problems);
  return problems;
}

/** For tests: the library's own `validate()` of a text with the same settings, as `validatorProblems` maps it. */
export function libraryValidatorProblems(text: string): ValidatorProblem[] {
  return toProblems(validate(text, { ...SETTINGS }));
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
