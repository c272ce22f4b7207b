// What can follow `X.` in a flow reference: record fields, global members, callout outputs and the fields
// of Apex-defined types — each with its type. Shared by completion and hover.
import { findGlobal } from '../model/globals';
import { childText, type XmlElement } from '../parse/xml';
import type { FlowAnalysis } from './analysis';
import { lookupName } from './model';
import { describeShape, type TypeShape } from './shapes';

export interface Member {
  name: string;
  type: string;
  doc?: string;
}

export function membersOf(analysis: FlowAnalysis, path: string): Member[] {
  const parts = path.split('.');
  const head = parts[0];
  const { model, project } = analysis;
  const lower = head.toLowerCase();
  if (lower === '$record' || lower === '$record__prior') {
    return parts.length === 1 && model.start.object ? objectFields(analysis, model.start.object) : [];
  }
  if (head.startsWith('$')) {
    const g = findGlobal(head);
    if (parts.length !== 1 || !g?.members) return [];
    const members = Object.entries(g.members).map(([name, type]) => ({ name, type, doc: g.doc }));
    // The org's own fields of the object ($User.Profile_ID__c), when the project holds them.
    const custom = g.object ? [...(project?.fieldsOf(g.object)?.values() ?? [])].filter((f) => !f.standard && !(f.name in g.members!)) : [];
    return [...members, ...custom.map((f) => ({ name: f.name, type: f.type, doc: `Custom field of ${g.object}` }))];
  }
  const r = analysis.resolve({ path, kind: 'reference' });
  if (!r.ok) return [];
  if (r.shape) return shapeMembers(r.shape, analysis, path);
  const decl = r.decl ?? lookupName(model, head);
  if (decl?.kind === 'screenAction') return screenActionMembers(analysis, decl.el, parts);
  if (!decl || parts.length > 1) return [];
  if (decl.kind === 'variable' || decl.kind === 'formula') {
    const v = model.resources.get(decl.name);
    if (!v || v.isCollection) return [];
    if (v.dataType === 'SObject' && v.objectType) return objectFields(analysis, v.objectType);
    if (v.dataType === 'Apex') {
      const t = analysis.apexTypes.find(project, v.apexClass);
      return t ? shapeMembers(t.shape, analysis, path, t.op.apexClass) : [];
    }
    return [];
  }
  if (decl.kind === 'actionCalls') {
    const op = analysis.operationOf(decl.name);
    return op ? op.outputs.map((o) => ({ name: o.name, type: o.shape ? describeShape(o.shape, op.apexClass) : 'untyped', doc: o.doc })) : [];
  }
  if (decl.kind === 'recordLookups') {
    const object = childText(decl.el, 'object');
    return object && childText(decl.el, 'getFirstRecordOnly') !== 'false' ? objectFields(analysis, object) : [];
  }
  return [];
}

/** `Action.` → Results, IsSuccess…; `Action.Results.` → the called flow's output variables (when it is in the project). */
function screenActionMembers(analysis: FlowAnalysis, el: XmlElement, parts: string[]): Member[] {
  if (parts.length === 1) {
    return [
      { name: 'Results', type: 'outputs', doc: "The action's outputs" }, { name: 'IsSuccess', type: 'Boolean', doc: 'Whether the action succeeded' },
      { name: 'InProgress', type: 'Boolean', doc: 'Whether the action is running' }, { name: 'ErrorMessage', type: 'String', doc: 'The error, when it failed' },
    ];
  }
  const actionName = childText(el, 'actionName');
  if (parts.length !== 2 || parts[1].toLowerCase() !== 'results' || childText(el, 'actionType') !== 'flow' || !actionName) return [];
  const called = analysis.project?.flows.get(actionName);
  return called ? [...called.resources.values()].filter((v) => v.isOutput).map((v) => ({ name: v.name, type: `${v.objectType ?? v.apexClass ?? v.dataType ?? ''}${v.isCollection ? ' collection' : ''}`, doc: `Output of flow ${called.name}` })) : [];
}

function objectFields(analysis: FlowAnalysis, object: string): Member[] {
  const fields = analysis.project?.fieldsOf(object);
  return fields ? [...fields.values()].map((f) => ({ name: f.name, type: f.type, doc: `${f.standard ? 'Standard' : 'Custom'} field of ${object}` })) : [];
}

function shapeMembers(shape: TypeShape, analysis: FlowAnalysis, path: string, apexClass?: (t: string) => string): Member[] {
  const obj = shape.kind === 'object' ? shape : undefined;
  if (!obj?.fields) return [];
  const op = analysis.operationOf(path.split('.')[0]);
  const cls = apexClass ?? op?.apexClass ?? ((t: string) => t);
  return [...obj.fields.entries()].map(([name, t]) => ({ name, type: describeShape(t, cls) }));
}
