// What the flow gets from a response: `responseCode`, and the output of the declared response that matches
// the status, as a tree of the fields the sample declares, each with its Flow type, its generated Apex name
// and this response's value. Which response matches and which path the flow takes come from the one outcome
// model (model/outcome.ts, reference C12 and §1.5).
import type { CalloutDefinition, ResponseEntry } from '../model/definition';
import { normalizeFieldPath } from '../model/definition';
import { describeType, inferNodeType, valueFitsType, type FlowPrimitive, type InferredType } from '../model/flowTypes';
import { encodeApexName } from '../model/naming';
import { apexClassOf, rootTypeName } from '../model/samples';
import { EXTERNAL_SERVICE_TIMEOUT_SECONDS, outcomeOf, matchResponseKey } from '../model/outcome';
import type { ObjectNode, ValueNode } from '../parse/tree';
import type { CalloutError, FlowOutputs, FlowPathResult, OutputField } from './result';

export interface ResponseMatch {
  entry: ResponseEntry;
  matchedBy: 'exact' | 'range' | 'default';
}

/** The declared response for a status: exact code > range > default. */
export function matchResponse(def: CalloutDefinition, status: number): ResponseMatch | undefined {
  const entries = def.responses();
  const m = matchResponseKey(entries.map((r) => r.key), status);
  const entry = m && entries.find((r) => r.key === m.key);
  return m && entry ? { entry, matchedBy: m.matchedBy } : undefined;
}

/** A runtime JSON value in words, for messages: `87.5 (a decimal)`, `"87" (text)`, `a list`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}" (text)`;
  if (typeof v === 'number') return Number.isInteger(v) ? `${v} (a whole number)` : `${v} (a decimal)`;
  if (typeof v === 'boolean') return `${v} (a Boolean)`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return 'an object';
}

export function withOverride(inferred: InferredType, override: string | undefined): InferredType {
  if (!override) return inferred;
  const type = override as FlowPrimitive;
  return inferred.kind === 'list' ? { kind: 'list', item: { kind: 'primitive', type } } : { kind: 'primitive', type };
}

/** Does a value fit a Flow type? Null and absent always fit (the variable stays empty). */
export function checkValue(v: unknown, type: InferredType | undefined): { ok: boolean; why?: string } {
  if (v === null || v === undefined || !type) return { ok: true };
  switch (type.kind) {
    case 'primitive':
      if (valueFitsType(v, type.type)) return { ok: true };
      if (type.type === 'Integer' && typeof v === 'number') return { ok: false, why: `${describeValue(v)} does not fit Integer${Number.isInteger(v) ? ' (beyond ±2,147,483,647)' : ''}` };
      return { ok: false, why: `${describeValue(v)} is not a ${type.type}` };
    case 'object':
      return typeof v === 'object' && !Array.isArray(v) ? { ok: true } : { ok: false, why: `${describeValue(v)} where the sample has an object` };
    case 'list': {
      if (!Array.isArray(v)) return { ok: false, why: `${describeValue(v)} where the sample has a list` };
      for (let i = 0; i < Math.min(v.length, 1000); i++) {
        const c = checkValue(v[i], type.item);
        if (!c.ok) return { ok: false, why: `item ${i + 1}: ${c.why}` };
      }
      return { ok: true };
    }
    case 'unknown':
      return { ok: true };
  }
}

interface TreeContext {
  def: CalloutDefinition;
  overrides: Map<string, { type: string }>;
  count: number;
}

const MAX_FIELDS = 2000;

function firstObject(items: ValueNode[]): ObjectNode | undefined {
  return items.find((i): i is ObjectNode => i.type === 'object');
}

function buildFields(sample: ObjectNode, value: unknown, path: string, typeName: string, ctx: TreeContext): OutputField[] {
  const out: OutputField[] = [];
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const seen = new Set<string>();
  for (const p of sample.properties) {
    if (!p.value || seen.has(p.key) || ctx.count >= MAX_FIELDS) continue;
    seen.add(p.key);
    ctx.count++;
    const fieldPath = `${path}.${p.key}`;
    const apexName = encodeApexName(p.key);
    const childType = `${typeName}_${apexName}`;
    const type = withOverride(inferNodeType(p.value, childType), ctx.overrides.get(normalizeFieldPath(fieldPath))?.type);
    const present = !!obj && Object.prototype.hasOwnProperty.call(obj, p.key);
    const v = present ? obj![p.key] : undefined;
    const check = checkValue(v, type);
    const field: OutputField = {
      name: p.key, path: fieldPath, apexName, flowType: describeType(type, (t) => apexClassOf(ctx.def, t)), value: v === undefined ? null : v, present, ok: check.ok,
    };
    if (type.kind === 'object') field.apexClass = apexClassOf(ctx.def, type.typeName);
    if (type.kind === 'list' && type.item?.kind === 'object') field.apexClass = apexClassOf(ctx.def, type.item.typeName);
    if (!present) field.note = obj ? 'not in the response: Flow gets null' : undefined;
    else if (!check.ok) field.note = `${check.why}: Salesforce may fail to read this response`;
    else if (v === null) field.note = 'null in the response';
    else if (type.kind === 'unknown') field.note = `the sample has ${type.reason === 'null' ? 'null' : 'an empty list'} here, so Flow has no type: set types.${normalizeFieldPath(fieldPath)}`;
    if (p.value.type === 'object') field.children = buildFields(p.value, v, fieldPath, childType, ctx);
    else if (p.value.type === 'array') {
      const item = firstObject(p.value.items);
      if (item) field.children = buildFields(item, Array.isArray(v) ? v.find((x) => x && typeof x === 'object') : undefined, fieldPath, childType, ctx);
    }
    out.push(field);
  }
  return out;
}

/** The Flow outputs for a response: responseCode and the matched declared response as a field tree. */
export function flowOutputs(def: CalloutDefinition, status: number, value: unknown): FlowOutputs {
  const match = matchResponse(def, status);
  const outputs: FlowOutputs = { responseCode: status, fields: [] };
  if (!match) return outputs;
  const { entry } = match;
  outputs.key = entry.key;
  outputs.matchedBy = match.matchedBy;
  const typeName = rootTypeName(def, entry.key);
  const ctx: TreeContext = { def, overrides: def.typeOverrides(), count: 0 };
  const sample = entry.sample;
  if (!sample || sample.type === 'string' || !/json/i.test(entry.contentType)) {
    // text/plain, octet-stream, form (or no sample): the output is the body as a String.
    outputs.flowType = 'String';
    outputs.fields = [{ name: entry.key, path: entry.key, apexName: encodeApexName(entry.key), flowType: 'String', value: typeof value === 'string' ? value : JSON.stringify(value ?? null), present: value !== undefined, ok: true }];
    return outputs;
  }
  if (sample.type === 'object') {
    outputs.apexClass = apexClassOf(def, typeName);
    outputs.flowType = `Apex-defined ${outputs.apexClass}`;
    outputs.fields = buildFields(sample, value, entry.key, typeName, ctx);
    return outputs;
  }
  // A top-level list or scalar sample.
  const type = withOverride(inferNodeType(sample, typeName), ctx.overrides.get(entry.key)?.type);
  const check = checkValue(value, type);
  outputs.flowType = describeType(type, (t) => apexClassOf(def, t));
  const field: OutputField = { name: entry.key, path: entry.key, apexName: encodeApexName(entry.key), flowType: outputs.flowType, value: value ?? null, present: value !== undefined, ok: check.ok, note: check.ok ? undefined : check.why };
  if (sample.type === 'array') {
    const item = firstObject(sample.items);
    if (item) {
      field.apexClass = apexClassOf(def, typeName);
      field.children = buildFields(item, Array.isArray(value) ? value[0] : undefined, entry.key, typeName, ctx);
    }
  }
  outputs.fields = [field];
  return outputs;
}

/** Approximate `$Flow.FaultMessage` text per network failure (Apex CalloutException wording where known). */
const FAULT_TEXT: Record<string, string> = {
  timeout: 'Read timed out',
  'connection-refused': 'Connection refused',
  dns: 'Unknown host',
  tls: 'PKIX path building failed: unable to find valid certification path to requested target',
  'too-large': 'Exceeded max size limit',
  'too-many-redirects': 'Too many redirects',
  network: 'Unexpected end of file from server',
  proxy: 'Unable to tunnel through proxy',
  oauth: 'The callout couldn\'t access the endpoint: the named credential could not get an access token',
};

const NOT_SENT = new Set(['secret-missing', 'input-missing', 'no-base-url', 'environment', 'no-definition', 'cancelled', 'mock']);

/** The path the flow takes after the action, and the fault message it would see. */
export function flowPath(def: CalloutDefinition, action: string, status: number | undefined, statusText: string, bodyExcerpt: string, error: CalloutError | undefined, unreadable?: string): FlowPathResult {
  if (error) {
    if (NOT_SENT.has(error.code)) return { kind: 'not-sent', reason: error.code === 'cancelled' ? 'Cancelled before a response arrived.' : 'The request was not sent.' };
    // The test stopped waiting before Salesforce would: no path can be claimed for the flow.
    if (error.code === 'test-timeout') return { kind: 'unknown', reason: `The test stopped waiting before Salesforce would (a flow's HTTP callout waits up to ${EXTERNAL_SERVICE_TIMEOUT_SECONDS} s): what the flow gets is not known.` };
    const outcome = outcomeOf({ kind: error.code === 'timeout' ? 'timeout' : 'connection' }, def.responses().map((r) => r.key));
    return {
      kind: outcome.path === 'fault' ? 'fault' : 'success',
      faultMessage: `An error occurred while calling ${action}: ${FAULT_TEXT[error.code] ?? error.message}`,
      reason: error.code === 'timeout' ? outcome.reason : outcome.reason.replace('connection error', error.code),
    };
  }
  if (status === undefined) return { kind: 'not-sent', reason: 'The request was not sent.' };
  const outcome = outcomeOf({ kind: 'status', status }, def.responses().map((r) => r.key));
  if (outcome.path === 'fault') {
    const excerpt = bodyExcerpt.replace(/\s+/g, ' ').trim().slice(0, 200);
    return {
      kind: 'fault',
      faultMessage: `An error occurred while calling ${action}: HTTP ${status}${statusText ? ` ${statusText}` : ''}${excerpt ? `: ${excerpt}` : ''}`,
      reason: outcome.reason,
    };
  }
  if (unreadable && outcome.match) {
    return {
      kind: 'fault',
      faultMessage: `An error occurred while calling ${action}: the response could not be read (${unreadable})`,
      reason: `The ${outcome.match.key} response is declared as JSON but this body cannot be read as JSON (${unreadable}): the action fails and the flow follows its fault connector.`,
    };
  }
  return { kind: 'success', reason: outcome.reason };
}
