// What the project index keeps of each flow: its resources with their types, the trigger, and the
// actions it calls, the names references start with — read from the flow's parse. The index does not parse
// flows itself: the flow side (core/flow/summary.ts) hands it a summarizer, so the editor, validation and the
// index share one parse per version, and the project layer never depends on the flow pipeline.
import { childrenNamed, childText, child, type XmlElement } from '../parse/xml';
import { flowNameOf } from './fileKinds';

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
  /** Every name a reference may start with (resources, elements, screen fields and actions, outcomes…): the flow model's. */
  names: string[];
}

/** A flow file's text → its summary (the index calls it for every flow it reads). */
export type FlowSummarizer = (file: string, text: string) => FlowSummary;

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
