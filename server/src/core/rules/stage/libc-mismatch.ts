import { defineRule } from '../rule';
import { programName, flagValue } from '../../model/shell';
import { chainCommands, copiesOf, normalizePath, stageFacts, workdirAt } from '../../model/stage-facts';

const NATIVE = /(^|\/)(node_modules|\.?venv|site-packages|dist-packages)(\/|$)|^\/opt\/venv(\/|$)|^\/usr\/local\/lib\/python[0-9.]*(\/|$)/;

export default defineRule({
  id: 'stage/libc-mismatch',
  severity: 'warning',
  description: 'node_modules, a virtualenv, site-packages or a native binary copied between a glibc-based stage and a musl (alpine) one.',
  messages: {
    mismatch: "'{path}' is copied from stage '{from}' ({fromLibc}) into stage '{to}' ({toLibc}): native code built against {fromLibc} does not load on {toLibc}. Build it on a base with the same C library.",
  },
  readsCopySources: true,
  checkStage({ model, report }, stage) {
    for (const edge of model.edges) {
      if (edge.to !== stage.index || edge.kind !== 'copy' || !model.needed.has(edge.to)) continue;
      const from = stageFacts(model, edge.from);
      const to = stageFacts(model, edge.to);
      if (!from || !to) continue;
      const libcs = new Set([from.libc, to.libc]);
      if (!(libcs.has('glibc') && libcs.has('musl'))) continue;
      const spec = copiesOf(model.stages[edge.to]).find((c) => c.instruction === edge.ref.instruction);
      if (!spec) continue;
      const binaries = nativeBinaries(model, edge.from);
      for (const src of spec.sources) {
        const path = normalizePath(src.value, '/');
        if (!NATIVE.test(src.value) && !NATIVE.test(path) && !binaries.some((b) => b === path || path.startsWith(`${b}/`))) continue;
        const a = model.stages[edge.from];
        const b = model.stages[edge.to];
        report({
          message: 'mismatch',
          data: { path: src.value, from: a.name ?? String(a.index), to: b.name ?? String(b.index), fromLibc: from.libc, toLibc: to.libc },
          range: src.range,
        });
        break;
      }
    }
  },
});

/** Outputs of C/C++/Rust builds in a stage's chain: dynamically linked unless told otherwise. (Go is stage/cgo-binary-on-minimal-base's.) */
function nativeBinaries(model: Parameters<typeof chainCommands>[0], index: number): string[] {
  const out: string[] = [];
  for (const { stage, run, command } of chainCommands(model, index)) {
    const prog = programName(command);
    const wd = workdirAt(model, stage.index, run.instruction) || '/';
    if (/^(gcc|g\+\+|cc|c\+\+|clang|clang\+\+)$/.test(prog) && !command.words.includes('-static')) {
      const o = flagValue(command, '-o');
      if (o && !o.includes('$')) out.push(normalizePath(o, wd));
    } else if (prog === 'cargo' && (command.words[1] === 'build' || command.words[1] === 'install')) {
      const target = flagValue(command, '--target') ?? '';
      if (/musl/.test(target)) continue;
      out.push(normalizePath('target/release', wd), normalizePath('target/debug', wd));
      if (command.words[1] === 'install') out.push('/usr/local/cargo/bin');
    }
  }
  return out;
}
