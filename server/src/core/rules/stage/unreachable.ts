import { defineRule } from '../rule';
import type { StageModel } from '../../model/stages';
import { suggestedStage } from '../../support/stage-suggestions';

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Values BuildKit gives the platform ARGs (Go's GOOS/GOARCH names and ARM variants). */
const OS = 'linux|windows|darwin|freebsd|netbsd|openbsd|illumos|solaris|aix|android|ios|js|wasip1|plan9|dragonfly';
const ARCH = 'amd64|arm64|arm|386|ppc64le|ppc64|s390x|riscv64|mips64le|mips64|mipsle|mips|loong64|wasm';
const VARIANT = 'v5|v6|v7|v8|v1|v2|v3|v4|';
const PLATFORM: Record<string, string> = { TARGETOS: OS, BUILDOS: OS, TARGETARCH: ARCH, BUILDARCH: ARCH, TARGETVARIANT: VARIANT, BUILDVARIANT: VARIANT };

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern for the stage names a reference with variables may take: a platform ARG stands for its
 * values, a global ARG whose default uses variables for that default's pattern, any other variable
 * for any text. `informative` is false when the pattern would match anything (`FROM $BASE_IMAGE`).
 */
function referencePattern(model: StageModel, text: string, depth = 0): { source: string; informative: boolean } {
  let informative = /[A-Za-z0-9]/.test(text.replace(VARIABLE, ''));
  let source = '';
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    source += escape(text.slice(last, m.index));
    last = m.index! + m[0].length;
    const name = m[1] ?? m[2];
    const global = model.globalArgs.find((a) => a.name === name);
    if (PLATFORM[name] !== undefined) {
      source += `(?:${PLATFORM[name]})`;
      informative = true;
    } else if (global?.value?.includes('$') && depth < 5 && !(name in model.buildArgs)) {
      const inner = referencePattern(model, global.value.replace(/^(["'])(.*)\1$/, '$2'), depth + 1);
      source += `(?:${inner.source})`;
      informative ||= inner.informative;
    } else {
      source += '.*';
    }
  }
  source += escape(text.slice(last));
  return { source, informative };
}

/**
 * The stages the targets may need: the model's `needed`, plus the stages a reference with a
 * variable may name (`FROM binaries-$TARGETOS`, `COPY --from=build-${TARGETARCH}`, `FROM ${FLAVOR}`
 * with `ARG FLAVOR=${TARGETARCH}`): every earlier stage whose name fits the reference's pattern may be
 * the one built. A reference that is only an unknown variable (`FROM $BASE_IMAGE`) names an image as
 * often as a stage and makes nothing reachable. A misspelt reference that `stage/unknown-from`
 * reports with a suggestion (`COPY --from=biuld`) counts as a reference to the suggested stage:
 * the typo is one finding, and the stage meant is not offered for deletion.
 */
export function possiblyNeeded(model: StageModel): Set<number> {
  const needed = new Set<number>();
  const stack = [...model.needed];
  // the edges into each stage and the references each stage makes, in model order
  const into: number[][] = model.stages.map(() => []);
  const made: (typeof model.refs)[] = model.stages.map(() => []);
  for (const e of model.edges) into[e.to]?.push(e.from);
  for (const r of model.refs) made[r.user]?.push(r);
  while (stack.length) {
    const i = stack.pop()!;
    if (needed.has(i)) continue;
    needed.add(i);
    for (const from of into[i] ?? []) stack.push(from);
    for (const r of made[i] ?? []) {
      if (r.resolution === 'image') {
        const meant = suggestedStage(model, r);
        if (meant !== undefined) stack.push(meant);
        continue;
      }
      if (r.resolution !== 'variable') continue;
      const { source, informative } = referencePattern(model, r.value);
      if (!informative) continue;
      const pattern = new RegExp(`^(?:${source})$`, 'i');
      for (const s of model.stages) if (s.index < i && s.key && pattern.test(s.key)) stack.push(s.index);
    }
  }
  return needed;
}

export default defineRule({
  id: 'stage/unreachable',
  severity: 'hint',
  description: 'A stage that no build target needs: BuildKit skips it, and it only costs reading time.',
  messages: {
    unreachable: "Stage '{name}' is not needed by the build target{targets}: nothing copies from it or builds on it.",
  },
  check({ model, report }) {
    const targetNames = model.targets.map((t) => (model.stages[t].name ? `'${model.stages[t].name}'` : `stage ${t}`));
    const targets = targetNames.length === 1 ? ` ${targetNames[0]}` : `s ${targetNames.join(', ')}`;
    const needed = possiblyNeeded(model);
    for (const s of model.stages) {
      if (needed.has(s.index)) continue;
      const next = model.stages[s.index + 1];
      const end = next ? next.fromRange.start : model.lines.positionAt(model.text.length);
      const deleteStart = { line: s.fromRange.start.line, character: 0 };
      report({
        message: 'unreachable',
        data: { name: s.name ?? String(s.index), targets },
        range: s.range,
        tags: ['unnecessary'],
        fixes: [{ title: `Remove stage '${s.name ?? s.index}'`, safe: false, edits: [{ range: { start: deleteStart, end }, newText: '' }] }],
      });
    }
  },
});
