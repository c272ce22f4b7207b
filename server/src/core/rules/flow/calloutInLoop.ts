import { nameRange } from '../../flow/model';
import { calloutRelated, calloutSubject, calloutTransactionControl } from '../../flow/reach';
import type { FlowRule } from './types';

export const calloutInLoop: FlowRule = {
  id: 'flow-callout-in-loop',
  defaultSeverity: 'warning',
  doc: 'An HTTP callout runs once per item of a loop (also when it sits behind decisions in the loop body); a transaction allows 100 callouts.',
  source: 'reference §1.6 (Apex "Callout Limits": 100 callouts per transaction), C5 (subflows run in the caller\'s transaction), Help "How Flows Run in Transactions" (an action set to "Always start a new transaction" runs in its own transaction; fact TX-3), §4.18, §5.11',
  check(ctx) {
    const { model, graph } = ctx.analysis;
    for (const c of ctx.analysis.calloutsWithSubflows) {
      const loops = graph.loopsAround(c.element.name);
      if (!loops.length) continue;
      // "Always start a new transaction": each call runs in a transaction of its own, so the per-transaction
      // limits this rule is about do not add up (model/transactionControl.ts) — also for the action a subflow runs.
      if (calloutTransactionControl(c, model, graph) === 'new') continue;
      const which = loops.length === 1 ? `loop ${loops[0]}` : `loops ${loops.join(', ')}`;
      ctx.report({
        ...nameRange(c.element), related: calloutRelated(c),
        message: `${calloutSubject(c)} once per item of ${which}: more than 100 items exceeds the 100-callouts-per-transaction limit, and each call adds up to 120 s. Call once with all items (a list in the request body), or move the callout out of the loop.`,
      });
    }
  },
};
