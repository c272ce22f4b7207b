import { childText } from '../../parse/xml';
import { isRecordTriggered, nameRange } from '../../flow/model';
import type { FlowRule } from './types';

export const calloutAfterDml: FlowRule = {
  id: 'flow-callout-after-dml',
  defaultSeverity: 'error',
  doc: 'An HTTP callout can run after a Create/Update/Delete Records element in the same transaction, with no Screen or Pause between.',
  source: 'reference §1.6 ("External service callouts aren\'t allowed when there are pending, uncommitted transactions"), §4.2, §5.6',
  check(ctx) {
    const { model, graph } = ctx.analysis;
    const screenFlow = model.processType === 'Flow';
    for (const c of ctx.analysis.callouts) {
      const dml = graph.uncommittedDmlBefore(c.element.name);
      if (!dml) continue;
      // Screen flows commit before an action that calls out when Transaction Control lets them.
      const tx = childText(c.element.el, 'flowTransactionModel');
      if (screenFlow && (tx === 'Automatic' || tx === 'NewTransaction')) continue;
      // The synchronous path of a record-triggered flow is reported by flow-sync-callout.
      if (isRecordTriggered(model) && graph.isSync(c.element.name)) continue;
      const fixes = screenFlow
        ? 'set its Transaction Control to "Always start a new transaction" (flowTransactionModel NewTransaction), add a Screen or Pause before it, or move the callout before the DML'
        : 'move the callout before the DML, put a Pause between them, or run the callout on an asynchronous path';
      ctx.report({
        ...nameRange(c.element),
        message: `${c.element.name} can run after ${dml} in the same transaction: Salesforce rejects the callout ("You have uncommitted work pending. Please commit or rollback before calling out"). To fix, ${fixes}.`,
      });
    }
  },
};
