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
    let mixed = 0;
    const count = (c: number) => (c === LOWER ? lower++ : c === UPPER ? upper++ : mixed++);
    for (const s of model.stages) {
      count(casingOf(s.from));
      for (const i of s.instructions) count(casingOf(i));
    }
    const majorityLower = lower > upper;
    // the instructions of the other casing (on every keystroke only these are looked at again)
    const odd = majorityLower ? UPPER | MIXED : LOWER | MIXED;
    const instructions: Instruction[] = [];
    if ((majorityLower ? upper : lower) + mixed > 0) {
      for (const s of model.stages) {
        if (casingOf(s.from) & odd) instructions.push(s.from);
        for (const i of s.instructions) if (casingOf(i) & odd) instructions.push(i);
      }
    }
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
