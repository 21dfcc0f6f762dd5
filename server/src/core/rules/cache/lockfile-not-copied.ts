import { Copy, Add } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { Fix } from '../../types';
import { installOf } from '../../model/installs';
import { lockFilesOf, primaryManifestsOf } from '../../model/cache-facts';
import { ContextCopy, CopySource, contextCopyOf, sourceBrings, sourceMatches, stageLineage } from '../../model/cache-copies';

function basename(p: string): string {
  return p.split('/').pop() ?? p;
}
function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

export default defineRule({
  id: 'cache/lockfile-not-copied',
  severity: 'error',
  description: 'An install that requires or follows a lock file runs after a COPY that brings the manifest but not the lock file.',
  messages: {
    missing: "'{install}' (line {line}) needs {lock}, but this {keyword} brings '{manifest}' without it and nothing copied before brings it; add '{lock}' to the copy.",
    ignored: "'{install}' (line {line}) follows {lock} when it is there, and the build context has it, but this {keyword} brings '{manifest}' without it and nothing copied before brings it: the install resolves the versions anew instead of the locked ones; add '{lock}' to the copy.",
  },
  // stage by stage; a copy in a shared ancestor is reported once (`key`), by the first stage that finds it
  readsInstructions: ['COPY', 'ADD', 'RUN'],
  checkStage({ model, context, report }, stage) {
    // Everything the ancestors copied is there before this stage's first instruction.
    const earlier: { copy?: ContextCopy; other: boolean }[] = [];
    for (const s of stageLineage(model, stage).slice(1).reverse()) {
      for (const i of s.instructions) {
        const c = contextCopyOf(i);
        if (c) earlier.push({ copy: c, other: false });
        else if (i instanceof Copy || i instanceof Add) earlier.push({ other: true });
      }
    }
    const copies = [...earlier];
    for (const instr of stage.instructions) {
      if (instr instanceof Copy || instr instanceof Add) {
        const c = contextCopyOf(instr);
        copies.push(c ? { copy: c, other: false } : { other: true });
        continue;
      }
      const run = stage.runs.find((r) => r.instruction === instr);
      if (!run) continue;
      // Files from another stage, an image or a heredoc may carry the lock: too little is known.
      if (copies.some((c) => c.other)) continue;
      for (const cmd of run.commands) {
        const inst = installOf(cmd);
        // An install that only follows a lock when it is there is reported when the context is known to have it.
        if (!inst || !(inst.requiresLock || (inst.readsLock && context.known))) continue;
        const locks = lockFilesOf(inst.ecosystem);
        const manifests = primaryManifestsOf(inst.ecosystem);
        if (!locks.length || !manifests.length) continue;
        // The latest copy that brings a manifest by name (or name pattern).
        let found: { copy: ContextCopy; src: CopySource } | undefined;
        for (const { copy } of copies) {
          const src = copy?.sources.find((s) => !s.value.includes('$') && manifests.some((m) => sourceMatches(basename(s.path), m) || sourceMatches(m, basename(s.path))));
          if (copy && src) found = { copy, src };
        }
        if (!found) continue;
        const dir = dirname(found.src.path);
        const lockPaths = locks.map((l) => (dir ? `${dir}/${l}` : l));
        const brought = (p: string) =>
          copies.some(({ copy }) => copy?.sources.some((s) => sourceBrings(s, p) || sourceMatches(basename(s.path), basename(p))));
        if (lockPaths.some(brought)) continue;
        // A bind mount of the lock (or of the whole context) into the RUN also provides it.
        if (run.mounts.some((m) => m.type === 'bind' && !m.options.from && lockPaths.some((p) => {
          const src = (m.options.source ?? m.options.src ?? '.').replace(/^\.\//, '') || '.';
          return src === '.' || sourceBrings({ value: src, path: src.replace(/\/+$/, ''), range: found!.src.range }, p);
        }))) continue;
        let lockPath = lockPaths[0];
        let safe = false;
        if (context.known) {
          const present = lockPaths.find((p) => context.has(p) && !context.ignored(p));
          if (!present) continue; // no lock to copy: a different problem
          lockPath = present;
          // Adding a required lock mends a build that would fail; adding one the install only follows
          // changes which versions it installs (the locked ones instead of a fresh resolution).
          safe = inst.requiresLock;
        }
        const key = `${found.copy.instruction.getRange().start.line}:${found.src.path}:${lockPath}`;
        const written = found.src.value.slice(0, found.src.value.length - basename(found.src.value.replace(/\/+$/, '')).length) + basename(lockPath);
        const insert = found.copy.json ? `, ${JSON.stringify(written)}` : ` ${written}`;
        const at = found.src.range.end;
        const fixes: Fix[] = [{ title: `Copy '${written}' with '${found.src.value}'`, safe, edits: [{ range: { start: at, end: at }, newText: insert }] }];
        const installText = cmd.words.length > 4 ? `${cmd.words.slice(0, 4).join(' ')} …` : cmd.words.join(' ');
        report({
          message: inst.requiresLock ? 'missing' : 'ignored',
          data: {
            install: installText,
            line: instr.getRange().start.line + 1,
            lock: basename(lockPath),
            keyword: found.copy.keyword,
            manifest: found.src.value,
          },
          range: found.src.range,
          fixes,
          key,
        });
      }
    }
  },
});
