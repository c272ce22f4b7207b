// Every field of the request body and response samples, with the Flow type it becomes (after overrides)
// and the Apex names External Services generate. Shared by rules, completion, hover, the engine and generators.
import type { ArrayNode, ObjectNode, PropertyNode, ValueNode } from '../parse/tree';
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
  /**
   * Every list, depth-first. `nested`: it holds a list directly and no enclosing list does (the outermost
   * list of a nesting is the one to report; the lists inside it are not looked at again).
   */
  lists: { node: ArrayNode; nested: boolean }[];
  /** Per sample root, the first node depth-first at each depth (the root's own node is at depth 0). */
  firstAtDepth: { root: string; nodes: ValueNode[] }[];
}

export function sampleShape(def: CalloutDefinition): SampleShape {
  const shape: SampleShape = { lists: [], firstAtDepth: [] };
  const visit = (n: ValueNode, depth: number, inNested: boolean, firsts: ValueNode[]): void => {
    if (firsts.length === depth) firsts.push(n);
    if (n.type === 'object') {
      for (const p of n.properties) if (p.value) visit(p.value, depth + 1, inNested, firsts);
    } else if (n.type === 'array') {
      const nested = !inNested && n.items.some((i) => i.type === 'array');
      shape.lists.push({ node: n, nested });
      for (const i of n.items) visit(i, depth + 1, inNested || nested, firsts);
    }
  };
  for (const { root, node } of sampleRoots(def)) {
    const nodes: ValueNode[] = [];
    visit(node, 0, false, nodes);
    shape.firstAtDepth.push({ root, nodes });
  }
  return shape;
}

/** All fields (depth-first) of every sample root, with a bound on how many are produced. */
export function collectSampleFields(def: CalloutDefinition, limit = 20000): SampleField[] {
  const overrides = def.typeOverrides();
  const out: SampleField[] = [];
  const seen = new Set<string>();
  const keyNames = new Map<string, Map<string, { fieldPath: string; apexName: string; childType: string }>>();
  for (const { root, node } of sampleRoots(def)) {
    const rootType = rootTypeName(def, root);
    const visit = (n: ValueNode, path: string, typeName: string, depth: number) => {
      if (out.length >= limit) return;
      if (n.type === 'object') {
        visitObject(n, path, typeName, depth);
      } else if (n.type === 'array') {
        for (const item of n.items) visit(item, path, typeName, depth + 1);
      }
    };
    const visitObject = (obj: ObjectNode, path: string, typeName: string, depth: number) => {
      // Items of a list share their parent path: name each key once per path, not once per item.
      let names = keyNames.get(path);
      if (!names) keyNames.set(path, (names = new Map()));
      for (const p of obj.properties) {
        if (!p.value || out.length >= limit) continue;
        let named = names.get(p.key);
        if (!named) {
          const apex = encodeApexName(p.key);
          named = { fieldPath: `${path}.${p.key}`, apexName: apex, childType: `${typeName}_${apex}` };
          names.set(p.key, named);
        }
        const { fieldPath, apexName, childType } = named;
        // Arrays of objects: report the field once per path (first item), so lists don't multiply entries.
        if (!seen.has(fieldPath)) {
          seen.add(fieldPath);
          const inferred = inferNodeType(p.value, childType);
          const ov = overrides.get(fieldPath);
          const type: InferredType = ov ? applyOverride(inferred, ov.type as FlowPrimitive) : inferred;
          out.push({ path: fieldPath, root, node: p.value, property: p, name: p.key, apexName, inferred, type, overridden: !!ov, depth: depth + 1, ownerType: typeName });
        }
        if (p.value.type === 'object' || p.value.type === 'array') visit(p.value, fieldPath, childType, depth + 1);
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
