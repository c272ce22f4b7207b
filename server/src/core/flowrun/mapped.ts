// What the flow does with the callout's outputs: each `<outputParameters>` → the variable it lands in, or,
// with `<storeOutputAutomatically>`, each `Action.output.field` the flow reads. Outputs and top-level body
// fields the flow never reads are listed apart ("returned, not used"). Only what the flow XML says counts.
import { childrenNamed, childText } from '../parse/xml';
import type { FlowElement, FlowModel } from '../flow/model';
import { collectSites } from '../flow/sites';
import type { Outcome } from '../model/outcome';
import type { MappedOutput, UnusedOutput } from './result';
import type { RunScope } from './scope';
import { fieldKey, isUnknown, readPath, toPlain, unknown, type Value } from './values';

export interface MappedResult {
  outputs: MappedOutput[];
  unused: UnusedOutput[];
}

/** Reference paths the flow reads (not the targets it writes), as written, each once regardless of case. */
export function readReferences(model: FlowModel): string[] {
  const seen = new Map<string, string>();
  for (const s of collectSites(model)) {
    if (s.kind === 'target' || s.el.name === 'assignToReference') continue;
    if (!seen.has(s.path.toLowerCase())) seen.set(s.path.toLowerCase(), s.path);
  }
  return [...seen.values()];
}

/** Sets the outputs into the scope and says what is mapped and what is not used. */
export function mapOutputs(model: FlowModel, action: FlowElement, outcome: Outcome, status: number | undefined, body: Value, scope: RunScope): MappedResult {
  const returned = new Map<string, Value>();
  for (const o of outcome.outputs) returned.set(o, o === 'responseCode' ? status ?? null : body);
  const reads = readReferences(model);
  const outputs: MappedOutput[] = [];
  const unused: UnusedOutput[] = [];
  /** References (lower case) through which the flow reads each returned output. */
  const readers = new Map<string, string[]>();
  const automatic = childText(action.el, 'storeOutputAutomatically') === 'true';

  if (automatic) {
    const value: Record<string, unknown> = {};
    for (const [k, v] of returned) value[k] = v;
    scope.setElementValue(action.name, value);
    const prefix = `${action.name.toLowerCase()}.`;
    for (const r of reads) {
      if (!r.toLowerCase().startsWith(prefix)) continue;
      const [out, ...rest] = r.slice(prefix.length).split('.');
      const key = [...returned.keys()].find((k) => k.toLowerCase() === out.toLowerCase());
      const ref = `${action.name}.${r.slice(prefix.length)}`;
      if (!key) {
        outputs.push({ output: r.slice(prefix.length), variable: ref, flowType: 'automatic output', value: null, note: 'not set by this response' });
        continue;
      }
      readers.set(key, [...(readers.get(key) ?? []), r.slice(prefix.length + out.length)]);
      const v = readPath(returned.get(key), rest, scope.partial, `${action.name}.${key}`);
      outputs.push({ output: [key, ...rest].join('.'), variable: ref, flowType: typeOfValue(v), value: toPlain(v) });
    }
  } else {
    for (const p of childrenNamed(action.el, 'outputParameters')) {
      const name = childText(p, 'name') ?? '';
      const target = childText(p, 'assignToReference') ?? '';
      if (!name || !target) continue;
      const decl = scope.resource(target.split('.')[0]);
      const flowType = decl ? declaredTypeOf(decl) : 'not declared in this flow';
      const key = [...returned.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
      if (key) {
        const v = returned.get(key);
        scope.write(target, v);
        outputs.push({ output: key, variable: target, flowType, value: toPlain(v) });
        const varLower = target.toLowerCase();
        const via = reads.map((r) => r.toLowerCase()).filter((r) => r === varLower || r.startsWith(`${varLower}.`)).map((r) => r.slice(varLower.length));
        readers.set(key, [...(readers.get(key) ?? []), ...via]);
      } else {
        // Whether Flow clears a variable whose output this response does not set is not documented: a
        // variable that is empty anyway stays null; one holding a value becomes unknown.
        const prior = scope.read(target);
        if (prior !== null) scope.write(target, unknown(`${name} is not set by this response; whether Flow clears ${target} is not documented`));
        outputs.push({ output: name, variable: target, flowType, value: toPlain(scope.read(target)), note: 'not set by this response' });
      }
    }
  }

  for (const [key, v] of returned) {
    const via = readers.get(key);
    if (!via) {
      unused.push({ output: key, value: toPlain(v), why: automatic ? `the flow never reads ${action.name}.${key}` : 'no output parameter maps it to a variable' });
      continue;
    }
    // Whole output read (passed on, assigned, compared): every field counts as used.
    if (via.includes('') || !v || typeof v !== 'object' || Array.isArray(v) || isUnknown(v)) continue;
    const obj = v as Record<string, unknown>;
    const readFields = new Set(via.map((s) => s.split('.')[1]).filter(Boolean));
    for (const k of Object.keys(obj)) {
      const used = [...readFields].some((f) => fieldKey({ [k]: true }, f) !== undefined);
      if (!used) unused.push({ output: `${key}.${k}`, value: toPlain(obj[k]), why: 'returned, the flow never reads this field' });
    }
  }
  return { outputs, unused };
}

function declaredTypeOf(decl: { dataType?: string; apexClass?: string; objectType?: string; isCollection: boolean }): string {
  const base = decl.dataType === 'Apex' && decl.apexClass ? `Apex ${decl.apexClass}` : decl.dataType === 'SObject' && decl.objectType ? `Record (${decl.objectType})` : decl.dataType ?? 'unknown type';
  return decl.isCollection ? `collection of ${base}` : base;
}

function typeOfValue(v: Value): string {
  if (isUnknown(v)) return 'unknown';
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'collection';
  if (typeof v === 'object') return 'Apex-defined';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Number';
  return typeof v === 'boolean' ? 'Boolean' : 'String';
}
