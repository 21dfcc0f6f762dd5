import type { Range } from '../types';
import type { Stage, StageModel } from '../model/stages';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: 'stage' | 'instruction' | 'arg';
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

/** Global ARGs, then stages with their instructions. */
export function outline(model: StageModel): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const a of model.globalArgs) {
    const r = a.instruction.getRange();
    out.push({ name: a.name, detail: 'ARG', kind: 'arg', range: r, selectionRange: a.nameRange, children: [] });
  }
  for (const s of model.stages) {
    const status = model.shipped.has(s.index) ? 'shipped' : model.needed.has(s.index) ? '' : 'unreachable';
    out.push({
      name: s.name ?? `stage ${s.index}`,
      detail: [`FROM ${s.baseText || '?'}`, status].filter(Boolean).join(' · '),
      kind: 'stage',
      range: s.range,
      selectionRange: s.nameRange ?? s.fromRange,
      children: instructionSymbols(s),
    });
  }
  return out;
}

/**
 * A stage's instructions as symbols, kept per Stage object: the model keeps a Stage object while
 * its instructions are the same objects, whose ranges and text are then the same too.
 */
const kept = new WeakMap<Stage, OutlineSymbol[]>();
function instructionSymbols(s: Stage): OutlineSymbol[] {
  let symbols = kept.get(s);
  if (symbols) return symbols;
  symbols = s.instructions.map((i) => {
    const args = (i.getArgumentsContent() ?? '').replace(/\s+/g, ' ').trim();
    return {
      name: i.getKeyword(),
      detail: args.length > 60 ? `${args.slice(0, 57)}…` : args,
      kind: 'instruction' as const,
      range: i.getRange(),
      selectionRange: i.getInstructionRange(),
      children: [],
    };
  });
  kept.set(s, symbols);
  return symbols;
}

/** One fold per stage (FROM line to its last line), plus multi-line instructions. */
export function foldingRanges(model: StageModel): { startLine: number; endLine: number }[] {
  const out: { startLine: number; endLine: number }[] = [];
  for (const s of model.stages) {
    if (s.range.end.line > s.range.start.line) out.push({ startLine: s.range.start.line, endLine: s.range.end.line });
    for (const i of s.instructions) {
      const r = i.getRange();
      if (r.end.line > r.start.line) out.push({ startLine: r.start.line, endLine: r.end.line });
    }
  }
  return out;
}
