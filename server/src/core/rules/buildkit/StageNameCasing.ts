import { defineRule } from '../rule';
import { renameStageEdits } from '../../fixes/stage-names';

export default defineRule({
  id: 'buildkit/StageNameCasing',
  buildkit: 'StageNameCasing',
  severity: 'warning',
  description: 'Stage names should be lowercase.',
  messages: { casing: "Stage name '{name}' should be lowercase" },
  check({ model, report }) {
    for (const s of model.stages) {
      if (!s.name || !s.nameRange || s.name === s.name.toLowerCase()) continue;
      report({
        message: 'casing',
        data: { name: s.name },
        range: s.nameRange,
        fixes: [{ title: `Rename stage to '${s.key}'`, safe: true, edits: renameStageEdits(model, s.index, s.key!) }],
      });
    }
  },
});
