import type { stageGraph } from '../core/features/stage-info';

type Graph = ReturnType<typeof stageGraph>;

const label = (g: Graph, i: number) => g.stages[i].name ?? `stage ${i}`;
const EDGE_LABEL = { from: 'FROM', copy: 'COPY --from', mount: 'RUN --mount' } as const;

export function toMermaid(g: Graph): string {
  const out = ['flowchart TD'];
  for (const s of g.stages) {
    const text = `${label(g, s.index)}<br/><small>${s.base.replace(/"/g, '#quot;')}</small>`;
    out.push(`  s${s.index}["${text}"]`);
  }
  const seen = new Set<string>();
  for (const e of g.edges) {
    const key = `${e.from}-${e.to}-${e.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e.kind === 'from' ? `  s${e.from} --> s${e.to}` : `  s${e.from} -. "${EDGE_LABEL[e.kind]}" .-> s${e.to}`);
  }
  out.push('  classDef shipped stroke-width:3px,stroke:#2a7;', '  classDef unreachable opacity:0.5,stroke-dasharray:4 4;');
  const shipped = g.stages.filter((s) => s.shipped).map((s) => `s${s.index}`);
  const unreachable = g.stages.filter((s) => s.unreachable).map((s) => `s${s.index}`);
  if (shipped.length) out.push(`  class ${shipped.join(',')} shipped;`);
  if (unreachable.length) out.push(`  class ${unreachable.join(',')} unreachable;`);
  return out.join('\n') + '\n';
}

export function toDot(g: Graph): string {
  const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const out = ['digraph stages {', '  rankdir=TB;', '  node [shape=box, fontname="sans-serif"];'];
  for (const s of g.stages) {
    const attrs = [`label=${q(`${label(g, s.index)}\n${s.base}`)}`];
    if (s.shipped) attrs.push('penwidth=3', 'color="#22aa77"');
    if (s.unreachable) attrs.push('style=dashed', 'fontcolor=gray50', 'color=gray50');
    out.push(`  s${s.index} [${attrs.join(', ')}];`);
  }
  const seen = new Set<string>();
  for (const e of g.edges) {
    const key = `${e.from}-${e.to}-${e.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(`  s${e.from} -> s${e.to}${e.kind === 'from' ? '' : ` [style=dashed, label=${q(EDGE_LABEL[e.kind])}]`};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
