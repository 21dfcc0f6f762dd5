import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';
import { keywordRange } from '../../support/buildkit';

const LOWER = 1;
const UPPER = 2;
const MIXED = 4;
const CASING = Symbol('stagecraft.keywordCasing');

/** How the keyword is written; kept on the instruction, whose text never changes (an incremental parse reuses it). */
function casingOf(i: Instruction): number {
  const o = i as Instruction & { [CASING]?: number };
  let c = o[CASING];
  if (c === undefined) {
    const name = i.getInstruction();
    c = o[CASING] = name === name.toLowerCase() ? LOWER : name === name.toUpperCase() ? UPPER : MIXED;
  }
  return c;
}

export default defineRule({
  id: 'buildkit/ConsistentInstructionCasing',
  buildkit: 'ConsistentInstructionCasing',
  severity: 'warning',
  description: 'All commands within the Dockerfile should use the same casing (either upper or lower).',
  messages: { casing: "Command '{name}' should match the case of the command majority ({casing})" },
  check({ model, report }) {
    // As BuildKit: the instructions of stages (FROM and what follows; not the ARGs before the first FROM).
    let lower = 0;
    let upper = 0;
    for (const s of model.stages) {
      for (let k = -1; k < s.instructions.length; k++) {
        const c = casingOf(k < 0 ? s.from : s.instructions[k]);
        if (c === LOWER) lower++;
        else if (c === UPPER) upper++;
      }
    }
    const majorityLower = lower > upper;
    // on every keystroke only the instructions of the other casing are looked at again
    const odd = majorityLower ? UPPER | MIXED : LOWER | MIXED;
    const instructions = model.stages.flatMap((s) => [s.from, ...s.instructions].filter((i) => casingOf(i) & odd));
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
