// Merge-field references of a callout definition ({!$Record.Email}, {!$User.Email}, {!myVar}) resolved by
// the one reference resolver (flow/resolve.ts), the one flow lint uses: the same answers for globals,
// $Record fields and relationships, and the linked flow's resources. This file only adapts the scope (the
// definition's `object:` or linked flow) and the answer's shape (offsets within the expression).
import { resolvePath } from '../flow/resolve';
import { ApexTypeIndex } from '../flow/typeIndex';
import type { ProjectIndex } from '../project/index';
import type { FlowSummary } from '../project/flowSummary';

export interface ReferenceScope {
  project?: ProjectIndex;
  /** Object of $Record (explicit, or the linked flow's trigger object). */
  recordObject?: string;
  flow?: FlowSummary;
  /** The generated Apex types the linked flow's resources may be typed with (one index per scope). */
  apexTypes: ApexTypeIndex;
}

export type Resolution =
  | { ok: true; type?: string; detail?: string }
  | { ok: false; message: string; suggestion?: string; segmentOffset: number; segmentLength: number; severity?: 'warning' };

/** Resolves `expression`; offsets in a failed resolution are relative to the expression's start. */
export function resolveReference(expression: string, scope: ReferenceScope): Resolution {
  const parts = expression.split('.');
  if (parts.length > 1 && /^\$record(__prior)?$/i.test(parts[0]) && !scope.recordObject) {
    return { ok: true, detail: 'object unknown: set `object:` or link a record-triggered `flow:` to check it' };
  }
  const r = resolvePath(expression, { project: scope.project, recordObject: scope.recordObject, summary: scope.flow, operationOf: () => undefined, apexTypes: scope.apexTypes });
  if (r.ok) return { ok: true, type: r.type, detail: r.detail };
  const segmentOffset = parts.slice(0, r.segment).reduce((n, p) => n + p.length + 1, 0);
  return { ok: false, message: r.message, suggestion: r.candidates[0], segmentOffset, segmentLength: Math.max(1, parts[r.segment]?.length ?? expression.length), severity: r.severity };
}

/** The scope of a callout definition: its `object:` or linked flow's trigger object, and the linked flow. */
export function scopeOf(project: ProjectIndex | undefined, object: string | undefined, flowPath: string | undefined): ReferenceScope {
  const flow = flowPath && project ? project.findFlowByPath(flowPath) : undefined;
  return { project, flow, recordObject: object ?? flow?.object, apexTypes: new ApexTypeIndex() };
}
