import { defineRule } from '../rule';
import { keywordRange } from '../../support/buildkit';

export default defineRule({
  id: 'buildkit/ConsistentInstructionCasing',
  buildkit: 'ConsistentInstructionCasing',
  severity: 'warning',
  description: 'All commands within the Dockerfile should use the same casing (either upper or lower).',
  messages: { casing: "Command '{name}' should match the case of the command majority ({casing})" },
  check({ model, report }) {
    // As BuildKit: the instructions of stages (FROM and what follows; not the ARGs before the first FROM).
    const instructions = model.stages.flatMap((s) => [s.from, ...s.instructions]);
    let lower = 0;
    let upper = 0;
    for (const i of instructions) {
      const name = i.getInstruction();
      if (name === name.toLowerCase()) lower++;
      else if (name === name.toUpperCase()) upper++;
    }
    const majorityLower = lower > upper;
    for (const i of instructions) {
      const name = i.getInstruction();
      const want = majorityLower ? name.toLowerCase() : name.toUpperCase();
      if (name === want) continue;
      const range = keywordRange(i);
      report({
        message: 'casing',
        data: { name, casing: majorityLower ? 'lowercase' : 'uppercase' },
        range,
        fixes: [{ title: `Write '${want}'`, safe: true, edits: [{ range, newText: want }] }],
      });
    }
  },
});
