import { isRecordTriggered, nameRange } from '../../flow/model';
import { calloutRelated, calloutSubject } from '../../flow/reach';
import type { FlowRule } from './types';

export const syncCallout: FlowRule = {
  id: 'flow-sync-callout',
  defaultSeverity: 'error',
  doc: 'An HTTP callout is reachable on the synchronous path of a record-triggered flow, where Salesforce blocks callouts.',
  source: 'reference §1.6 (Help "Record-Triggered Flow Considerations"), C5 (also through a subflow), §4.1, §5.5',
  check(ctx) {
    const { model, graph } = ctx.analysis;
    if (!isRecordTriggered(model)) return;
    const object = model.start.object ?? 'the record';
    const beforeSave = model.start.triggerType !== 'RecordAfterSave';
    for (const c of ctx.analysis.calloutsWithSubflows) {
      if (!graph.isSync(c.element.name)) continue;
      const message = beforeSave
        ? `${calloutSubject(c)} in a ${model.start.triggerType === 'RecordBeforeDelete' ? 'before-delete' : 'before-save'} flow, which runs while ${object} is being saved: Salesforce does not allow callouts there. Move the callout to an after-save flow on its asynchronous path.`
        : `${calloutSubject(c)} on the synchronous path of this record-triggered flow: Salesforce prevents callouts while ${object} is being saved, so ${c.apexCaught ? `the callout never runs (the Apex catches the CalloutException: ${c.apexCaught}, so the save goes on without it)` : 'the flow fails'}. Move it to the asynchronous path (Run Asynchronously).`;
      ctx.report({
        ...nameRange(c.element), message, related: calloutRelated(c),
        fix: {
          kind: 'explain',
          title: `How to move ${c.element.name} to the asynchronous path`,
          detail: [
            `Callouts can run only after the ${object} save is committed.`,
            beforeSave ? 'Change the flow to "Actions and Related Records" (after save): <triggerType>RecordAfterSave</triggerType>.' : '',
            'In Flow Builder: on the Start element, turn on "Add Asynchronous Path" under "Optimize the Flow for: Actions and Related Records", then drag the callout (and the elements that prepare and use its result) under the "Run Asynchronously" path.',
            'In the XML: under <start>, add',
            `  <scheduledPaths><connector><targetReference>${c.element.name}</targetReference></connector><pathType>AsyncAfterCommit</pathType></scheduledPaths>`,
            'and remove the connector that reaches the callout from the synchronous path (the <start> <connector> or the element before it).',
            'The asynchronous path runs in its own transaction after the commit, so the callout is allowed there; keep a fault connector on it.',
          ].filter(Boolean).join('\n'),
        },
      });
    }
  },
};
