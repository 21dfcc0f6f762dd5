import { defineRule } from '../rule';

export default defineRule({
  id: 'stage/forward-reference',
  severity: 'error',
  description: 'A `--from` names a stage that is defined later in the file.',
  messages: {
    forward: "'{name}' is defined later (line {line}): a stage can only use files from earlier stages. Move stage '{name}' above this one.",
  },
  check({ model, report }) {
    for (const ref of model.refs) {
      if (ref.kind === 'from' || ref.resolution !== 'forward' || ref.target === undefined) continue;
      report({ message: 'forward', data: { name: ref.value, line: model.stages[ref.target].fromRange.start.line + 1 }, range: ref.range });
    }
  },
});
