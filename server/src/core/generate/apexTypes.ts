// The Apex-defined types Flow gets from a definition — `ExternalService__<Name>_<Type>` with each field's
// JSON name, Apex name (reserved words and special characters encoded, §1.4) and Flow type — plus the action's
// inputs and outputs. Shown before anything is written: CLI `generate types`, the editor's preview.
import type { CalloutDefinition } from '../model/definition';
import { describeType, type InferredType } from '../model/flowTypes';
import { actionNameOf, encodeApexName } from '../model/naming';
import { apexClassOf, collectSampleFields, rootTypeName, sampleRoots, type SampleField } from '../model/samples';
import { inferNodeType } from '../model/flowTypes';
import { DECLARED_ERROR_PATH, isSuccessKey, outputNameOf } from '../model/outcome';

export interface ApexTypeField {
  /** The JSON property name. */
  name: string;
  /** The Apex property name External Services generate (`z0type`, `x2dkey`…). */
  apexName: string;
  encoded: boolean;
  /** Flow type in words: `String`, `collection of Integer`, `Apex-defined ExternalService__…`. */
  flowType: string;
  /** The Apex type of the generated property: `String`, `Long`, `List<ExternalService.X_T>`. */
  apexType: string;
  /** `2XX.items.price`. */
  path: string;
  note?: string;
}

export interface ApexTypeInfo {
  /** Flow name: `ExternalService__WeatherForecast_getForecast_OUT_2XX`. */
  flowName: string;
  /** Apex name: `ExternalService.WeatherForecast_getForecast_OUT_2XX`. */
  apexName: string;
  /** The sample it comes from: `request.body`, `2XX`, `2XX.current_weather`. */
  source: string;
  fields: ApexTypeField[];
}

export interface ActionParameter {
  name: string;
  flowType: string;
  required?: boolean;
  note?: string;
}

export interface ApexTypesPreview {
  service: string;
  action: string;
  inputs: ActionParameter[];
  outputs: ActionParameter[];
  types: ApexTypeInfo[];
}

/** The Apex type of a field as generated from the registration openapi.ts writes (whole numbers are int64 → Long). */
export function apexTypeOf(t: InferredType | undefined, overridden: boolean, service: string): string {
  if (!t) return 'Object';
  switch (t.kind) {
    case 'primitive':
      // openapi.ts registers an un-overridden whole number as int64, as Flow Builder does → Apex Long.
      if (t.type === 'Integer' || (t.type === 'Double' && t.note === 'long')) return overridden && t.type === 'Integer' ? 'Integer' : overridden ? 'Double' : 'Long';
      if (t.type === 'DateTime') return 'Datetime';
      return t.type;
    case 'object':
      return `ExternalService.${service}_${t.typeName}`;
    case 'list':
      return `List<${apexTypeOf(t.item, overridden, service)}>`;
    default:
      return 'String';
  }
}

function fieldNote(f: SampleField): string | undefined {
  if (f.overridden) return describeType(f.inferred) === describeType(f.type) ? undefined : `type set in \`types\` (the sample says ${describeType(f.inferred)})`;
  const t = f.type.kind === 'list' ? f.type.item : f.type;
  if (f.type.kind === 'unknown' || (f.type.kind === 'list' && !f.type.item)) return 'unknown from the sample: add a `types` entry';
  if (t?.kind === 'primitive' && t.note === 'float') return 'decimal: set Double in `types`';
  if (t?.kind === 'primitive' && t.note === 'long') return 'too large for Integer: set Double in `types`';
  if (f.type.kind === 'list' && f.type.item?.kind === 'list') return 'list of lists: not usable on a Flow variable';
  return undefined;
}

export function previewApexTypes(def: CalloutDefinition): ApexTypesPreview {
  const service = def.name ?? 'Service';
  const apexClass = (typeName: string) => apexClassOf(def, typeName);
  const types = new Map<string, ApexTypeInfo>();
  const ensure = (typeName: string, source: string) => {
    let t = types.get(typeName);
    if (!t) {
      t = { flowName: apexClass(typeName), apexName: `ExternalService.${service}_${typeName}`, source, fields: [] };
      types.set(typeName, t);
    }
    return t;
  };
  // Root types first (in sample order), so the request body and each response lead their nested types.
  for (const { root, node } of sampleRoots(def)) {
    const t = inferNodeType(node, rootTypeName(def, root));
    const obj = t.kind === 'object' ? t : t.kind === 'list' && t.item?.kind === 'object' ? t.item : undefined;
    if (obj) ensure(obj.typeName, root);
  }
  for (const f of collectSampleFields(def)) {
    const parentPath = f.path.slice(0, f.path.length - f.name.length - 1);
    ensure(f.ownerType, parentPath).fields.push({
      name: f.name, apexName: f.apexName, encoded: f.apexName !== f.name, path: f.path,
      flowType: describeType(f.type, apexClass), apexType: apexTypeOf(f.type, f.overridden, service), note: fieldNote(f),
    });
  }

  const inputs: ActionParameter[] = [];
  for (const p of def.parameters('pathParameters')) inputs.push({ name: p.name, flowType: p.type ?? 'String', required: true, note: 'path parameter' });
  for (const p of def.parameters('query')) inputs.push({ name: p.name, flowType: p.type ?? 'String', required: p.required, note: 'query parameter' });
  const body = def.requestBody;
  if (body) inputs.push({ name: 'body', flowType: describeType(inferNodeType(body, rootTypeName(def, 'request.body')), apexClass), required: true, note: 'request body' });
  const outputs: ActionParameter[] = [{ name: 'responseCode', flowType: 'Integer', note: 'the HTTP status' }];
  for (const r of def.responses()) {
    const t = /^(text\/|application\/octet-stream)/i.test(r.contentType) || !r.sample ? 'String' : describeType(inferNodeType(r.sample, rootTypeName(def, r.key)), apexClass);
    if (isSuccessKey(r.key)) outputs.push({ name: r.key, flowType: t, note: 'when the status matches' });
    else outputs.push({ name: outputNameOf(r.key), flowType: t, note: declaredErrorNote(r.key) }, { name: r.key, flowType: t });
  }
  const keys = def.responses().map((r) => r.key);
  if (!keys.includes('default')) outputs.push({ name: 'defaultExc', flowType: 'String', note: 'hidden: the body of a status ≥ 300 with no declared response (the action faults); not readable in Flow' });
  return { service, action: actionNameOf(service, def.operation), inputs, outputs, types: [...types.values()] };
}

/** The declared error response's note, from the one outcome model (model/outcome.ts). */
function declaredErrorNote(key: string): string {
  return DECLARED_ERROR_PATH === 'normal'
    ? `declared error response: the flow continues on its normal path with responseCode and ${outputNameOf(key)} set — branch on responseCode`
    : `declared error response: the action faults with responseCode and ${outputNameOf(key)} set — read them on the fault path`;
}

export function formatApexTypesText(p: ApexTypesPreview): string {
  const lines: string[] = [`Flow action ${p.action}`, '  inputs:'];
  for (const i of p.inputs) lines.push(`    ${i.name}: ${i.flowType}${i.required ? ' (required)' : ''}${i.note ? `  — ${i.note}` : ''}`);
  lines.push('  outputs:');
  for (const o of p.outputs) lines.push(`    ${o.name}: ${o.flowType}${o.note ? `  — ${o.note}` : ''}`);
  for (const t of p.types) {
    lines.push('', `${t.flowName}  (Apex ${t.apexName}, from ${t.source})`);
    if (!t.fields.length) lines.push('    (no fields)');
    const width = Math.max(...t.fields.map((f) => f.apexName.length), 4);
    for (const f of t.fields) {
      const alias = f.encoded ? `  ← "${f.name}"` : '';
      lines.push(`    ${f.apexName.padEnd(width)}  ${f.flowType}  [${f.apexType}]${alias}${f.note ? `  ! ${f.note}` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

function md(text: string): string {
  return text.replace(/([\\`*_|<>[\]])/g, '\\$1');
}

export function formatApexTypesMarkdown(p: ApexTypesPreview): string {
  const out: string[] = [`### Flow action \`${p.action}\``, '', '| Input | Flow type | |', '|---|---|---|'];
  for (const i of p.inputs) out.push(`| \`${i.name}\` | ${md(i.flowType)} | ${i.required ? 'required · ' : ''}${md(i.note ?? '')} |`);
  out.push('', '| Output | Flow type | |', '|---|---|---|');
  for (const o of p.outputs) out.push(`| \`${o.name}\` | ${md(o.flowType)} | ${md(o.note ?? '')} |`);
  for (const t of p.types) {
    out.push('', `#### \`${t.flowName}\``, '', `Apex \`${t.apexName}\`, from \`${t.source}\`.`, '');
    if (!t.fields.length) {
      out.push('_No fields._');
      continue;
    }
    out.push('| Field | Apex name | Flow type | Apex type | Note |', '|---|---|---|---|---|');
    for (const f of t.fields) out.push(`| \`${f.name}\` | \`${f.apexName}\` | ${md(f.flowType)} | \`${f.apexType}\` | ${md(f.note ?? (f.encoded ? 'encoded name' : ''))} |`);
  }
  return out.join('\n') + '\n';
}

/** `getForecast` → the Apex method / type prefix External Services generate (`Getx20Weatherx20Data`). */
export function apexOperationName(operation: string): string {
  return encodeApexName(operation);
}
