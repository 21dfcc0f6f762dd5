import { defineRule } from '../rule';
import { suggestedStage } from '../../support/stage-suggestions';

export default defineRule({
  id: 'stage/unknown-from',
  severity: 'error',
  description: 'A stage reference names no earlier stage, so Docker would try to pull an image of that name.',
  messages: {
    typo: "'{name}' names no earlier stage: Docker would pull an image called '{name}'. Did you mean '{suggestion}'?",
    later: "'{name}' is a stage defined later (line {line}): FROM can only use earlier stages, so Docker would pull an image called '{name}'.",
    badIndex: "'--from={name}' names no stage: this Dockerfile has stages 0 to {last}.",
  },
  check({ model, report }) {
    const nameOf = (i: number) => model.stages[i].name ?? String(i);
    for (const ref of model.refs) {
      if (ref.resolution === 'bad-index') {
        report({ message: 'badIndex', data: { name: ref.value, last: model.stages.length - 1 }, range: ref.range });
        continue;
      }
      if (ref.kind === 'from' && ref.resolution === 'forward' && ref.target !== undefined) {
        report({ message: 'later', data: { name: ref.value, line: model.stages[ref.target].fromRange.start.line + 1 }, range: ref.range });
        continue;
      }
      const suggestion = suggestedStage(model, ref);
      if (suggestion === undefined) continue;
      const name = nameOf(suggestion);
      const earlier = suggestion < ref.user;
      report({
        message: 'typo',
        data: { name: ref.value, suggestion: name },
        range: ref.range,
        fixes: earlier ? [{ title: `Rename to '${name}'`, safe: true, edits: [{ range: ref.range, newText: name }] }] : [],
      });
    }
  },
});
