import type { StageModel } from '../model/stages';
import type { TextEdit } from '../types';

/**
 * Edits that rename stage `index` to `newName` everywhere: its `AS` name and
 * every FROM / --from / --mount=from reference that resolves to it by name.
 * Numeric references are left as they are unless `includeNumeric` is set.
 */
export function renameStageEdits(model: StageModel, index: number, newName: string, includeNumeric = false): TextEdit[] {
  const stage = model.stages[index];
  const edits: TextEdit[] = [];
  if (stage?.nameRange) edits.push({ range: stage.nameRange, newText: newName });
  for (const r of model.refs) {
    if (r.target !== index || r.resolution === 'variable') continue;
    const numeric = /^[0-9]+$/.test(r.value);
    if (numeric ? includeNumeric : true) edits.push({ range: r.range, newText: newName });
  }
  return edits;
}

/** Edits that give an unnamed stage a name (` AS name` after its base). */
export function nameStageEdit(model: StageModel, index: number, name: string): TextEdit | undefined {
  const stage = model.stages[index];
  if (!stage || stage.name || !stage.baseRange) return undefined;
  return { range: { start: stage.baseRange.end, end: stage.baseRange.end }, newText: ` AS ${name}` };
}

/** A stage name not used yet, from a preferred one: `builder`, `builder-2`, … */
export function freshStageName(model: StageModel, preferred: string): string {
  const used = new Set(model.stages.map((s) => s.key).filter(Boolean));
  if (!used.has(preferred)) return preferred;
  for (let i = 2; ; i++) if (!used.has(`${preferred}-${i}`)) return `${preferred}-${i}`;
}
