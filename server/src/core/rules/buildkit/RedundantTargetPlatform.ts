import { defineRule } from '../rule';
import { substitute } from '../../model/stages';
import { wordVariables } from '../../support/buildkit';

export default defineRule({
  id: 'buildkit/RedundantTargetPlatform',
  buildkit: 'RedundantTargetPlatform',
  severity: 'warning',
  description: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior.',
  messages: { redundant: 'Setting platform to predefined {value} in FROM is redundant as this is the default behavior' },
  readsInstructions: [],
  checkStage({ model, report }, s) {
    const escape = model.dockerfile.getEscapeCharacter();
    const SENTINEL = 'linux/stagecraft-target';
    if (!s.platform) return;
    const names = new Set(wordVariables(s.platform.value, escape).map((v) => v.name));
    if (names.size !== 1 || !names.has('TARGETPLATFORM')) return;
    if (substitute(s.platform.value, (n) => (n === 'TARGETPLATFORM' ? SENTINEL : undefined)) !== SENTINEL) return;
    const flag = s.from.getFlags().find((f) => f.getName().toLowerCase() === 'platform');
    if (!flag) return;
    const fr = flag.getRange();
    // Remove `--platform=…` and the whitespace after it.
    const line = model.lines.lineText(fr.end.line);
    let endChar = fr.end.character;
    while (endChar < line.length && /[ \t]/.test(line[endChar])) endChar++;
    const start = { line: fr.start.line, character: fr.start.character };
    report({
      message: 'redundant',
      data: { value: s.platform.value },
      range: { start, end: { line: fr.end.line, character: fr.end.character } },
      fixes: [{ title: 'Remove the redundant `--platform` flag', safe: true, edits: [{ range: { start, end: { line: fr.end.line, character: endChar } }, newText: '' }] }],
    });
  },
});
