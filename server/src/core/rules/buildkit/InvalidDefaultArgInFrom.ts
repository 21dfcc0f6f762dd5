import { defineRule } from '../rule';
import { substitute } from '../../model/stages';
import { isValidImageReference, PLATFORM_ARG_VALUES } from '../../support/buildkit';

export default defineRule({
  id: 'buildkit/InvalidDefaultArgInFrom',
  buildkit: 'InvalidDefaultArgInFrom',
  severity: 'warning',
  description: 'Default value for global ARG results in an empty or invalid base image name.',
  messages: { invalid: 'Default value for ARG {base} results in empty or invalid base image name' },
  readsInstructions: [],
  checkStage({ model, report }, s) {
    // Global ARGs with their defaults only, as if no --build-arg were given.
    const values = new Map<string, string>(Object.entries(PLATFORM_ARG_VALUES));
    for (const a of model.globalArgs) {
      if (a.value !== undefined) values.set(a.name, substitute(a.value, (n) => values.get(n)).replace(/^(["'])(.*)\1$/, '$2'));
    }
    // Without a variable the reference is what is written: syntax/invalid-reference reports it.
    if (!s.baseRange || !s.baseText.includes('$')) return;
    // BuildKit expands the name with its shell lexer, which removes quotes: `alpine:"${TAG}"` is `alpine:3.20`.
    const resolved = removeQuotes(substitute(s.baseText, (n) => values.get(n)));
    if (isValidImageReference(resolved)) return;
    report({ message: 'invalid', data: { base: s.baseText }, range: s.baseRange });
  },
});

/** The word with its quotes removed as a shell lexer does (`'…'` literal, `"…"` and bare words honour `\\` escapes). */
export function removeQuotes(word: string): string {
  let out = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else out += c;
    } else if (c === '\\' && i + 1 < word.length) {
      out += word[++i];
    } else if (c === quote) {
      quote = undefined;
    } else if (!quote && (c === '"' || c === "'")) {
      quote = c;
    } else {
      out += c;
    }
  }
  return out;
}
