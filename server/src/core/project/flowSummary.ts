// What the project index keeps of each flow: its resources with their types, the trigger, and the
// actions it calls — read from the flow's XML root. The index does not parse flows itself: whoever owns
// the parses (the flow store, core/flow/store.ts) hands it a summarizer, so the editor, validation and the
// index share one parse per version. Without one, the index parses the XML here.
import { childrenNamed, childText, child, parseXml, type XmlElement } from '../parse/xml';
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
}

/** A flow file's text → its summary (the index calls it for every flow it reads). */
export type FlowSummarizer = (file: string, text: string) => FlowSummary;

/** The summarizer of an index created without a flow store: a parse of its own. */
export const summarizeFlowXml: FlowSummarizer = (file, text) => summarizeFlowRoot(file, parseXml(text).root);

export function summarizeFlowRoot(file: string, root: XmlElement | undefined): FlowSummary {
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
  };
}
