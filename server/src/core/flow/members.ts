// What can follow `X.` in a flow reference: record fields, global members, callout outputs and the fields
// of Apex-defined types — each with its type. Shared by completion and hover.
import { findGlobal } from '../model/globals';
import { childText } from '../parse/xml';
import type { FlowAnalysis } from './analysis';
import { lookupName } from './model';
import { describeShape, type TypeShape } from './shapes';
import { findApexType } from './typeIndex';

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
    return parts.length === 1 && g?.members ? Object.entries(g.members).map(([name, type]) => ({ name, type, doc: g.doc })) : [];
  }
  const r = analysis.resolve({ path, kind: 'reference' });
  if (!r.ok) return [];
  if (r.shape) return shapeMembers(r.shape, analysis, path);
  const decl = r.decl ?? lookupName(model, head);
  if (!decl || parts.length > 1) return [];
  if (decl.kind === 'variable' || decl.kind === 'formula') {
    const v = model.resources.get(decl.name);
    if (!v || v.isCollection) return [];
    if (v.dataType === 'SObject' && v.objectType) return objectFields(analysis, v.objectType);
    if (v.dataType === 'Apex') {
      const t = findApexType(project, v.apexClass);
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
