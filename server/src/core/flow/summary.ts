// What the project index keeps of each flow: its resources with their types, the trigger, and the
// External Service actions it calls. The full flow model (graph, lint) lives beside this file.
import { childrenNamed, childText, child, type XmlElement } from '../parse/xml';
import { parseFlowCached } from './cache';

export interface FlowResource {
  name: string;
  kind: 'variable' | 'formula' | 'constant' | 'textTemplate' | 'choice';
  dataType?: string;
  isCollection: boolean;
  apexClass?: string;
  objectType?: string;
  isInput?: boolean;
  isOutput?: boolean;
}

export interface FlowSummary {
  name: string;
  file: string;
  label?: string;
  processType?: string;
  triggerType?: string;
  recordTriggerType?: string;
  object?: string;
  resources: Map<string, FlowResource>;
  actionCalls: { name: string; actionType?: string; actionName?: string }[];
  /** Every name a reference may start with (resources, elements, screen fields and actions, outcomes…). */
  names: string[];
}

export function flowNameOf(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.flow-meta\.xml$|\.flow$/, '');
}

/** Summaries by the model maps they were read with (shared while edits leave the model alone, flow/carry.ts). */
const summaries = new WeakMap<object, { file: string; label?: string; summary: FlowSummary }>();

/**
 * Shares the parse with the editor features (flow/cache.ts): an edited flow is parsed once per version, and
 * summarised again only when its model changed or its label did — everything else summarizeFlowRoot reads
 * is a model leaf (carry.ts MODEL_LEAVES), so typing in a value keeps the summary.
 */
export function summarizeFlow(file: string, xml: string): FlowSummary {
  const model = parseFlowCached(file, xml);
  const label = childText(model.root, 'label');
  const hit = summaries.get(model.names);
  if (hit && hit.file === file && hit.label === label) return hit.summary;
  const summary = summarizeFlowRoot(file, model.root, [...model.names.values()].map((n) => n.name));
  summaries.set(model.names, { file, label, summary });
  return summary;
}

export function summarizeFlowRoot(file: string, root: XmlElement | undefined, names: string[] = []): FlowSummary {
  const start = child(root, 'start');
  const resources = new Map<string, FlowResource>();
  const add = (el: XmlElement, kind: FlowResource['kind']) => {
    const name = childText(el, 'name');
    if (!name) return;
    resources.set(name, {
      name, kind, dataType: childText(el, 'dataType'), isCollection: childText(el, 'isCollection') === 'true',
      apexClass: childText(el, 'apexClass'), objectType: childText(el, 'objectType'),
      isInput: childText(el, 'isInput') === 'true', isOutput: childText(el, 'isOutput') === 'true',
    });
  };
  for (const v of childrenNamed(root, 'variables')) add(v, 'variable');
  for (const v of childrenNamed(root, 'formulas')) add(v, 'formula');
  for (const v of childrenNamed(root, 'constants')) add(v, 'constant');
  for (const v of childrenNamed(root, 'textTemplates')) add(v, 'textTemplate');
  for (const v of childrenNamed(root, 'choices')) add(v, 'choice');
  return {
    name: flowNameOf(file), file, label: childText(root, 'label'), processType: childText(root, 'processType'),
    triggerType: childText(start, 'triggerType'), recordTriggerType: childText(start, 'recordTriggerType'),
    object: childText(start, 'object'), resources,
    actionCalls: childrenNamed(root, 'actionCalls').map((a) => ({ name: childText(a, 'name') ?? '', actionType: childText(a, 'actionType'), actionName: childText(a, 'actionName') })),
    names,
  };
}
