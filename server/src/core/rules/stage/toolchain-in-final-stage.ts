import { defineRule } from '../rule';
import { imageFacts } from '../../model/images';
import { shippedSdkBase, splitFix, toolchainSteps } from '../../support/shipped-toolchain';
import type { Range } from '../../types';

export default defineRule({
  id: 'stage/toolchain-in-final-stage',
  severity: 'warning',
  description: 'The shipped image builds software (compilers, `npm run build`, `go build`, `mvn package` …) or is based on an SDK image.',
  messages: {
    build: "The shipped image builds software here ('{command}'): the toolchain, the sources and the build's leftovers ship with it. Build in a builder stage and copy only the outputs into a runtime stage.",
    native: "The shipped image compiles native extensions here ('{command}'): the compilers and -dev headers they need ship with it. Compile them in a builder stage and copy only the built extensions or packages into a runtime stage.",
    sdk: "The shipped image is based on the SDK image '{image}': its compilers and build tools ship with it. Build in a builder stage and copy only the outputs into a stage based on a runtime image.",
  },
  check({ model, context, report }) {
    // The SDK bases that stage/sdk-runtime-base reports (when no build and no split makes this rule own them).
    const sdkBases = new Set<number>();
    for (const t of model.shipped) {
      const base = shippedSdkBase(model, t);
      if (base) sdkBases.add(base.stage.index);
    }
    for (const stage of model.stages) {
      if (!model.inImage.has(stage.index)) continue;
      const steps = toolchainSteps(stage);
      const last = stage.index === model.stages.length - 1;
      // The split is computed only for a stage that is reported (it rewrites the whole file).
      const fixes = () => {
        const fix = last ? splitFix(model, context) : undefined;
        return fix ? [fix] : [];
      };
      if (steps.length) {
        const step = steps[0];
        report({ message: step.extension ? 'native' : 'build', data: { command: step.label }, range: commandRange(model.lines, step.run.instruction, step.command.offset, step.command.words), fixes: fixes() });
      } else if (stage.image && stage.baseRange && imageFacts(stage.image).sdk) {
        const offered = fixes();
        // Without a build step or a split to offer, the SDK base is stage/sdk-runtime-base's finding (one problem, one finding).
        if (!offered.length && sdkBases.has(stage.index)) continue;
        report({ message: 'sdk', data: { image: stage.baseResolved }, range: stage.baseRange, fixes: offered });
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
