import { ShellCommand, programName } from './shell';

export type Ecosystem =
  | 'npm' | 'yarn' | 'pnpm' | 'bun'
  | 'pip' | 'poetry' | 'uv' | 'pipenv'
  | 'go' | 'cargo' | 'maven' | 'gradle' | 'bundler' | 'composer' | 'dotnet'
  | 'apt' | 'apk' | 'dnf';

export const ECOSYSTEMS: readonly Ecosystem[] = [
  'npm', 'yarn', 'pnpm', 'bun', 'pip', 'poetry', 'uv', 'pipenv', 'go', 'cargo', 'maven', 'gradle',
  'bundler', 'composer', 'dotnet', 'apt', 'apk', 'dnf',
];

const PROGRAMS: Record<string, Ecosystem> = {
  npm: 'npm', npx: 'npm', yarn: 'yarn', pnpm: 'pnpm', bun: 'bun', bunx: 'bun',
  pip: 'pip', pip3: 'pip', poetry: 'poetry', uv: 'uv', pipenv: 'pipenv',
  go: 'go', cargo: 'cargo', mvn: 'maven', mvnw: 'maven', gradle: 'gradle', gradlew: 'gradle',
  bundle: 'bundler', bundler: 'bundler', gem: 'bundler', composer: 'composer', dotnet: 'dotnet',
  'apt-get': 'apt', apt: 'apt', apk: 'apk', dnf: 'dnf', yum: 'dnf', microdnf: 'dnf',
};

/** The ecosystem a shell command belongs to, if any (`python -m pip` counts as pip, `corepack pnpm` as pnpm). */
export function commandEcosystem(cmd: ShellCommand): Ecosystem | undefined {
  const prog = programName(cmd);
  if (/^python[0-9.]*$/.test(prog) && cmd.words[1] === '-m' && cmd.words[2]) {
    const mod = cmd.words[2];
    if (mod === 'pip') return 'pip';
    if (mod === 'poetry') return 'poetry';
    if (mod === 'uv') return 'uv';
    if (mod === 'pipenv') return 'pipenv';
    return undefined;
  }
  // own keys only: a command named `constructor` or `toString` is no package manager
  if (prog === 'corepack' && cmd.words[1] && Object.hasOwn(PROGRAMS, cmd.words[1])) return PROGRAMS[cmd.words[1]];
  return Object.hasOwn(PROGRAMS, prog) ? PROGRAMS[prog] : undefined;
}

/** The ecosystem a context file belongs to (by its base name). */
export function fileEcosystem(path: string): Ecosystem | undefined {
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  if (base === 'package-lock.json' || base === 'npm-shrinkwrap.json') return 'npm';
  if (base === 'yarn.lock' || base === '.yarnrc.yml') return 'yarn';
  if (base === 'pnpm-lock.yaml' || base === 'pnpm-workspace.yaml') return 'pnpm';
  if (base === 'bun.lockb' || base === 'bun.lock') return 'bun';
  if (base === 'package.json') return 'npm';
  if (/^requirements.*\.(txt|in)$/.test(base)) return 'pip';
  if (base === 'poetry.lock') return 'poetry';
  if (base === 'uv.lock') return 'uv';
  if (base === 'Pipfile' || base === 'Pipfile.lock') return 'pipenv';
  if (base === 'go.mod' || base === 'go.sum') return 'go';
  if (base === 'Cargo.toml' || base === 'Cargo.lock') return 'cargo';
  if (base === 'pom.xml') return 'maven';
  if (/^(build|settings)\.gradle(\.kts)?$/.test(base)) return 'gradle';
  if (base === 'Gemfile' || base === 'Gemfile.lock') return 'bundler';
  if (base === 'composer.json' || base === 'composer.lock') return 'composer';
  if (/\.(csproj|fsproj|vbproj|sln)$/.test(base)) return 'dotnet';
  return undefined;
}
