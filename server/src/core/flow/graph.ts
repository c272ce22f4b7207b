// The flow graph over the connectors: which elements the synchronous start path reaches and which only an
// asynchronous/scheduled path reaches, which elements repeat inside a loop body (also behind decisions), and
// which may run after a DML element in the same transaction with no commit point (Screen, Pause) between.
// Every question is a breadth-first walk: linear in elements + connectors, never exponential.
import type { FlowConnector, FlowElement, FlowModel } from './model';

/** Elements that end the transaction before the next element runs (reference §1.6 "commit points"). */
const COMMIT_POINTS = new Set(['screens', 'waits', 'recordRollbacks']);
/** Elements that leave uncommitted work (Apex: "pending operations … DML statements"). */
const DML_KINDS = new Set(['recordCreates', 'recordUpdates', 'recordDeletes']);
/** Elements visited by all loop-body walks together, above which the remaining loops are not walked. */
const LOOP_WORK_BUDGET = 5_000_000;

export interface FlowGraph {
  /** Element reached from the synchronous start connector. */
  isSync(name: string): boolean;
  /** The asynchronous / scheduled path (its name or pathType) that reaches the element, if any. */
  asyncPathOf(name: string): string | undefined;
  /** Loops whose body repeats the element (innermost first not guaranteed). */
  loopsAround(name: string): string[];
  /** A DML element that may leave uncommitted work when the element runs. */
  uncommittedDmlBefore(name: string): string | undefined;
  /** Elements with no way in from any start path. */
  isReachable(name: string): boolean;
}

interface Edge {
  to: number;
  kind: FlowConnector['kind'];
}

export function buildFlowGraph(model: FlowModel): FlowGraph {
  const nodes: FlowElement[] = [...model.elements.values()];
  const index = new Map<string, number>();
  const lower = new Map<string, number>();
  nodes.forEach((n, i) => {
    index.set(n.name, i);
    if (!lower.has(n.name.toLowerCase())) lower.set(n.name.toLowerCase(), i);
  });
  const find = (name: string) => index.get(name) ?? lower.get(name.toLowerCase());
  const succ: Edge[][] = nodes.map((n) => {
    const out: Edge[] = [];
    for (const c of n.connectors) {
      const to = find(c.target);
      if (to !== undefined) out.push({ to, kind: c.kind });
    }
    return out;
  });
  const pred: number[][] = nodes.map(() => []);
  succ.forEach((edges, from) => {
    for (const e of edges) pred[e.to].push(from);
  });

  const walk = (starts: number[]): Uint8Array => {
    const seen = new Uint8Array(nodes.length);
    const queue: number[] = [];
    for (const s of starts) if (!seen[s]) {
      seen[s] = 1;
      queue.push(s);
    }
    for (let q = 0; q < queue.length; q++) {
      for (const e of succ[queue[q]]) if (!seen[e.to]) {
        seen[e.to] = 1;
        queue.push(e.to);
      }
    }
    return seen;
  };

  const startTarget = model.start.connector ? find(model.start.connector.target) : undefined;
  const sync = walk(startTarget === undefined ? [] : [startTarget]);
  const asyncOf: (string | undefined)[] = new Array(nodes.length);
  for (const p of model.start.scheduledPaths) {
    const t = p.connector ? find(p.connector.target) : undefined;
    if (t === undefined) continue;
    const reached = walk([t]);
    const label = p.name ?? p.pathType ?? 'scheduled path';
    reached.forEach((r, i) => {
      if (r && asyncOf[i] === undefined) asyncOf[i] = label;
    });
  }

  let loops: Map<number, string[]> | undefined;
  const loopMembership = (): Map<number, string[]> => {
    if (loops) return loops;
    loops = new Map();
    // Stamps instead of fresh arrays per loop: each loop's walks cost only what they visit.
    const forward = new Int32Array(nodes.length);
    const back = new Int32Array(nodes.length);
    let work = 0;
    let stamp = 0;
    for (let l = 0; l < nodes.length && work < LOOP_WORK_BUDGET; l++) {
      if (nodes[l].kind !== 'loops') continue;
      stamp++;
      // Forward from the body's first element, not through the loop itself…
      const queue: number[] = [];
      for (const e of succ[l]) if (e.kind === 'nextValue' && e.to !== l && forward[e.to] !== stamp) {
        forward[e.to] = stamp;
        queue.push(e.to);
      }
      for (let q = 0; q < queue.length; q++) {
        for (const e of succ[queue[q]]) if (e.to !== l && forward[e.to] !== stamp) {
          forward[e.to] = stamp;
          queue.push(e.to);
        }
      }
      // …and back from the loop: an element repeats when it is on a way back to the loop.
      const backQueue = [l];
      for (let q = 0; q < backQueue.length; q++) {
        for (const p of pred[backQueue[q]]) if (forward[p] === stamp && back[p] !== stamp) {
          back[p] = stamp;
          backQueue.push(p);
          const list = loops.get(p);
          if (list) list.push(nodes[l].name);
          else loops.set(p, [nodes[l].name]);
        }
      }
      work += queue.length + backQueue.length;
    }
    return loops;
  };

  let dirty: (string | undefined)[] | undefined;
  const dmlReach = (): (string | undefined)[] => {
    if (dirty) return dirty;
    const d: (string | undefined)[] = (dirty = new Array(nodes.length));
    const queue: number[] = [];
    nodes.forEach((n, i) => {
      if (!DML_KINDS.has(n.kind)) return;
      for (const e of succ[i]) {
        // A failed DML (its fault path) leaves nothing pending.
        if (e.kind === 'fault' || COMMIT_POINTS.has(nodes[e.to].kind) || d[e.to] !== undefined) continue;
        d[e.to] = n.name;
        queue.push(e.to);
      }
    });
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q];
      for (const e of succ[i]) {
        if (d[e.to] !== undefined || COMMIT_POINTS.has(nodes[e.to].kind)) continue;
        d[e.to] = d[i];
        queue.push(e.to);
      }
    }
    return d;
  };

  return {
    isSync: (name) => {
      const i = find(name);
      return i !== undefined && !!sync[i];
    },
    asyncPathOf: (name) => {
      const i = find(name);
      return i === undefined ? undefined : asyncOf[i];
    },
    loopsAround: (name) => {
      const i = find(name);
      return i === undefined ? [] : loopMembership().get(i) ?? [];
    },
    uncommittedDmlBefore: (name) => {
      const i = find(name);
      return i === undefined ? undefined : dmlReach()[i];
    },
    isReachable: (name) => {
      const i = find(name);
      return i !== undefined && (!!sync[i] || asyncOf[i] !== undefined);
    },
  };
}
