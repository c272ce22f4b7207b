import { child, childrenNamed } from '../../parse/xml';
import type { FlowResourceDecl } from '../../flow/model';
import type { OperationInfo } from '../../flow/operations';
import { describeShape, type TypeShape } from '../../flow/shapes';
import type { FixData } from '../../model/problem';
import type { FlowRule } from './types';

export const outputType: FlowRule = {
  id: 'flow-output-type',
  defaultSeverity: 'error',
  doc: "The variable receiving an externalService output does not have the output's type (data type, collection, or Apex class ExternalService__<Service>_<Type>).",
  source: 'reference §1.5, §2.3 (generated Apex types), §2.7 (apexClass variables), §5.3',
  check(ctx) {
    const { model } = ctx.analysis;
    for (const c of ctx.analysis.externalServiceCallouts) {
      if (c.resolution?.status !== 'ok') continue;
      const op = c.resolution.op;
      for (const p of childrenNamed(c.element.el, 'outputParameters')) {
        const name = child(p, 'name')?.text;
        const toEl = child(p, 'assignToReference');
        const out = op.outputs.find((o) => o.name === name);
        if (!out?.shape || !toEl?.text || toEl.text.includes('.')) continue;
        const v = model.resources.get(toEl.text) ?? [...model.resources.values()].find((r) => r.name.toLowerCase() === toEl.text.toLowerCase());
        if (!v || v.kind !== 'variable') continue;
        const why = mismatch(out.shape, v, op);
        if (why) ctx.report({ offset: toEl.textOffset, length: Math.max(1, toEl.textLength), message: `"${v.name}" cannot receive ${c.element.name}'s ${name} output: ${why}`, fix: classFix(out.shape, v, op) });
      }
    }
  },
};

/** When only the Apex class is wrong: rewrite the variable's `<apexClass>` (it is in the same file). */
function classFix(shape: TypeShape, v: FlowResourceDecl, op: OperationInfo): FixData | undefined {
  const item = shape.kind === 'list' ? shape.item : shape;
  const classEl = child(v.el, 'apexClass');
  if (!item || item.kind !== 'object' || item.exactName === false || !item.typeName || v.dataType !== 'Apex' || !classEl?.textLength) return undefined;
  if ((shape.kind === 'list') !== v.isCollection) return undefined;
  const cls = op.apexClass(item.typeName);
  return { kind: 'replace', title: `Set the Apex class of ${v.name} to ${cls}`, offset: classEl.textOffset, length: classEl.textLength, newText: cls };
}

const PRIMITIVE_VARIABLE_TYPES: Record<string, string[]> = {
  String: ['String', 'Picklist', 'Multipicklist'], Integer: ['Number', 'Currency'], Double: ['Number', 'Currency'],
  Boolean: ['Boolean'], Date: ['Date'], DateTime: ['DateTime'],
};

/** Why variable `v` cannot hold a value of `shape`, or undefined when it can (or when the shape is not known). */
export function mismatch(shape: TypeShape, v: FlowResourceDecl, op: OperationInfo): string | undefined {
  const list = shape.kind === 'list';
  const item = list ? shape.item : shape;
  const expected = describeShape(shape, op.apexClass);
  if (list !== v.isCollection) return list ? `it is a ${expected}; make the variable a collection ("Allow multiple values").` : `it is a single ${expected}; the variable is a collection.`;
  if (!item || item.kind === 'unknown' || item.kind === 'list') return undefined;
  const declared = `${v.dataType ?? 'no data type'}${v.apexClass ? ` (${v.apexClass})` : v.objectType ? ` (${v.objectType})` : ''}`;
  if (item.kind === 'object') {
    const prefix = op.apexClass('');
    if (item.exactName !== false && item.typeName) {
      const cls = op.apexClass(item.typeName);
      if (v.dataType === 'Apex' && v.apexClass?.toLowerCase() === cls.toLowerCase()) return undefined;
      return `it is ${expected}; the variable is ${declared}. Set its Data Type to Apex-Defined with class ${cls}.`;
    }
    if (v.dataType === 'Apex' && v.apexClass?.toLowerCase().startsWith(prefix.toLowerCase())) return undefined;
    return `it is an Apex-defined type of ${op.service} (${prefix}…); the variable is ${declared}.`;
  }
  const ok = PRIMITIVE_VARIABLE_TYPES[item.primitive ?? ''];
  return !ok || ok.includes(v.dataType ?? '') ? undefined : `it is a ${item.primitive}; the variable is ${declared}. Use a ${ok[0]} variable.`;
}
