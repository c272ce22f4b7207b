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
    for (const c of analysis.externalServiceCallouts) {
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
        const decl = [...analysis.model.resources.values()].find((r) => r.name.toLowerCase() === variable);
        if (decl?.isOutput) read = true;
      }
      for (const site of analysis.sites) {
        if (read) break;
        if (ownTargets.has(site.el)) continue;
        const parts = site.path.toLowerCase().split('.');
        if (parts[0] === action && parts[1] !== undefined && readable.has(parts[1])) read = true;
        else if (receivers.has(parts[0])) read = true;
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
