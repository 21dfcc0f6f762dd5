/**
 * Checks fuzz inputs [from, to) of a seed in its own process (an input that hangs or exhausts
 * memory must fail its test, not take the test run down). Prints JSON lines: `{"at":i}` before
 * each input, `{"index":i,"kind","chars","violations"}` for each violating one, `{"done":true}` at the end.
 *   node --require tsx/cjs run-slice.ts <seed> <from> <to>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeInput } from '../../scripts/fuzz/inputs';
import { checkInput } from '../../scripts/fuzz/check';

const [seed, from, to] = process.argv.slice(2).map(Number);
const dir = path.resolve(__dirname, '../../../shared/corpus/real');
const corpus = fs.readdirSync(dir).filter((f) => f !== 'INDEX.tsv').sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
const out = (o: unknown) => fs.writeSync(1, JSON.stringify(o) + '\n');
for (let index = from; index < to; index++) {
  out({ at: index });
  const input = makeInput(corpus, seed, index, false);
  // the time bound is widened: CI machines are shared; the fuzzer itself keeps the strict bound
  const violations = checkInput(input.text, { maxFixReanalyses: index % 10 === 0 ? 1 : 0, fixAll: index % 100 === 0, timeScale: 3 });
  if (violations.length) out({ index, kind: input.kind, chars: input.text.length, violations });
}
out({ done: true });
