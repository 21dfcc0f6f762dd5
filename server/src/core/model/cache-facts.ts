import type { Ecosystem } from './ecosystems';
import { MANIFESTS, CACHE_DIRS } from './installs';
import { ShellCommand, hasFlag, programName } from './shell';

/**
 * Knowledge the cache/ and security/ rules need beyond `installs.ts`:
 * corrections of its tables and facts about cache switches, index refreshes,
 * cleanups and volatile build arguments.
 */

/**
 * Lock files an install can require, per ecosystem. `MANIFESTS[e].locks` lists
 * `.yarnrc.yml` for yarn, which is a settings file, not a lock file: it is left out here.
 */
export function lockFilesOf(e: Ecosystem): string[] {
  const locks = MANIFESTS[e]?.locks ?? [];
  return locks.filter((l) => l !== '.yarnrc.yml');
}

/** Manifests whose presence says "this install reads a lock next to it" (settings files like `pnpm-workspace.yaml` excluded). */
export function primaryManifestsOf(e: Ecosystem): string[] {
  const m = MANIFESTS[e]?.manifests ?? [];
  if (e === 'pnpm') return ['package.json'];
  if (e === 'gradle') return m.filter((x) => x.startsWith('build.gradle'));
  return m;
}

/**
 * Cache directories for a command. `yum` keeps its cache under `/var/cache/yum`;
 * everything else follows `CACHE_DIRS`.
 */
export function cacheTargetsOf(e: Ecosystem, cmd?: ShellCommand): { targets: string[]; sharing?: 'locked' } | undefined {
  if (e === 'dnf' && cmd && programName(cmd) === 'yum') return { targets: ['/var/cache/yum'], sharing: 'locked' };
  if (e === 'dnf') return { targets: ['/var/cache/dnf'], sharing: 'locked' };
  if (e === 'apk') return { targets: ['/var/cache/apk'], sharing: 'locked' };
  return CACHE_DIRS[e];
}

/** Words that identify a manager's cache mount even at a non-default target (`/home/node/.npm`, `/root/.cache/yarn` …). */
const CACHE_KEYWORDS: Partial<Record<Ecosystem, RegExp>> = {
  npm: /npm/i, yarn: /yarn/i, pnpm: /pnpm/i, bun: /bun/i,
  pip: /pip/i, poetry: /poetry|pypoetry/i, uv: /\buv\b|\/uv/i, pipenv: /pipenv/i,
  go: /go-build|pkg\/mod|gocache|gomodcache/i, cargo: /cargo/i, maven: /\.m2|maven/i, gradle: /gradle/i,
  bundler: /bundle|gem/i, composer: /composer/i, dotnet: /nuget/i,
  apt: /\/var\/(cache|lib)\/apt/i, apk: /apk/i, dnf: /dnf|yum/i,
};

export function isCacheMountFor(e: Ecosystem, target: string): boolean {
  const t = target.replace(/\/+$/, '');
  const dirs = cacheTargetsOf(e)?.targets ?? [];
  if (dirs.includes(t)) return true;
  return CACHE_KEYWORDS[e]?.test(t) ?? false;
}

/**
 * Whether the command turns its manager's download cache off, so a cache mount
 * would stay empty: `pip --no-cache-dir`, `apk --no-cache`, `uv --no-cache`,
 * `poetry --no-cache`, `composer --no-cache`, `PIP_NO_CACHE_DIR` and the like.
 */
export function cacheDisabled(e: Ecosystem, cmd: ShellCommand, env: Record<string, string>): boolean {
  const on = (v: string | undefined) => v !== undefined && !/^(0|false|off|no)$/i.test(v);
  switch (e) {
    case 'pip': return hasFlag(cmd, '--no-cache-dir') || on(env.PIP_NO_CACHE_DIR) || on(cmd.env.PIP_NO_CACHE_DIR);
    case 'uv': return hasFlag(cmd, '--no-cache', '-n') || on(env.UV_NO_CACHE) || on(cmd.env.UV_NO_CACHE);
    case 'poetry': return hasFlag(cmd, '--no-cache') || /^(false|0)$/i.test(env.POETRY_CACHE_DIR ?? '');
    case 'pipenv': return on(env.PIPENV_NO_CACHE) || hasFlag(cmd, '--no-cache');
    case 'apk': return hasFlag(cmd, '--no-cache');
    case 'composer': return hasFlag(cmd, '--no-cache') || on(env.COMPOSER_NO_CACHE) || on(cmd.env.COMPOSER_NO_CACHE);
    case 'bun': return hasFlag(cmd, '--no-cache');
    case 'dotnet': return hasFlag(cmd, '--no-cache');
    case 'npm': return hasFlag(cmd, '--prefer-online') && hasFlag(cmd, '--no-cache');
    default: return false;
  }
}

export type SystemManager = 'apt' | 'apk' | 'dnf';

/** `apt-get update`, `apt update`, `apk update`, `dnf|yum|microdnf makecache`: refreshes a package index. */
export function indexRefreshOf(cmd: ShellCommand): SystemManager | undefined {
  const prog = programName(cmd);
  const sub = cmd.words.slice(1).find((w) => !w.startsWith('-'));
  if ((prog === 'apt-get' || prog === 'apt') && sub === 'update') return 'apt';
  if (prog === 'apk' && sub === 'update') return 'apk';
  if ((prog === 'dnf' || prog === 'yum' || prog === 'microdnf') && sub === 'makecache') return 'dnf';
  return undefined;
}

/** The system manager whose packages a command installs or upgrades (it reads the package index). */
export function indexConsumerOf(cmd: ShellCommand): SystemManager | undefined {
  const prog = programName(cmd);
  const sub = cmd.words.slice(1).find((w) => !w.startsWith('-'));
  if ((prog === 'apt-get' || prog === 'apt') && /^(install|upgrade|dist-upgrade|full-upgrade|build-dep|source|download)$/.test(sub ?? '')) return 'apt';
  if (prog === 'apk' && /^(add|upgrade|fix)$/.test(sub ?? '')) {
    // `apk add --no-cache` fetches its own index: it does not need `apk update`.
    return hasFlag(cmd, '--no-cache', '--update', '-U') ? undefined : 'apk';
  }
  if ((prog === 'dnf' || prog === 'yum' || prog === 'microdnf') && /^(install|upgrade|update|groupinstall|reinstall)$/.test(sub ?? '')) return 'dnf';
  return undefined;
}

/** Commands that do nothing but set shell options or print: they may stand next to a refresh or a cleanup. */
export function isNeutral(cmd: ShellCommand): boolean {
  const prog = programName(cmd);
  return /^(set|true|:|echo|printf)$/.test(prog);
}

export interface Cleanup {
  /** Which creator this cleanup belongs to: a manager, or paths to look for in earlier RUNs. */
  manager?: Ecosystem;
  paths: string[];
}

const MANAGER_PATHS: { re: RegExp; manager: Ecosystem }[] = [
  { re: /^\/var\/lib\/apt(\/|$)|^\/var\/cache\/apt(\/|$)|^\/var\/cache\/debconf/, manager: 'apt' },
  { re: /^\/var\/cache\/apk(\/|$)|^\/etc\/apk\/cache/, manager: 'apk' },
  { re: /^\/var\/cache\/(dnf|yum)(\/|$)/, manager: 'dnf' },
  { re: /^(\/root|~|\$HOME)\/\.npm(\/|$)/, manager: 'npm' },
  { re: /^(\/root|~|\$HOME)\/\.cache\/pip(\/|$)/, manager: 'pip' },
  { re: /^(\/root|~|\$HOME)\/\.cache\/pypoetry(\/|$)/, manager: 'poetry' },
  { re: /^(\/root|~|\$HOME)\/\.cache\/uv(\/|$)/, manager: 'uv' },
  { re: /^\/usr\/local\/share\/\.cache\/yarn|^(\/root|~|\$HOME)\/\.cache\/yarn/, manager: 'yarn' },
  { re: /^(\/root|~|\$HOME)\/\.m2(\/|$)/, manager: 'maven' },
  { re: /^(\/root|~|\$HOME)\/\.gradle(\/|$)/, manager: 'gradle' },
  { re: /^\/usr\/local\/cargo\/registry|^(\/root|~|\$HOME)\/\.cargo\/registry/, manager: 'cargo' },
  { re: /^(\/root|~|\$HOME)\/\.composer\/cache|^(\/root|~|\$HOME)\/\.cache\/composer/, manager: 'composer' },
  { re: /^(\/root|~|\$HOME)\/\.nuget(\/|$)/, manager: 'dotnet' },
  { re: /^\/usr\/local\/bundle\/cache/, manager: 'bundler' },
];

/**
 * What a command cleans, when it only cleans: a manager's cache command
 * (`apt-get clean`, `npm cache clean`, `pip cache purge` …) or `rm -rf <paths>`.
 * Undefined for anything else.
 */
export function cleanupOf(cmd: ShellCommand): Cleanup | undefined {
  const prog = programName(cmd);
  const w = cmd.words;
  const sub = w.slice(1).filter((x) => !x.startsWith('-'));
  if ((prog === 'apt-get' || prog === 'apt') && (sub[0] === 'clean' || sub[0] === 'autoclean')) return { manager: 'apt', paths: [] };
  if (prog === 'apk' && sub[0] === 'cache' && /^(clean|purge)$/.test(sub[1] ?? '')) return { manager: 'apk', paths: [] };
  if (/^(dnf|yum|microdnf)$/.test(prog) && sub[0] === 'clean') return { manager: 'dnf', paths: [] };
  if (prog === 'npm' && sub[0] === 'cache' && /^(clean|rm|clear)$/.test(sub[1] ?? '')) return { manager: 'npm', paths: [] };
  if (prog === 'yarn' && sub[0] === 'cache' && sub[1] === 'clean') return { manager: 'yarn', paths: [] };
  if (prog === 'pnpm' && sub[0] === 'store' && sub[1] === 'prune') return { manager: 'pnpm', paths: [] };
  if (/^pip[0-9.]*$/.test(prog) && sub[0] === 'cache' && /^(purge|remove)$/.test(sub[1] ?? '')) return { manager: 'pip', paths: [] };
  if (prog === 'uv' && sub[0] === 'cache' && /^(clean|prune)$/.test(sub[1] ?? '')) return { manager: 'uv', paths: [] };
  if (prog === 'poetry' && sub[0] === 'cache' && sub[1] === 'clear') return { manager: 'poetry', paths: [] };
  if (prog === 'composer' && /^(clear-cache|clearcache|cc)$/.test(sub[0] ?? '')) return { manager: 'composer', paths: [] };
  if (prog === 'go' && sub[0] === 'clean' && hasFlag(cmd, '-cache', '-modcache')) return { manager: 'go', paths: [] };
  if (prog === 'dotnet' && sub[0] === 'nuget' && sub[1] === 'locals') return { manager: 'dotnet', paths: [] };
  if (prog === 'gem' && sub[0] === 'cleanup') return { manager: 'bundler', paths: [] };
  if (prog === 'rm') {
    const paths = w.slice(1).filter((x) => !x.startsWith('-'));
    if (!paths.length) return undefined;
    let manager: Ecosystem | undefined;
    for (const p of paths) {
      const m = MANAGER_PATHS.find((x) => x.re.test(p))?.manager;
      if (m && !manager) manager = m;
    }
    return { manager, paths };
  }
  return undefined;
}

/** Commands that belong to a manager's cleanup and are not worth a layer of their own: `apt-get autoremove`, `apt-get purge --auto-remove` are not cleanups of downloads, they remove packages. */
export function isCacheCleanupOnly(cmds: ShellCommand[]): boolean {
  const real = cmds.filter((c) => !isNeutral(c));
  return real.length > 0 && real.every((c) => cleanupOf(c) !== undefined);
}

/**
 * Build arguments whose value changes from one build to the next (dates,
 * commits, build numbers, cache busters, the version being released).
 * Toolchain versions (`NODE_VERSION`, `GO_VERSION` …) are pinned, not volatile.
 */
export function isVolatileArgName(name: string): boolean {
  const n = name.toUpperCase();
  if (/^(BUILD_?DATE|BUILD_?TIME|BUILD_?TIMESTAMP|DATE|TIMESTAMP|GIT_?COMMIT|GIT_?SHA|GIT_?HASH|GIT_?REF|GIT_?REVISION|COMMIT|COMMIT_?SHA|COMMIT_?HASH|REVISION|VCS_?REF|SOURCE_?COMMIT|SOURCE_?DATE(_EPOCH)?|VERSION|BUILD_?ID|BUILD_?NUMBER|BUILD_?NUM|CACHE_?BUST(ER)?|CACHEBUST|GIT_?DESCRIBE|GIT_?TAG)$/.test(n)) return true;
  // Suffixes: FOO_BUILD_DATE, APP_GIT_COMMIT, CI_COMMIT_SHA, IMAGE_REVISION (not a bare `_SHA`: `TINI_SHA` is a pinned checksum).
  if (/_(BUILD_?DATE|BUILD_?TIME|BUILD_?TIMESTAMP|TIMESTAMP|COMMIT|COMMIT_?SHA|COMMIT_?HASH|GIT_?SHA|GIT_?HASH|REVISION|VCS_?REF|GIT_?REF|BUILD_?ID|BUILD_?NUMBER|CACHE_?BUST(ER)?)$/.test(n)) return true;
  // The version of what is being built (not of a tool being installed).
  if (/^(APP|BUILD|RELEASE|IMAGE|PROJECT|SERVICE|PACKAGE|GIT|SEMVER|BUILD_?VERSION|FULL)_?VERSION$/.test(n)) return true;
  return false;
}
