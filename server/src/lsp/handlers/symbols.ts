import { DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { foldingRanges, outline, OutlineSymbol } from '../../core/features/outline';

const KIND: Record<OutlineSymbol['kind'], SymbolKind> = { stage: SymbolKind.Module, instruction: SymbolKind.Function, arg: SymbolKind.Variable };

function toSymbol(s: OutlineSymbol): DocumentSymbol {
  return { name: s.name, detail: s.detail, kind: KIND[s.kind], range: s.range, selectionRange: s.selectionRange, children: s.children.map(toSymbol) };
}

export function documentSymbols(ws: Workspace, doc: TextDocument): DocumentSymbol[] {
  const model = ws.analysis(doc).model;
  return model ? outline(model).map(toSymbol) : [];
}

export function foldings(ws: Workspace, doc: TextDocument): FoldingRange[] {
  const model = ws.analysis(doc).model;
  return model ? foldingRanges(model).map((r) => ({ ...r, kind: FoldingRangeKind.Region })) : [];
}
