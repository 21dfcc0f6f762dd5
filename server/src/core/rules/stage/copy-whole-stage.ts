import { Add, Copy } from 'dockerfile-ast';
import { defineRule } from '../rule';
import { ancestry, buildOutputs, copiesOf, normalizePath, stageBase, workdirAt } from '../../model/stage-facts';

export default defineRule({
  id: 'stage/copy-whole-stage',
  severity: 'warning',
  description: "The shipped image copies a builder's whole root or work directory, and with it sources and dev dependencies.",
  hadolint: ['DL3067'],
  messages: {
    root: "This copies the whole filesystem of stage '{from}' into the shipped image (its OS, toolchain, sources and caches); copy only what the program needs{hint}.",
    workdir: "This copies stage '{from}''s whole work directory '{dir}' into the shipped image, with the sources and dev dependencies in it; copy only what the program needs{hint}.",
  },
  readsCopySources: true,
  checkStage({ model, report }, stage) {
    if (!model.inImage.has(stage.index)) return;
    const t = stage.index;
    for (const copy of copiesOf(stage)) {
      const ref = model.refs.find((r) => r.instruction === copy.instruction && r.kind === 'copy');
      if (!ref || ref.target === undefined || (ref.resolution !== 'stage' && ref.resolution !== 'index')) continue;
      // A scratch stage holds only what was put there on purpose (an artifact stage).
      if (stageBase(model, ref.target).kind === 'scratch') continue;
      const from = model.stages[ref.target];
      // A stage that is only an image alias (no instructions): its content is the image, chosen on purpose.
      if (ancestry(model, ref.target).every((s) => s.instructions.length === 0)) continue;
      // `FROM scratch` + `COPY --from=x / /`: flattening a stage into one layer.
      // (also onto the same base image the source stage started from: only its changes differ).
      const tb = stageBase(model, t);
      const fb = stageBase(model, ref.target);
      const flatten = tb.kind === 'scratch' || (tb.kind === 'image' && fb.kind === 'image' && tb.stage.baseText === fb.stage.baseText);
      const wd = workdirAt(model, ref.target);
      const outputs = buildOutputs(model, ref.target);
      const hint = outputs.length ? ` (e.g. ${outputs.map((o) => `'${o}'`).join(', ')})` : '';
      for (const src of copy.sources) {
        if (src.value.includes('$') || /[*?[]/.test(src.value)) continue;
        const path = normalizePath(src.value, '/');
        const name = from.name ?? String(from.index);
        if (path === '/' && !(flatten && copy.dest && normalizePath(copy.dest.value, '/') === '/')) {
          report({ message: 'root', data: { from: name, hint }, range: src.range });
          break;
        }
        // The work directory: reported when the builder built outputs there (interpreted apps often ship their sources).
        if (wd && wd !== '/' && path === wd && outputs.length && sourcesCopiedInto(model, ref.target, wd)) {
          report({ message: 'workdir', data: { from: name, dir: wd, hint }, range: src.range });
          break;
        }
      }
    }
  },
});

/** Whether the builder copied build-context files (sources) into its work directory. */
function sourcesCopiedInto(model: Parameters<typeof workdirAt>[0], index: number, wd: string): boolean {
  for (const s of ancestry(model, index)) {
    for (const c of copiesOf(s)) {
      if (c.from || !c.dest || !(c.instruction instanceof Copy || c.instruction instanceof Add)) continue;
      const dest = normalizePath(c.dest.value, workdirAt(model, s.index, c.instruction) || '/');
      if (dest === wd || dest.startsWith(`${wd}/`)) return true;
    }
  }
  return false;
}
