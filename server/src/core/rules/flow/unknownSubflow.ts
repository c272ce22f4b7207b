import { isRecordTriggered, nameRange } from '../../flow/model';
import { chainRelated, chainText } from '../../flow/reach';
import type { FlowRule } from './types';

export const unknownSubflow: FlowRule = {
  id: 'flow-unknown-subflow',
  defaultSeverity: 'info',
  doc: 'A subflow on the synchronous path of a record-triggered flow is not in the project, so whether it makes a callout (which Salesforce blocks there) cannot be checked.',
  source: 'reference C5 (a callout reached through a subflow on the synchronous path fails); missing metadata is not evidence',
  check(ctx) {
    const { model, graph } = ctx.analysis;
    if (!isRecordTriggered(model) || !ctx.analysis.project) return;
    for (const r of ctx.analysis.subflowReaches) {
      if (!r.missing || !graph.isSync(r.element.name)) continue;
      const through = r.chain.length ? ` (through ${chainText(r)})` : '';
      ctx.report({
        ...nameRange(r.element), related: r.chain.length ? chainRelated(r) : undefined,
        message: `${r.element.name} runs subflow ${r.missing}${through}, which is not in this project: whether it makes an HTTP callout — which Salesforce blocks on the synchronous path of a record-triggered flow — cannot be checked. Retrieve it (sf project retrieve start --metadata Flow:${r.missing}) to check it; a flow from a managed package cannot be checked here.`,
      });
    }
  },
};
