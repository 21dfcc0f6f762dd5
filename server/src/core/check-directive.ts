import type { Dockerfile } from 'dockerfile-ast';

/**
 * BuildKit's `# check=skip=<rules|all>;error=true;experimental=<rules|all>` directive, or the
 * `BUILDKIT_DOCKERFILE_CHECK` build arg. Semantics follow BuildKit's linter:
 * - rule names are matched exactly (case-sensitive); `skip=all` means all only when the whole value is `all`;
 * - skipping never applies to experimental rules: they run when named in `experimental=` (or `all`);
 * - `error=true` (any Go boolean spelling) turns every check finding into a build error;
 * - an option string BuildKit would reject leaves `invalid` set and no option in force.
 */
export interface CheckDirective {
  skipAll: boolean;
  skip: Set<string>;
  error: boolean;
  experimentalAll: boolean;
  experimental: Set<string>;
  /** Set when the value does not parse (BuildKit fails the build with "failed to parse check options"). */
  invalid?: string;
}

export function emptyCheckDirective(): CheckDirective {
  return { skipAll: false, skip: new Set(), error: false, experimentalAll: false, experimental: new Set() };
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Splits like Go's `strings.SplitN(s, sep, n)`. */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

export function parseCheckValue(value: string): CheckDirective {
  const d = emptyCheckDirective();
  const text = value.trim();
  if (!text) return d;
  for (const part of splitN(text, ';', 3)) {
    const eq = part.indexOf('=');
    if (eq < 0) return { ...emptyCheckDirective(), invalid: `invalid check option "${part}"` };
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    const list = val.split(',').map((x) => x.trim());
    if (key === 'skip') {
      if (val === 'all') d.skipAll = true;
      else list.forEach((x) => d.skip.add(x));
    } else if (key === 'experimental') {
      if (val === 'all') d.experimentalAll = true;
      else list.forEach((x) => d.experimental.add(x));
    } else if (key === 'error') {
      if (TRUE.has(val)) d.error = true;
      else if (FALSE.has(val)) d.error = false;
      else return { ...emptyCheckDirective(), invalid: `failed to parse check option "${part}"` };
    } else {
      return { ...emptyCheckDirective(), invalid: `invalid check option "${key}"` };
    }
  }
  return d;
}

/** The directive in force: the build arg replaces the `# check=` line, as in BuildKit. */
export function readCheckDirective(dockerfile: Dockerfile, buildArgs: Record<string, string>): CheckDirective {
  const arg = buildArgs['BUILDKIT_DOCKERFILE_CHECK'];
  if (arg !== undefined) return parseCheckValue(arg);
  const directive = parserDirectives(dockerfile).find((x) => x.getName().toLowerCase() === 'check');
  return directive ? parseCheckValue(directive.getValue()) : emptyCheckDirective();
}

const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

/** The parser directives BuildKit reads: the leading ones, up to the first unknown name. */
export function parserDirectives(dockerfile: Dockerfile): ReturnType<Dockerfile['getDirectives']> {
  const out: ReturnType<Dockerfile['getDirectives']> = [];
  for (const d of dockerfile.getDirectives()) {
    if (!KNOWN_DIRECTIVES.has(d.getName().toLowerCase())) break;
    out.push(d);
  }
  return out;
}

/** Whether a check with this BuildKit name runs under the directive (skip / experimental gating only). */
export function checkEnabled(d: CheckDirective, name: string, experimental: boolean): boolean {
  if (experimental) return d.experimentalAll || d.experimental.has(name);
  return !(d.skipAll || d.skip.has(name));
}

/** Merges a per-instruction `# check=` comment into the file's directive, as BuildKit does (error= is not merged). */
export function mergeCheckDirectives(base: CheckDirective, local: CheckDirective): CheckDirective {
  return {
    skipAll: base.skipAll || local.skipAll,
    skip: new Set([...base.skip, ...local.skip]),
    error: base.error,
    experimentalAll: base.experimentalAll || local.experimentalAll,
    experimental: new Set([...base.experimental, ...local.experimental]),
  };
}

const COMMENT_DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/**
 * Per-instruction `# check=` comments: BuildKit reads the comment block just above an
 * instruction (comment lines since the previous instruction; an empty `#` line starts a new
 * block, blank lines do not) and applies the first `check=` comment of it to that instruction only.
 * Returns instruction start line → the local directive.
 */
export function readInstructionChecks(dockerfile: Dockerfile, lineText: (line: number) => string): Map<number, CheckDirective> {
  const out = new Map<number, CheckDirective>();
  const directiveLines = new Set(parserDirectives(dockerfile).map((d) => d.getRange().start.line));
  const instructions = dockerfile.getInstructions();
  let prevEnd = -1;
  for (const instr of instructions) {
    const start = instr.getRange().start.line;
    let block: string[] = [];
    for (let l = prevEnd + 1; l < start; l++) {
      if (directiveLines.has(l)) continue;
      const t = lineText(l).trim();
      if (!t.startsWith('#')) continue;
      const c = t.slice(1).trim();
      if (c === '') block = [];
      else block.push(c);
    }
    prevEnd = instr.getRange().end.line;
    for (const c of block) {
      const m = COMMENT_DIRECTIVE.exec(c);
      if (!m || m[1].toLowerCase() !== 'check') continue;
      const parsed = parseCheckValue(m[2].split(' ')[0]);
      if (!parsed.invalid) out.set(start, parsed);
      break;
    }
  }
  return out;
}
