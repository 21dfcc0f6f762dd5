/**
 * Build steps in a stage: commands that compile or bundle software (`npm run build`,
 * `go build`, `mvn package`, `cargo build`, `dotnet publish`, `gcc`, `make`…) and
 * installs of compiler toolchains (`apt-get install build-essential`, `apk add build-base`).
 * Used by `stage/toolchain-in-final-stage` and the split into builder and runner. Pure.
 */
import type { RunInfo, Stage } from '../model/stages';
import { ShellCommand, positionals, programName } from '../model/shell';

/** Which toolchain a build step uses. `native`: C/C++ compilers and build tools, or toolchain packages. */
export type BuildKind = 'node' | 'go' | 'rust' | 'maven' | 'gradle' | 'dotnet' | 'native';

export interface BuildStep {
  kind: BuildKind;
  run: RunInfo;
  command: ShellCommand;
  /** How the step reads in a message: the command, or the toolchain packages installed. */
  label: string;
}

const NODE_SCRIPT = /^(build|compile|bundle|dist|prepack)(:.*)?$/;
/** Node build tools; those in the map need the subcommand given. */
const NODE_TOOLS: Record<string, string | null> = {
  tsc: null, webpack: null, esbuild: null, rollup: null, parcel: null, tsup: null, swc: null, babel: null,
  vite: 'build', next: 'build', ng: 'build', nest: 'build', nuxt: 'build', astro: 'build', remix: 'build',
};
const MAVEN_GOALS = /^(package|install|verify|compile|deploy|[a-z0-9.-]+:repackage)$/;
const GRADLE_TASKS = /^(:?[A-Za-z0-9_-]+:)*(build|assemble|bootJar|bootWar|jar|war|shadowJar|installDist|distTar|distZip)$/;
const NATIVE_PROGRAMS = new Set(['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'make', 'cmake', 'ninja', 'meson', 'javac', 'rustc']);
/** OS packages that are compiler toolchains (apt, apk, dnf names). */
const TOOLCHAIN_PACKAGE = /^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|clang|llvm|make|cmake|autoconf|automake|libtool|ninja-build|golang|golang-go|go|rustc|cargo|default-jdk|default-jdk-headless|openjdk-?\d+-jdk(-headless)?|java-\d+-openjdk-devel|maven|gradle)(=.*)?$/;

/** Build-only OS packages besides the toolchains: headers, pkg-config and the like. */
const BUILD_ONLY_PACKAGE = /^(.+-dev|.+-devel|pkg-config|pkgconf|pkgconfig|linux-headers|gfortran|swig|bison|flex|patch|dpkg-dev|ccache)(=.*)?$/;

/** Whether an OS package is only needed to build (a compiler toolchain, `-dev` headers, pkg-config…), not to run. */
export function isBuildPackage(pkg: string): boolean {
  return TOOLCHAIN_PACKAGE.test(pkg) || BUILD_ONLY_PACKAGE.test(pkg);
}

function nodeTool(words: string[]): boolean {
  const tool = (words[0] ?? '').split('/').pop() ?? '';
  if (!(tool in NODE_TOOLS)) return false;
  const sub = NODE_TOOLS[tool];
  return sub === null || words.slice(1).includes(sub);
}

/** The build step a command is, if any (system package installs are handled per RUN). */
export function buildKindOf(cmd: ShellCommand): BuildKind | undefined {
  const prog = programName(cmd);
  const w = cmd.words;
  const sub = w[1] ?? '';
  switch (prog) {
    case 'npm':
      if ((sub === 'run' || sub === 'run-script') && NODE_SCRIPT.test(w[2] ?? '')) return 'node';
      if (sub === 'exec' && nodeTool(w.slice(2).filter((x) => x !== '--'))) return 'node';
      return undefined;
    case 'yarn':
    case 'pnpm':
    case 'bun': {
      if (sub === 'run' && NODE_SCRIPT.test(w[2] ?? '')) return 'node';
      if (prog !== 'bun' && NODE_SCRIPT.test(sub)) return 'node';
      if ((sub === 'exec' || sub === 'dlx') && nodeTool(w.slice(2))) return 'node';
      if (prog === 'bun' && sub === 'build') return 'node';
      return undefined;
    }
    case 'npx':
    case 'bunx':
      return nodeTool(w.slice(1).filter((x) => !x.startsWith('-'))) ? 'node' : undefined;
    case 'go':
      return sub === 'build' || sub === 'install' ? 'go' : undefined;
    case 'cargo':
      return sub === 'build' || (sub === 'install' && w.includes('--path')) ? 'rust' : undefined;
    case 'mvn':
    case 'mvnw':
      return w.slice(1).some((x) => MAVEN_GOALS.test(x)) ? 'maven' : undefined;
    case 'gradle':
    case 'gradlew':
      return w.slice(1).some((x) => GRADLE_TASKS.test(x)) ? 'gradle' : undefined;
    case 'dotnet':
      return sub === 'publish' || sub === 'build' ? 'dotnet' : undefined;
  }
  if (nodeTool(w)) return 'node';
  if (NATIVE_PROGRAMS.has(prog)) return 'native';
  return undefined;
}

/** Toolchain packages a system install command installs (apt-get/apt install, apk add, dnf/yum install). */
export function toolchainPackages(cmd: ShellCommand): string[] {
  const prog = programName(cmd);
  const sub = cmd.words[1] ?? '';
  const installs = (['apt-get', 'apt'].includes(prog) && sub === 'install') || (prog === 'apk' && sub === 'add')
    || (['dnf', 'yum', 'microdnf'].includes(prog) && sub === 'install');
  if (!installs) return [];
  return positionals(cmd, 2).filter((p) => TOOLCHAIN_PACKAGE.test(p)).map((p) => p.replace(/=.*$/, ''));
}

/** Whether a RUN removes packages again (`apt-get purge`, `apk del`, `dnf remove`): its toolchain does not stay in the layer. */
function removesPackages(run: RunInfo): boolean {
  return run.commands.some((c) => {
    const prog = programName(c);
    const sub = c.words[1] ?? '';
    return ((prog === 'apt-get' || prog === 'apt') && (sub === 'purge' || sub === 'remove'))
      || (prog === 'apk' && sub === 'del') || (['dnf', 'yum'].includes(prog) && (sub === 'remove' || sub === 'erase'));
  });
}

/** The build steps of a stage, in order. */
export function buildSteps(stage: Stage): BuildStep[] {
  const out: BuildStep[] = [];
  for (const run of stage.runs) {
    const removed = removesPackages(run);
    for (const command of run.commands) {
      const kind = buildKindOf(command);
      if (kind) {
        out.push({ kind, run, command, label: command.words.join(' ') });
        continue;
      }
      const pkgs = removed ? [] : toolchainPackages(command);
      if (pkgs.length) out.push({ kind: 'native', run, command, label: `${command.words.slice(0, 2).join(' ')} ${pkgs.join(' ')}` });
    }
  }
  return out;
}
