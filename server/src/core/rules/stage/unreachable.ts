import { defineRule } from '../rule';

export default defineRule({
  id: 'stage/unreachable',
  severity: 'hint',
  description: 'A stage that no build target needs: BuildKit skips it, and it only costs reading time.',
  messages: {
    unreachable: "Stage '{name}' is not needed by the build target{targets}: nothing copies from it or builds on it.",
  },
  check({ model, report }) {
    const targetNames = model.targets.map((t) => (model.stages[t].name ? `'${model.stages[t].name}'` : `stage ${t}`));
    const targets = targetNames.length === 1 ? ` ${targetNames[0]}` : `s ${targetNames.join(', ')}`;
    for (const s of model.stages) {
      if (model.needed.has(s.index)) continue;
      const next = model.stages[s.index + 1];
      const end = next ? next.fromRange.start : model.lines.positionAt(model.text.length);
      const deleteStart = { line: s.fromRange.start.line, character: 0 };
      report({
        message: 'unreachable',
        data: { name: s.name ?? String(s.index), targets },
        range: s.range,
        tags: ['unnecessary'],
        fixes: [{ title: `Remove stage '${s.name ?? s.index}'`, safe: false, edits: [{ range: { start: deleteStart, end }, newText: '' }] }],
      });
    }
  },
});
