// The flow-run panel's picture of the flow (runs in the webview, bundled by esbuild to
// dist/webview/flow-diagram.js with @dagrejs/dagre; no network). What to draw comes from the host
// (server/src/core/flowrun/diagram.ts: elements, connectors, the taken ones, the stop); dagre lays it out
// top to bottom as Flow Builder does; the SVG is built with createElementNS/textContent only (flow labels are
// never parsed as markup) and styled by classes (media/flowrun/flowrun.css, theme variables; the CSP allows
// no inline styles). Clicking an element (or Enter on it) asks the host to reveal it in the flow XML.
// Exposed as `window.FlowCalloutDiagram.render(host, diagram, onReveal)` for media/flowrun/flowrun.js.
import dagre from '@dagrejs/dagre';
import type { DiagramEdge, DiagramNode, FlowDiagram } from '../../../server/src/core/flowrun/diagram.js';

const SVG = 'http://www.w3.org/2000/svg';
const NODE_W = 188;
const NODE_H = 50;
const LABEL_CHARS = 26;
const EDGE_LABEL_CHARS = 22;
const MIN_FIT = 0.55;
const ZOOMS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.15, 1.3, 1.5, 1.75, 2];

/** Flow Builder's names for the element kinds. */
const KIND_NAMES: Record<string, string> = {
  start: 'Start', actionCalls: 'Action', apexPluginCalls: 'Apex Plugin', assignments: 'Assignment', collectionProcessors: 'Collection',
  customErrors: 'Custom Error', decisions: 'Decision', loops: 'Loop', orchestratedStages: 'Stage', recordCreates: 'Create Records',
  recordDeletes: 'Delete Records', recordLookups: 'Get Records', recordRollbacks: 'Roll Back Records', recordUpdates: 'Update Records',
  screens: 'Screen', steps: 'Step', subflows: 'Subflow', transforms: 'Transform', waits: 'Wait',
};

/** What a stop node says, by how the run ended there. */
const STOP_WORDS: Record<string, string> = {
  'needs-org': 'stops here: needs the org', unknown: 'stops here: cannot tell', cap: 'stops here: step cap',
  'custom-error': 'custom error: interview stops', 'unhandled-fault': 'fault not handled: interview fails', broken: 'connects to a missing element',
};

export interface DiagramSummary {
  nodes: number;
  edges: number;
  /** Elements drawn as on the taken path (the action included), in drawing order. */
  taken: string[];
  takenEdges: string[];
  faultEdges: number;
  stop: string | null;
  omitted: number;
  width: number;
  height: number;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, cls?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (cls) e.setAttribute('class', cls);
  return e;
}

function html<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A smooth path through dagre's points: straight ends, rounded bends. */
function pathThrough(points: { x: number; y: number }[]): string {
  if (points.length < 2) return '';
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i];
    const n = points[i + 1];
    d += ` Q${p.x},${p.y} ${(p.x + n.x) / 2},${(p.y + n.y) / 2}`;
  }
  const last = points[points.length - 1];
  return `${d} L${last.x},${last.y}`;
}

function edgeClass(e: DiagramEdge): string {
  return `edge${e.kind === 'fault' ? ' edge-fault' : ''}${e.taken ? ' edge-taken' : ''}`;
}

function nodeClass(n: DiagramNode): string {
  return `node node-${n.role}${n.stop ? ' node-has-stop' : ''}${n.role === 'action' || n.role === 'taken' ? ' node-on-path' : ''}`;
}

function arrowMarker(id: string, cls: string): SVGMarkerElement {
  const m = svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' });
  m.append(svg('path', { d: 'M0,0 L10,5 L0,10 z' }, cls));
  return m;
}

export function render(host: HTMLElement, diagram: FlowDiagram, onReveal: (element: string) => void): DiagramSummary {
  host.replaceChildren();
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 46, edgesep: 14, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of diagram.nodes) g.setNode(n.id, { width: NODE_W, height: n.kind === 'start' ? 36 : NODE_H });
  diagram.edges.forEach((e, i) => {
    const label = e.label ? clip(e.label, EDGE_LABEL_CHARS) : '';
    // Taken connectors weigh more: the path the run took stays as straight as the layout allows.
    g.setEdge(e.from, e.to, { width: label ? label.length * 6.4 + 10 : 0, height: label ? 16 : 0, labelpos: 'c', weight: e.taken ? 4 : 1 }, `e${i}`);
  });
  dagre.layout(g);
  const graph = g.graph();
  const width = Math.ceil(graph.width ?? NODE_W);
  const height = Math.ceil(graph.height ?? NODE_H);

  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': 'The flow, with the path the run took' }, 'diagram');
  const defs = svg('defs');
  defs.append(arrowMarker('arrow', 'arrow'), arrowMarker('arrow-taken', 'arrow arrow-taken'), arrowMarker('arrow-fault', 'arrow arrow-fault'));
  root.append(defs);

  const edgeLayer = svg('g', {}, 'edges');
  const labelLayer = svg('g', {}, 'edge-labels');
  const summary: DiagramSummary = { nodes: diagram.nodes.length, edges: diagram.edges.length, taken: [], takenEdges: [], faultEdges: 0, stop: null, omitted: diagram.omitted, width, height };
  // Untaken first, so the taken path is drawn over whatever it crosses.
  const order = diagram.edges.map((e, i) => ({ e, i })).sort((a, b) => Number(a.e.taken) - Number(b.e.taken));
  for (const { e, i } of order) {
    const laid = g.edge({ v: e.from, w: e.to, name: `e${i}` }) as { points?: { x: number; y: number }[]; x?: number; y?: number } | undefined;
    if (!laid?.points?.length) continue;
    const p = svg('path', { d: pathThrough(laid.points), 'marker-end': `url(#${e.kind === 'fault' ? 'arrow-fault' : e.taken ? 'arrow-taken' : 'arrow'})` }, edgeClass(e));
    p.dataset.from = e.from;
    p.dataset.to = e.to;
    p.dataset.kind = e.kind;
    if (e.taken) summary.takenEdges.push(`${e.from}→${e.to}`);
    if (e.kind === 'fault') summary.faultEdges++;
    const title = svg('title');
    title.textContent = `${e.from} → ${e.to}${e.label ? ` (${e.label})` : ''}${e.taken ? ': taken' : ''}`;
    p.append(title);
    edgeLayer.append(p);
    if (e.label && laid.x !== undefined && laid.y !== undefined) {
      const text = clip(e.label, EDGE_LABEL_CHARS);
      const w = text.length * 6.4 + 10;
      const box = svg('g', { transform: `translate(${laid.x - w / 2},${laid.y - 8})` }, `edge-label${e.kind === 'fault' ? ' edge-label-fault' : ''}${e.taken ? ' edge-label-taken' : ''}`);
      box.append(svg('rect', { width: w, height: 16, rx: 3 }));
      const t = svg('text', { x: w / 2, y: 12, 'text-anchor': 'middle' });
      t.textContent = text;
      box.append(t);
      labelLayer.append(box);
    }
  }
  root.append(edgeLayer, labelLayer);

  const nodeLayer = svg('g', {}, 'nodes');
  for (const n of diagram.nodes) {
    const laid = g.node(n.id) as { x: number; y: number; width: number; height: number };
    const group = svg('g', { transform: `translate(${laid.x - laid.width / 2},${laid.y - laid.height / 2})` }, nodeClass(n));
    group.dataset.element = n.id;
    group.dataset.role = n.role;
    if (n.stop) group.dataset.stop = n.stop;
    if (n.role === 'action' || n.role === 'taken') summary.taken.push(n.id);
    if (n.role === 'stop' || (n.stop && n.role === 'action')) summary.stop = n.id;
    group.append(svg('rect', { width: laid.width, height: laid.height, rx: n.kind === 'start' ? 18 : 6 }));
    const label = svg('text', { x: 10, y: n.kind === 'start' ? 22 : 20 }, 'node-label');
    label.textContent = clip(n.label, LABEL_CHARS);
    group.append(label);
    if (n.kind !== 'start') {
      const caption = svg('text', { x: 10, y: 38 }, n.stop ? 'node-caption node-caption-stop' : 'node-caption');
      caption.textContent = n.stop ? STOP_WORDS[n.stop] ?? n.stop : `${KIND_NAMES[n.kind] ?? n.kind}${n.role === 'action' ? ' · the callout' : ''}`;
      group.append(caption);
      group.setAttribute('role', 'button');
      group.setAttribute('tabindex', '0');
      group.setAttribute('aria-label', `${n.label} (${KIND_NAMES[n.kind] ?? n.kind})${n.role === 'taken' || n.role === 'action' ? ', on the path' : ''}${n.stop ? `, ${STOP_WORDS[n.stop] ?? n.stop}` : ''}: reveal in the flow`);
      const reveal = () => onReveal(n.id);
      group.addEventListener('click', reveal);
      group.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          reveal();
        }
      });
    }
    const tip = svg('title');
    tip.textContent = `${n.label}${n.label !== n.id ? ` (${n.id})` : ''} — ${KIND_NAMES[n.kind] ?? n.kind}${n.stopMessage ? `\n${n.stopMessage}` : ''}${n.kind !== 'start' ? '\nClick to reveal it in the flow XML.' : ''}`;
    group.append(tip);
    nodeLayer.append(group);
  }
  root.append(nodeLayer);

  // Toolbar (zoom), legend, the scrollable view, and what was left out.
  const bar = html('div', 'diagram-toolbar');
  const zoomOut = html('button', 'diagram-zoom', '−');
  zoomOut.title = 'Zoom out';
  zoomOut.id = 'diagram-zoom-out';
  const zoomIn = html('button', 'diagram-zoom', '+');
  zoomIn.title = 'Zoom in';
  zoomIn.id = 'diagram-zoom-in';
  const fit = html('button', 'diagram-zoom', 'Fit');
  fit.title = 'Fit the width of the panel';
  fit.id = 'diagram-fit';
  const zoomText = html('span', 'diagram-zoom-level');
  const legend = html('span', 'diagram-legend');
  for (const [cls, words] of [['swatch-taken', 'path taken'], ['swatch-fault', 'fault connector'], ['swatch-stop', 'stops here']] as const) {
    const item = html('span', 'legend-item');
    item.append(html('span', `swatch ${cls}`), document.createTextNode(words));
    legend.append(item);
  }
  bar.append(zoomOut, zoomIn, fit, zoomText, legend);
  const view = html('div', 'diagram-viewport');
  view.tabIndex = 0;
  view.setAttribute('aria-label', 'Flow diagram: scroll to move, Ctrl + wheel to zoom');
  view.append(root);
  host.append(bar, view);
  if (diagram.omitted > 0) {
    host.append(html('p', 'note diagram-omitted', `Drawn: ${diagram.total - diagram.omitted} of ${diagram.total} elements — the path and the elements nearest to it. The flow XML has the rest.`));
  }

  let scale = 1;
  const apply = (s: number) => {
    scale = Math.min(ZOOMS[ZOOMS.length - 1], Math.max(ZOOMS[0], s));
    root.setAttribute('width', String(Math.round(width * scale)));
    root.setAttribute('height', String(Math.round(height * scale)));
    zoomText.textContent = `${Math.round(scale * 100)}%`;
  };
  const fitWidth = () => {
    const available = Math.max(160, view.clientWidth - 4);
    apply(Math.max(MIN_FIT, Math.min(1, available / width)));
  };
  const step = (dir: 1 | -1) => {
    const next = dir > 0 ? ZOOMS.find((z) => z > scale + 0.001) : [...ZOOMS].reverse().find((z) => z < scale - 0.001);
    if (next !== undefined) apply(next);
  };
  zoomIn.addEventListener('click', () => step(1));
  zoomOut.addEventListener('click', () => step(-1));
  fit.addEventListener('click', fitWidth);
  view.addEventListener('wheel', (ev) => {
    if (!ev.ctrlKey) return;
    ev.preventDefault();
    step(ev.deltaY < 0 ? 1 : -1);
  }, { passive: false });
  fitWidth();
  // Bring the callout into view when the flow is taller than the view.
  const action = diagram.nodes.find((n) => n.role === 'action');
  if (action) {
    const laid = g.node(action.id) as { x: number; y: number };
    view.scrollTop = Math.max(0, laid.y * scale - view.clientHeight / 3);
    view.scrollLeft = Math.max(0, laid.x * scale - view.clientWidth / 2);
  }
  return summary;
}

declare global {
  interface Window {
    FlowCalloutDiagram?: { render: typeof render };
  }
}
window.FlowCalloutDiagram = { render };
