// Typed shapes of an operation's request body and responses, as Flow sees them: primitives, Apex-defined
// objects with their (Apex-encoded) field names, and collections. Built from a callout definition's samples
// or from an External Service registration's OpenAPI/Swagger schema. Bounded in depth and size.
import type { CalloutDefinition } from '../model/definition';
import type { FlowPrimitive, InferredType } from '../model/flowTypes';
import { encodeApexName } from '../model/naming';
import { collectSampleFields, rootTypeName, sampleRoots } from '../model/samples';
import { inferNodeType } from '../model/flowTypes';

export interface TypeShape {
  kind: 'primitive' | 'object' | 'list' | 'unknown';
  primitive?: FlowPrimitive;
  /** Generated Apex type name, without the `ExternalService__<Service>_` prefix. */
  typeName?: string;
  /** False when the generated name cannot be known from the source (inline types of custom schemas). */
  exactName?: boolean;
  item?: TypeShape;
  /** Object fields by Apex-encoded name. */
  fields?: Map<string, TypeShape>;
}

const MAX_DEPTH = 16;
const MAX_FIELDS = 20000;

export function describeShape(t: TypeShape | undefined, apexClass: (typeName: string) => string): string {
  if (!t) return 'unknown';
  switch (t.kind) {
    case 'primitive':
      return t.primitive ?? 'unknown';
    case 'object':
      return t.typeName && t.exactName !== false ? `Apex-defined ${apexClass(t.typeName)}` : 'an Apex-defined type';
    case 'list':
      return `collection of ${describeShape(t.item, apexClass)}`;
    default:
      return 'unknown';
  }
}

// ---- callout definitions (samples) -------------------------------------------------------------------

/** Shapes of `request.body` and each response key of a callout definition. */
export function shapesOfDefinition(def: CalloutDefinition): Map<string, TypeShape> {
  const roots = new Map<string, TypeShape>();
  const containers = new Map<string, TypeShape>();
  for (const { root, node } of sampleRoots(def)) {
    const shape = fromInferred(inferNodeType(node, rootTypeName(def, root)));
    roots.set(root, shape);
    const c = objectOf(shape);
    if (c) containers.set(root, c);
  }
  for (const f of collectSampleFields(def, MAX_FIELDS)) {
    const parentPath = f.path.slice(0, f.path.length - f.name.length - 1);
    const parent = containers.get(parentPath);
    if (!parent?.fields) continue;
    const shape = fromInferred(f.type);
    parent.fields.set(f.apexName, shape);
    const c = objectOf(shape);
    if (c) containers.set(f.path, c);
  }
  return roots;
}

function fromInferred(t: InferredType | undefined): TypeShape {
  if (!t) return { kind: 'unknown' };
  switch (t.kind) {
    case 'primitive':
      return { kind: 'primitive', primitive: t.type };
    case 'object':
      return { kind: 'object', typeName: t.typeName, exactName: true, fields: new Map() };
    case 'list':
      return { kind: 'list', item: t.item ? fromInferred(t.item) : { kind: 'unknown' } };
    default:
      return { kind: 'unknown' };
  }
}

function objectOf(t: TypeShape): TypeShape | undefined {
  if (t.kind === 'object') return t;
  if (t.kind === 'list' && t.item?.kind === 'object') return t.item;
  return undefined;
}

// ---- OpenAPI 3 / Swagger 2 schemas -------------------------------------------------------------------

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Reads shapes from one registration's schema; named (`$ref`) types are shared and cycle-safe. */
export class SchemaShapes {
  private named = new Map<string, TypeShape>();
  private budget = MAX_FIELDS;

  constructor(private readonly schema: Json, private readonly inlineNamesExact: boolean) {}

  /** The schema of response `key` (first media type) or of the request body. */
  static responseSchema(op: Json, key: string, doc?: Json): unknown {
    let r = isObj(op.responses) ? op.responses[key] : undefined;
    // `$ref: '#/components/responses/NotFound'` (OpenAPI 3) / `#/responses/NotFound` (Swagger 2)
    if (doc && isObj(r) && typeof r.$ref === 'string') r = resolvePointer(doc, r.$ref);
    if (!isObj(r)) return undefined;
    if (r.schema !== undefined) return r.schema;
    return firstMediaSchema(r.content);
  }

  static requestSchema(op: Json, shared: unknown[], doc?: Json): { name: string; schema: unknown; required: boolean } | undefined {
    if (isObj(op.requestBody)) return { name: 'body', schema: firstMediaSchema(op.requestBody.content), required: op.requestBody.required === true };
    const params = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].map((p) => (doc && isObj(p) && typeof p.$ref === 'string' ? resolvePointer(doc, p.$ref) : p));
    const body = params.find((p) => isObj(p) && p.in === 'body') as Json | undefined;
    return body ? { name: typeof body.name === 'string' ? body.name : 'body', schema: body.schema, required: body.required === true } : undefined;
  }

  shape(schema: unknown, inlineName: string, depth = 0): TypeShape {
    if (!isObj(schema) || depth > MAX_DEPTH || this.budget <= 0) return { kind: 'unknown' };
    if (typeof schema.$ref === 'string') return this.ref(schema.$ref, depth);
    const type = schema.type;
    if (type === 'array') return { kind: 'list', item: this.shape(schema.items, inlineName, depth + 1) };
    if (type === 'object' || isObj(schema.properties)) {
      const obj: TypeShape = { kind: 'object', typeName: inlineName, exactName: this.inlineNamesExact, fields: new Map() };
      this.fill(obj, schema, inlineName, depth);
      return obj;
    }
    return primitiveOf(schema);
  }

  private fill(obj: TypeShape, schema: Json, typeName: string, depth: number): void {
    if (!isObj(schema.properties)) return;
    for (const [key, value] of Object.entries(schema.properties)) {
      if (this.budget-- <= 0) return;
      const apex = encodeApexName(key);
      obj.fields!.set(apex, this.shape(value, `${typeName}_${apex}`, depth + 1));
    }
  }

  private ref(ref: string, depth: number): TypeShape {
    const name = ref.replace(/^.*\//, '');
    const hit = this.named.get(name);
    if (hit) return hit;
    const target = resolvePointer(this.schema, ref);
    if (!isObj(target)) return { kind: 'unknown' };
    if (target.type === 'object' || isObj(target.properties)) {
      const obj: TypeShape = { kind: 'object', typeName: encodeApexName(name), exactName: true, fields: new Map() };
      this.named.set(name, obj);
      this.fill(obj, target, encodeApexName(name), depth);
      return obj;
    }
    const shape = this.shape(target, encodeApexName(name), depth + 1);
    this.named.set(name, shape);
    return shape;
  }
}

function firstMediaSchema(content: unknown): unknown {
  if (!isObj(content)) return undefined;
  const json = Object.keys(content).find((k) => /json/i.test(k)) ?? Object.keys(content)[0];
  const media = json ? content[json] : undefined;
  return isObj(media) ? media.schema : undefined;
}

function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function primitiveOf(schema: Json): TypeShape {
  switch (schema.type) {
    case 'string':
      return { kind: 'primitive', primitive: schema.format === 'date' ? 'Date' : schema.format === 'date-time' ? 'DateTime' : 'String' };
    case 'integer':
      return { kind: 'primitive', primitive: schema.format === 'int64' ? 'Double' : 'Integer' };
    case 'number':
      return { kind: 'primitive', primitive: 'Double' };
    case 'boolean':
      return { kind: 'primitive', primitive: 'Boolean' };
    default:
      return { kind: 'unknown' };
  }
}
