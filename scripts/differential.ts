/**
 * The full differential run of incremental analysis (see scripts/differential/edits.ts):
 *
 *   npx tsx scripts/differential.ts [--edits 100000] [--seed 20261203] [--per-file 200]
 *
 * Spreads the edits over the 590 corpus files (`--per-file` edits per sequence, files taken in
 * turn) and prints the divergences found; exits 1 if there is any. A divergence's texts are
 * written to .tmp/differential/ to be replayed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkFile, contextFor, Divergence } from './differential/edits';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? Number(argv[i + 1]) : fallback;
};
const total = option('edits', 100_000);
const seed = option('seed', 20261203);
const perFile = option('per-file', 200);
const corpus = path.resolve(__dirname, '../../shared/corpus/real');
const files = fs.readFileSync(path.join(corpus, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);

const t0 = Date.now();
let edits = 0;
let reused = 0;
let reparsed = 0;
const divergences: Divergence[] = [];
for (let round = 0; edits < total; round++) {
  for (let f = 0; f < files.length && edits < total; f++) {
    const text = fs.readFileSync(path.join(corpus, files[f]), 'utf8');
    const r = checkFile(files[f], text, Math.min(perFile, total - edits), seed + round, f, contextFor(f));
    edits += r.edits;
    reused += r.reused;
    reparsed += r.reparsed;
    divergences.push(...r.divergences);
  }
  process.stderr.write(`  ${edits} edits, ${divergences.length} divergences, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}
const out = path.resolve(__dirname, '../.tmp/differential');
for (const [i, d] of divergences.entries()) {
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, `${i}.json`), JSON.stringify(d, null, 1));
  console.log(`DIVERGENCE ${d.file} edit ${d.edit} (${d.kind}): written to .tmp/differential/${i}.json`);
}
console.log(`${edits} edits over ${files.length} files (seed ${seed}): ${divergences.length} divergences; ` +
  `top-level items reused ${reused}, re-parsed ${reparsed}; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(divergences.length ? 1 : 0);
