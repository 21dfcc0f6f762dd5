import { defineRule } from '../rule';
import type { Fix } from '../../types';
import { installOf } from '../../model/installs';
import { hasFlag } from '../../model/shell';
import { ContextCopy, commandOffsetsReliable, commandRange, contextCopyOf, isBroadSource, sourceMatches, stageLineage } from '../../model/cache-copies';
import type { ContextView } from '../../context';

const NPM_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json'];
const isNpmLock = (f: string) => NPM_LOCKS.includes(f.split('/').pop() ?? '');

/** The npm lock file a copy is known to bring: named (or globbed) and, for globs and folders, present in the context. */
function lockBrought(copy: ContextCopy, context: ContextView): string | undefined {
  for (const src of copy.sources) {
    const base = src.path.split('/').pop() ?? '';
    if (NPM_LOCKS.includes(base) && !src.value.includes('$')) return src.path;
    if (!context.known || src.value.includes('$')) continue;
    for (const f of context.select(isNpmLock)) {
      if (context.ignored(f)) continue;
      // the root or a folder brings the lock lying directly in it; a glob what it matches
      const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '.';
      if (isBroadSource(src) ? dir === '.' : dir === src.path || sourceMatches(src.path, f)) return f;
    }
  }
  return undefined;
}

export default defineRule({
  id: 'cache/npm-install-in-build',
  severity: 'info',
  description: '`npm install` in a build that has a lock file: `npm ci` installs exactly the locked tree and is faster.',
  messages: {
    install: "'npm {sub}' can resolve other versions than '{lock}' records and rewrite it; use 'npm ci', which installs exactly the locked tree and is faster.",
  },
  readsInstructions: ['COPY', 'ADD', 'RUN'],
  checkStage({ model, context, report }, stage) {
    // Copies made before each instruction, in this stage and its FROM ancestors.
    const inherited: ContextCopy[] = [];
    for (const s of stageLineage(model, stage).slice(1)) {
      for (const i of s.instructions) {
        const c = contextCopyOf(i);
        if (c) inherited.push(c);
      }
    }
    const copies = [...inherited];
    for (const instr of stage.instructions) {
      const c = contextCopyOf(instr);
      if (c) {
        copies.push(c);
        continue;
      }
      const run = stage.runs.find((r) => r.instruction === instr);
      if (!run) continue;
      for (const cmd of run.commands) {
        const inst = installOf(cmd);
        if (!inst || inst.ecosystem !== 'npm' || inst.requiresLock || inst.explicitPackages) continue;
        if (hasFlag(cmd, '--no-package-lock', '--package-lock', '--package-lock-only')) continue;
        let lock: string | undefined;
        for (const copy of copies) lock = lock ?? lockBrought(copy, context);
        for (const m of run.mounts) {
          const src = (m.options.source ?? m.options.src ?? '').replace(/^\.\//, '');
          if (m.type === 'bind' && !m.options.from && NPM_LOCKS.includes(src.split('/').pop() ?? '')) lock = lock ?? src;
        }
        if (!lock) continue;
        const sub = cmd.words.find((w, i) => i > 0 && !w.startsWith('-')) ?? 'install';
        const range = commandRange(model, run, cmd);
        const fixes: Fix[] = [];
        if (commandOffsetsReliable(run) && cmd.offset >= 0) {
          const base = model.lines.offsetAt(range.start);
          const text = model.lines.getText(range);
          const m = /^(\S*npm\s+(?:-{1,2}\S+\s+)*)(install|i|isntall)(?=\s|$)/.exec(text);
          if (m) {
            const at = base + m[1].length;
            fixes.push({
              title: "Use 'npm ci'",
              safe: false,
              edits: [{ range: { start: model.lines.positionAt(at), end: model.lines.positionAt(at + m[2].length) }, newText: 'ci' }],
            });
          }
        }
        report({ message: 'install', data: { sub, lock: lock.split('/').pop() ?? lock }, range, fixes });
      }
    }
  },
});
