// An OpenAPI 3 / Swagger 2 schema → a sample value plus the `types` overrides that make Flow infer the same
// types from it: the inverse of openapi.ts. int32 → Integer override, int64 → a plain whole number (what Flow
// Builder writes for one), number → a decimal, date/date-time → a string with a Date/DateTime override.
import type { FlowPrimitive } from '../model/flowTypes';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Nesting deeper than Flow supports (15 levels, §1.4) is cut. */
const MAX_DEPTH = 15;

export interface SampleContext {
  /** The whole OpenAPI/Swagger document, for `$ref`. */
  document: Json;
  /** Field path → Flow type override, filled while sampling. */
  types: Map<string, FlowPrimitive>;
  /** Things the user should know, in words. */
  notes: string[];
}

export function resolveRef(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Why resolve() found no schema: a `$ref` back to a type being sampled, or one the document does not hold. */
interface Unresolved {
  cycle?: string;
  missing?: string;
}

/** A schema with `$ref` and `allOf` resolved one level (cycle-safe through `seen`). */
function resolve(ctx: SampleContext, schema: unknown, seen: Set<string>, why?: Unresolved): Json | undefined {
  let s = schema;
  for (let hops = 0; isObj(s) && typeof s.$ref === 'string' && hops < 32; hops++) {
    const ref = s.$ref;
    if (seen.has(ref)) {
      if (why) why.cycle = ref;
      return undefined;
    }
    seen = new Set(seen).add(ref);
    s = resolveRef(ctx.document, ref);
    if (s === undefined && why) why.missing = ref;
  }
  if (!isObj(s)) return undefined;
  if (Array.isArray(s.allOf)) {
    const merged: Json = { type: 'object', properties: {} };
    for (const part of s.allOf) {
      const r = resolve(ctx, part, seen);
      if (r && isObj(r.properties)) Object.assign(merged.properties as Json, r.properties);
    }
    if (isObj(s.properties)) Object.assign(merged.properties as Json, s.properties);
    return merged;
  }
  const alt = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
  if (alt && alt.length) return resolve(ctx, alt[0], seen);
  return s;
}

/** The Flow type of a parameter schema (`{type, format}` in OAS 3, the parameter itself in Swagger 2). */
export function flowTypeOfSchema(schema: Json | undefined): FlowPrimitive {
  const type = schema?.type;
  const format = schema?.format;
  if (type === 'integer') return 'Integer';
  if (type === 'number') return 'Double';
  if (type === 'boolean') return 'Boolean';
  if (type === 'string' && format === 'date') return 'Date';
  if (type === 'string' && format === 'date-time') return 'DateTime';
  return 'String';
}

function stringSample(s: Json, path: string, ctx: SampleContext): string {
  const example = typeof s.example === 'string' ? s.example : Array.isArray(s.enum) && typeof s.enum[0] === 'string' ? (s.enum[0] as string) : undefined;
  if (s.format === 'date') {
    ctx.types.set(path, 'Date');
    return example && /^\d{4}-\d{2}-\d{2}$/.test(example) ? example : '2024-01-31';
  }
  if (s.format === 'date-time') {
    ctx.types.set(path, 'DateTime');
    return example && /^\d{4}-\d{2}-\d{2}T/.test(example) ? example : '2024-01-31T12:00:00Z';
  }
  return example ?? 'text';
}

/** A sample for `schema` at `path` (`2XX.items.price`; list items share their list's path). */
export function sampleOf(schema: unknown, path: string, ctx: SampleContext, depth = 0, seen = new Set<string>()): unknown {
  if (depth > MAX_DEPTH) {
    ctx.notes.push(`"${path}" is nested deeper than ${MAX_DEPTH} levels, which Flow does not support; the sample stops there.`);
    return {};
  }
  const why: Unresolved = {};
  const s = resolve(ctx, schema, seen, why);
  if (!s) {
    // Left out of its object (sampleOf's undefined): a null sample would draw callout-null-sample on the import.
    if (why.cycle) ctx.notes.push(`"${path}" refers back to ${why.cycle.split('/').pop()}, a type it is inside (a recursive schema); it is left out of the sample.`);
    else if (why.missing) ctx.notes.push(`"${path}" refers to ${why.missing}, which the registration's schema does not hold; it is left out of the sample.`);
    return why.cycle || why.missing ? undefined : null;
  }
  const nextSeen = isObj(schema) && typeof schema.$ref === 'string' ? new Set(seen).add(schema.$ref) : seen;
  const type = s.type ?? (isObj(s.properties) ? 'object' : isObj(s.items) ? 'array' : undefined);
  switch (type) {
    case 'object': {
      const out: Json = {};
      const props = isObj(s.properties) ? s.properties : {};
      for (const [k, v] of Object.entries(props)) {
        const value = sampleOf(v, `${path}.${k}`, ctx, depth + 1, nextSeen);
        if (value !== undefined) out[k] = value;
      }
      if (!Object.keys(props).length && s.additionalProperties) ctx.notes.push(`"${path}" is a map (additionalProperties), which a Flow HTTP callout cannot type; the sample is {}.`);
      return out;
    }
    case 'array': {
      const item = sampleOf(s.items, path, ctx, depth + 1, nextSeen);
      return item === undefined ? [] : [item];
    }
    case 'string':
      return stringSample(s, path, ctx);
    case 'integer': {
      const example = typeof s.example === 'number' && Number.isInteger(s.example) ? s.example : 1;
      // int64 is what Flow Builder writes for a whole-number sample; anything else is an Apex Integer.
      if (s.format !== 'int64') ctx.types.set(path, 'Integer');
      return example;
    }
    case 'number':
      // A decimal sample alone draws callout-number-type (Flow does not infer float): say Double explicitly.
      ctx.types.set(path, 'Double');
      return typeof s.example === 'number' && !Number.isInteger(s.example) ? s.example : 1.5;
    case 'boolean':
      return typeof s.example === 'boolean' ? s.example : true;
    default:
      ctx.notes.push(`"${path}" has no type in the registration (any type); the sample is null. Give it a type in \`types\` or a sample value.`);
      return null;
  }
}
