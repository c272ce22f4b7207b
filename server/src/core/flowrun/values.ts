// Values during a flow run: a value is either known (a plain JSON-like value: null, text, number, Boolean,
// list, object) or unknown with the reason in words. The run never guesses: whatever the flow, the response
// or the given inputs do not decide stays unknown and says why ("the flow is the truth").
import { encodeApexName } from '../model/naming';

/** A value the run cannot know. A class, so no JSON value from a response can pass for one. */
export class Unknown {
  /** `why`: in the user's words, e.g. `$Record.Email is not given (add it to a Flow Test or the test inputs)`. */
  constructor(readonly why: string) {}
}

export type Value = unknown;

export function unknown(why: string): Unknown {
  return new Unknown(why);
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** Objects whose missing fields are unknown (a record given in part), not null (a response body). */
export class PartialObjects {
  private readonly set = new WeakSet<object>();
  mark<T extends object>(o: T): T {
    this.set.add(o);
    return o;
  }
  has(o: object): boolean {
    return this.set.has(o);
  }
}

/** The key of `obj` a flow segment names: exact, else case-insensitive (Apex and sObject field names are),
 *  else the Apex-encoded form Flow uses for JSON keys (`z0type` for `_type`, `myx2dkey` for `my-key`). */
export function fieldKey(obj: Record<string, unknown>, segment: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, segment)) return segment;
  const lower = segment.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return k;
  for (const k of Object.keys(obj)) if (encodeApexName(k).toLowerCase() === lower) return k;
  return undefined;
}

/** Reads `segments` below a known value. Missing fields of a response are null (Flow gets null for a field
 *  the response lacks); of a partially given record, unknown. */
export function readPath(base: Value, segments: string[], partial: PartialObjects, what: string): Value {
  let cur = base;
  let walked = what;
  for (const seg of segments) {
    if (isUnknown(cur)) return cur;
    if (cur === null || cur === undefined) return null;
    if (Array.isArray(cur)) return unknown(`${walked} is a collection: Flow reads its items only in a Loop`);
    if (typeof cur !== 'object') return unknown(`${walked} is ${describe(cur)}, which has no field ${seg}`);
    const obj = cur as Record<string, unknown>;
    const key = fieldKey(obj, seg);
    if (key === undefined) return partial.has(obj) ? unknown(`${walked}.${seg} is not given`) : null;
    cur = obj[key];
    if (partial.has(obj) && cur && typeof cur === 'object' && !Array.isArray(cur)) partial.mark(cur as object);
    walked = `${walked}.${seg}`;
  }
  return cur === undefined ? null : cur;
}

/** Sets `segments` below an object value, creating objects on the way (Assignment to `var.field`). */
export function writePath(base: Value, segments: string[], value: Value): Value {
  if (!segments.length) return value;
  const obj = base && typeof base === 'object' && !Array.isArray(base) && !isUnknown(base) ? { ...(base as Record<string, unknown>) } : {};
  const key = fieldKey(obj, segments[0]) ?? segments[0];
  obj[key] = writePath(obj[key], segments.slice(1), value);
  return obj;
}

/** A value in words for the path and the panel: `"ok"`, `404`, `null`, `a list of 3`, `unknown (…)`. */
export function describe(v: Value): string {
  if (isUnknown(v)) return `unknown (${v.why})`;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  const keys = Object.keys(v as object);
  return keys.length ? `a record {${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''}}` : 'an empty record';
}

/** A value as plain JSON for results (unknowns become `{ unknown: reason }`), bounded in depth and size. */
export function toPlain(v: Value, depth = 0): unknown {
  if (isUnknown(v)) return { unknown: v.why };
  if (v === undefined) return null;
  if (v === null || typeof v !== 'object') return v;
  if (depth > 12) return '…';
  if (Array.isArray(v)) return v.slice(0, 200).map((x) => toPlain(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>).slice(0, 200)) out[k] = toPlain(x, depth + 1);
  return out;
}

/** Is this JSON text a whole value? (apexValue / sobjectValue literals are JSON strings.) */
export function parseJsonLiteral(text: string): Value {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return unknown(`the literal ${JSON.stringify(text.slice(0, 40))} is not valid JSON`);
  }
}
