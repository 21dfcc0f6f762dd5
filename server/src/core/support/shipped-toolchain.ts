/**
 * What `stage/toolchain-in-final-stage` and `stage/sdk-runtime-base` share, so that one problem is
 * one finding: the build steps of a stage (the split's `buildSteps` plus native-extension builds
 * the split does not know), whether the split into builder and runner is offered, and which
 * shipped images the SDK-base rule reports.
 *
 * The division: when the shipped image builds software or the split is offered, the toolchain rule
 * reports it (its advice, a builder stage, covers the base); otherwise the SDK-base rule reports the
 * base and the toolchain rule stays quiet about it.
 */
import type { Fix } from '../types';
import type { ContextView } from '../context';
import type { RunInfo, Stage, StageModel } from '../model/stages';
import { ShellCommand, hasFlag, positionals, programName } from '../model/shell';
import { imageFacts } from '../model/images';
import { imageShortName } from '../model/image-ref';
import { ancestry, stageBase } from '../model/stage-facts';
import { BuildStep, buildSteps, toolchainPackages } from '../fixes/build-steps';
import { splitStagesRefactor } from '../fixes/split-stages';

/** `javac --version`, `rustc -V`, `make --help`: a check that the tool runs, not a build. */
function versionCheck(words: string[]): boolean {
  return words.length > 1 && words.slice(1).every((w) => /^(--?version|-v|-V|--help|-h)$/.test(w));
}

/**
 * Whether the RUN removes packages again (`apt-get purge`, `apk del .build-deps`, `dnf remove`):
 * the official images' build-from-source pattern, where the compilers are installed, used and
 * removed in one layer, so they do not ship.
 */
export function removesPackages(run: RunInfo): boolean {
  return run.commands.some((c) => {
    const prog = programName(c);
    const sub = c.words[1] ?? '';
    return ((prog === 'apt-get' || prog === 'apt') && (sub === 'purge' || sub === 'remove'))
      || (prog === 'apk' && sub === 'del') || (['dnf', 'yum', 'microdnf'].includes(prog) && (sub === 'remove' || sub === 'erase'));
  });
}

/** C headers a native extension compiles against (`libpq-dev`, `python3-dev`, `libxml2-devel`, apk's `musl-dev`, `linux-headers`). */
const HEADER_PACKAGE = /^([a-z0-9][a-z0-9+.-]*-(dev|devel)|linux-headers|\$PHPIZE_DEPS|\$\{PHPIZE_DEPS\})(=.*)?$/;

/**
 * A system package command with its subcommand moved to the second word (`apt-get -y install x` →
 * `apt-get install -y x`), so that options before the subcommand do not hide it; the command itself
 * when it has no such options.
 */
export function subcommandFirst(cmd: ShellCommand): ShellCommand {
  const prog = programName(cmd);
  if (!/^(apt-get|apt|apk|dnf|yum|microdnf)$/.test(prog)) return cmd;
  const w = cmd.words;
  for (let i = 1; i < w.length; i++) {
    if (w[i] === '-o' || w[i] === '-c' || w[i] === '-t' || w[i] === '--root' || w[i] === '-X' || w[i] === '--repository') { i++; continue; }
    if (w[i].startsWith('-')) continue;
    if (i === 1) return cmd;
    return { ...cmd, words: [w[0], w[i], ...w.slice(1, i), ...w.slice(i + 1)] };
  }
  return cmd;
}

/** Header packages a system install command installs. */
export function headerPackages(command: ShellCommand): string[] {
  const cmd = subcommandFirst(command);
  const prog = programName(cmd);
  const sub = cmd.words[1] ?? '';
  const installs = (['apt-get', 'apt'].includes(prog) && sub === 'install') || (prog === 'apk' && sub === 'add')
    || (['dnf', 'yum', 'microdnf'].includes(prog) && sub === 'install');
  if (!installs) return [];
  return positionals(cmd, 2).filter((p) => HEADER_PACKAGE.test(p)).map((p) => p.replace(/=.*$/, ''));
}

/** Gems whose install compiles a C extension (no precompiled gem for Linux in common use). */
const NATIVE_GEMS = new Set(['pg', 'mysql2', 'sqlite3', 'nokogiri', 'bcrypt', 'ffi', 'puma', 'nio4r', 'msgpack', 'bootsnap', 'json', 'oj', 'eventmachine', 'unf_ext', 'hiredis', 'grpc', 'rugged', 'charlock_holmes', 'sassc', 'mini_racer', 'websocket-driver', 'byebug', 'redcarpet', 'racc', 'date', 'io-console', 'psych']);

/**
 * Native-extension builds of a stage that `buildSteps` does not know, in order: `docker-php-ext-install`,
 * `pecl install`, `gem install` of a gem with a C extension (or with options for its extension build),
 * `bundle install` and `pip install` after -dev headers (or toolchain packages) were installed in the
 * stage, `pip install --no-binary`, `pip wheel`. Skipped in a RUN that removes its packages again.
 */
export function nativeExtensionBuilds(stage: Stage): ToolchainStep[] {
  const out: ToolchainStep[] = [];
  let headers: string[] = [];
  for (const run of stage.runs) {
    const removed = removesPackages(run);
    for (const command of run.commands) {
      const found = headerPackages(command);
      const tools = toolchainPackages(subcommandFirst(command));
      if (found.length || tools.length) headers = [...headers, ...found, ...tools];
      if (removed) continue;
      const prog = programName(command);
      const w = command.words;
      const sub = w[1] ?? '';
      const withHeaders = headers.length ? ` (with ${[...new Set(headers)].slice(0, 3).join(', ')})` : '';
      let label: string | undefined;
      // `docker-php-ext-install -j$(nproc) zip`: the words after `$(` are read as other commands; name the extensions when known.
      if (prog === 'docker-php-ext-install') label = ['docker-php-ext-install', ...positionals(command, 1).filter((x) => !x.endsWith('$'))].join(' ');
      else if (prog === 'pecl' && sub === 'install') label = w.join(' ');
      else if (prog === 'gem' && sub === 'install') {
        const gems = positionals(command, 2);
        // A gem named is a known C extension, or build options are passed to its extension (`-- --with-pg-config=…`).
        if (gems.some((g) => NATIVE_GEMS.has(g.replace(/[:=].*$/, ''))) || w.includes('--')) label = w.join(' ') + withHeaders;
      } else if ((prog === 'bundle' || prog === 'bundler') && (sub === 'install' || w.length === 1) && headers.length) {
        label = w.join(' ') + withHeaders;
      } else if (/^pip[0-9.]*$/.test(prog) || (/^python[0-9.]*$/.test(prog) && w[1] === '-m' && w[2] === 'pip')) {
        const pw = prog.startsWith('python') ? w.slice(2) : w;
        const psub = pw[1] ?? '';
        const pcmd = { ...command, words: pw };
        if (psub === 'wheel') label = w.join(' ');
        else if (psub === 'install' && !hasFlag(pcmd, '--only-binary') && (hasFlag(pcmd, '--no-binary') || headers.length)) label = w.join(' ') + withHeaders;
      }
      if (label) out.push({ kind: 'native', run, command, label, extension: true });
    }
  }
  return out;
}

/** A build step; `extension` marks the native-extension builds of `nativeExtensionBuilds`. */
export type ToolchainStep = BuildStep & { extension?: boolean };

const ORDER = Symbol('stagecraft.toolchainSteps');

/** The build steps `stage/toolchain-in-final-stage` reports for a stage, in text order (version checks and self-removing native builds left out). */
export function toolchainSteps(stage: Stage): ToolchainStep[] {
  const kept = stage as Stage & { [ORDER]?: ToolchainStep[] };
  if (kept[ORDER]) return kept[ORDER]!;
  const steps = buildSteps(stage).filter((st) => !versionCheck(st.command.words) && !(st.kind === 'native' && removesPackages(st.run)));
  const native = nativeExtensionBuilds(stage).filter((n) => !steps.some((s) => s.command === n.command));
  // Toolchain installs whose options stand before the subcommand (`apt-get -y install g++`), which `buildSteps` reads past.
  const installs: ToolchainStep[] = [];
  for (const run of stage.runs) {
    if (removesPackages(run)) continue;
    for (const command of run.commands) {
      const moved = subcommandFirst(command);
      if (moved === command || steps.some((s) => s.command === command)) continue;
      const pkgs = toolchainPackages(moved);
      if (pkgs.length) installs.push({ kind: 'native', run, command, label: `${moved.words.slice(0, 2).join(' ')} ${pkgs.join(' ')}` });
    }
  }
  const all: ToolchainStep[] = [...steps, ...installs, ...native];
  const runIndex = (st: BuildStep) => stage.runs.indexOf(st.run);
  all.sort((a, b) => runIndex(a) - runIndex(b) || a.run.commands.indexOf(a.command) - b.run.commands.indexOf(b.command));
  kept[ORDER] = all;
  return all;
}

const SPLIT = Symbol('stagecraft.splitFix');

/** The split into builder and runner for the last stage, computed once per model and context. */
export function splitFix(model: StageModel, context: ContextView): Fix | undefined {
  const kept = model as StageModel & { [SPLIT]?: { context: ContextView; fix: Fix | null } };
  const cached = kept[SPLIT];
  if (cached && cached.context === context) return cached.fix ?? undefined;
  const fix = splitStagesRefactor(model, context) ?? null;
  kept[SPLIT] = { context, fix };
  return fix ?? undefined;
}

/** The image families `stage/sdk-runtime-base` reports (SPEC §2): full SDK images with a known runtime counterpart. */
const SDK_FAMILIES = new Set(['node', 'python', 'ruby', 'golang', 'rust', 'maven', 'gradle', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'dotnet-sdk']);

/** The SDK base `stage/sdk-runtime-base` would judge for a shipped stage, before the hand-over to the toolchain rule. */
export function shippedSdkBase(model: StageModel, shipped: number): (ReturnType<typeof stageBase> & { kind: 'image' }) | undefined {
  const base = stageBase(model, shipped);
  if (base.kind !== 'image' || !base.stage.baseRange) return undefined;
  const facts = imageFacts(base.ref);
  if (!facts.sdk || !SDK_FAMILIES.has(facts.family)) return undefined;
  // Dev-container images are toolchains on purpose.
  if (/(^|\/)devcontainers?\//.test(imageShortName(base.ref))) return undefined;
  // An image that sets no CMD/ENTRYPOINT is a toolchain, CI or base image, not an application.
  const chain = ancestry(model, shipped);
  if (!chain.some((s) => s.instructions.some((i) => /^(CMD|ENTRYPOINT)$/.test(i.getKeyword())))) return undefined;
  return base;
}

/**
 * Whether `stage/toolchain-in-final-stage` owns the finding for a shipped image: a stage of its FROM
 * chain builds software, or the split is offered for it.
 */
export function toolchainRuleOwns(model: StageModel, context: ContextView, shipped: number): boolean {
  const chain = ancestry(model, shipped);
  if (chain.some((s) => model.inImage.has(s.index) && toolchainSteps(s).length > 0)) return true;
  return shipped === model.stages.length - 1 && splitFix(model, context) !== undefined;
}

/**
 * A command of a shipped chain that compiles native code, for the SDK-base rule's fix: a build step,
 * or on a full Ruby image a `bundle install`/`gem install` (gems build their C extensions with the
 * image's compilers, which a slim base does not have). Undefined when none.
 */
export function nativeCompile(model: StageModel, shipped: number): string | undefined {
  const chain = ancestry(model, shipped);
  for (const s of [...chain].reverse()) {
    const step = toolchainSteps(s).find((st) => st.kind === 'native');
    if (step) return step.label;
  }
  const base = stageBase(model, shipped);
  if (base.kind === 'image' && imageFacts(base.ref).family === 'ruby') {
    for (const s of [...chain].reverse()) {
      for (const r of s.runs) {
        const c = r.commands.find((x) => /^(bundle|bundler)$/.test(programName(x)) && (x.words[1] === 'install' || x.words.length === 1)
          || (programName(x) === 'gem' && x.words[1] === 'install' && positionals(x, 2).some((g) => NATIVE_GEMS.has(g))));
        if (c) return c.words.join(' ');
      }
    }
  }
  return undefined;
}
