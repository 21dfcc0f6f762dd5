import type { Instruction } from 'dockerfile-ast';
import type { StageModel } from '../model/stages';

/** The instruction covering a line (binary search over the document-ordered instructions), if any. */
export function instructionAt(model: StageModel, line: number): Instruction | undefined {
  const list = model.dockerfile.getInstructions();
  let lo = 0;
  let hi = list.length - 1;
  let found: Instruction | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].getRange().start.line <= line) {
      found = list[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && line <= found.getRange().end.line ? found : undefined;
}

/** The instruction's keyword as Docker reads it (ONBUILD's trigger is not looked into). */
export const keywordOf = (instr: Instruction): string => instr.getKeyword().toUpperCase();
