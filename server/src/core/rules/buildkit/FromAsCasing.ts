import { defineRule } from '../rule';
import { rangeOf } from '../../support/buildkit';

export default defineRule({
  id: 'buildkit/FromAsCasing',
  buildkit: 'FromAsCasing',
  severity: 'warning',
  description: "The 'as' keyword should match the case of the 'from' keyword.",
  messages: { casing: "'{as}' and '{from}' keywords' casing do not match" },
  readsInstructions: [],
  checkStage({ model, report }, s) {
    const from = s.from.getInstruction();
    const args = s.from.getArguments();
    if (args.length < 3) return;
    const lower = from === from.toLowerCase();
    const upper = from === from.toUpperCase();
    if (!lower && !upper) return; // ConsistentInstructionCasing reports it
    const as = args[1].getValue();
    const want = lower ? as.toLowerCase() : as.toUpperCase();
    if (as === want) return;
    const range = rangeOf(args[1].getRange());
    report({
      message: 'casing',
      data: { as, from },
      range,
      fixes: [{ title: `Write '${want}' to match '${from}'`, safe: true, edits: [{ range, newText: want }] }],
    });
  },
});
