import type { Dockerfile } from 'dockerfile-ast';

/** BuildKit's `# check=skip=<rules|all>;error=true;experimental=<rules|all>` directive, or the `BUILDKIT_DOCKERFILE_CHECK` build arg. */
export interface CheckDirective {
  skipAll: boolean;
  skip: Set<string>;
  error: boolean;
  experimentalAll: boolean;
  experimental: Set<string>;
}

export function emptyCheckDirective(): CheckDirective {
  return { skipAll: false, skip: new Set(), error: false, experimentalAll: false, experimental: new Set() };
}

export function parseCheckValue(value: string): CheckDirective {
  const d = emptyCheckDirective();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const val = part.slice(eq + 1).trim();
    const list = val.split(',').map((x) => x.trim()).filter(Boolean);
    if (key === 'skip') {
      if (list.some((x) => x.toLowerCase() === 'all')) d.skipAll = true;
      list.forEach((x) => d.skip.add(x));
    } else if (key === 'error') {
      d.error = val.toLowerCase() === 'true';
    } else if (key === 'experimental') {
      if (list.some((x) => x.toLowerCase() === 'all')) d.experimentalAll = true;
      list.forEach((x) => d.experimental.add(x));
    }
  }
  return d;
}

/** The directive in force: the build arg wins over the `# check=` line, as in BuildKit. */
export function readCheckDirective(dockerfile: Dockerfile, buildArgs: Record<string, string>): CheckDirective {
  const arg = buildArgs['BUILDKIT_DOCKERFILE_CHECK'];
  if (arg !== undefined) return parseCheckValue(arg);
  const directive = dockerfile.getDirectives().find((x) => x.getName().toLowerCase() === 'check');
  return directive ? parseCheckValue(directive.getValue()) : emptyCheckDirective();
}
