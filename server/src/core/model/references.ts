// Resolves a merge-field reference ({!$Record.Email}, {!$User.Email}, {!myVar}) against what a callout
// definition can know: the $Record object's fields, the Flow globals and the linked flow's resources.
import { findGlobal } from './globals';
import { closest } from './similar';
import type { ProjectIndex } from '../project/index';
import type { FlowSummary } from '../flow/summary';

export interface ReferenceScope {
  project?: ProjectIndex;
  /** Object of $Record (explicit, or the linked flow's trigger object). */
  recordObject?: string;
  flow?: FlowSummary;
}

export type Resolution =
  | { ok: true; type?: string; detail?: string }
  | { ok: false; message: string; suggestion?: string; segmentOffset: number; segmentLength: number };

/** Resolves `expression`; offsets in a failed resolution are relative to the expression's start. */
export function resolveReference(expression: string, scope: ReferenceScope): Resolution {
  const parts = expression.split('.');
  const head = parts[0];
  const segOffset = (i: number) => parts.slice(0, i).reduce((n, p) => n + p.length + 1, 0);
  if (head === '$Record' || head === '$Record__Prior') {
    if (parts.length < 2) return { ok: true, detail: 'the whole record' };
    const object = scope.recordObject;
    if (!object) return { ok: true, detail: 'object unknown: set `object:` or link a record-triggered `flow:` to check it' };
    const fields = scope.project?.fieldsOf(object);
    if (!fields) return { ok: true, detail: `fields of ${object} are not in the project` };
    const field = parts[1];
    const hit = [...fields.values()].find((f) => f.name.toLowerCase() === field.toLowerCase());
    if (hit) return { ok: true, type: hit.type, detail: `${object}.${hit.name}` };
    if (parts.length > 2) {
      // A relationship: Account.Name (AccountId) or Parent__r.Name (Parent__c).
      const rel = field.endsWith('__r') ? field.replace(/__r$/, '__c') : `${field}Id`;
      if ([...fields.keys()].some((k) => k.toLowerCase() === rel.toLowerCase())) return { ok: true, detail: `through the ${field} relationship` };
    }
    const best = closest(field, fields.keys());
    return {
      ok: false, segmentOffset: segOffset(1), segmentLength: field.length, suggestion: best,
      message: `${object} has no field "${field}"${best ? `. Did you mean "${best}"?` : '.'} (checked the project's objects/${object}/fields and the standard fields).`,
    };
  }
  if (head.startsWith('$')) {
    const g = findGlobal(head);
    if (!g) {
      const best = closest(head, ['$Flow', '$User', '$Organization', '$Api', '$Label', '$Setup', '$Permission', '$System', '$Profile', '$UserRole', '$GlobalConstant', '$Record', '$CustomMetadata', '$Client']);
      return { ok: false, segmentOffset: 0, segmentLength: head.length, suggestion: best, message: `"${head}" is not a Flow global variable${best ? `. Did you mean "${best}"?` : '.'}` };
    }
    if (parts.length < 2 || g.open || !g.members) return { ok: true, detail: g.doc };
    const member = parts[1];
    const hit = Object.keys(g.members).find((m) => m.toLowerCase() === member.toLowerCase());
    if (hit) return { ok: true, type: g.members[hit], detail: g.doc };
    const best = closest(member, Object.keys(g.members));
    return { ok: false, segmentOffset: segOffset(1), segmentLength: member.length, suggestion: best, message: `${g.name} has no "${member}"${best ? `. Did you mean "${best}"?` : '.'}` };
  }
  if (!scope.flow) return { ok: true, detail: 'a flow resource (link `flow:` to check it)' };
  const res = [...scope.flow.resources.values()].find((r) => r.name.toLowerCase() === head.toLowerCase());
  if (res) return { ok: true, type: res.apexClass ?? res.dataType, detail: `${res.kind} in ${scope.flow.name}` };
  if (scope.flow.actionCalls.some((a) => a.name === head)) return { ok: true, detail: `element of ${scope.flow.name}` };
  const best = closest(head, scope.flow.resources.keys());
  return { ok: false, segmentOffset: 0, segmentLength: head.length, suggestion: best, message: `Flow ${scope.flow.name} has no resource "${head}"${best ? `. Did you mean "${best}"?` : '.'}` };
}

/** The scope of a callout definition: its `object:` or linked flow's trigger object, and the linked flow. */
export function scopeOf(project: ProjectIndex | undefined, object: string | undefined, flowPath: string | undefined): ReferenceScope {
  const flow = flowPath && project ? project.findFlowByPath(flowPath) : undefined;
  return { project, flow, recordObject: object ?? flow?.object };
}
