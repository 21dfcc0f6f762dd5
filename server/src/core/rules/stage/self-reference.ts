import { defineRule } from '../rule';

export default defineRule({
  id: 'stage/self-reference',
  severity: 'error',
  description: 'A `COPY --from` or `RUN --mount=from` names the stage it stands in.',
  messages: {
    self: "'{name}' is the stage this instruction is in: a stage cannot copy from itself.",
  },
  check({ model, report }) {
    for (const ref of model.refs) {
      if (ref.kind !== 'from' && ref.resolution === 'self') report({ message: 'self', data: { name: ref.value }, range: ref.range });
    }
  },
});
