import { defineRule } from '../rule';
import type { Fix } from '../../types';
import { installOf, isNodeManager } from '../../model/installs';
import { ContextCopy, contextCopyOf, isBroadSource } from '../../model/cache-copies';

const PYTHON = new Set(['pip', 'poetry', 'uv', 'pipenv']);
const BUILD_STEP = /\b(npm|yarn|pnpm|bun)\s+(run\s+)?build\b|\btsc\b|\bmvn\b|\bmvnw\b|\bgradlew?\b|\bcargo\s+build\b|\bgo\s+build\b|\bdotnet\s+(build|publish)\b|\bmake\b|\bwebpack\b|\bvite\s+build\b|\bnext\s+build\b|\bng\s+build\b/;

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
    const fixes: Fix[] = [];
    const title = (entries: string[]) => (absent ? `Create .dockerignore excluding ${entries.map((e) => `'${e}'`).join(', ')}` : `Add ${entries.map((e) => `'${e}'`).join(', ')} to .dockerignore`);
    if (safeEntries.length) fixes.push({ title: title(safeEntries), safe: true, edits: [], fileEdits: [fileEdit(safeEntries)] });
    else if (absent && !/\bgit\s|\.git\b/.test(runText)) fixes.push({ title: title(['.git']), safe: true, edits: [], fileEdits: [fileEdit(['.git'])] });
    if (names.length > safeEntries.length) fixes.push({ title: title(names), safe: false, edits: [], fileEdits: [fileEdit(names)] });
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
