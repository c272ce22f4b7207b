// Every field of the request body and response samples, with the Flow type it becomes (after overrides)
// and the Apex names External Services generate. Shared by rules, completion, hover, the engine and generators.
import { plainValue, type ArrayNode, type ObjectNode, type PropertyNode, type ValueNode } from '../parse/tree';
import type { CalloutDefinition } from './definition';
import { inferNodeType, type FlowPrimitive, type InferredType } from './flowTypes';
import { encodeApexName, flowApexClass } from './naming';

export interface SampleField {
  /** `2XX.items.price`, `request.body.email` (no array indexes). */
  path: string;
  /** The response key (`2XX`) or `request.body`. */
  root: string;
  node: ValueNode;
  property?: PropertyNode;
  /** JSON property name and its Apex encoding. */
  name: string;
  apexName: string;
  inferred: InferredType;
  /** Flow type after the definition's `types` overrides. */
  type: InferredType;
  overridden: boolean;
  depth: number;
  /** Apex type (`<operation>_OUT_2XX_items`) the field belongs to. */
  ownerType: string;
}

/** The generated type name of a sample root: `<operation>_IN_body` / `<operation>_OUT_<key>`. */
export function rootTypeName(def: CalloutDefinition, root: string): string {
  const op = encodeApexName(def.operation);
  return root === 'request.body' ? `${op}_IN_body` : `${op}_OUT_${root}`;
}

export function apexClassOf(def: CalloutDefinition, typeName: string): string {
  return flowApexClass(def.name ?? 'Service', typeName);
}

export function sampleRoots(def: CalloutDefinition): { root: string; node: ValueNode }[] {
  const roots: { root: string; node: ValueNode }[] = [];
  const body = def.requestBody;
  if (body) roots.push({ root: 'request.body', node: body });
  for (const r of def.responses()) if (r.sample) roots.push({ root: r.key, node: r.sample });
  return roots;
}

/**
 * The structure of every sample (sampleRoots order), from one walk, for the rules that check sample shapes
 * (callout-mixed-array, callout-nested-list, callout-nesting-depth) — instead of a walk each.
 */
export interface SampleShape {
  /** Every list whose non-null items have more than one type, depth-first. */
  mixed: ArrayNode[];
  /** Every list that holds a list directly and is inside no such list (the outermost of a nesting), depth-first. */
  nested: ArrayNode[];
  /** Per sample root, the first node depth-first at each depth (the root's own node is at depth 0). */
  firstAtDepth: { root: string; nodes: ValueNode[] }[];
}

// The walks below read a lazy JSON tree's plain values where its nodes were not built (parse/tree.ts
// plainValue), so a megabyte sample is not turned into nodes; the few nodes they hand out (a field's node, a
// list to report) are built by their path from the nearest node: `from` and `steps`, the indexes (into
// `properties` / `items`) from it down to the value. An object whose first key is an array index is walked
// through its node: its plain value lists those keys first, not in the order of the text.

/** The node `steps` below `from`; builds the nodes on the way. */
function nodeAt(from: ValueNode, steps: number[]): ValueNode {
  let n = from;
  for (const i of steps) n = n.type === 'object' ? n.properties[i].value! : (n as ArrayNode).items[i];
  return n;
}

/** A plain value's node type. */
function plainType(v: unknown): ValueNode['type'] {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'object' ? 'object' : t === 'string' ? 'string' : t === 'number' ? 'number' : 'boolean';
}

function isContainer(v: unknown): v is object {
  return v !== null && typeof v === 'object';
}

/** Whether a plain object's first key is an array index (JSON.parse lists those first, whatever the text's order). */
function startsWithIndexKey(o: object): boolean {
  for (const k in o) {
    const c = k.charCodeAt(0);
    return c >= 48 && c <= 57 && /^(0|[1-9][0-9]*)$/.test(k) && Number(k) < 4294967295;
  }
  return false;
}

export function sampleShape(def: CalloutDefinition): SampleShape {
  const shape: SampleShape = { mixed: [], nested: [], firstAtDepth: [] };
  let firsts: ValueNode[] = [];
  const visit = (n: ValueNode, depth: number, inNested: boolean): void => {
    if (firsts.length === depth) firsts.push(n);
    const plain = plainValue(n);
    if (plain !== undefined) {
      visitPlainContainer(plain as object, depth, inNested, n, []);
    } else if (n.type === 'object') {
      for (const p of n.properties) if (p.value) visit(p.value, depth + 1, inNested);
    } else if (n.type === 'array') {
      const nested = !inNested && n.items.some((i) => i.type === 'array');
      if (isMixed(n.items)) shape.mixed.push(n);
      if (nested) shape.nested.push(n);
      for (const i of n.items) visit(i, depth + 1, inNested || nested);
    }
  };
  // What visit does for the plain value `v` (`steps` below the node `from`, at `depth`), without nodes.
  const visitPlain = (v: unknown, depth: number, inNested: boolean, from: ValueNode, steps: number[]): void => {
    if (firsts.length === depth) firsts.push(nodeAt(from, steps));
    if (isContainer(v)) visitPlainContainer(v, depth, inNested, from, steps);
  };
  const visitPlainContainer = (v: object, depth: number, inNested: boolean, from: ValueNode, steps: number[]): void => {
    if (Array.isArray(v)) {
      let nested = false;
      if (!inNested) for (let i = 0; i < v.length && !nested; i++) nested = Array.isArray(v[i]);
      if (isPlainMixed(v)) shape.mixed.push(nodeAt(from, steps) as ArrayNode);
      if (nested) shape.nested.push(nodeAt(from, steps) as ArrayNode);
      for (let i = 0; i < v.length; i++) {
        steps.push(i);
        visitPlain(v[i], depth + 1, inNested || nested, from, steps);
        steps.pop();
      }
    } else if (startsWithIndexKey(v)) {
      for (const p of (nodeAt(from, steps) as ObjectNode).properties) if (p.value) visit(p.value, depth + 1, inNested);
    } else {
      let i = 0;
      for (const k in v) {
        steps.push(i++);
        visitPlain((v as Record<string, unknown>)[k], depth + 1, inNested, from, steps);
        steps.pop();
      }
    }
  };
  for (const { root, node } of sampleRoots(def)) {
    firsts = [];
    visit(node, 0, false);
    shape.firstAtDepth.push({ root, nodes: firsts });
  }
  return shape;
}

/** Whether the non-null items have more than one type (checked without allocating: most lists are not mixed). */
export function isMixed(items: ValueNode[]): boolean {
  let first: string | undefined;
  for (const i of items) {
    if (i.type === 'null') continue;
    if (first === undefined) first = i.type;
    else if (i.type !== first) return true;
  }
  return false;
}

/** isMixed over a plain list. */
function isPlainMixed(items: unknown[]): boolean {
  let first: string | undefined;
  for (const x of items) {
    if (x === null) continue;
    const t = plainType(x);
    if (first === undefined) first = t;
    else if (t !== first) return true;
  }
  return false;
}

/** All fields (depth-first) of every sample root, with a bound on how many are produced. */
export function collectSampleFields(def: CalloutDefinition, limit = 20000): SampleField[] {
  const overrides = def.typeOverrides();
  const out: SampleField[] = [];
  const seen = new Set<string>();
  // `done`: this field path was looked at (a list's later items only walk through it).
  type Named = { fieldPath: string; apexName: string; childType: string; done: boolean };
  const keyNames = new Map<string, Map<string, Named>>();
  const namesAt = (path: string): Map<string, Named> => {
    let names = keyNames.get(path);
    if (!names) keyNames.set(path, (names = new Map()));
    return names;
  };
  const nameOf = (names: Map<string, Named>, key: string, path: string, typeName: string): Named => {
    let named = names.get(key);
    if (!named) {
      const apex = encodeApexName(key);
      named = { fieldPath: `${path}.${key}`, apexName: apex, childType: `${typeName}_${apex}`, done: false };
      names.set(key, named);
    }
    return named;
  };
  for (const { root, node } of sampleRoots(def)) {
    const rootType = rootTypeName(def, root);
    // Arrays of objects: a field is reported once per path (its first occurrence), so lists don't multiply
    // entries. (`seen` by the path's text: a key with a dot can spell another field's path.)
    const record = (named: Named, p: PropertyNode, typeName: string, depth: number) => {
      named.done = true;
      seen.add(named.fieldPath);
      const inferred = inferNodeType(p.value!, named.childType);
      const ov = overrides.get(named.fieldPath);
      const type: InferredType = ov ? applyOverride(inferred, ov.type as FlowPrimitive) : inferred;
      out.push({ path: named.fieldPath, root, node: p.value!, property: p, name: p.key, apexName: named.apexName, inferred, type, overridden: !!ov, depth: depth + 1, ownerType: typeName });
    };
    const visit = (n: ValueNode, path: string, typeName: string, depth: number) => {
      if (out.length >= limit) return;
      const plain = plainValue(n);
      if (plain !== undefined) {
        visitPlain(plain as object, path, typeName, depth, n, []);
      } else if (n.type === 'object') {
        visitObject(n, path, typeName, depth);
      } else if (n.type === 'array') {
        for (const item of n.items) visit(item, path, typeName, depth + 1);
      }
    };
    const visitObject = (obj: ObjectNode, path: string, typeName: string, depth: number) => {
      // Items of a list share their parent path: name each key once per path, not once per item.
      const names = namesAt(path);
      for (const p of obj.properties) {
        if (!p.value || out.length >= limit) continue;
        const named = nameOf(names, p.key, path, typeName);
        if (!named.done && !seen.has(named.fieldPath)) record(named, p, typeName, depth);
        if (p.value.type === 'object' || p.value.type === 'array') visit(p.value, named.fieldPath, named.childType, depth + 1);
      }
    };
    // What visit does for the plain container `v` (`steps` below the node `from`), without nodes but the
    // fields' own (a field's first occurrence).
    const visitPlain = (v: object, path: string, typeName: string, depth: number, from: ValueNode, steps: number[]) => {
      if (out.length >= limit) return;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const x = v[i];
          if (!isContainer(x) || out.length >= limit) continue;
          steps.push(i);
          visitPlain(x, path, typeName, depth + 1, from, steps);
          steps.pop();
        }
        return;
      }
      if (startsWithIndexKey(v)) {
        visitObject(nodeAt(from, steps) as ObjectNode, path, typeName, depth);
        return;
      }
      const names = namesAt(path);
      let obj: ObjectNode | undefined;
      let i = -1;
      for (const key in v) {
        i++;
        if (out.length >= limit) continue;
        const named = nameOf(names, key, path, typeName);
        if (!named.done && !seen.has(named.fieldPath)) {
          obj ??= nodeAt(from, steps) as ObjectNode;
          record(named, obj.properties[i], typeName, depth);
        }
        const x = (v as Record<string, unknown>)[key];
        if (isContainer(x)) {
          steps.push(i);
          visitPlain(x, named.fieldPath, named.childType, depth + 1, from, steps);
          steps.pop();
        }
      }
    };
    visit(node, root, rootType, 0);
  }
  return out;
}

function applyOverride(inferred: InferredType, type: FlowPrimitive): InferredType {
  if (inferred.kind === 'list') return { kind: 'list', item: { kind: 'primitive', type } };
  return { kind: 'primitive', type };
}

/** The field at a dotted path (`2XX.id`), if the samples have it. */
export function findSampleField(fields: SampleField[], path: string): SampleField | undefined {
  const p = path.replace(/\[\d*\]/g, '');
  return fields.find((f) => f.path === p);
}
