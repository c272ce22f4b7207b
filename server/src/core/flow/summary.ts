// A flow file's summary for the project index, parsed on its own: for an index built without a flow store
// (tests, one-shot tools). The language service and the CLI pass their store's `summarize` instead, which
// shares the parse with validation and the editor (core/flow/store.ts). The summary is project/flowSummary.ts.
import { parseXml } from '../parse/xml';
import { flowNameOf } from '../project/fileKinds';
import { summarizeFlowRoot, type FlowSummary } from '../project/flowSummary';
import { buildFlowModel } from './model';
import { summarizeReach } from './reachSteps';

export { flowNameOf, summarizeFlowRoot };
export type { FlowResource, FlowSummary } from '../project/flowSummary';

export function summarizeFlow(file: string, text: string): FlowSummary {
  const model = buildFlowModel(text, parseXml(text));
  const summary = summarizeFlowRoot(file, model.root, [...model.names.values()].map((n) => n.name));
  summary.reach = summarizeReach(model);
  return summary;
}
