import { defineRule } from '../rule';
import { copiesOf, deleteInstruction, normalizePath, workdirAt } from '../../model/stage-facts';

export default defineRule({
  id: 'stage/copy-from-parent',
  severity: 'warning',
  description: '`COPY --from=p` inside a stage built `FROM p` that copies files onto themselves: they are already there, the copy only duplicates a layer.',
  messages: {
    parent: "Stage '{stage}' is built FROM '{parent}', so '{source}' is already in place; this COPY --from duplicates it in a new layer.",
  },
  readsInstructions: ['COPY', 'ADD', 'WORKDIR'],
  checkStage({ model, report }, stage) {
    for (const ref of model.refs) {
      if (ref.user !== stage.index || ref.kind !== 'copy' || (ref.resolution !== 'stage' && ref.resolution !== 'index') || ref.target === undefined) continue;
      if (stage.parent === undefined || stage.parent !== ref.target) continue;
      const spec = copiesOf(stage).find((c) => c.instruction === ref.instruction);
      if (!spec || !spec.dest || !spec.sources.length) continue;
      const wd = workdirAt(model, stage.index, ref.instruction);
      if (!wd || spec.dest.value.includes('$') || spec.sources.some((s) => /[$*?[]/.test(s.value))) continue;
      // Only a copy onto the same path is a no-op: `COPY --from=p /app /app`, `COPY --from=p /app/x /app/`.
      const destRaw = spec.dest.value;
      const dest = normalizePath(destRaw, wd);
      const destIsDir = /\/$/.test(destRaw) || destRaw === '.' || spec.sources.length > 1;
      const same = spec.sources.every((s) => {
        const src = normalizePath(s.value, '/');
        if (src === dest) return true;
        if (destIsDir) {
          const base = src.split('/').pop() ?? '';
          return normalizePath(base, dest) === src;
        }
        return false;
      });
      if (!same) continue;
      const parent = model.stages[ref.target];
      report({
        message: 'parent',
        data: { stage: stage.name ?? String(stage.index), parent: parent.name ?? String(parent.index), source: spec.sources.map((s) => s.value).join(' ') },
        range: ref.range,
        fixes: [{ title: 'Remove the COPY --from instruction', safe: false, edits: [deleteInstruction(model, ref.instruction)] }],
      });
    }
  },
});
