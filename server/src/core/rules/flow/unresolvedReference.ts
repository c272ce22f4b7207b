import type { FlowRule, FlowRuleContext } from './types';

/** Reports at most this many per rule and file (a garbled file must not flood the editor). */
const MAX_REPORTS = 300;

export const unresolvedReference: FlowRule = {
  id: 'flow-unresolved-reference',
  defaultSeverity: 'error',
  doc: 'A reference (elementReference, assignToReference, leftValueReference, targetReference, collectionReference, {!…}) names no resource, element, output, screen-action result or global.',
  source: 'reference §2.9 (merge-field and reference syntax), §1.5 (Action.output.field paths), C3, C4; docs/salesforce-facts.md REF3 (screen actions), REF4 (globals with the org\'s custom fields), REF5 (what is reported)',
  check(ctx) {
    reportReferences(ctx, false);
  },
};

/** Shared by this rule and flow-record-field: reports the analysis' unresolved references of one kind. */
export function reportReferences(ctx: FlowRuleContext, record: boolean): void {
  let reported = 0;
  for (const { site, failure: r } of ctx.analysis.failures) {
    if (reported >= MAX_REPORTS) return;
    if (!!r.record !== record) continue;
    const parts = site.path.split('.');
    const offset = site.offset + parts.slice(0, r.segment).reduce((n, p) => n + p.length + 1, 0);
    const length = Math.max(1, parts[r.segment]?.length ?? site.path.length);
    const where = site.kind === 'merge' ? ` (in {!${site.path}})` : '';
    ctx.report({
      offset, length, message: `${r.message}${where}`, severity: r.severity,
      fix: r.candidates.length ? { kind: 'replace-any', titlePrefix: 'Change to', offset, length, candidates: r.candidates } : undefined,
    });
    reported++;
  }
}
