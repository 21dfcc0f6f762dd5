/**
 * The differential check of incremental analysis: random edit sequences applied to real
 * Dockerfiles, each version analysed incrementally (from the previous version's analysis) and
 * from scratch; the two must give the same findings, fixes and internal errors, and the same
 * answers from the features that keep per-stage results across versions as well (the cache inputs
 * of every step, the stage lens, `explain` for "a source file changes", the outline). Edit `k` of file
 * `f` under a seed is always the same edit, so a divergence can be re-made from (seed, file, k).
 */
import { analyze, Analysis } from '../../server/src/core/analyze';
import { ContextView, type BuildContextFacts } from '../../server/src/core/context';
import { explain, stageSummaries } from '../../server/src/core/explain';
import { stageInputs } from '../../server/src/core/model/cache-keys';
import { outline } from '../../server/src/core/features/outline';
import { rngFor, Rng } from '../fuzz/inputs';

/**
 * Build-context facts for the run: every other file is checked with a context that holds the
 * common manifests, lock files, a secret and a `.dockerignore`, so that the rules that read the
 * context are compared too; the others with none.
 */
export const SAMPLE_CONTEXT: BuildContextFacts = {
  files: ['package.json', 'package-lock.json', 'yarn.lock', 'requirements.txt', 'poetry.lock', 'pyproject.toml', 'go.mod', 'go.sum',
    'Cargo.toml', 'Cargo.lock', 'Gemfile', 'Gemfile.lock', 'composer.json', 'composer.lock', 'pom.xml', '.env', 'id_rsa', 'src/', 'src/index.js',
    'node_modules/', 'dist/', '.git/'],
  dockerignore: 'node_modules\n.git\n*.md\n',
};
export function contextFor(index: number): BuildContextFacts {
  return index % 2 ? SAMPLE_CONTEXT : {};
}

export interface Edit {
  kind: string;
  /** Offset and length of the replaced text, and what replaces it. */
  offset: number;
  length: number;
  text: string;
}

const SNIPPETS = ['x', ' ', '\t', '$', '${A}', '=', '-', '\\', '`', '"', "'", '#', '[', ']', ',', ':', '<<EOF', 'EOF', '--from=', '--mount=type=cache,target=/root/.npm ', 'é'];
const INSTRUCTIONS = [
  'RUN npm ci', 'RUN apt-get update && apt-get install -y curl', 'COPY . .', 'COPY package.json package-lock.json ./', 'ARG GIT_SHA',
  'ENV NODE_ENV=production', 'WORKDIR /app', 'USER node', 'CMD ["node", "server.js"]', 'COPY --from=build /app/dist ./dist', 'EXPOSE 8080',
  'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt', 'ENTRYPOINT node index.js', 'MAINTAINER someone',
  'RUN <<EOF\nset -e\necho hi\nEOF', 'COPY --from=biuld /out /out', 'ARG VERSION=1.0', 'LABEL a=b', 'HEALTHCHECK CMD curl -f http://localhost/', 'run echo lower',
];
const FROMS = ['FROM node:20 AS build', 'FROM alpine:3.20', 'FROM build AS runner', 'FROM scratch', 'FROM golang:1.22 AS builder', 'FROM ${BASE} AS x', 'from debian as Base'];

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** One random edit of `text`: characters, lines, whole instructions, FROM lines, continuations, the escape directive. */
export function randomEdit(text: string, r: Rng): Edit {
  const starts = lineStarts(text);
  const line = r.int(starts.length);
  const lineStart = starts[line];
  const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
  const at = lineStart + r.int(Math.max(1, lineEnd - lineStart));
  const roll = r.next();
  if (roll < 0.35) return { kind: 'insert character', offset: Math.min(at, text.length), length: 0, text: r.pick(SNIPPETS) };
  if (roll < 0.55) return { kind: 'delete characters', offset: Math.min(at, text.length), length: Math.min(1 + r.int(4), text.length - Math.min(at, text.length)), text: '' };
  if (roll < 0.62) return { kind: 'insert line break', offset: Math.min(at, text.length), length: 0, text: r.chance(0.8) ? '\n' : '\r\n' };
  if (roll < 0.68) return { kind: 'delete line', offset: lineStart, length: lineEnd - lineStart, text: '' };
  if (roll < 0.76) return { kind: 'insert instruction', offset: lineStart, length: 0, text: r.pick(INSTRUCTIONS) + '\n' };
  if (roll < 0.82) return { kind: 'insert FROM', offset: lineStart, length: 0, text: r.pick(FROMS) + '\n' };
  if (roll < 0.88) {
    // a continuation: the line ends with the escape character (or stops doing so)
    const end = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 10 ? lineEnd - 1 : lineEnd;
    const last = text.charAt(end - 1);
    if (last === '\\' || last === '`') return { kind: 'remove continuation', offset: end - 1, length: 1, text: '' };
    return { kind: 'add continuation', offset: end, length: 0, text: r.chance(0.8) ? ' \\' : ' `' };
  }
  if (roll < 0.92) {
    // the escape directive, at the top
    if (/^#\s*escape\s*=/.test(text)) return { kind: 'remove escape directive', offset: 0, length: starts.length > 1 ? starts[1] : text.length, text: '' };
    return { kind: 'add escape directive', offset: 0, length: 0, text: r.chance(0.5) ? '# escape=`\n' : '# escape=\\\n' };
  }
  if (roll < 0.96) {
    // move a line elsewhere
    const piece = text.slice(lineStart, lineEnd);
    return { kind: 'replace line', offset: lineStart, length: lineEnd - lineStart, text: piece.toUpperCase() };
  }
  // undo-like: delete a larger block (several lines)
  const endLine = Math.min(starts.length - 1, line + 1 + r.int(6));
  const blockEnd = endLine + 1 < starts.length ? starts[endLine + 1] : text.length;
  return { kind: 'delete block', offset: lineStart, length: blockEnd - lineStart, text: '' };
}

export function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
}

/** What must be identical: every finding with its fixes, and the internal errors. */
export function signature(a: Analysis): string {
  return JSON.stringify({ findings: a.findings, internal: a.internalErrors.map((e) => e.split('\n')[0]) });
}

/**
 * What the editor features that keep per-stage results show for an analysis' model and a context
 * view: every step's cache inputs (without its syntax node), the stage lens, `explain`, the outline.
 */
export function featureSignature(a: Analysis, view: ContextView): string {
  try {
    return features(a, view);
  } catch (e) {
    // a throw is a divergence from the contract (these never throw): reported with its first line
    return `throws: ${String((e as Error)?.message ?? e).split('\n')[0]}`;
  }
}

function features(a: Analysis, view: ContextView): string {
  const model = a.model;
  if (!model) return '';
  const inputs = stageInputs(model, view).map((e) => e.steps.map(({ instruction: _, vars, ...rest }) => ({ ...rest, vars: vars.map(({ sources: _s, ...v }) => v) })));
  const all = { ...model, needed: new Set(model.stages.map((s) => s.index)) };
  return JSON.stringify({ inputs, lens: stageSummaries(model, view), explain: explain(all, view), outline: outline(model) });
}

export interface Divergence {
  file: string;
  edit: number;
  kind: string;
  /** The text before the edit and after it. */
  before: string;
  after: string;
  incremental: string;
  fresh: string;
}

export interface CheckResult {
  edits: number;
  divergences: Divergence[];
  /** Instructions reused by the incremental parses, and re-parsed. */
  reused: number;
  reparsed: number;
}

/**
 * Applies `count` random edits to `text`, checking each version. Stops at the first divergence
 * of this file (later edits would start from a state already known to be wrong).
 */
export function checkFile(file: string, text: string, count: number, seed: number, index: number, context: BuildContextFacts = {}): CheckResult {
  const r = rngFor(seed, index);
  let current = text;
  let previous = analyze(current, context, {}, { incremental: true });
  // one view for the incremental side, as the server keeps one per folder; a new one for each fresh analysis
  const view = new ContextView(context);
  featureSignature(previous, view);
  const result: CheckResult = { edits: 0, divergences: [], reused: 0, reparsed: 0 };
  for (let k = 0; k < count; k++) {
    const edit = randomEdit(current, r);
    const next = applyEdit(current, edit);
    const incremental = analyze(next, context, {}, { previous });
    const fresh = analyze(next, context);
    result.edits++;
    result.reused += incremental.parsed?.stats.reusedChunks ?? 0;
    result.reparsed += incremental.parsed?.stats.reparsedChunks ?? 0;
    const a = signature(incremental) + featureSignature(incremental, view);
    const b = signature(fresh) + featureSignature(fresh, new ContextView(context));
    if (a !== b) {
      result.divergences.push({ file, edit: k, kind: edit.kind, before: current, after: next, incremental: a, fresh: b });
      return result;
    }
    current = next;
    previous = incremental;
  }
  return result;
}
