import { bestMatches, matchLimit } from '../../flow/objectFields';
import { operationsNearService, projectOperations } from '../../flow/operations';
import type { FlowRule } from './types';

/** The projectMemo slot: an unknown service name → the project's `Service.operation` names near it. */
const UNKNOWN_SERVICE_CANDIDATES = 'flow-unknown-action: candidates of an unknown service';

export const unknownAction: FlowRule = {
  id: 'flow-unknown-action',
  defaultSeverity: 'error',
  doc: 'An externalService actionName names no callout definition or External Service registration in the project, or an operation it does not have.',
  source: 'reference §2.6 (actionName = <ESRName>.<operationId>), §5.1',
  check(ctx) {
    const project = ctx.analysis.project;
    if (!project) return;
    for (const c of ctx.analysis.externalServiceCallouts) {
      const el = c.actionNameEl;
      const r = c.resolution;
      if (!el || !r) continue;
      const exact = ctx.analysis.model.source.slice(el.textOffset, el.textOffset + el.textLength) === c.actionName;
      const dot = c.actionName.indexOf('.');
      const whole = { offset: el.textOffset, length: Math.max(1, el.textLength) };
      if (r.status === 'malformed') {
        ctx.report({ ...whole, message: `${c.element.name}: actionName "${c.actionName}" is not <Service>.<operation> (e.g. ${projectOperations(project)[0] ? `${projectOperations(project)[0].service}.${projectOperations(project)[0].operation}` : 'MyService.getThing'}).` });
      } else if (r.status === 'no-service') {
        // The same for every flow of the project that names this service: made once per project stamp.
        const byService = ctx.analysis.projectMemo(UNKNOWN_SERVICE_CANDIDATES, () => new Map<string, string[]>());
        let candidates = byService.get(r.service);
        if (!candidates) {
          const all = operationsNearService(project, r.service, matchLimit(r.service)).map((o) => `${o.service}.${o.operation}`);
          const near = bestMatches(r.service, new Set(all.map((a) => a.slice(0, a.indexOf('.')))));
          candidates = all.filter((a) => near.includes(a.slice(0, a.indexOf('.'))));
          byService.set(r.service, candidates);
        }
        ctx.report({
          // Missing metadata is not evidence: with no near name in the project the registration may live only in
          // the org (Heroku AppLink and managed packages register services there), so that is an info note; a near
          // name is more likely a typo, a warning.
          ...(exact ? { offset: el.textOffset, length: dot } : whole), severity: candidates.length ? 'warning' : 'info',
          message: `${c.element.name} calls ${c.actionName}, but the project has no callout definition or External Service registration named "${r.service}".${candidates.length ? ` Did you mean "${candidates[0]}"?` : ''} If it exists only in the org, retrieve it (sf project retrieve start -m ExternalServiceRegistration:${r.service}); otherwise add a *.callout.yaml named ${r.service}.`,
          fix: candidates.length ? { kind: 'replace-any', titlePrefix: 'Change to', ...whole, candidates: [...candidates] } : undefined,
        });
      } else if (r.status === 'no-operation') {
        const candidates = bestMatches(r.operation, r.operations);
        const range = exact ? { offset: el.textOffset + dot + 1, length: Math.max(1, c.actionName.length - dot - 1) } : whole;
        ctx.report({
          ...range,
          message: `${r.service} has no operation "${r.operation}".${candidates.length ? ` Did you mean "${candidates[0]}"?` : ''} Its operations: ${r.operations.join(', ') || 'none'}.`,
          fix: candidates.length && exact ? { kind: 'replace-any', titlePrefix: 'Change to', ...range, candidates } : undefined,
        });
      }
    }
  },
};
