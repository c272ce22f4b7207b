import { nameRange } from '../../flow/model';
import type { FlowRule } from './types';

export const unreachableCallout: FlowRule = {
  id: 'flow-unreachable-callout',
  defaultSeverity: 'info',
  doc: 'An HTTP callout action that no connector reaches from Start: Salesforce never runs it, so the callout rules do not check it (one note per flow).',
  source: 'Flow runs elements only along connectors from Start (reference §2.8); a flow saved as a draft (InvalidDraft) may hold unconnected elements',
  check(ctx) {
    const { allCallouts, callouts } = ctx.analysis;
    if (allCallouts.length === callouts.length) return;
    const reached = new Set(callouts);
    const unreached = allCallouts.filter((c) => !reached.has(c));
    const names = unreached.map((c) => c.element.name);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    ctx.report({
      ...nameRange(unreached[0].element),
      message: `${list} ${names.length === 1 ? 'makes an HTTP callout but is' : 'make HTTP callouts but are'} not reached by any connector from Start, so Salesforce never runs ${names.length === 1 ? 'it' : 'them'}; the callout rules (fault path, synchronous path, loop, uncommitted work) do not check ${names.length === 1 ? 'it' : 'them'}. Connect ${names.length === 1 ? 'it' : 'them'} in Flow Builder, or delete ${names.length === 1 ? 'it' : 'them'} if ${names.length === 1 ? 'it is' : 'they are'} left over.`,
    });
  },
};
