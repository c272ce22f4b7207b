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
  const walk = new ShapeWalk();
  for (const { root, node } of sampleRoots(def)) {
    walk.firsts = [];
    walk.visit(node, 0, false);
    walk.shape.firstAtDepth.push({ root, nodes: walk.firsts });
  }
  return walk.shape;
}

/** sampleShape's walk (a class: no closures made per call). */
class ShapeWalk {
  readonly shape: SampleShape = { mixed: [], nested: [], firstAtDepth: [] };
  /** The current root's first node at each depth. */
  firsts: ValueNode[] = [];

  visit(n: ValueNode, depth: number, inNested: boolean): void {
    if (this.firsts.length === depth) this.firsts.push(n);
    const plain = plainValue(n);
    if (plain !== undefined) {
      this.visitPlainContainer(plain as object, depth, inNested, n, []);
    } else if (n.type === 'object') {
      for (const p of n.properties) if (p.value) this.visit(p.value, depth + 1, inNested);
    } else if (n.type === 'array') {
      const nested = !inNested && n.items.some((i) => i.type === 'array');
      if (isMixed(n.items)) this.shape.mixed.push(n);
      if (nested) this.shape.nested.push(n);
      for (const i of n.items) this.visit(i, depth + 1, inNested || nested);
    }
  }

  /** What visit does for the plain value `v` (`steps` below the node `from`, at `depth`), without nodes. */
  private visitPlain(v: unknown, depth: number, inNested: boolean, from: ValueNode, steps: number[]): void {
    if (this.firsts.length === depth) this.firsts.push(nodeAt(from, steps));
    if (isContainer(v)) this.visitPlainContainer(v, depth, inNested, from, steps);
  }

  private visitPlainContainer(v: object, depth: number, inNested: boolean, from: ValueNode, steps: number[]): void {
    if (Array.isArray(v)) {
      let nested = false;
      if (!inNested) for (let i = 0; i < v.length && !nested; i++) nested = Array.isArray(v[i]);
      if (isPlainMixed(v)) this.shape.mixed.push(nodeAt(from, steps) as ArrayNode);
      if (nested) this.shape.nested.push(nodeAt(from, steps) as ArrayNode);
      for (let i = 0; i < v.length; i++) {
        steps.push(i);
        this.visitPlain(v[i], depth + 1, inNested || nested, from, steps);
        steps.pop();
      }
    } else if (startsWithIndexKey(v)) {
      for (const p of (nodeAt(from, steps) as ObjectNode).properties) if (p.value) this.visit(p.value, depth + 1, inNested);
    } else {
      let i = 0;
      for (const k in v) {
        steps.push(i++);
        this.visitPlain((v as Record<string, unknown>)[k], depth + 1, inNested, from, steps);
        steps.pop();
      }
    }
  }
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
  const walk = new FieldWalk(def.typeOverrides(), limit);
  for (const { root, node } of sampleRoots(def)) {
    walk.root = root;
    walk.visit(node, root, rootTypeName(def, root), 0);
  }
  return walk.out;
}

/** A key at a field path: its names, and whether that path was looked at (a list's later items only walk through it). */
interface Named {
  fieldPath: string;
  apexName: string;
  childType: string;
  done: boolean;
}

/** collectSampleFields' walk (a class: no closures made per call, which small definitions would pay for). */
class FieldWalk {
  readonly out: SampleField[] = [];
  root = '';
  /** Field paths reported, by text: a key with a dot can spell another field's path. */
  private readonly seen = new Set<string>();
  /** Items of a list share their parent path: each key is named once per path, not once per item. */
  private readonly keyNames = new Map<string, Map<string, Named>>();
  constructor(private readonly overrides: Map<string, { type: string }>, private readonly limit: number) {}

  private namesAt(path: string): Map<string, Named> {
    let names = this.keyNames.get(path);
    if (!names) this.keyNames.set(path, (names = new Map()));
    return names;
  }

  private nameOf(names: Map<string, Named>, key: string, path: string, typeName: string): Named {
    let named = names.get(key);
    if (!named) {
      const apex = encodeApexName(key);
      named = { fieldPath: `${path}.${key}`, apexName: apex, childType: `${typeName}_${apex}`, done: false };
      names.set(key, named);
    }
    return named;
  }

  /** A field's first occurrence: arrays of objects report each field once per path, not once per item. */
  private record(named: Named, p: PropertyNode, typeName: string, depth: number): void {
    named.done = true;
    this.seen.add(named.fieldPath);
    const inferred = inferNodeType(p.value!, named.childType);
    const ov = this.overrides.get(named.fieldPath);
    const type: InferredType = ov ? applyOverride(inferred, ov.type as FlowPrimitive) : inferred;
    this.out.push({ path: named.fieldPath, root: this.root, node: p.value!, property: p, name: p.key, apexName: named.apexName, inferred, type, overridden: !!ov, depth: depth + 1, ownerType: typeName });
  }

  visit(n: ValueNode, path: string, typeName: string, depth: number): void {
    if (this.out.length >= this.limit) return;
    const plain = plainValue(n);
    if (plain !== undefined) {
      this.visitPlain(plain as object, path, typeName, depth, n, []);
    } else if (n.type === 'object') {
      this.visitObject(n, path, typeName, depth);
    } else if (n.type === 'array') {
      for (const item of n.items) this.visit(item, path, typeName, depth + 1);
    }
  }

  private visitObject(obj: ObjectNode, path: string, typeName: string, depth: number): void {
    const names = this.namesAt(path);
    for (const p of obj.properties) {
      if (!p.value || this.out.length >= this.limit) continue;
      const named = this.nameOf(names, p.key, path, typeName);
      if (!named.done && !this.seen.has(named.fieldPath)) this.record(named, p, typeName, depth);
      if (p.value.type === 'object' || p.value.type === 'array') this.visit(p.value, named.fieldPath, named.childType, depth + 1);
    }
  }

  /**
   * What visit does for the plain container `v` (`steps` below the node `from`), building no node but a
   * field's own (its first occurrence).
   */
  private visitPlain(v: object, path: string, typeName: string, depth: number, from: ValueNode, steps: number[]): void {
    if (this.out.length >= this.limit) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (!isContainer(x) || this.out.length >= this.limit) continue;
        steps.push(i);
        this.visitPlain(x, path, typeName, depth + 1, from, steps);
        steps.pop();
      }
      return;
    }
    if (startsWithIndexKey(v)) {
      this.visitObject(nodeAt(from, steps) as ObjectNode, path, typeName, depth);
      return;
    }
    const names = this.namesAt(path);
    let obj: ObjectNode | undefined;
    let i = -1;
    for (const key in v) {
      i++;
      if (this.out.length >= this.limit) continue;
      const named = this.nameOf(names, key, path, typeName);
      if (!named.done && !this.seen.has(named.fieldPath)) {
        obj ??= nodeAt(from, steps) as ObjectNode;
        this.record(named, obj.properties[i], typeName, depth);
      }
      const x = (v as Record<string, unknown>)[key];
      if (isContainer(x)) {
        steps.push(i);
        this.visitPlain(x, named.fieldPath, named.childType, depth + 1, from, steps);
        steps.pop();
      }
    }
  }
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
