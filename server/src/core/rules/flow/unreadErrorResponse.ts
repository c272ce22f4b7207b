// A declared error response nobody reads: the operation declares error responses (`404`, `4XX`), which by the
// outcome model (model/outcome.ts, reference C12) keep the flow on its normal path with `responseCode` and
// `<code>Exc` set. When nothing in the flow reads the action's responseCode or those outputs — directly
// (`{!Action.responseCode}`, `Action.4XXExc.message`) or through the variable an output parameter fills —
// the flow goes on as if the call succeeded, with empty success outputs.
// Silent when unsure: any reference to those outputs, or to the variable they are assigned to, anywhere in
// the flow counts as reading them; an output variable (isOutput) is read by whoever calls the flow.
import { child } from '../../parse/xml';
import { nameRange } from '../../flow/model';
import { declaredErrorKeys, declaredErrorsContinue, outputNameOf, OUTCOME_SOURCE } from '../../model/outcome';
import type { FlowRule } from './types';

export const unreadErrorResponse: FlowRule = {
  id: 'flow-unread-error-response',
  defaultSeverity: 'warning',
  doc: 'An HTTP callout action whose registration declares error responses, but nothing in the flow reads its responseCode or <code>Exc outputs: on those statuses the flow continues as if the call succeeded.',
  source: OUTCOME_SOURCE,
  check(ctx) {
    // If declared errors faulted instead, the fault path would see them: nothing to say.
    if (!declaredErrorsContinue()) return;
    const { analysis } = ctx;
    // Built on first need, once per check (not once per action: a big flow has hundreds of actions and
    // tens of thousands of reference sites).
    let reads: Map<string, { next: string | undefined; el: unknown }[]> | undefined;
    let resources: Map<string, { isOutput?: boolean }> | undefined;
    for (const c of analysis.externalServiceCallouts) {
      // An action no connector reaches never runs (flow-unreachable-callout notes it).
      if (!analysis.graph.isReachable(c.element.name)) continue;
      if (c.resolution?.status !== 'ok') continue;
      const op = c.resolution.op;
      const errorKeys = declaredErrorKeys(op.responses);
      if (!errorKeys.length) continue;
      const action = c.element.name.toLowerCase();
      // responseCode, `<key>Exc`, and the plain key (also an output for error responses) count as reading.
      const readable = new Set(['responsecode', ...errorKeys.flatMap((k) => [outputNameOf(k).toLowerCase(), k.toLowerCase()])]);
      const receivers = new Set<string>();
      const ownTargets = new Set<unknown>();
      let read = false;
      for (const p of c.element.el.children) {
        if (p.name !== 'outputParameters') continue;
        const out = child(p, 'name')?.text.toLowerCase();
        const to = child(p, 'assignToReference');
        if (!out || !to || !readable.has(out)) continue;
        ownTargets.add(to);
        const variable = to.text.split('.')[0].toLowerCase();
        receivers.add(variable);
        if (!resources) {
          resources = new Map();
          // The first declaration of a name (case-insensitive) counts, as before.
          for (const r of analysis.model.resources.values()) if (!resources.has(r.name.toLowerCase())) resources.set(r.name.toLowerCase(), r);
        }
        if (resources.get(variable)?.isOutput) read = true;
      }
      if (!read) {
        // Every site by its first path segment (lower case), with its second.
        if (!reads) {
          reads = new Map();
          for (const site of analysis.sites) {
            const parts = site.path.toLowerCase().split('.');
            let list = reads.get(parts[0]);
            if (!list) reads.set(parts[0], (list = []));
            list.push({ next: parts[1], el: site.el });
          }
        }
        // `Action.<readable>`, or any reference to a variable an error output fills (but the filling itself).
        read = !!reads.get(action)?.some((r) => !ownTargets.has(r.el) && r.next !== undefined && readable.has(r.next))
          || [...receivers].some((v) => !!reads!.get(v)?.some((r) => !ownTargets.has(r.el)));
      }
      if (read) continue;
      const codes = errorKeys.join(', ');
      const outputs = errorKeys.map(outputNameOf).join(', ');
      ctx.report({
        ...nameRange(c.element),
        message: `${c.element.name} calls ${op.service}.${op.operation}, which declares the error response${errorKeys.length > 1 ? 's' : ''} ${codes}, but nothing in the flow reads ${c.element.name}.responseCode or ${outputs}: on ${errorKeys.length > 1 ? 'those statuses' : `a ${codes}`} the flow continues on its normal path as if the call succeeded, with empty success outputs. Add a Decision after the action on {!${c.element.name}.responseCode} (or map responseCode to a variable and branch on it).`,
      });
    }
  },
};
