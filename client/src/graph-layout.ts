// Lays out a stage graph with dagre, in the extension host: the webview only draws what it gets.
import { Graph, layout } from '@dagrejs/dagre';
import type { StageGraph } from '../../server/src/protocol';
import type { GraphModel, LaidOutEdge, LaidOutNode } from './graph-model';

export type { GraphModel };

const CHAR_WIDTH = 7.4;
const MAX_BASE_CHARS = 44;

export function shorten(text: string, max = MAX_BASE_CHARS): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** Stages a shipped stage needs, transitively, through any edge (FROM, COPY --from, RUN --mount). */
export function shippedPath(graph: StageGraph): Set<number> {
  const needs = new Map<number, number[]>();
  for (const e of graph.edges) needs.set(e.to, [...(needs.get(e.to) ?? []), e.from]);
  const seen = new Set<number>();
  const todo = graph.stages.filter((s) => s.shipped).map((s) => s.index);
  while (todo.length > 0) {
    const i = todo.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    todo.push(...(needs.get(i) ?? []));
  }
  return seen;
}

export function layoutStageGraph(graph: StageGraph, title: string): GraphModel {
  const onPath = shippedPath(graph);
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 56, edgesep: 14, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of graph.stages) {
    const label = s.name ?? `stage ${s.index}`;
    const chars = Math.max(label.length + 6, shorten(`FROM ${s.base}`).length);
    g.setNode(String(s.index), { width: Math.max(140, Math.round(chars * CHAR_WIDTH) + 28), height: 54 });
  }
  graph.edges.forEach((e, i) => {
    if (g.hasNode(String(e.from)) && g.hasNode(String(e.to))) {
      g.setEdge(String(e.from), String(e.to), { weight: e.kind === 'from' ? 3 : 1 }, `${e.kind}:${i}`);
    }
  });
  layout(g);
  const nodes: LaidOutNode[] = graph.stages.map((s) => {
    const n = g.node(String(s.index));
    return {
      index: s.index, name: s.name, base: s.base, line: s.range.start.line,
      x: n.x ?? 0, y: n.y ?? 0, width: n.width, height: n.height,
      shipped: s.shipped, inImage: s.inImage, unreachable: s.unreachable, onShippedPath: onPath.has(s.index),
    };
  });
  const edges: LaidOutEdge[] = [];
  graph.edges.forEach((e, i) => {
    const label = g.edge({ v: String(e.from), w: String(e.to), name: `${e.kind}:${i}` });
    if (!label) return;
    edges.push({
      from: e.from, to: e.to, kind: e.kind, points: label.points ?? [],
      onShippedPath: onPath.has(e.from) && onPath.has(e.to),
    });
  });
  const size = g.graph();
  return { title, nodes, edges, width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0) };
}
