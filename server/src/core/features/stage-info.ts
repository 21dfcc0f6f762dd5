import type { Position, Range } from '../types';
import type { StageModel, Edge } from '../model/stages';
import { comparePositions, rangeContains } from '../text';

export interface StageLens {
  stageIndex: number;
  /** The value for `--target`: the stage name, or its index when it has none. */
  target: string;
  named: boolean;
  range: Range;
}

/** One lens anchor per FROM. */
export function stageLenses(model: StageModel): StageLens[] {
  return model.stages.map((s) => ({ stageIndex: s.index, target: s.name ?? String(s.index), named: !!s.name, range: s.fromRange }));
}

/** Markdown describing a stage: base, parents, stages fed, shipped / in image / unreachable. */
export function stageHover(model: StageModel, pos: Position): { markdown: string; range: Range } | undefined {
  let index: number | undefined;
  let range: Range | undefined;
  for (const r of model.refs) {
    if (r.target !== undefined && rangeContains(r.range, pos) && r.resolution !== 'variable') {
      index = r.target;
      range = r.range;
    }
  }
  if (index === undefined) {
    const s = model.stages.find((x) => x.fromRange.start.line <= pos.line && comparePositions(pos, x.fromRange.end) <= 0 && pos.line >= x.fromRange.start.line && pos.line <= x.fromRange.end.line);
    if (!s) return undefined;
    index = s.index;
    range = s.nameRange && rangeContains(s.nameRange, pos) ? s.nameRange : s.fromRange;
  }
  const s = model.stages[index];
  const label = (i: number) => (model.stages[i].name ? `\`${model.stages[i].name}\`` : `stage ${i}`);
  const uniq = (edges: Edge[], pick: (e: Edge) => number) => [...new Set(edges.map(pick))].sort((a, b) => a - b);
  const parents = uniq(model.edges.filter((e) => e.to === index), (e) => e.from);
  const feeds = uniq(model.edges.filter((e) => e.from === index), (e) => e.to);
  const status = model.shipped.has(index)
    ? 'shipped (the final stage of a build target)'
    : model.inImage.has(index)
      ? 'part of the shipped image (a base of the final stage)'
      : model.needed.has(index)
        ? 'a build stage: needed by the target, not shipped'
        : 'unreachable: no build target needs it';
  const base = s.parent !== undefined ? `stage ${label(s.parent)}` : s.scratch ? '`scratch` (empty)' : `image \`${s.baseResolved || s.baseText}\``;
  const lines = [
    `**Stage ${s.name ? `\`${s.name}\`` : index}** (#${index})`,
    '',
    `- Base: ${base}${s.platform ? ` · platform \`${s.platform.value}\`` : ''}`,
    `- Uses: ${parents.length ? parents.map(label).join(', ') : 'no other stage'}`,
    `- Feeds: ${feeds.length ? feeds.map(label).join(', ') : 'no other stage'}`,
    `- Status: ${status}`,
  ];
  if (s.ecosystems.size) lines.push(`- Tooling: ${[...s.ecosystems].join(', ')}`);
  const chain = baseChain(model, index);
  if (chain.length > 1 || s.parent !== undefined) lines.push(`- Chain: ${chain.map(label).join(' ← ')} ← ${chainBase(model, chain[chain.length - 1])}`);
  const config = imageConfig(model, index);
  lines.push('', model.shipped.has(index) ? 'The shipped image gets, from this Dockerfile:' : 'Its image gets, from this Dockerfile:', '');
  for (const key of IMAGE_CONFIG_KEYS) {
    const c = config[key];
    lines.push(c
      ? `- ${key} \`${c.value.replace(/`/g, "'")}\` (${c.stage === index ? 'this stage' : label(c.stage)}, line ${c.line + 1})`
      : `- ${key}: ${key === 'USER' ? 'not set (the base image\'s, root unless it sets one)' : 'not set (the base image\'s)'}`);
  }
  return { markdown: lines.join('\n'), range: range! };
}

/** A stage and its `FROM <stage>` ancestors, nearest first. */
export function baseChain(model: StageModel, index: number): number[] {
  const out: number[] = [];
  for (let i: number | undefined = index; i !== undefined && !out.includes(i); i = model.stages[i].parent) out.push(i);
  return out;
}

function chainBase(model: StageModel, index: number): string {
  const s = model.stages[index];
  if (s.scratch) return '`scratch`';
  return `image \`${s.baseResolved || s.baseText || '?'}\``;
}

export const IMAGE_CONFIG_KEYS = ['USER', 'WORKDIR', 'ENTRYPOINT', 'CMD'] as const;
export type ImageConfigKey = (typeof IMAGE_CONFIG_KEYS)[number];

/**
 * The image settings a stage's image ends with, as far as the Dockerfile shows them: the last
 * `USER`, `WORKDIR`, `ENTRYPOINT` and `CMD` of the stage or, failing that, of its nearest
 * `FROM <stage>` ancestor that sets them (a base image's own settings are unknown).
 */
export function imageConfig(model: StageModel, index: number): Partial<Record<ImageConfigKey, { value: string; stage: number; line: number }>> {
  const out: Partial<Record<ImageConfigKey, { value: string; stage: number; line: number }>> = {};
  for (const i of baseChain(model, index)) {
    const instructions = model.stages[i].instructions;
    for (let k = instructions.length - 1; k >= 0; k--) {
      const key = instructions[k].getKeyword() as ImageConfigKey;
      if (!IMAGE_CONFIG_KEYS.includes(key) || out[key]) continue;
      const value = (instructions[k].getArgumentsContent() ?? '').replace(/\\\r?\n\s*/g, ' ').trim();
      out[key] = { value, stage: i, line: instructions[k].getRange().start.line };
    }
  }
  return out;
}

/** The stage graph as plain data. */
export function stageGraph(model: StageModel) {
  return {
    stages: model.stages.map((s) => ({
      index: s.index,
      name: s.name,
      base: s.baseText,
      parent: s.parent,
      range: s.fromRange,
      shipped: model.shipped.has(s.index),
      inImage: model.inImage.has(s.index),
      unreachable: !model.needed.has(s.index),
    })),
    edges: model.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, range: e.ref.range })),
    targets: [...model.targets],
  };
}

/** Stage names a reference at this line may use: earlier stages only. */
export function completableStages(model: StageModel, line: number): { name: string; index: number; base: string }[] {
  const current = model.stageAtLine(line);
  const isFromLine = current && current.fromRange.start.line <= line && line <= current.fromRange.end.line;
  const limit = current ? (isFromLine ? current.index : current.index) : 0;
  return model.stages
    .filter((s) => s.index < limit && s.name)
    .map((s) => ({ name: s.name!, index: s.index, base: s.baseText }));
}
