import type { StageModel } from '../model/stages';
import { AUTOMATIC_ARGS } from './docs-catalog';

/** The legend: standard LSP token types and modifiers, so every theme colours them. */
export const TOKEN_TYPES = ['namespace', 'variable', 'parameter'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'] as const;

export interface SemanticToken {
  line: number;
  character: number;
  length: number;
  type: (typeof TOKEN_TYPES)[number];
  modifiers: (typeof TOKEN_MODIFIERS)[number][];
}

/**
 * Stage names (`namespace`) at their `AS` and at every reference by name (`FROM`, `--from`,
 * `--mount=from`), variables at their declaration (`ARG`: `parameter`, `ENV`: `variable`) and
 * every use; BuildKit's automatic args carry `defaultLibrary`. Sorted, single-line, no overlaps.
 */
export function semanticTokens(model: StageModel): SemanticToken[] {
  const out: SemanticToken[] = [];
  const push = (r: { start: { line: number; character: number }; end: { line: number; character: number } }, type: SemanticToken['type'], modifiers: SemanticToken['modifiers']) => {
    if (r.start.line !== r.end.line || r.end.character <= r.start.character) return;
    out.push({ line: r.start.line, character: r.start.character, length: r.end.character - r.start.character, type, modifiers });
  };
  for (const s of model.stages) if (s.nameRange) push(s.nameRange, 'namespace', ['declaration']);
  for (const r of model.refs) {
    if (r.target === undefined || r.resolution === 'variable' || /^[0-9]+$/.test(r.value)) continue;
    push(r.range, 'namespace', []);
  }
  const kinds = new Map<string, 'arg' | 'env'>();
  for (const d of model.decls) {
    if (!kinds.has(d.name) || d.kind === 'env') kinds.set(d.name, d.kind);
    push(d.nameRange, d.kind === 'env' ? 'variable' : 'parameter', Object.prototype.hasOwnProperty.call(AUTOMATIC_ARGS, d.name) ? ['declaration', 'defaultLibrary'] : ['declaration']);
  }
  for (const u of model.uses) {
    const auto = Object.prototype.hasOwnProperty.call(AUTOMATIC_ARGS, u.name);
    push(u.range, kinds.get(u.name) === 'env' ? 'variable' : kinds.has(u.name) || auto ? 'parameter' : 'variable', auto ? ['defaultLibrary'] : []);
  }
  out.sort((a, b) => a.line - b.line || a.character - b.character);
  // drop overlapping tokens (a reference and a use on the same text): the first wins
  const kept: SemanticToken[] = [];
  for (const t of out) {
    const last = kept[kept.length - 1];
    if (last && last.line === t.line && t.character < last.character + last.length) continue;
    kept.push(t);
  }
  return kept;
}

/** LSP's relative encoding: five integers per token. */
export function encodeSemanticTokens(tokens: SemanticToken[]): number[] {
  const data: number[] = new Array(tokens.length * 5);
  let line = 0;
  let char = 0;
  let k = 0;
  for (const t of tokens) {
    const dl = t.line - line;
    data[k++] = dl;
    data[k++] = dl === 0 ? t.character - char : t.character;
    data[k++] = t.length;
    data[k++] = TOKEN_TYPES.indexOf(t.type);
    let bits = 0;
    for (const m of t.modifiers) bits |= 1 << TOKEN_MODIFIERS.indexOf(m);
    data[k++] = bits;
    line = t.line;
    char = t.character;
  }
  return data;
}
