// Which flow variables receive the outputs, and whether each gets a usable value: the definition's
// `outputs`, and — when a flow calls this action — its `outputParameters` (`assignToReference`) and, with
// automatic output, its `{!Action.2XX.field}` references. For each: the declared type, the value, ✓ or why
// not (missing field, null, type mismatch, list vs single).
import { childrenNamed, childText } from '../parse/xml';
import type { CalloutDefinition } from '../model/definition';
import { normalizeFieldPath } from '../model/definition';
import { describeType, type InferredType } from '../model/flowTypes';
import { apexClassOf, collectSampleFields, findSampleField, rootTypeName } from '../model/samples';
import { buildFlowModel, type FlowModel, type FlowResourceDecl } from '../flow/model';
import { sameOperation } from '../flow/operations';
import { collectSites } from '../flow/sites';
import { flowNameOf } from '../project/fileKinds';
import { checkValue, withOverride } from './outputs';
import type { FlowOutputs, OutputField, VariableCheck } from './result';

export interface LinkedFlow {
  file: string;
  text: string;
}

interface Mapping {
  from: string;
  to: string;
  source: VariableCheck['source'];
}

/** The action elements of a flow that call this definition (`<Service>.<operation>`). */
export function actionElementsOf(model: FlowModel, def: CalloutDefinition): { name: string; automatic: boolean; outputs: { name: string; to: string }[] }[] {
  const out: { name: string; automatic: boolean; outputs: { name: string; to: string }[] }[] = [];
  for (const el of model.elements.values()) {
    if (el.kind !== 'actionCalls' || childText(el.el, 'actionType') !== 'externalService') continue;
    const actionName = childText(el.el, 'actionName') ?? '';
    const dot = actionName.indexOf('.');
    if (dot <= 0 || actionName.slice(0, dot).toLowerCase() !== (def.name ?? '').toLowerCase() || !sameOperation(def.operation, actionName.slice(dot + 1))) continue;
    out.push({
      name: el.name,
      automatic: childText(el.el, 'storeOutputAutomatically') === 'true',
      outputs: childrenNamed(el.el, 'outputParameters').map((p) => ({ name: childText(p, 'name') ?? '', to: childText(p, 'assignToReference') ?? '' })).filter((p) => p.name && p.to),
    });
  }
  return out;
}

function mappingsOf(def: CalloutDefinition, model: FlowModel | undefined): Mapping[] {
  const seen = new Set<string>();
  const out: Mapping[] = [];
  const add = (m: Mapping) => {
    const key = `${m.from.toLowerCase()}\u0000${m.to.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(m);
  };
  if (model) {
    const actions = actionElementsOf(model, def);
    for (const a of actions) for (const o of a.outputs) add({ from: o.name, to: o.to, source: 'flow outputParameters' });
    const automatic = actions.filter((a) => a.automatic).map((a) => a.name.toLowerCase());
    if (automatic.length) {
      for (const site of collectSites(model)) {
        const dot = site.path.indexOf('.');
        if (dot <= 0 || !automatic.includes(site.path.slice(0, dot).toLowerCase())) continue;
        add({ from: site.path.slice(dot + 1), to: site.path, source: 'flow reference' });
      }
    }
  }
  for (const o of def.outputs()) if (o.from && o.to) add({ from: o.from, to: o.to, source: 'definition outputs' });
  return out;
}

function findField(fields: OutputField[], path: string): OutputField | undefined {
  for (const f of fields) {
    if (f.path === path) return f;
    if (f.children && path.startsWith(`${f.path}.`)) {
      const hit = findField(f.children, path);
      if (hit) return hit;
    }
  }
  return undefined;
}

function declaredTypeOf(decl: FlowResourceDecl): string {
  const base = decl.dataType === 'Apex' ? `Apex ${decl.apexClass ?? '(no class)'}` : decl.dataType === 'SObject' ? `Record ${decl.objectType ?? ''}`.trim() : decl.dataType ?? decl.kind;
  return decl.isCollection ? `collection of ${base}` : base;
}

const FLOW_DATA_TYPES: Record<string, string[]> = {
  String: ['String', 'Picklist', 'Multipicklist'],
  Integer: ['Number', 'Currency'],
  Double: ['Number', 'Currency'],
  Boolean: ['Boolean'],
  Date: ['Date'],
  DateTime: ['DateTime'],
};

/** Why a flow variable cannot hold an output of `type`, or undefined when it can. */
function declarationMismatch(decl: FlowResourceDecl, type: InferredType, def: CalloutDefinition): string | undefined {
  const isList = type.kind === 'list';
  if (isList !== decl.isCollection) {
    return isList ? `the output is a list but ${decl.name} holds a single value: make it a collection` : `the output is a single value but ${decl.name} is a collection`;
  }
  const single = type.kind === 'list' ? type.item : type;
  if (!single || single.kind === 'unknown' || single.kind === 'list') return undefined;
  if (decl.kind !== 'variable') return `${decl.name} is a ${decl.kind}, which cannot receive an output: use a variable`;
  if (single.kind === 'object') {
    const cls = apexClassOf(def, single.typeName);
    if (decl.dataType !== 'Apex' || (decl.apexClass ?? '').toLowerCase() !== cls.toLowerCase()) return `${decl.name} is ${declaredTypeOf(decl)}; the output is Apex-defined ${cls}`;
    return undefined;
  }
  const allowed = FLOW_DATA_TYPES[single.type] ?? [];
  if (!allowed.includes(decl.dataType ?? '')) return `${decl.name} is ${declaredTypeOf(decl)}; the output is ${single.type}${single.type === 'Integer' || single.type === 'Double' ? ' (use Number)' : ''}`;
  return undefined;
}

/** Checks every mapped flow variable against this response's outputs. */
export function checkVariables(def: CalloutDefinition, outputs: FlowOutputs | undefined, responseValue: unknown, flow: LinkedFlow | undefined): VariableCheck[] {
  const model = flow ? buildFlowModel(flow.text) : undefined;
  const flowName = flow ? flowNameOf(flow.file) : undefined;
  const sampleFields = collectSampleFields(def);
  const overrides = def.typeOverrides();
  const lookup = (name: string) => {
    if (!model) return undefined;
    return model.resources.get(name) ?? [...model.resources.values()].find((r) => r.name.toLowerCase() === name.toLowerCase());
  };
  const checks: VariableCheck[] = [];
  for (const m of mappingsOf(def, model)) {
    const from = normalizeFieldPath(m.from);
    const key = from.split('.')[0];
    let type: InferredType | undefined;
    let value: unknown;
    let present = true;
    let valueProblem: string | undefined;
    let status: VariableCheck['status'] = 'ok';
    let reason: string | undefined;
    if (from === 'responseCode') {
      type = { kind: 'primitive', type: 'Integer' };
      value = outputs?.responseCode ?? null;
      present = outputs !== undefined;
    } else if (from === key) {
      const entry = def.responses().find((r) => r.key === key);
      type = entry?.sample?.type === 'object' ? { kind: 'object', typeName: rootTypeName(def, key) } : entry?.sample?.type === 'array' ? { kind: 'list', item: { kind: 'object', typeName: rootTypeName(def, key) } } : { kind: 'primitive', type: 'String' };
      value = outputs?.key === key ? responseValue : null;
    } else {
      const sf = findSampleField(sampleFields, from);
      type = sf?.type ?? (overrides.get(from) ? withOverride({ kind: 'unknown', reason: 'null' }, overrides.get(from)!.type) : undefined);
      if (!sf) {
        status = 'missing';
        reason = `The ${key} sample has no field ${from.slice(key.length + 1)}: Flow has no such output. Add it to responses.${key}.sample or fix the path.`;
      } else if (outputs?.key === key) {
        const field = findField(outputs.fields, from);
        present = !!field?.present;
        value = field?.value ?? null;
        const c = checkValue(value, type);
        if (!c.ok) valueProblem = c.why;
      }
    }
    const outputType = type ? describeType(type, (t) => apexClassOf(def, t)) : 'unknown';
    let declaredType = flow ? '' : '— (no linked flow)';
    if (m.source === 'flow reference') declaredType = `${outputType} (automatic output)`;
    else if (model) {
      const decl = lookup(m.to);
      if (!decl) {
        declaredType = 'not declared';
        if (status === 'ok') {
          status = 'not-declared';
          reason = `Flow ${flowName} has no variable ${m.to}: create it as ${outputType === 'Integer' || outputType === 'Double' ? 'Number' : outputType}.`;
        }
      } else {
        declaredType = declaredTypeOf(decl);
        const mismatch = type ? declarationMismatch(decl, type, def) : undefined;
        if (mismatch && status === 'ok') {
          status = 'mismatch';
          reason = `Type mismatch: ${mismatch}.`;
        }
      }
    }
    if (status === 'ok') {
      if (outputs === undefined) {
        status = 'not-set';
        reason = 'No response: nothing is assigned.';
      } else if (key !== 'responseCode' && outputs.key !== key) {
        status = 'not-set';
        reason = `HTTP ${outputs.responseCode} sets ${outputs.key ?? 'no declared output'}, so ${key} is empty on this path and ${m.to} is not assigned.`;
      } else if (!present) {
        status = 'missing';
        reason = `The response has no ${from.slice(key.length + 1)}: ${m.to} stays empty.`;
      } else if (value === null) {
        status = 'null';
        reason = `The response has null for ${from}: ${m.to} stays empty.`;
      } else if (valueProblem) {
        status = 'mismatch';
        reason = `Type mismatch: the response has ${valueProblem}, Flow reads ${from} as ${outputType}.`;
      }
    }
    checks.push({
      variable: m.to, from: m.from, source: m.source, declaredType, outputType, value: value === undefined ? null : value,
      status, ok: status === 'ok' || status === 'not-set', reason,
    });
  }
  return checks;
}

