import type { CalloutRule } from '../types';
import { findSampleField, rootTypeName, apexClassOf } from '../../model/samples';
import { scopeOf } from '../../model/references';
import { closest } from '../../model/similar';
import { describeType, type InferredType } from '../../model/flowTypes';
import type { FlowResource } from '../../flow/summary';

export const outputVariable: CalloutRule = {
  id: 'callout-output-variable',
  defaultSeverity: 'error',
  doc: "An output's `to` is not a variable of the linked flow, or the variable's type cannot hold the value.",
  source: 'reference §1.5, §2.6 (outputs are stored in flow variables of the matching type / apexClass)',
  check(ctx) {
    const scope = scopeOf(ctx.project, ctx.def.object, ctx.def.flow);
    const flow = scope.flow;
    if (!flow) return;
    for (const o of ctx.def.outputs()) {
      if (!o.to || !o.toNode || !o.from) continue;
      const v = [...flow.resources.values()].find((r) => r.name === o.to && r.kind === 'variable');
      if (!v) {
        const best = closest(o.to, [...flow.resources.values()].filter((r) => r.kind === 'variable').map((r) => r.name));
        ctx.report({
          offset: o.toNode.offset, length: o.toNode.length,
          message: `Flow ${flow.name} has no variable "${o.to}"${best ? `. Did you mean "${best}"?` : `. Create it in the flow`}.`,
          fix: best ? { kind: 'replace-any', titlePrefix: 'Change to', offset: o.toNode.offset, length: o.toNode.length, candidates: [best] } : undefined,
        });
        continue;
      }
      const expected = expectedType(ctx, o.from);
      if (!expected) continue;
      const why = mismatch(expected, v, (t) => apexClassOf(ctx.def, t));
      if (why) ctx.report({ offset: o.toNode.offset, length: o.toNode.length, message: `"${o.to}" cannot receive ${o.from}: ${why}` });
    }
  },
};

function expectedType(ctx: Parameters<CalloutRule['check']>[0], from: string): InferredType | undefined {
  if (from === 'responseCode') return { kind: 'primitive', type: 'Integer' };
  const [key] = from.split('.');
  if (from === key) return { kind: 'object', typeName: rootTypeName(ctx.def, key) };
  return findSampleField(ctx.fields, from)?.type;
}

/** Why a flow variable cannot hold a value of Flow type `t`, or undefined when it can. */
export function mismatch(t: InferredType, v: FlowResource, apexClass: (typeName: string) => string): string | undefined {
  const list = t.kind === 'list';
  const item = t.kind === 'list' ? t.item : t;
  if (list !== v.isCollection) return list ? 'the value is a list; make the variable a collection.' : 'the value is a single value; the variable is a collection.';
  if (!item || item.kind === 'unknown' || item.kind === 'list') return undefined;
  const declared = `${v.dataType ?? '?'}${v.apexClass ? ` (${v.apexClass})` : ''}`;
  if (item.kind === 'object') {
    const cls = apexClass(item.typeName);
    return v.dataType === 'Apex' && v.apexClass === cls ? undefined : `it is ${describeType(item, apexClass)}; the variable is ${declared}. Set Data Type Apex-Defined with class ${cls}.`;
  }
  const ok: Record<string, string[]> = {
    String: ['String', 'Picklist', 'Multipicklist'], Integer: ['Number', 'Currency'], Double: ['Number', 'Currency'],
    Boolean: ['Boolean'], Date: ['Date'], DateTime: ['DateTime'],
  };
  return ok[item.type]?.includes(v.dataType ?? '') ? undefined : `it is a ${item.type}; the variable is ${declared}.`;
}
