// Runs inside the stage graph webview: draws the laid-out graph the extension host sends as SVG.
// No layout here, no remote content; a click (or Enter) on a node asks the host to reveal its FROM.
import type { GraphModel, LaidOutEdge, LaidOutNode, ToWebview } from '../graph-model';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

function pathData(points: { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  let d = `M${points[0].x},${points[0].y}`;
  if (points.length === 2) return d + ` L${points[1].x},${points[1].y}`;
  // a smooth curve through dagre's control points
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i];
    const next = points[i + 1];
    const mid = i === points.length - 2 ? next : { x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 };
    d += ` Q${p.x},${p.y} ${mid.x},${mid.y}`;
  }
  return d;
}

function arrowHead(points: { x: number; y: number }[]): string {
  const end = points[points.length - 1];
  const prev = points[points.length - 2] ?? { x: end.x, y: end.y - 1 };
  const a = Math.atan2(end.y - prev.y, end.x - prev.x);
  const len = 9;
  const spread = 0.45;
  const p1 = { x: end.x - len * Math.cos(a - spread), y: end.y - len * Math.sin(a - spread) };
  const p2 = { x: end.x - len * Math.cos(a + spread), y: end.y - len * Math.sin(a + spread) };
  return `${end.x},${end.y} ${p1.x},${p1.y} ${p2.x},${p2.y}`;
}

function drawEdge(e: LaidOutEdge, parent: Element): void {
  if (e.points.length < 2) return;
  const cls = `edge ${e.kind}${e.onShippedPath ? ' on-path' : ''}`;
  const p = el('path', { class: cls, d: pathData(e.points), 'data-from': e.from, 'data-to': e.to, 'data-kind': e.kind }, parent);
  el('title', {}, p).textContent = `${e.kind === 'from' ? 'FROM' : e.kind === 'copy' ? 'COPY --from' : 'RUN --mount=from'}: stage ${e.from} → stage ${e.to}`;
  el('polygon', { class: `arrow${e.onShippedPath ? ' on-path' : ''}`, points: arrowHead(e.points) }, parent);
}

function drawNode(n: LaidOutNode, parent: Element): void {
  const classes = ['node'];
  if (n.shipped) classes.push('shipped');
  if (n.inImage) classes.push('in-image');
  if (n.onShippedPath) classes.push('on-path');
  if (n.unreachable) classes.push('unreachable');
  if (n.build) classes.push(`build-${n.build.state}`);
  const label = n.name ?? `stage ${n.index}`;
  const g = el('g', {
    class: classes.join(' '), tabindex: 0, role: 'button', 'data-index': n.index, 'data-name': label,
    transform: `translate(${n.x - n.width / 2},${n.y - n.height / 2})`,
    'aria-label': `${label}, FROM ${n.base}${n.shipped ? ', shipped' : ''}${n.unreachable ? ', unreachable' : ''}` +
      `${n.build ? `, last build ${n.build.state}: ${n.build.title}` : ''}. Reveal its FROM line.`,
  }, parent);
  if (n.build) g.setAttribute('data-build', n.build.state);
  el('rect', { width: n.width, height: n.height, rx: 6, ry: 6 }, g);
  el('text', { class: 'name', x: 12, y: 21 }, g).textContent = label;
  const badge = n.shipped ? 'shipped' : n.unreachable ? 'unreachable' : n.name ? `#${n.index}` : '';
  if (badge) el('text', { class: 'badge', x: n.width - 10, y: 21, 'text-anchor': 'end' }, g).textContent = badge;
  const base = `FROM ${n.base}`;
  el('text', { class: 'base', x: 12, y: 41 }, g).textContent = base.length > 44 ? base.slice(0, 43) + '…' : base;
  el('title', {}, g).textContent = `${label} (stage ${n.index}): FROM ${n.base}, line ${n.line + 1}` +
    (n.build ? `\nlast build: ${n.build.title}` : '');
  const reveal = () => vscode.postMessage({ type: 'reveal', index: n.index });
  g.addEventListener('click', reveal);
  g.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); reveal(); }
  });
}

function render(model: GraphModel): void {
  document.getElementById('title')!.textContent = `Stage graph: ${model.title}`;
  document.getElementById('message')!.textContent =
    `${model.nodes.length} ${model.nodes.length === 1 ? 'stage' : 'stages'}, ${model.edges.length} ${model.edges.length === 1 ? 'edge' : 'edges'}. Click a stage to reveal its FROM line.`;
  const host = document.getElementById('graph')!;
  host.replaceChildren();
  const svg = el('svg', { class: 'graph', width: model.width, height: model.height, viewBox: `0 0 ${model.width} ${model.height}`, role: 'img' }, host);
  const edges = el('g', { class: 'edges' }, svg);
  const nodes = el('g', { class: 'nodes' }, svg);
  model.edges.forEach((e) => drawEdge(e, edges));
  model.nodes.forEach((n) => drawNode(n, nodes));
  vscode.postMessage({ type: 'rendered', nodes: model.nodes.length, edges: model.edges.length });
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (m.type === 'graph') render(m.model);
  else if (m.type === 'empty') {
    document.getElementById('graph')!.replaceChildren();
    document.getElementById('message')!.textContent = m.message;
  }
});
vscode.postMessage({ type: 'ready' });
