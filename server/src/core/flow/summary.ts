// The flow side's summarizer for the project index: it shares the parse with the editor features
// (flow/cache.ts), so an edited flow is parsed once per version, and summarised again only when its model
// changed or its label did — everything else summarizeFlowRoot reads is a model leaf (carry.ts MODEL_LEAVES),
// so typing in a value keeps the summary. The summary itself is project/flowSummary.ts.
import { childText } from '../parse/xml';
import { flowNameOf } from '../project/fileKinds';
import { summarizeFlowRoot, type FlowSummary } from '../project/flowSummary';
import { parseFlowCached } from './cache';

export { flowNameOf, summarizeFlowRoot };
export type { FlowResource, FlowSummary } from '../project/flowSummary';

/** Summaries by the model maps they were read with (shared while edits leave the model alone, flow/carry.ts). */
const summaries = new WeakMap<object, { file: string; label?: string; summary: FlowSummary }>();

export function summarizeFlow(file: string, xml: string): FlowSummary {
  const model = parseFlowCached(file, xml);
  const label = childText(model.root, 'label');
  const hit = summaries.get(model.names);
  if (hit && hit.file === file && hit.label === label) return hit.summary;
  const summary = summarizeFlowRoot(file, model.root, [...model.names.values()].map((n) => n.name));
  summaries.set(model.names, { file, label, summary });
  return summary;
}
