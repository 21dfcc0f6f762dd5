import { defineRule } from '../rule';
import { imageFacts } from '../../model/images';
import { buildSteps } from '../../fixes/build-steps';
import { splitStagesRefactor } from '../../fixes/split-stages';
import type { Range } from '../../types';
import type { RunInfo } from '../../model/stages';
import { programName } from '../../model/shell';

/** `javac --version`, `rustc -V`, `make --help`: a check that the tool runs, not a build. */
function versionCheck(words: string[]): boolean {
  return words.length > 1 && words.slice(1).every((w) => /^(--?version|-v|-V|--help|-h)$/.test(w));
}

/**
 * Whether the RUN removes packages again (`apt-get purge`, `apk del .build-deps`, `dnf remove`):
 * the official images' build-from-source pattern, where the compilers are installed, used and
 * removed in one layer, so they do not ship. (Toolchain installs in such a RUN are already skipped
 * by buildSteps; native build commands there are skipped here.)
 */
function removesPackages(run: RunInfo): boolean {
  return run.commands.some((c) => {
    const prog = programName(c);
    const sub = c.words[1] ?? '';
    return ((prog === 'apt-get' || prog === 'apt') && (sub === 'purge' || sub === 'remove'))
      || (prog === 'apk' && sub === 'del') || (['dnf', 'yum', 'microdnf'].includes(prog) && (sub === 'remove' || sub === 'erase'));
  });
}

export default defineRule({
  id: 'stage/toolchain-in-final-stage',
  severity: 'warning',
  description: 'The shipped image builds software (compilers, `npm run build`, `go build`, `mvn package` …) or is based on an SDK image.',
  messages: {
    build: "The shipped image builds software here ('{command}'): the toolchain, the sources and the build's leftovers ship with it. Build in a builder stage and copy only the outputs into a runtime stage.",
    sdk: "The shipped image is based on the SDK image '{image}': its compilers and build tools ship with it. Build in a builder stage and copy only the outputs into a stage based on a runtime image.",
  },
  check({ model, context, report }) {
    for (const stage of model.stages) {
      if (!model.inImage.has(stage.index)) continue;
      const steps = buildSteps(stage).filter((st) => !versionCheck(st.command.words) && !(st.kind === 'native' && removesPackages(st.run)));
      const last = stage.index === model.stages.length - 1;
      const fixes = () => {
        const fix = last ? splitStagesRefactor(model, context) : undefined;
        return fix ? [fix] : [];
      };
      if (steps.length) {
        const step = steps[0];
        report({ message: 'build', data: { command: step.label }, range: commandRange(model.lines, step.run.instruction, step.command.offset, step.command.words), fixes: fixes() });
      } else if (stage.image && stage.baseRange && imageFacts(stage.image).sdk) {
        report({ message: 'sdk', data: { image: stage.baseResolved }, range: stage.baseRange, fixes: fixes() });
      }
    }
  },
});

/** The range of one command inside a RUN (the whole RUN when it cannot be located, e.g. JSON form or heredocs). */
function commandRange(
  lines: { offsetAt(p: Range['start']): number; positionAt(o: number): Range['start']; getText(r: Range): string },
  run: import('dockerfile-ast').Run, offset: number, words: string[],
): Range {
  const whole = run.getRange();
  const first = run.getArguments()[0];
  if (!first || offset < 0 || run.getHeredocs().length) return whole;
  const startOffset = lines.offsetAt(first.getRange().start);
  const text = lines.getText({ start: first.getRange().start, end: whole.end });
  if (/^\s*\[/.test(text)) return whole;
  let pos = offset;
  for (const w of words) {
    const at = text.indexOf(w, pos);
    if (at < 0 || at - pos > 200) break;
    pos = at + w.length;
  }
  return { start: lines.positionAt(startOffset + offset), end: lines.positionAt(startOffset + Math.max(pos, offset)) };
}
