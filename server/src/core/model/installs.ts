import type { Ecosystem } from './ecosystems';
import { commandEcosystem } from './ecosystems';
import { ShellCommand, hasFlag, positionals, programName } from './shell';

/** A dependency install found in a RUN: which manager, whether dev dependencies are left out, which files it reads. */
export interface InstallCommand {
  ecosystem: Ecosystem;
  command: ShellCommand;
  /** `npm ci`, `yarn install --frozen-lockfile`, `poetry install`, `go mod download` …: requires a lock file. */
  requiresLock: boolean;
  /**
   * The install follows the ecosystem's lock file when one is there (`npm install`, `yarn install`,
   * `bundle install`, `uv sync`, `cargo fetch`, `dotnet restore` …), even when it does not require it:
   * without the lock it resolves the versions anew. False for installs of packages named on the
   * command line, system packages, and ecosystems without a lock file (pip, Maven).
   */
  readsLock: boolean;
  /** The install leaves dev dependencies out (npm `--omit=dev`, yarn `--production`, poetry `--only main` …); undefined where it does not apply. */
  production?: boolean;
  /** Installs packages named on the command line only (e.g. `npm install express`, `pip install flask`), not from a manifest. */
  explicitPackages: boolean;
  /** System package managers (apt, apk, dnf) install OS packages, not project dependencies. */
  system: boolean;
}

const NODE_MANAGERS: Ecosystem[] = ['npm', 'yarn', 'pnpm', 'bun'];

/**
 * Several rules ask about the same commands: each command's answer is kept on it (commands never
 * change). A property, not a WeakMap: weak tables with an entry per command of every analysis
 * made each garbage collection slower than the lookups saved.
 */
const INSTALL = Symbol('stagecraft.install');

/** Recognises a dependency-install command; undefined when the command installs nothing. */
export function installOf(cmd: ShellCommand): InstallCommand | undefined {
  const kept = cmd as ShellCommand & { [INSTALL]?: InstallCommand | null };
  let answer = kept[INSTALL];
  if (answer === undefined) {
    const found = recognise(cmd);
    if (found) found.readsLock = found.requiresLock || (!found.explicitPackages && !found.system && (MANIFESTS[found.ecosystem]?.locks.length ?? 0) > 0);
    answer = kept[INSTALL] = found ?? null;
  }
  return answer ?? undefined;
}

function recognise(cmd: ShellCommand): InstallCommand | undefined {
  const eco = commandEcosystem(cmd);
  if (!eco) return undefined;
  let w = cmd.words;
  const prog = programName(cmd);
  if (/^python[0-9.]*$/.test(prog) || prog === 'corepack') w = w.slice(prog === 'corepack' ? 1 : 2); // `python -m pip …` → `pip …`
  // The subcommand is the first word after the program that is not a flag (`npm --loglevel=warn ci`).
  const subIndex = w.findIndex((x, i) => i > 0 && !x.startsWith('-'));
  const sub = subIndex > 0 ? w[subIndex] : '';
  const base = { ecosystem: eco, command: cmd, system: false, explicitPackages: false, requiresLock: false, readsLock: false } as const;
  const args = positionals({ ...cmd, words: w }, 2);
  switch (eco) {
    case 'npm': {
      if (sub === 'ci' || sub === 'clean-install') return { ...base, requiresLock: true, production: npmProduction(cmd) };
      if (['install', 'i', 'add', 'isntall'].includes(sub)) {
        if (hasFlag(cmd, '-g', '--global')) return undefined;
        return { ...base, explicitPackages: args.length > 0, production: npmProduction(cmd) };
      }
      return undefined;
    }
    case 'yarn': {
      if (sub === 'global') return undefined;
      if (sub === '' || sub === 'install' || sub.startsWith('-')) {
        const frozen = hasFlag(cmd, '--frozen-lockfile', '--immutable');
        return { ...base, requiresLock: frozen, production: hasFlag(cmd, '--production', '--prod') || /production/.test(cmd.env.NODE_ENV ?? '') };
      }
      if (sub === 'workspaces' && w[2] === 'focus') return { ...base, production: hasFlag(cmd, '--production') };
      if (sub === 'add') return { ...base, explicitPackages: true, production: !hasFlag(cmd, '-D', '--dev') };
      return undefined;
    }
    case 'pnpm': {
      if (sub === 'install' || sub === 'i' || sub === '') {
        return { ...base, requiresLock: hasFlag(cmd, '--frozen-lockfile'), production: hasFlag(cmd, '--prod', '-P', '--production') };
      }
      if (sub === 'fetch') return { ...base, requiresLock: true, production: hasFlag(cmd, '--prod') };
      if (sub === 'add') return { ...base, explicitPackages: true, production: !hasFlag(cmd, '-D', '--save-dev') };
      return undefined;
    }
    case 'bun': {
      if (sub === 'install' || sub === 'i') return { ...base, requiresLock: hasFlag(cmd, '--frozen-lockfile'), production: hasFlag(cmd, '--production', '-p') };
      if (sub === 'add') return { ...base, explicitPackages: true, production: !hasFlag(cmd, '-d', '--dev') };
      return undefined;
    }
    case 'pip': {
      if (sub !== 'install') return undefined;
      const reqs = requirementFiles(w);
      if (!reqs.length && !hasFlag({ ...cmd, words: w }, '-e', '--editable') && !args.includes('.')) {
        return { ...base, explicitPackages: args.length > 0, production: true };
      }
      return { ...base, production: !reqs.some(isDevRequirements), explicitPackages: false };
    }
    case 'poetry': {
      if (sub !== 'install' && !(sub === 'sync')) return undefined;
      const prod = hasFlag(cmd, '--no-dev', '--only-root') || /(^|,)main($|,)/.test(flagAfter(w, '--only') ?? '') || /(^|,)dev($|,)/.test(flagAfter(w, '--without') ?? '');
      return { ...base, requiresLock: true, production: prod };
    }
    case 'uv': {
      if (sub === 'sync') return { ...base, requiresLock: hasFlag(cmd, '--locked', '--frozen'), production: hasFlag(cmd, '--no-dev') || flagAfter(w, '--only-group') === 'main' };
      if (sub === 'pip' && w[2] === 'install') {
        const reqs = requirementFiles(w);
        return { ...base, explicitPackages: !reqs.length && args.length > 1, production: !reqs.some(isDevRequirements) };
      }
      return undefined;
    }
    case 'pipenv': {
      if (sub === 'install' || sub === 'sync') return { ...base, requiresLock: sub === 'sync' || hasFlag(cmd, '--deploy', '--ignore-pipfile'), production: !hasFlag(cmd, '--dev', '-d') };
      return undefined;
    }
    case 'go': {
      if (sub === 'mod' && w[2] === 'download') return { ...base, requiresLock: true };
      if (sub === 'get') return { ...base, explicitPackages: args.length > 0 };
      return undefined;
    }
    case 'cargo': {
      if (sub === 'fetch') return { ...base, requiresLock: hasFlag(cmd, '--locked') };
      if (sub === 'install') return { ...base, explicitPackages: true };
      return undefined;
    }
    case 'maven': {
      if (w.slice(1).some((x) => /^dependency:(go-offline|resolve)/.test(x))) return { ...base };
      return undefined;
    }
    case 'gradle': {
      if (w.slice(1).some((x) => /^(dependencies|--refresh-dependencies|downloadDependencies)$/.test(x))) return { ...base };
      return undefined;
    }
    case 'bundler': {
      if (prog === 'gem') return sub === 'install' ? { ...base, explicitPackages: true } : undefined;
      if (sub === 'install' || (sub === '' && w.length === 1)) {
        const without = `${cmd.env.BUNDLE_WITHOUT ?? ''} ${flagAfter(w, '--without') ?? ''}`;
        return { ...base, requiresLock: hasFlag(cmd, '--frozen', '--deployment') || /^(true|1)$/.test(cmd.env.BUNDLE_FROZEN ?? '') || /^(true|1)$/.test(cmd.env.BUNDLE_DEPLOYMENT ?? ''), production: /development|test/.test(without) || hasFlag(cmd, '--deployment') };
      }
      return undefined;
    }
    case 'composer': {
      if (sub === 'install') return { ...base, requiresLock: true, production: hasFlag(cmd, '--no-dev') };
      if (sub === 'require') return { ...base, explicitPackages: true, production: !hasFlag(cmd, '--dev') };
      return undefined;
    }
    case 'dotnet': {
      if (sub === 'restore') return { ...base, requiresLock: hasFlag(cmd, '--locked-mode') };
      return undefined;
    }
    case 'apt': {
      if (sub === 'install') return { ...base, system: true, explicitPackages: true };
      return undefined;
    }
    case 'apk': {
      if (sub === 'add') return { ...base, system: true, explicitPackages: true };
      return undefined;
    }
    case 'dnf': {
      if (sub === 'install') return { ...base, system: true, explicitPackages: true };
      return undefined;
    }
  }
  return undefined;
}

function npmProduction(cmd: ShellCommand): boolean {
  const omit = cmd.words.filter((x, i) => x === '--omit=dev' || (x === '--omit' && cmd.words[i + 1] === 'dev'));
  return omit.length > 0 || hasFlag(cmd, '--production', '--only=production', '--only=prod') || /^prod/.test(cmd.env.NODE_ENV ?? '');
}

function flagAfter(words: string[], flag: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    if (words[i] === flag) return words[i + 1];
    if (words[i].startsWith(flag + '=')) return words[i].slice(flag.length + 1);
  }
  return undefined;
}

/** `requirements-dev.txt`, `requirements/test.txt`, `dev-requirements.in`…, but not `dependencies.txt`. */
function isDevRequirements(file: string): boolean {
  return /(^|[/_.-])(dev|develop|development|test|tests|testing|lint|ci)([/_.-]|$)/i.test(file);
}

function requirementFiles(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '-r' || words[i] === '--requirement' || words[i] === '-c' || words[i] === '--constraint') out.push(words[i + 1] ?? '');
    else if (words[i].startsWith('--requirement=')) out.push(words[i].slice('--requirement='.length));
    else if (/^-r\S/.test(words[i])) out.push(words[i].slice(2));
  }
  return out;
}

export function isNodeManager(e: Ecosystem): boolean {
  return NODE_MANAGERS.includes(e);
}

/**
 * Manifest and lock files per ecosystem, as `cache/copy-all-before-install` and
 * `cache/lockfile-not-copied` need them. Globs use `*` within a name only.
 */
export const MANIFESTS: Partial<Record<Ecosystem, { manifests: string[]; locks: string[] }>> = {
  npm: { manifests: ['package.json'], locks: ['package-lock.json', 'npm-shrinkwrap.json'] },
  yarn: { manifests: ['package.json', '.yarnrc.yml'], locks: ['yarn.lock'] },
  pnpm: { manifests: ['package.json', 'pnpm-workspace.yaml'], locks: ['pnpm-lock.yaml'] },
  bun: { manifests: ['package.json'], locks: ['bun.lockb', 'bun.lock'] },
  pip: { manifests: ['requirements*.txt'], locks: [] },
  poetry: { manifests: ['pyproject.toml'], locks: ['poetry.lock'] },
  uv: { manifests: ['pyproject.toml'], locks: ['uv.lock'] },
  pipenv: { manifests: ['Pipfile'], locks: ['Pipfile.lock'] },
  go: { manifests: ['go.mod'], locks: ['go.sum'] },
  cargo: { manifests: ['Cargo.toml'], locks: ['Cargo.lock'] },
  maven: { manifests: ['pom.xml'], locks: [] },
  gradle: { manifests: ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'gradle.properties'], locks: ['gradle.lockfile'] },
  bundler: { manifests: ['Gemfile'], locks: ['Gemfile.lock'] },
  composer: { manifests: ['composer.json'], locks: ['composer.lock'] },
  dotnet: { manifests: ['*.csproj', '*.fsproj', '*.vbproj', '*.sln'], locks: ['packages.lock.json'] },
};

/** The cache directories a manager's `RUN --mount=type=cache` should target. */
export const CACHE_DIRS: Partial<Record<Ecosystem, { targets: string[]; sharing?: 'locked' }>> = {
  npm: { targets: ['/root/.npm'] },
  yarn: { targets: ['/usr/local/share/.cache/yarn'] },
  pnpm: { targets: ['/root/.local/share/pnpm/store'] },
  bun: { targets: ['/root/.bun/install/cache'] },
  pip: { targets: ['/root/.cache/pip'] },
  poetry: { targets: ['/root/.cache/pypoetry'] },
  uv: { targets: ['/root/.cache/uv'] },
  pipenv: { targets: ['/root/.cache/pipenv'] },
  go: { targets: ['/go/pkg/mod', '/root/.cache/go-build'] },
  cargo: { targets: ['/usr/local/cargo/registry'] },
  maven: { targets: ['/root/.m2'] },
  gradle: { targets: ['/root/.gradle'] },
  bundler: { targets: ['/usr/local/bundle/cache'] },
  composer: { targets: ['/root/.composer/cache'] },
  dotnet: { targets: ['/root/.nuget/packages'] },
  apt: { targets: ['/var/cache/apt', '/var/lib/apt'], sharing: 'locked' },
  apk: { targets: ['/var/cache/apk'], sharing: 'locked' },
  dnf: { targets: ['/var/cache/dnf', '/var/cache/yum'], sharing: 'locked' },
};
