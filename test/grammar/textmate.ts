// Loads the Dockerfile TextMate grammar with vscode-textmate and vscode-oniguruma (the engine VS Code
// uses) and tokenizes text line by line, the way the editor does.
import * as fs from 'fs';
import * as path from 'path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

export const GRAMMAR_PATH = path.resolve(__dirname, '../../syntaxes/dockerfile.tmLanguage.json');
/** A tiny stand-in for `source.shell`, for tests of the embedded heredoc bodies. */
export const SHELL_STUB_PATH = path.resolve(__dirname, 'fixtures/shell-stub.tmLanguage.json');

let onigLib: Promise<vsctm.IOnigLib> | undefined;
function getOnigLib(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigLib;
}

/**
 * Loads `source.dockerfile`. `shell: true` makes the shell stand-in available for embedding; a string
 * names another grammar file to serve as `source.shell` (for example VS Code's own).
 */
export async function loadGrammar(options: { shell?: boolean | string } = {}): Promise<vsctm.IGrammar> {
  const files: Record<string, string> = { 'source.dockerfile': GRAMMAR_PATH };
  if (options.shell) files['source.shell'] = options.shell === true ? SHELL_STUB_PATH : options.shell;
  const registry = new vsctm.Registry({
    onigLib: getOnigLib(),
    loadGrammar: async (scopeName) => {
      const file = files[scopeName];
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
  });
  const grammar = await registry.loadGrammar('source.dockerfile');
  if (!grammar) throw new Error('source.dockerfile did not load');
  return grammar;
}

export interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

export interface TokenizedLine {
  text: string;
  tokens: Token[];
  /** Depth of the rule stack after the line (1 = the grammar's root). */
  depth: number;
  stoppedEarly: boolean;
}

/** Splits like the editor: on LF or CRLF; the line terminator is not part of the line. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Tokenizes lines in order, carrying the rule stack; `timeLimitMs` bounds each line. */
export function tokenizeLines(grammar: vsctm.IGrammar, lines: string[], timeLimitMs = 0): TokenizedLine[] {
  let state = vsctm.INITIAL;
  return lines.map((text) => {
    const result = grammar.tokenizeLine(text, state, timeLimitMs);
    state = result.ruleStack;
    return {
      text,
      tokens: result.tokens.map((t) => ({
        text: text.slice(t.startIndex, t.endIndex),
        start: t.startIndex,
        end: t.endIndex,
        scopes: t.scopes,
      })),
      depth: state.depth,
      stoppedEarly: result.stoppedEarly,
    };
  });
}

/** The scopes of the token covering `column` (the last token for a column at the end of the line). */
export function scopesAt(line: TokenizedLine, column: number): string[] {
  const token = line.tokens.find((t) => t.start <= column && column < t.end) ?? line.tokens[line.tokens.length - 1];
  return token ? token.scopes : [];
}

/** Tokens overlapping [start, end). */
export function tokensIn(line: TokenizedLine, start: number, end: number): Token[] {
  return line.tokens.filter((t) => t.start < end && t.end > start);
}

/** Whether some scope of `scopes` equals `scope` or starts with `scope.` (TextMate selector rules). */
export function hasScope(scopes: string[], scope: string): boolean {
  return scopes.some((s) => s === scope || s.startsWith(`${scope}.`));
}
