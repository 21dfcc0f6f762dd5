// A deterministic big Dockerfile: many stages, each one long RUN of continuation lines that use
// build variables (the shape of generated or concatenated files). The defaults give about 3 MB,
// 111,000 lines and 222 stages, each stage copying from the one before, so every stage is needed
// and nothing is reported.
//
//   node scripts/bench/big-input.mjs [stages] [linesPerRun] > big.Dockerfile

/**
 * @param {{ stages?: number, linesPerRun?: number }} [options]
 * @returns {string} the Dockerfile text
 */
export function bigInput({ stages = 222, linesPerRun = 494 } = {}) {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=alpine:3.20'];
  for (let s = 0; s < stages; s++) {
    out.push(`FROM \${BASE} AS part${s}`);
    out.push(`ARG LOG=/tmp/part${s}.log APP=demo`);
    out.push('RUN set -eu; \\');
    for (let l = 0; l < linesPerRun; l++) out.push(`    echo $APP-${l} >>$LOG; \\`);
    out.push('    wc -l "$LOG"');
    if (s > 0) out.push(`COPY --from=part${s - 1} /tmp/part${s - 1}.log /tmp/`);
  }
  out.push('FROM ${BASE}');
  out.push(`COPY --from=part${stages - 1} /tmp /logs`);
  out.push('USER 65534');
  out.push('CMD ["ls", "/logs"]');
  return out.join('\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [stages, linesPerRun] = process.argv.slice(2).map(Number);
  process.stdout.write(bigInput({ stages: stages || undefined, linesPerRun: linesPerRun || undefined }));
}
