import { defineRule } from '../rule';
import { programName } from '../../model/shell';
import { ancestry, chainCommands, copiesOf, insertLineBefore, stageFacts, SUPPORT_FILE, variableAt } from '../../model/stage-facts';

export default defineRule({
  id: 'stage/cgo-binary-on-minimal-base',
  severity: 'warning',
  description: '`go build` without `CGO_ENABLED=0` in a stage whose output is copied into scratch, alpine or distroless/static.',
  messages: {
    cgo: "'go build' runs with cgo enabled (no CGO_ENABLED=0), and its output is copied into stage '{target}' based on {base}: a binary linked against {libc} fails there with 'not found'. Set CGO_ENABLED=0.",
  },
  // a build step of a stage several stages copy from is reported once (`key`), for the first of them
  readsCopySources: true,
  checkStage({ model, report }, into) {
    for (const edge of model.edges) {
      if (edge.to !== into.index || edge.kind !== 'copy' || !model.inImage.has(edge.to)) continue;
      const target = stageFacts(model, edge.to);
      if (!target) continue;
      const base = target.family === 'scratch' ? 'scratch' : target.libc === 'musl' ? 'alpine (musl)' : target.libc === 'none' ? 'a static distroless image (no libc)' : undefined;
      if (!base) continue;
      const spec = copiesOf(model.stages[edge.to]).find((c) => c.instruction === edge.ref.instruction);
      if (spec && spec.sources.length && spec.sources.every((s) => SUPPORT_FILE.test(s.value))) continue;
      const builder = stageFacts(model, edge.from);
      // On a musl builder without a C compiler cgo is off; a musl binary runs on alpine.
      const builderHasCc = chainCommands(model, edge.from).some((c) => programName(c.command) === 'apk' && c.command.words.some((w) => /^(gcc|build-base|musl-dev|clang)$/.test(w)));
      if (builder?.libc === 'musl' && (target.libc === 'musl' || !builderHasCc)) continue;
      for (const { stage, run, command } of chainCommands(model, edge.from)) {
        if (programName(command) !== 'go' || command.words[1] !== 'build') continue;
        if (command.env.CGO_ENABLED === '0' || /CGO_ENABLED=0/.test(run.text)) continue;
        const words = command.words.join(' ');
        if (/-static\b|netgo/.test(words) && /-extldflags|-tags/.test(words)) continue;
        const env = variableAt(model, stage.index, run.instruction, 'CGO_ENABLED');
        if (env === '0') continue;
        const key = `${run.instruction.getRange().start.line}`;
        const targetStage = model.stages[edge.to];
        const explicit = env !== undefined || command.env.CGO_ENABLED !== undefined;
        report({
          message: 'cgo',
          data: { target: targetStage.name ?? String(targetStage.index), base, libc: builder?.libc === 'musl' ? 'musl' : 'glibc' },
          range: run.instruction.getRange(),
          fixes: explicit ? [] : [{ title: 'Set ENV CGO_ENABLED=0 in the builder', safe: false, edits: [insertLineBefore(model, firstGoBuild(model, stage.index) ?? run.instruction, 'ENV CGO_ENABLED=0')] }],
          key,
        });
        break;
      }
    }
  },
});

/** The first RUN with `go build` in a stage (the ENV goes before it, so every build in the stage gets it). */
function firstGoBuild(model: Parameters<typeof ancestry>[0], index: number) {
  return model.stages[index].runs.find((r) => r.commands.some((c) => programName(c) === 'go' && c.words[1] === 'build'))?.instruction;
}
