import { defineRule } from '../rule';
import { freshStageName, nameStageEdit } from '../../fixes/stage-names';
import type { TextEdit } from '../../types';

export default defineRule({
  id: 'stage/numeric-reference',
  severity: 'warning',
  description: 'A `--from=<index>` reference: it silently points elsewhere when a stage is added or moved.',
  messages: {
    numeric: "'--from={index}' refers to a stage by position; refer to it by name ('{name}') so adding or moving a stage cannot change it.",
  },
  check({ model, report }) {
    const fresh = new Map<number, string>();
    for (const ref of model.refs) {
      if (ref.resolution !== 'index' || ref.target === undefined) continue;
      const stage = model.stages[ref.target];
      let name = stage.name;
      const edits: TextEdit[] = [];
      if (!name) {
        name = fresh.get(stage.index) ?? freshStageName(model, `stage-${stage.index}`);
        fresh.set(stage.index, name);
        const e = nameStageEdit(model, stage.index, name);
        if (e) edits.push(e);
      }
      // Rename every numeric reference to that stage in one fix, so fixes compose.
      for (const other of model.refs) {
        if (other.resolution === 'index' && other.target === stage.index) edits.push({ range: other.range, newText: name });
      }
      report({
        message: 'numeric',
        data: { index: ref.value, name },
        range: ref.range,
        fixes: [{ title: stage.name ? `Refer to stage '${name}' by name` : `Name stage ${stage.index} '${name}' and refer to it by name`, safe: true, edits }],
      });
    }
  },
});
