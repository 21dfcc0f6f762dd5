import { defineRule } from '../rule';
import type { Fix } from '../../types';
import { installOf, isNodeManager } from '../../model/installs';
import { ContextCopy, contextCopyOf, isBroadSource } from '../../model/cache-copies';
import { ContextView } from '../../context';
import type { Ecosystem } from '../../model/ecosystems';

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
    let broad: { copy: ContextCopy; src: ContextCopy['sources'][number] } | undefined;
    for (const s of model.stages) {
      for (const i of s.instructions) {
        const c = contextCopyOf(i);
        const src = c?.sources.find(isBroadSource);
        if (c && src && !broad) broad = { copy: c, src };
      }
    }
    if (!broad) return;
    const runs = model.stages.flatMap((s) => s.runs);
    const runText = runs.map((r) => r.text).join('\n');
    const installs = runs.flatMap((r) => r.commands.map(installOf)).filter((x) => x && !x.explicitPackages);
    const copiedByName = (name: string) => model.stages.some((s) => s.instructions.some((i) =>
      contextCopyOf(i)?.sources.some((src) => src.path === name || src.path.startsWith(name + '/'))));
    const files = context.list();
    // What should not be sent, if it exists: [pattern, path to test, safe to exclude].
    const candidates: [string, string, boolean][] = [];
    const has = (p: string) => context.has(p);
    if (has('.git') && !/\bgit\s|\.git\b|setuptools[_-]scm|hatch-vcs/.test(runText)) candidates.push(['.git', '.git', true]);
    if (has('node_modules') && installs.some((x) => isNodeManager(x!.ecosystem)) && !copiedByName('node_modules')) candidates.push(['node_modules', 'node_modules', true]);
    if (has('.venv') && installs.some((x) => PYTHON.has(x!.ecosystem)) && !copiedByName('.venv')) candidates.push(['.venv', '.venv', true]);
    const pycache = files.find((f) => /(^|\/)__pycache__(\/|$)/.test(f));
    if (pycache) candidates.push(['**/__pycache__', pycache.replace(/\/$/, ''), true]);
    for (const out of ['dist', 'build', 'target']) {
      if (has(out) && BUILD_STEP.test(runText) && !copiedByName(out)) candidates.push([out, out, true]);
    }
    if (has('.env') && !copiedByName('.env')) candidates.push(['.env', '.env', false]);
    const open = candidates.filter(([, path]) => !context.ignored(path));
    const absent = context.hasDockerignore === false;
    // A created file also excludes what the ecosystems produce on the host, unless a COPY names it.
    const produced: string[] = [];
    if (absent) {
      const named = model.stages.flatMap((s) => s.instructions.flatMap((i) => contextCopyOf(i)?.sources.filter((src) => !isBroadSource(src)).map((src) => src.path) ?? []));
      const used = new Set<Ecosystem>(model.stages.flatMap((s) => [...s.ecosystems]));
      const installed = new Set<Ecosystem>(installs.map((x) => x!.ecosystem));
      for (const p of PRODUCED) {
        if (!p.ecosystems.some((e) => (p.manifest ? installed : used).has(e))) continue;
        for (const pattern of p.patterns) {
          const matcher = new ContextView({ files: [], dockerignore: pattern });
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
    const gitUsed = /\bgit\s|\.git\b|setuptools[_-]scm|hatch-vcs/.test(runText);
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
