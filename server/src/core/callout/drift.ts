// Drift: how the live response differs from the sample Flow's types were inferred from — fields the
// response adds (the flow cannot read them), fields it lacks (Flow gets null), and fields of another type
// (Salesforce may fail to read them). Bounded: large responses report the first MAX_ITEMS differences.
import { normalizeFieldPath, type CalloutDefinition } from '../model/definition';
import { describeType, inferNodeType } from '../model/flowTypes';
import type { ValueNode } from '../parse/tree';
import { checkValue, describeValue, withOverride } from './outputs';
import type { DriftItem } from './result';

const MAX_ITEMS = 200;
const MAX_LIST_ITEMS = 50;

export function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Double';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  return 'object';
}

export function detectDrift(def: CalloutDefinition, key: string | undefined, value: unknown): DriftItem[] {
  if (!key) return [];
  const entry = def.responses().find((r) => r.key === key);
  if (!entry?.sample || !/json/i.test(entry.contentType)) return [];
  const overrides = def.typeOverrides();
  const out: DriftItem[] = [];
  const push = (item: DriftItem) => {
    if (out.length < MAX_ITEMS) out.push(item);
  };

  const walk = (sample: ValueNode, v: unknown, path: string, depth: number): void => {
    if (out.length >= MAX_ITEMS || depth > 32) return;
    const type = withOverride(inferNodeType(sample), overrides.get(normalizeFieldPath(path))?.type);
    const sampleType = describeType(type);
    if (v === null && sample.type !== 'null') {
      push({ path, kind: 'null', sampleType, responseType: 'null', message: `${path} is null in the response (${sampleType} in the sample): Flow gets null.` });
      return;
    }
    if (sample.type === 'null') {
      if (v !== null && !overrides.has(normalizeFieldPath(path))) {
        push({ path, kind: 'retyped', sampleType: 'null', responseType: jsonTypeOf(v), message: `${path} is null in the sample, so Flow has no type for it; the response has ${describeValue(v)}. Set types.${normalizeFieldPath(path)}: ${jsonTypeOf(v) === 'Integer' || jsonTypeOf(v) === 'Double' ? jsonTypeOf(v) : 'String'} or save this response as the sample.` });
      }
      return;
    }
    if (sample.type === 'object') {
      if (!v || typeof v !== 'object' || Array.isArray(v)) {
        push({ path, kind: 'retyped', sampleType: 'object', responseType: jsonTypeOf(v), message: `${path} is an object in the sample but ${describeValue(v)} in the response: Salesforce may fail to read it.` });
        return;
      }
      const obj = v as Record<string, unknown>;
      const declared = new Set<string>();
      for (const p of sample.properties) {
        if (!p.value || declared.has(p.key)) continue;
        declared.add(p.key);
        const childPath = `${path}.${p.key}`;
        if (!Object.prototype.hasOwnProperty.call(obj, p.key)) {
          const t = describeType(withOverride(inferNodeType(p.value), overrides.get(normalizeFieldPath(childPath))?.type));
          push({ path: childPath, kind: 'missing', sampleType: t, message: `${childPath} is in the sample but not in the response: Flow gets null.` });
        } else walk(p.value, obj[p.key], childPath, depth + 1);
      }
      for (const k of Object.keys(obj)) {
        if (declared.has(k)) continue;
        push({ path: `${path}.${k}`, kind: 'added', responseType: jsonTypeOf(obj[k]), message: `${path}.${k} is in the response but not in the sample: the flow cannot read it. Save the response as the sample to add it.` });
      }
      return;
    }
    if (sample.type === 'array') {
      if (!Array.isArray(v)) {
        push({ path, kind: 'retyped', sampleType, responseType: jsonTypeOf(v), message: `${path} is a list in the sample but ${describeValue(v)} in the response: Salesforce may fail to read it.` });
        return;
      }
      const itemSample = sample.items.find((i) => i.type !== 'null');
      if (!itemSample) return;
      if (itemSample.type === 'object' || itemSample.type === 'array') {
        const first = v.find((x) => x !== null);
        if (first !== undefined) walk(itemSample, first, path, depth + 1);
        return;
      }
      const itemType = type.kind === 'list' ? type.item : undefined;
      for (let i = 0; i < Math.min(v.length, MAX_LIST_ITEMS); i++) {
        const c = checkValue(v[i], itemType);
        if (!c.ok) {
          push({ path, kind: 'retyped', sampleType, responseType: `list with ${jsonTypeOf(v[i])}`, message: `${path} is a ${sampleType} in the sample but item ${i + 1} is ${describeValue(v[i])}: Salesforce may fail to read it.` });
          break;
        }
      }
      return;
    }
    const c = checkValue(v, type);
    if (!c.ok) push({ path, kind: 'retyped', sampleType, responseType: jsonTypeOf(v), message: `${path} is ${sampleType} in the sample but ${describeValue(v)} in the response: Salesforce may fail to read it${sampleType === 'Integer' && typeof v === 'number' ? ` (set types.${normalizeFieldPath(path)}: Double)` : ''}.` });
  };

  walk(entry.sample, value, key, 0);
  return out;
}
