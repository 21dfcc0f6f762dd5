/**
 * Checks one fuzz-crash fixture in its own process (a crash that hangs or exhausts memory must
 * fail its test, not take the test run down): `node --require tsx/cjs check-one.ts <hash>.json`.
 * Prints the violations as JSON (time is not judged: it depends on the machine).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeInput } from '../../scripts/fuzz/inputs';
import { checkInput } from '../../scripts/fuzz/check';

const meta = process.argv[2];
const m = JSON.parse(fs.readFileSync(meta, 'utf8')) as { seed: number; index: number; written: boolean };
let text: string;
if (m.written) {
  text = fs.readFileSync(meta.replace(/\.json$/, '.Dockerfile'), 'utf8');
} else {
  const dir = path.resolve(__dirname, '../../../shared/corpus/real');
  const corpus = fs.readdirSync(dir).filter((f) => f !== 'INDEX.tsv').sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  text = makeInput(corpus, m.seed, m.index, true).text;
}
const violations = checkInput(text, { maxFixReanalyses: 50, fixAll: true, timeScale: 1000 });
process.stdout.write(JSON.stringify(violations) + '\n');
