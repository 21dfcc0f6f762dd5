import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../rule';
import { isDispatched, keywordRange } from '../../support/buildkit';

const ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export default defineRule({
  id: 'buildkit/MultipleInstructionsDisallowed',
  buildkit: 'MultipleInstructionsDisallowed',
  hadolint: ['DL4003', 'DL4004'],
  severity: 'warning',
  description: 'Multiple instructions of the same type should not be used in the same stage.',
  messages: { multiple: 'Multiple {instruction} instructions should not be used in the same stage because only the last one will be used' },
  readsInstructions: ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'],
  checkStage({ model, report }, stage) {
    if (!isDispatched(model, stage)) return;
    const last = new Map<string, Instruction>();
    for (const instr of stage.instructions) {
      const kw = instr.getKeyword();
      if (!ONCE.has(kw)) continue;
      const prev = last.get(kw);
      // As BuildKit: the finding is on the earlier instruction, the one that has no effect.
      if (prev) report({ message: 'multiple', data: { instruction: instr.getInstruction() }, range: keywordRange(prev) });
      last.set(kw, instr);
    }
  },
});
