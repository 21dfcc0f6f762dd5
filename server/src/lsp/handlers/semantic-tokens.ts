import { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../workspace';
import { TOKEN_MODIFIERS, TOKEN_TYPES, encodeSemanticTokens, semanticTokens as tokens } from '../../core/features/semantic-tokens';

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

/** textDocument/semanticTokens/full: stage names and variables, from the cached analysis. */
export function semanticTokens(ws: Workspace, doc: TextDocument): SemanticTokens {
  const model = ws.analysis(doc).model;
  return { data: model ? encodeSemanticTokens(tokens(model)) : [] };
}
