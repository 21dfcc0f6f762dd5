/**
 * Shared helpers of the buildkit/ rules: BuildKit's word lexer (variable references),
 * its "did you mean" search, platform and image-reference grammars, the stages a build
 * dispatches, and per-instruction `# check=` comments.
 */
import type { Argument } from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';
import type { Rule, RuleContext, Report } from '../rules/rule';
import type { StageModel, Stage } from '../model/stages';
import type { Range } from '../types';
import { checkEnabled, mergeCheckDirectives, readInstructionChecks } from '../check-directive';
import type { CheckDirective } from '../check-directive';
import { editDistance } from '../text';

export function rangeOf(r: { start: { line: number; character: number }; end: { line: number; character: number } }): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

/** The instructions of the file before the first FROM (all of them when there is none): they belong to no stage. */
export function preludeInstructions(model: StageModel): Instruction[] {
  const firstFrom = model.stages.length ? model.stages[0].fromRange.start.line : Infinity;
  const out: Instruction[] = [];
  for (const i of model.dockerfile.getInstructions()) {
    if (i.getRange().start.line >= firstFrom) break;
    out.push(i);
  }
  return out;
}

/** The range of an instruction's keyword (where instruction-level findings point). */
export function keywordRange(instr: Instruction): Range {
  return rangeOf(instr.getInstructionRange());
}

interface InstructionChecks {
  local: Map<number, CheckDirective>;
  /** Line spans of the instructions, in document order. */
  starts: number[];
  ends: number[];
}
const instructionChecks = new WeakMap<StageModel, InstructionChecks>();

/** The per-instruction `# check=` comments of the model's file, read once per model. */
function instructionChecksOf(model: StageModel): InstructionChecks {
  let c = instructionChecks.get(model);
  if (!c) {
    // a `# check=` comment needs "check" then "=": without one, none to read (a plain search, linear in
    // the text; a pattern anchored at "#" backtracked quadratically over a line of 100,000 "#")
    const local = /check\s*=/i.test(model.text) ? readInstructionChecks(model.dockerfile, (l) => model.lines.lineText(l)) : new Map<number, CheckDirective>();
    const starts: number[] = [];
    const ends: number[] = [];
    if (local.size) {
      for (const i of model.dockerfile.getInstructions()) {
        const r = i.getRange();
        starts.push(r.start.line);
        ends.push(r.end.line);
      }
    }
    c = { local, starts, ends };
    instructionChecks.set(model, c);
  }
  return c;
}

/** The start line of the first instruction whose lines include `line`, or undefined. */
function instructionStartAt(c: InstructionChecks, line: number): number | undefined {
  for (let i = 0; i < c.starts.length; i++) if (c.starts[i] <= line && line <= c.ends[i]) return c.starts[i];
  return undefined;
}

/**
 * Wraps a buildkit/ rule so that a `# check=skip=…` comment just above an instruction
 * silences the rule's findings on that instruction, as BuildKit does.
 */
export function honourInstructionChecks<M extends string>(rule: Rule<M>): Rule<M> {
  if (!rule.buildkit) return rule;
  const filtered = (ctx: RuleContext<M>): RuleContext<M> => {
    const checks = instructionChecksOf(ctx.model);
    if (!checks.local.size) return ctx;
    const report = (r: Report<M>) => {
      const start = instructionStartAt(checks, r.range.start.line);
      const d = start === undefined ? undefined : checks.local.get(start);
      if (d && !checkEnabled(mergeCheckDirectives(ctx.check, d), rule.buildkit!, !!rule.experimental)) return;
      ctx.report(r);
    };
    return { ...ctx, report };
  };
  // a `# check=` comment above an instruction lies in the stage's own text: stage-scoped rules stay stage-scoped
  if (rule.checkStage) {
    const { checkStage, checkPrelude } = rule;
    return {
      ...rule,
      checkStage: (ctx, stage) => checkStage.call(rule, filtered(ctx), stage),
      ...(checkPrelude ? { checkPrelude: (ctx: RuleContext<M>) => checkPrelude.call(rule, filtered(ctx)) } : {}),
    };
  }
  const check = rule.check!;
  return { ...rule, check: (ctx) => check.call(rule, filtered(ctx)) };
}

/**
 * Stages whose instructions BuildKit dispatches (and so checks): every stage for
 * `docker build --check` without a target; only the stages the configured targets
 * need when targets are configured (as a build of those targets checks).
 */
/** The arguments of the EXPOSE instructions of a stage BuildKit dispatches (none for a stage it does not). */
export function exposedPorts(model: StageModel, stage: Stage): Argument[] {
  if (!isDispatched(model, stage)) return [];
  return stage.instructions.filter((i) => i.getKeyword() === 'EXPOSE').flatMap((i) => i.getArguments());
}

/** Whether BuildKit dispatches the stage (see `dispatchedStages`). */
export function isDispatched(model: StageModel, stage: Stage): boolean {
  return !model.explicitTargets || model.needed.has(stage.index);
}

export function dispatchedStages(model: StageModel): Stage[] {
  return model.explicitTargets ? model.stages.filter((s) => model.needed.has(s.index)) : model.stages;
}

/** BuildKit's suggestion: the first option at the smallest edit distance below 3, none on an exact match. */
export function suggest(value: string, options: Iterable<string>, caseSensitive = true): string | undefined {
  const v = caseSensitive ? value : value.toLowerCase();
  let match: string | undefined;
  let min = 3;
  for (const o of options) {
    const opt = caseSensitive ? o : o.toLowerCase();
    if (opt === v) return undefined;
    const d = editDistance(v, opt, 3);
    if (d < min) {
      match = o;
      min = d;
    }
  }
  return match;
}

export interface WordVar {
  name: string;
  /** Offset of the name in the word. */
  offset: number;
}

/**
 * Variable names a BuildKit word expansion looks up, in order: `$x`, `${x}`, `${x:-w}`…
 * (including those inside the modifier word), not in single quotes, not escaped.
 */
export function wordVariables(word: string, escape = '\\'): WordVar[] {
  const out: WordVar[] = [];
  let i = 0;
  let inDouble = false;
  const nameAt = (j: number): string => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(j));
    return m ? m[0] : '';
  };
  while (i < word.length) {
    const c = word[i];
    if (c === escape) {
      i += 2;
      continue;
    }
    if (c === "'" && !inDouble) {
      const end = word.indexOf("'", i + 1);
      i = end < 0 ? word.length : end + 1;
      continue;
    }
    if (c === '"') {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if (c === '$') {
      if (word[i + 1] === '{') {
        const name = nameAt(i + 2);
        if (name) out.push({ name, offset: i + 2 });
        i += 2 + name.length;
        continue;
      }
      const name = nameAt(i + 1);
      if (name) {
        out.push({ name, offset: i + 1 });
        i += 1 + name.length;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** Go's `platforms.Parse` far enough to get OS and architecture; undefined when it would fail. */
export function parsePlatform(value: string): { os: string; arch: string } | undefined {
  const parts = value.split('/');
  if (!parts.length || parts.length > 3 || parts.some((p) => !/^[A-Za-z0-9_.-]+$/.test(p))) return undefined;
  const lower = parts.map((p) => p.toLowerCase());
  const OS = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'android', 'ios', 'aix', 'plan9', 'js', 'wasip1', 'dragonfly']);
  const arch = (a: string): string => ({ x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386', i686: '386', x86: '386' } as Record<string, string>)[a] ?? a;
  if (lower.length === 1) {
    if (OS.has(lower[0])) return { os: lower[0], arch: 'amd64' };
    return { os: 'linux', arch: arch(lower[0]) };
  }
  return { os: lower[0] === 'macos' ? 'darwin' : lower[0], arch: arch(lower[1]) };
}

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** Whether Docker's `reference.ParseNormalizedNamed` accepts the text (an image name, tag and/or digest). */
export function isValidImageReference(ref: string): boolean {
  if (!ref || /^[a-f0-9]{64}$/.test(ref)) return false;
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) {
    if (!DIGEST.test(rest.slice(at + 1))) return false;
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    if (!TAG.test(rest.slice(colon + 1))) return false;
    rest = rest.slice(0, colon);
  }
  if (!rest || rest.length > 255) return false;
  const parts = rest.split('/');
  const first = parts[0];
  const isDomain = parts.length > 1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  if (isDomain) {
    if (!DOMAIN.test(first)) return false;
    parts.shift();
  }
  return parts.length > 0 && parts.every((p) => PATH_COMPONENT.test(p));
}

/** The predefined platform ARGs BuildKit declares for every build. */
export const PLATFORM_ARGS = [
  'BUILDPLATFORM', 'BUILDOS', 'BUILDOSVERSION', 'BUILDARCH', 'BUILDVARIANT',
  'TARGETPLATFORM', 'TARGETOS', 'TARGETOSVERSION', 'TARGETARCH', 'TARGETVARIANT', 'TARGETSTAGE',
];

/** Values the predefined platform ARGs take for a default linux/amd64 build. */
export const PLATFORM_ARG_VALUES: Record<string, string> = {
  BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDOSVERSION: '', BUILDARCH: 'amd64', BUILDVARIANT: '',
  TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETOSVERSION: '', TARGETARCH: 'amd64', TARGETVARIANT: '', TARGETSTAGE: 'default',
};

/**
 * Environment variables well-known base images set, so that `UndefinedVar` can be
 * checked without pulling the image. Images not listed are unknown: their stages are
 * not checked (the image may define any variable).
 */
const IMAGE_ENV: [RegExp, string[]][] = [
  [/^(?:docker\.io\/)?(?:library\/)?(?:alpine|busybox|debian|ubuntu|centos|fedora|amazonlinux|rockylinux|almalinux|archlinux|oraclelinux)(?::|@|$)/, ['PATH']],
  [/^gcr\.io\/distroless\//, ['PATH', 'SSL_CERT_FILE']],
  [/^(?:docker\.io\/)?(?:library\/)?node(?::|@|$)/, ['PATH', 'NODE_VERSION', 'YARN_VERSION']],
  [/^(?:docker\.io\/)?(?:library\/)?python(?::|@|$)/, ['PATH', 'LANG', 'GPG_KEY', 'PYTHON_VERSION', 'PYTHON_SHA256', 'PYTHON_PIP_VERSION', 'PYTHON_SETUPTOOLS_VERSION', 'PYTHON_GET_PIP_URL', 'PYTHON_GET_PIP_SHA256']],
  [/^(?:docker\.io\/)?(?:library\/)?golang(?::|@|$)/, ['PATH', 'GOLANG_VERSION', 'GOTOOLCHAIN', 'GOPATH']],
  [/^(?:docker\.io\/)?(?:library\/)?rust(?::|@|$)/, ['PATH', 'RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION']],
];

/** The variables a stage's base image is known to define, or undefined when unknown. */
export function baseImageEnv(model: StageModel, stage: Stage): string[] | undefined {
  let s: Stage | undefined = stage;
  const seen = new Set<number>();
  while (s && s.parent !== undefined && !seen.has(s.index)) {
    seen.add(s.index);
    s = model.stages[s.parent];
  }
  if (!s) return undefined;
  if (s.scratch) return ['PATH'];
  if (s.baseText.includes('$')) return undefined;
  const ref = s.baseResolved.toLowerCase();
  for (const [re, vars] of IMAGE_ENV) if (re.test(ref)) return vars;
  return undefined;
}

/** The stage at the root of a stage's FROM chain. */
export function rootStage(model: StageModel, stage: Stage): Stage {
  let s = stage;
  const seen = new Set<number>();
  while (s.parent !== undefined && !seen.has(s.index)) {
    seen.add(s.index);
    s = model.stages[s.parent];
  }
  return s;
}

const NO_ENTRYPOINT = /^(?:docker\.io\/)?(?:library\/)?(?:alpine|busybox|debian|ubuntu|centos|fedora|amazonlinux|rockylinux|almalinux|archlinux|oraclelinux|python|golang|rust)(?::|@|$)/;

/** Whether the stage's image is known to have no ENTRYPOINT (none in its FROM chain, and a base known to set none). */
export function knownWithoutEntrypoint(model: StageModel, stage: Stage): boolean {
  let s: Stage | undefined = stage;
  const seen = new Set<number>();
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    if (s.instructions.some((i) => i.getKeyword() === 'ENTRYPOINT')) return false;
    s = s.parent !== undefined ? model.stages[s.parent] : undefined;
  }
  const root = rootStage(model, stage);
  if (root.scratch) return true;
  return !root.baseText.includes('$') && NO_ENTRYPOINT.test(root.baseResolved.toLowerCase());
}
