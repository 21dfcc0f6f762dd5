import type { Position, Range } from '../types';
import type { StageModel } from '../model/stages';
import { rangeContains } from '../text';
import { STAGE_NAME_PATTERN } from '../model/stages';

export interface StageOccurrence {
  range: Range;
  /** The `AS name` declaration, or a reference. */
  kind: 'declaration' | 'reference';
}

/** The stage whose name or name reference is at the position (not numeric references). */
export function stageAtPosition(model: StageModel, pos: Position): { index: number; range: Range } | undefined {
  for (const s of model.stages) {
    if (s.nameRange && rangeContains(s.nameRange, pos)) return { index: s.index, range: s.nameRange };
  }
  for (const r of model.refs) {
    if (r.target === undefined || /^[0-9]+$/.test(r.value) || r.resolution === 'variable') continue;
    if (rangeContains(r.range, pos)) return { index: r.target, range: r.range };
  }
  return undefined;
}

/** The declaration and every by-name reference of a stage. */
export function stageOccurrences(model: StageModel, index: number): StageOccurrence[] {
  const out: StageOccurrence[] = [];
  const s = model.stages[index];
  if (s?.nameRange) out.push({ range: s.nameRange, kind: 'declaration' });
  for (const r of model.refs) {
    if (r.target === index && !/^[0-9]+$/.test(r.value) && r.resolution !== 'variable') out.push({ range: r.range, kind: 'reference' });
  }
  return out;
}

/** Whether a new stage name is valid (Docker's grammar) and unused by another stage. Returns an error message or undefined. */
export function validateStageName(model: StageModel, index: number, name: string): string | undefined {
  if (!STAGE_NAME_PATTERN.test(name)) {
    return `'${name}' is not a valid stage name: it must start with a letter and contain only letters, digits, '-', '_' and '.'.`;
  }
  if (/^[0-9]+$/.test(name)) return 'A stage name cannot be a number.';
  const key = name.toLowerCase();
  if (key === 'scratch' || key === 'context') return `'${name}' is reserved.`;
  const clash = model.stages.find((s) => s.index !== index && s.key === key);
  if (clash) return `Stage ${clash.index} is already called '${clash.name}'.`;
  return undefined;
}
