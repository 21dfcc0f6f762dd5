import type { Property } from 'dockerfile-ast';
import { defineRule } from '../rule';
import type { Fix, TextEdit } from '../../types';
import { isDispatched, keywordRange, rangeOf } from '../../support/buildkit';

/**
 * The edits turning `KEY value` into `KEY=value`: the separator becomes `=`; a value with
 * whitespace is wrapped in double quotes. A value holding quotes or escapes and whitespace
 * would be re-parsed differently inside quotes: no fix then.
 */
function fixEdits(p: Property, lines: { getText(r: TextEdit['range']): string }): TextEdit[] | undefined {
  const vr = p.getValueRange();
  if (!vr) return undefined;
  const nameEnd = rangeOf(p.getNameRange()).end;
  const valueRange = rangeOf(vr);
  const raw = lines.getText(valueRange);
  const joined = raw.replace(/\\\r?\n/g, '');
  const spaced = /\s/.test(joined.trim());
  if (spaced && /["'\\`$]/.test(joined.replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, ''))) return undefined;
  if (/\\\r?\n/.test(raw) && !spaced) return undefined;
  const edits: TextEdit[] = [{ range: { start: nameEnd, end: valueRange.start }, newText: spaced ? '="' : '=' }];
  if (spaced) edits.push({ range: { start: valueRange.end, end: valueRange.end }, newText: '"' });
  return edits;
}

export default defineRule({
  id: 'buildkit/LegacyKeyValueFormat',
  buildkit: 'LegacyKeyValueFormat',
  severity: 'warning',
  description: 'Legacy key/value format with whitespace separator should not be used.',
  messages: { legacy: '"{name} key=value" should be used instead of legacy "{name} key value" format' },
  readsInstructions: ['ENV', 'LABEL'],
  checkStage({ model, report }, stage) {
    if (!isDispatched(model, stage)) return;
    for (const instr of stage.instructions) {
      const kw = instr.getKeyword();
      if (kw !== 'ENV' && kw !== 'LABEL') continue;
      const props = (instr as unknown as { getProperties(): Property[] }).getProperties();
      for (const p of props) {
        if (p.getAssignmentOperator() !== null) continue;
        const fixes: Fix[] = [];
        const edits = props.length === 1 ? fixEdits(p, model.lines) : undefined;
        if (edits) fixes.push({ title: `Write '${p.getName()}=<value>'`, safe: true, edits });
        report({ message: 'legacy', data: { name: instr.getInstruction() }, range: keywordRange(instr), fixes });
      }
    }
  },
});
