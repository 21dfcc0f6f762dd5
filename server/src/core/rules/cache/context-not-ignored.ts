import { defineRule } from '../rule';
import type { Fix } from '../../types';
import { installOf, isNodeManager } from '../../model/installs';
import { ContextCopy, contextCopyOf, isBroadSource } from '../../model/cache-copies';
import { ContextView } from '../../context';
import type { Ecosystem } from '../../model/ecosystems';
import type { Stage } from '../../model/stages';

const PYTHON = new Set(['pip', 'poetry', 'uv', 'pipenv']);
const BUILD_STEP = /\b(npm|yarn|pnpm|bun)\s+(run\s+)?build\b|\btsc\b|\bmvn\b|\bmvnw\b|\bgradlew?\b|\bcargo\s+build\b|\bgo\s+build\b|\bdotnet\s+(build|publish)\b|\bmake\b|\bwebpack\b|\bvite\s+build\b|\bnext\s+build\b|\bng\s+build\b/;

/**
 * What a working copy of each ecosystem holds, made by installing or building on the host, that
 * must not reach the image: a created .dockerignore excludes it whether or not it exists yet.
 * `manifest`: only when a RUN installs the project's dependencies (then the host's copy would
 * overwrite the installed one; without an install, a copied node_modules may be what runs).
 */
const PRODUCED: { ecosystems: Ecosystem[]; patterns: string[]; manifest?: boolean }[] = [
  { ecosystems: ['npm', 'yarn', 'pnpm', 'bun'], patterns: ['node_modules'], manifest: true },
  { ecosystems: ['pip', 'poetry', 'uv', 'pipenv'], patterns: ['**/__pycache__', '.venv'] },
  { ecosystems: ['cargo', 'maven'], patterns: ['target'] },
  { ecosystems: ['gradle'], patterns: ['build', '.gradle'] },
  { ecosystems: ['dotnet'], patterns: ['**/bin', '**/obj'] },
  { ecosystems: ['composer'], patterns: ['vendor'], manifest: true },
  { ecosystems: ['bundler'], patterns: ['.bundle', 'vendor/bundle'], manifest: true },
];

const GIT_USED = /\bgit\s|\.git\b|setuptools[_-]scm|hatch-vcs/;

/**
 * What the rule reads of one stage's own instructions: its first broad context copy, its RUN texts,
 * the ecosystems of its installs that name no packages, and the paths its context copies bring.
 * Kept on the stage object (an incremental model reuses it only with the same instruction objects).
 */
interface StageSummary {
  broad?: { copy: ContextCopy; src: ContextCopy['sources'][number] };
  runs: number;
  runText: string;
  installs: Ecosystem[];
  copied: string[];
  /** Copied paths that are not broad sources. */
  named: string[];
}
const SUMMARY = Symbol('stagecraft.contextNotIgnored');

function stageSummary(stage: Stage): StageSummary {
  const holder = stage as Stage & { [SUMMARY]?: StageSummary };
  let s = holder[SUMMARY];
  if (s) return s;
  s = { runs: stage.runs.length, runText: stage.runs.map((r) => r.text).join('\n'), installs: [], copied: [], named: [] };
  for (const i of stage.instructions) {
    const c = contextCopyOf(i);
    if (!c) continue;
    const src = c.sources.find(isBroadSource);
    if (src && !s.broad) s.broad = { copy: c, src };
    for (const x of c.sources) {
      s.copied.push(x.path);
      if (!isBroadSource(x)) s.named.push(x.path);
    }
  }
  for (const r of stage.runs) {
    for (const cmd of r.commands) {
      const inst = installOf(cmd);
      if (inst && !inst.explicitPackages) s.installs.push(inst.ecosystem);
    }
  }
  return (holder[SUMMARY] = s);
}

/**
 * Whether the RUNs use git, and build: tested over all RUN texts joined, as one text (kept for the
 * last stage summaries asked about: a keystroke asks again with the same objects but one).
 */
let lastSummaries: StageSummary[] = [];
let lastRunFacts = { gitUsed: false, buildStep: false };
function runTextFacts(summaries: StageSummary[]): { gitUsed: boolean; buildStep: boolean } {
  if (summaries.length !== lastSummaries.length || summaries.some((x, i) => x !== lastSummaries[i])) {
    const runText = summaries.filter((x) => x.runs).map((x) => x.runText).join('\n');
    lastRunFacts = { gitUsed: GIT_USED.test(runText), buildStep: BUILD_STEP.test(runText) };
    lastSummaries = summaries;
  }
  return lastRunFacts;
}

/** A context with one `.dockerignore` pattern, to test paths against it (made once per pattern). */
const patternViews = new Map<string, ContextView>();
function patternView(pattern: string): ContextView {
  let v = patternViews.get(pattern);
  if (!v) patternViews.set(pattern, (v = new ContextView({ files: [], dockerignore: pattern })));
  return v;
}

/** The first `__pycache__` path of a build context (kept per context view). */
const PYCACHE = Symbol('stagecraft.pycache');
function pycacheOf(context: ContextView): string | undefined {
  const holder = context as ContextView & { [PYCACHE]?: { value: string | undefined } };
  return (holder[PYCACHE] ??= { value: context.list().find((f) => /(^|\/)__pycache__(\/|$)/.test(f)) }).value;
}

export default defineRule({
  id: 'cache/context-not-ignored',
  severity: 'warning',
  description: 'A broad context copy (`COPY . .`) with no .dockerignore, or one that does not exclude what exists and should not be sent.',
  messages: {
    missing: "{keyword} '{source}' sends the whole build context and there is no .dockerignore{found}; add one so that only what the build needs is sent and copied.",
    incomplete: "{keyword} '{source}' sends the whole build context, and .dockerignore does not exclude {list}; add {them} to it.",
  },
  check({ model, context, report }) {
    if (!context.known || context.hasDockerignore === undefined) return;
    const summaries = model.stages.map(stageSummary);
    const broad = summaries.find((x) => x.broad)?.broad;
    if (!broad) return;
    const { gitUsed, buildStep } = runTextFacts(summaries);
    const installs = summaries.flatMap((x) => x.installs);
    const copiedByName = (name: string) => summaries.some((x) => x.copied.some((path) => path === name || path.startsWith(name + '/')));
    // What should not be sent, if it exists: [pattern, path to test, safe to exclude].
    const candidates: [string, string, boolean][] = [];
    const has = (p: string) => context.has(p);
    if (has('.git') && !gitUsed) candidates.push(['.git', '.git', true]);
    if (has('node_modules') && installs.some((e) => isNodeManager(e)) && !copiedByName('node_modules')) candidates.push(['node_modules', 'node_modules', true]);
    if (has('.venv') && installs.some((e) => PYTHON.has(e)) && !copiedByName('.venv')) candidates.push(['.venv', '.venv', true]);
    const pycache = pycacheOf(context);
    if (pycache) candidates.push(['**/__pycache__', pycache.replace(/\/$/, ''), true]);
    for (const out of ['dist', 'build', 'target']) {
      if (has(out) && buildStep && !copiedByName(out)) candidates.push([out, out, true]);
    }
    if (has('.env') && !copiedByName('.env')) candidates.push(['.env', '.env', false]);
    const open = candidates.filter(([, path]) => !context.ignored(path));
    const absent = context.hasDockerignore === false;
    // A created file also excludes what the ecosystems produce on the host, unless a COPY names it.
    const produced: string[] = [];
    if (absent) {
      const named = summaries.flatMap((x) => x.named);
      const used = new Set<Ecosystem>(model.stages.flatMap((s) => [...s.ecosystems]));
      const installed = new Set<Ecosystem>(installs);
      for (const p of PRODUCED) {
        if (!p.ecosystems.some((e) => (p.manifest ? installed : used).has(e))) continue;
        for (const pattern of p.patterns) {
          const matcher = patternView(pattern);
          if (named.some((path) => matcher.ignored(path))) continue;
          if (!open.some(([q]) => q === pattern)) produced.push(pattern);
        }
      }
    }
    if (!absent && !open.length) return;
    const names = open.map(([p]) => p);
    const list = names.map((n) => `'${n}'`).join(', ');
    const fileEdit = (entries: string[]) => {
      if (absent) return { path: '.dockerignore', kind: 'create' as const, text: entries.join('\n') + '\n' };
      const existing = context.facts.dockerignore ?? '';
      const sep = existing.length && !/\n$/.test(existing) ? '\n' : '';
      return { path: '.dockerignore', kind: 'append' as const, text: sep + entries.join('\n') + '\n' };
    };
    const safeEntries = open.filter(([, , safe]) => safe).map(([p]) => p);
    if (absent && safeEntries.length + produced.length && !safeEntries.includes('.git') && !gitUsed) safeEntries.unshift('.git');
    safeEntries.push(...produced);
    const fixes: Fix[] = [];
    const title = (entries: string[]) => (absent ? `Create .dockerignore excluding ${entries.map((e) => `'${e}'`).join(', ')}` : `Add ${entries.map((e) => `'${e}'`).join(', ')} to .dockerignore`);
    if (safeEntries.length) fixes.push({ title: title(safeEntries), safe: true, edits: [], fileEdits: [fileEdit(safeEntries)] });
    else if (absent && !gitUsed) fixes.push({ title: title(['.git']), safe: true, edits: [], fileEdits: [fileEdit(['.git'])] });
    const unsafeEntries = [...safeEntries, ...open.filter(([, , safe]) => !safe).map(([p]) => p)];
    if (unsafeEntries.length > safeEntries.length) fixes.push({ title: title(unsafeEntries), safe: false, edits: [], fileEdits: [fileEdit(unsafeEntries)] });
    report({
      message: absent ? 'missing' : 'incomplete',
      data: {
        keyword: broad.copy.keyword,
        source: broad.src.value,
        found: names.length ? `: it sends ${list}` : '',
        list,
        them: names.length > 1 ? 'them' : 'it',
      },
      range: broad.src.range,
      fixes,
    });
  },
});
