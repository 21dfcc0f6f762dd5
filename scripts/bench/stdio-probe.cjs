// Preloaded into a language server by scripts/bench/latency-split.mjs (`node --require`): records,
// on the monotonic clock both processes share (process.hrtime), when stdin data arrives, when stdout
// is written and each garbage collection; written as JSON to the file named by STDIO_PROBE_OUT on SIGUSR2.
'use strict';
const fs = require('node:fs');
const { PerformanceObserver } = require('node:perf_hooks');
const events = [];
const now = () => Number(process.hrtime.bigint()) / 1e6;
const offset = now() - performance.now();
process.stdin.on('data', (d) => events.push(['in', now(), d.length]));
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  events.push(['out', now(), chunk.length]);
  return write(chunk, ...rest);
};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) events.push(['gc', e.startTime + offset, e.duration, e.detail?.kind]);
}).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => fs.writeFileSync(process.env.STDIO_PROBE_OUT, JSON.stringify(events)));
