#!/usr/bin/env node
// Prints bench-results.json as Markdown tables (for docs/performance.md and the README):
//   node scripts/bench/table.mjs [bench-results.json] [--budgets]
import * as fs from 'node:fs';
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? 'bench-results.json';
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const fmt = (v) => (typeof v !== 'number' ? String(v) : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const unit = (x) => (x.unit ? ' ' + x.unit : '');
if (args.includes('--budgets')) {
  console.log('| measure | budget | measured | |');
  console.log('|---|---:|---:|---|');
  for (const x of r.results.filter((x) => x.budget !== null)) console.log(`| ${x.name} | ≤ ${x.budget}${unit(x)} | ${fmt(x.value)}${unit(x)} | ${x.ok ? 'met' : '**missed**'} |`);
} else {
  console.log(`Measured ${r.date.slice(0, 10)} on ${r.cpus} × ${r.cpu}, node ${r.node}; load average ${r.loadavg.start.map((l) => l.toFixed(1)).join(' ')} at the start.\n`);
  console.log('| | measure | result |');
  console.log('|---|---|---:|');
  for (const x of r.results) console.log(`| ${x.group} | ${x.name} | ${fmt(x.value)}${unit(x)}${x.p95 !== undefined ? ` / ${fmt(x.p95)}${unit(x)}` : ''} |`);
  if (r.core?.top) console.log(`\nMost expensive rules over the corpus (ms, in total): ${Object.entries(r.core.top).map(([k, v]) => `\`${k}\` ${fmt(v)}`).join(', ')}.`);
}
