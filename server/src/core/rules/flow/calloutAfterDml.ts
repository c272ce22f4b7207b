import { transactionSetting } from '../../model/transactionControl';
import { isRecordTriggered, nameRange } from '../../flow/model';
import { calloutRelated, calloutSubject, calloutTransactionControl } from '../../flow/reach';
import type { FlowRule } from './types';

export const calloutAfterDml: FlowRule = {
  id: 'flow-callout-after-dml',
  defaultSeverity: 'error',
  doc: 'An HTTP callout can run after a Create/Update/Delete Records element in the same transaction, with no Screen or Pause between.',
  source: 'reference §1.6 ("External service callouts aren\'t allowed when there are pending, uncommitted transactions"), C6 (screen flows commit before an Apex action only with callout=true; before Winter \'26 an action run by a non-screen flow stayed in the transaction), Help "How Flows Run in Transactions" (Transaction Control in every flow type from Winter \'26; facts TX-1…TX-3), C5 (subflows), §4.2, §5.6',
  check(ctx) {
    const { model, graph } = ctx.analysis;
    const screenFlow = model.processType === 'Flow';
    for (const c of ctx.analysis.calloutsWithSubflows) {
      const dml = graph.uncommittedDmlBefore(c.element.name);
      if (!dml) continue;
      // The synchronous path of a record-triggered flow is reported by flow-sync-callout.
      if (isRecordTriggered(model) && graph.isSync(c.element.name)) continue;
      let severity: 'warning' | undefined;
      let why = '';
      // Transaction Control (model/transactionControl.ts) of the action that calls out — this element, or the one
      // a subflow runs: screen flows since API 51.0, every flow type since Winter '26 (not on a record-triggered
      // flow's run-immediately path, reported by flow-sync-callout above). A new transaction commits the pending
      // work first, also the caller's: a subflow runs in its caller's transaction (C5).
      const tx = calloutTransactionControl(c, model, graph);
      if (tx === 'new') continue;
      // "Let the flow decide" commits first only for an action that declares it calls out: External Services and
      // standard actions do; an Apex action only with @InvocableMethod(callout=true).
      const action = c.via?.callout ?? c;
      if (tx === 'decide' && (action.actionType !== 'apex' || action.calloutModifier !== false)) continue;
      if (c.via) {
        // The subflow's action stays in the current transaction (its Transaction Control says so, or it has none).
        // For a screen flow calling an autolaunched subflow this reading is not confirmed by a test in an org: a
        // warning there, an error where nothing could commit (autolaunched and record-triggered flows).
        if (screenFlow) {
          severity = 'warning';
          why = ' Salesforce commits before an action only when a screen flow runs it; this callout is run by the subflow, so the pending work is most likely still there.';
        }
      } else if (tx === 'decide') {
        const control = transactionSetting(c.element.el) ? 'Its Transaction Control lets the flow decide' : 'It has no Transaction Control setting (saved before API 51.0)';
        why = ` ${control}, but Salesforce commits first only for an action whose @InvocableMethod has callout=true, and ${c.actionName}'s has not.`;
      }
      const fixes = c.via
        ? 'move the subflow before the DML, put a Pause (or, in a screen flow, a Screen) between them, or run the subflow on an asynchronous path'
        : screenFlow
          ? c.actionType === 'apex' && c.calloutModifier === false
            ? `add callout=true to ${c.actionName}'s @InvocableMethod (with Transaction Control "Let the flow decide"), set its Transaction Control to "Always start a new transaction" (flowTransactionModel NewTransaction), add a Screen before it, or move the callout before the DML`
            : 'set its Transaction Control to "Always start a new transaction" (flowTransactionModel NewTransaction), add a Screen or Pause before it, or move the callout before the DML'
          : c.actionType === 'apex' && c.calloutModifier === false
            ? `set its Transaction Control to "Always start a new transaction" (flowTransactionModel NewTransaction; every flow type from Winter '26), add callout=true to ${c.actionName}'s @InvocableMethod with Transaction Control "Let the flow decide", move the callout before the DML, put a Pause between them, or run the callout on an asynchronous path`
            : 'set its Transaction Control to "Always start a new transaction" or "Let the flow decide" (flowTransactionModel NewTransaction or Automatic; every flow type from Winter \'26), move the callout before the DML, put a Pause between them, or run the callout on an asynchronous path';
      ctx.report({
        ...nameRange(c.element), severity, related: calloutRelated(c),
        message: `${c.via ? `${calloutSubject(c)} and` : c.element.name} can run after ${dml} in the same transaction: Salesforce rejects the callout ("You have uncommitted work pending. Please commit or rollback before calling out").${why} To fix, ${fixes}.`,
      });
    }
  },
};
