// The flow as a picture, as data: its elements and connectors (as the flow XML writes them), which of them
// the run took after the callout, the fault connectors, and where the run stopped. The layout is the
// webview's (dagre, client/src/webview/flowDiagram.mts); this module decides only what is drawn. Pure.
//
// Big flows: at most DIAGRAM_NODE_CAP elements are drawn — the taken path first, then the elements nearest
// to it (breadth-first over connectors in both directions) — and the diagram says how many were left out,
// so a 2 000-element flow never reaches the layout whole.
import { childrenNamed, childText } from '../parse/xml';
import { buildFlowModel, nameRange, type ConnectorKind, type FlowConnector, type FlowElement, type FlowModel } from '../flow/model';
import type { FlowRunResult, PathEndKind } from './result';

export const DIAGRAM_NODE_CAP = 150;
/** The start node's id: `$` cannot begin a Flow API name. */
export const START_NODE = '$Start';

export type DiagramRole =
  /** The callout action the send started from. */
  | 'action'
  /** An element the run went through after the callout. */
  | 'taken'
  /** Where the run stopped without finishing: needs the org, unknown, cap, custom error, unhandled fault. */
  | 'stop'
  | 'start'
  | 'other';

export interface DiagramNode {
  id: string;
  /** Flow element kind (`decisions`…), or `start`. */
  kind: string;
  /** The element's label as Flow Builder shows it (its API name when it has none). */
  label: string;
  role: DiagramRole;
  /** For `stop`: why the run stopped here. */
  stop?: PathEndKind;
  /** For `stop`: the run's message (shown as the node's tooltip and under the diagram). */
  stopMessage?: string;
}

export interface DiagramEdge {
  from: string;
  to: string;
  kind: ConnectorKind;
  /** Outcome label, `Fault`, `For Each Item`… (none for a plain connector). */
  label?: string;
  /** The run went along this connector. */
  taken: boolean;
}

export interface FlowDiagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Elements in the flow (the start not counted). */
  total: number;
  /** Elements left out because the flow is bigger than DIAGRAM_NODE_CAP. */
  omitted: number;
}

const STOP_ENDS = new Set<PathEndKind>(['needs-org', 'unknown', 'cap', 'custom-error', 'unhandled-fault', 'broken']);

/** What to draw for `model`, with the path of `run` (the callout `element`'s run) marked. */
export function flowDiagram(model: FlowModel, element: string, run?: FlowRunResult, cap = DIAGRAM_NODE_CAP): FlowDiagram {
  const elements = [...model.elements.values()];
  const byLower = new Map(elements.map((e) => [e.name.toLowerCase(), e]));
  const find = (name: string) => model.elements.get(name) ?? byLower.get(name.toLowerCase());
  const action = find(element);

  const taken = new Set<string>();
  const takenEdges = new Set<string>();
  for (const step of run?.path ?? []) {
    const e = find(step.element);
    if (e) taken.add(e.name);
  }
  const steps = run?.path ?? [];
  for (let i = 1; i < steps.length; i++) {
    const from = find(steps[i - 1].element);
    const to = find(steps[i].element);
    if (!from || !to) continue;
    const c = connectorFor(from, to.name, steps[i].via);
    if (c) takenEdges.add(edgeKey(from.name, c));
  }
  const end = run?.end;
  const stopAt = end && STOP_ENDS.has(end.kind) ? find(end.element ?? '') : undefined;

  // Which elements to draw: all of them, or the path and its neighbourhood up to the cap.
  let drawn: Set<string>;
  if (elements.length <= cap) drawn = new Set(elements.map((e) => e.name));
  else {
    drawn = new Set<string>();
    const neighbours = new Map<string, string[]>();
    const link = (a: string, b: string) => {
      const list = neighbours.get(a);
      if (list) list.push(b);
      else neighbours.set(a, [b]);
    };
    for (const e of elements) {
      for (const c of e.connectors) {
        const t = find(c.target);
        if (t) {
          link(e.name, t.name);
          link(t.name, e.name);
        }
      }
    }
    const queue: string[] = [];
    const seed = (name: string | undefined) => {
      if (name && !drawn.has(name) && drawn.size < cap) {
        drawn.add(name);
        queue.push(name);
      }
    };
    seed(action?.name);
    for (const s of steps) seed(find(s.element)?.name);
    seed(stopAt?.name);
    seed(model.start.connector ? find(model.start.connector.target)?.name : undefined);
    while (queue.length && drawn.size < cap) {
      const n = queue.shift()!;
      for (const m of neighbours.get(n) ?? []) seed(m);
    }
  }

  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const startTargets = [model.start.connector, ...model.start.scheduledPaths.map((p) => p.connector)].filter((c): c is FlowConnector => !!c);
  if (startTargets.some((c) => find(c.target) && drawn.has(find(c.target)!.name))) {
    nodes.push({ id: START_NODE, kind: 'start', label: startLabel(model), role: 'start' });
    const pathLabel = (c: FlowConnector) => (c.via === 'AsyncAfterCommit' ? 'Run Asynchronously' : c.via);
    for (const c of startTargets) {
      const t = find(c.target);
      if (t && drawn.has(t.name)) edges.push({ from: START_NODE, to: t.name, kind: c.kind, label: c.kind === 'scheduledPath' ? pathLabel(c) : undefined, taken: false });
    }
  }
  for (const e of elements) {
    if (!drawn.has(e.name)) continue;
    const node: DiagramNode = { id: e.name, kind: e.kind, label: childText(e.el, 'label') || e.name, role: e === action ? 'action' : taken.has(e.name) ? 'taken' : 'other' };
    if (e === stopAt && end) {
      node.role = e === action ? 'action' : 'stop';
      node.stop = end.kind;
      node.stopMessage = end.message;
    }
    nodes.push(node);
    for (const c of e.connectors) {
      const t = find(c.target);
      if (!t || !drawn.has(t.name)) continue;
      edges.push({ from: e.name, to: t.name, kind: c.kind, label: connectorLabel(e, c), taken: takenEdges.has(edgeKey(e.name, c)) });
    }
  }
  return { nodes, edges, total: elements.length, omitted: elements.length - drawn.size };
}

function edgeKey(from: string, c: FlowConnector): string {
  return `${from}\u0000${c.kind}\u0000${c.via ?? ''}\u0000${c.target}`;
}

/** The connector of `from` the run followed to reach `to`, told by the step's `via` (run.ts viaOf). */
function connectorFor(from: FlowElement, to: string, via: string): FlowConnector | undefined {
  const candidates = from.connectors.filter((c) => c.target.toLowerCase() === to.toLowerCase());
  const kind: ConnectorKind | undefined = via.startsWith('outcome ') ? 'outcome'
    : via === 'default outcome' ? 'default'
      : via === 'fault connector' ? 'fault'
        : via === 'for each item' ? 'nextValue'
          : via === 'after last item' ? 'noMoreValues'
            : via === 'connector' ? 'next' : undefined;
  const outcome = kind === 'outcome' ? via.slice('outcome '.length) : undefined;
  return candidates.find((c) => c.kind === kind && (outcome === undefined || c.via === outcome)) ?? candidates[0];
}

/** The words Flow Builder puts on a connector. */
function connectorLabel(e: FlowElement, c: FlowConnector): string | undefined {
  switch (c.kind) {
    case 'fault':
      return 'Fault';
    case 'default':
      return childText(e.el, 'defaultConnectorLabel') || 'Default Outcome';
    case 'outcome': {
      const rule = childrenNamed(e.el, 'rules').find((r) => childText(r, 'name') === c.via);
      return (rule && childText(rule, 'label')) || c.via;
    }
    case 'waitEvent': {
      const ev = childrenNamed(e.el, 'waitEvents').find((r) => childText(r, 'name') === c.via);
      return (ev && childText(ev, 'label')) || c.via;
    }
    case 'nextValue':
      return 'For Each Item';
    case 'noMoreValues':
      return 'After Last Item';
    case 'timeout':
      return 'Timeout';
    default:
      return undefined;
  }
}

function startLabel(model: FlowModel): string {
  const s = model.start;
  const object = s.object;
  if (s.triggerType === 'RecordAfterSave' || s.triggerType === 'RecordBeforeSave') return `Start: ${object ?? 'record'} ${s.recordTriggerType === 'Create' ? 'created' : s.recordTriggerType === 'Update' ? 'updated' : s.recordTriggerType === 'CreateAndUpdate' ? 'created or updated' : 'saved'}`;
  if (s.triggerType === 'RecordBeforeDelete') return `Start: ${object ?? 'record'} deleted`;
  if (s.triggerType === 'Scheduled') return 'Start: scheduled';
  if (s.triggerType === 'PlatformEvent') return `Start: ${object ?? 'platform event'}`;
  return 'Start';
}

/** The diagram of a flow file's text for one send (undefined when the text is not a flow). */
export function diagramOfFlowText(text: string, element: string, run?: FlowRunResult): FlowDiagram | undefined {
  const model = buildFlowModel(text);
  return model.isFlow ? flowDiagram(model, element, run) : undefined;
}

/** Where an element's API name is written (its `<name>` value), for "reveal in the flow XML". */
export function elementNameRange(text: string, element: string): { offset: number; length: number } | undefined {
  const model = buildFlowModel(text);
  const e = model.elements.get(element) ?? [...model.elements.values()].find((x) => x.name.toLowerCase() === element.toLowerCase());
  return e ? nameRange(e) : undefined;
}
