import { defineRule } from '../rule';
import { PLATFORM_ARGS, suggest, wordVariables } from '../../support/buildkit';

export default defineRule({
  id: 'buildkit/UndefinedArgInFrom',
  buildkit: 'UndefinedArgInFrom',
  severity: 'warning',
  description: 'FROM command must use declared ARGs.',
  messages: {
    undeclared: "FROM argument '{name}' is not declared",
    undeclaredSuggest: "FROM argument '{name}' is not declared (did you mean {suggestion}?)",
  },
  readsInstructions: [],
  checkStage({ model, report }, s) {
    const declared = [...new Set(model.globalArgs.map((a) => a.name)), ...PLATFORM_ARGS];
    const known = new Set(declared);
    const escape = model.dockerfile.getEscapeCharacter();
    const words: { text: string; at: { line: number; character: number } }[] = [];
    if (s.baseRange) words.push({ text: model.lines.getText(s.baseRange), at: s.baseRange.start });
    if (s.platform) words.push({ text: model.lines.getText(s.platform.range), at: s.platform.range.start });
    for (const w of words) {
      const seen = new Set<string>();
      for (const v of wordVariables(w.text, escape)) {
        if (known.has(v.name) || seen.has(v.name)) continue;
        seen.add(v.name);
        const suggestion = suggest(v.name, declared);
        // The word may span continuation lines: go through offsets, not columns.
        const at = model.lines.offsetAt(w.at) + v.offset;
        report({
          message: suggestion ? 'undeclaredSuggest' : 'undeclared',
          data: { name: v.name, suggestion: suggestion ?? '' },
          range: { start: model.lines.positionAt(at), end: model.lines.positionAt(at + v.name.length) },
        });
      }
    }
  },
});
