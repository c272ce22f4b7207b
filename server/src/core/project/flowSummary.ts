// What the project index keeps of each flow: its resources with their types, the trigger, and the
// actions it calls, the names references start with — read from the flow's parse. The index does not parse
// flows itself: the flow side (core/flow/summary.ts) hands it a summarizer, so the editor, validation and the
// index share one parse per version, and the project layer never depends on the flow pipeline.
import { childrenNamed, childText, child, type XmlElement } from '../parse/xml';
import { flowNameOf } from './fileKinds';
import { ownString } from '../parse/ownString';

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
  /** Action calls and subflows its start paths reach (flow/reachSteps.ts); read by flow/reach.ts for subflows. */
  reach?: ReachStep[];
}

/** An action call or subflow a flow reaches from any of its start paths, where it sits in the file. */
export interface ReachStep {
  element: string;
  kind: 'action' | 'subflow';
  actionType?: string;
  actionName?: string;
  flowName?: string;
  /** 0-based position and length of the element's `<name>` text. */
  line: number;
  character: number;
  length: number;
}


/** A flow file's text → its summary (the index calls it for every flow it reads). */
export type FlowSummarizer = (file: string, text: string) => FlowSummary;

export function summarizeFlowRoot(file: string, root: XmlElement | undefined, names: string[] = []): FlowSummary {
  const start = child(root, 'start');
  // Kept by the project index for as long as the flow is in it: strings of their own, not slices of the text.
  const text = (el: XmlElement | undefined, name: string) => ownString(childText(el, name));
  const resources = new Map<string, FlowResource>();
  const add = (el: XmlElement, kind: FlowResource['kind']) => {
    const name = text(el, 'name');
    if (!name) return;
    resources.set(name, {
      name, kind, dataType: text(el, 'dataType'), isCollection: text(el, 'isCollection') === 'true',
      apexClass: text(el, 'apexClass'), objectType: text(el, 'objectType'),
      isInput: text(el, 'isInput') === 'true', isOutput: text(el, 'isOutput') === 'true',
    });
  };
  for (const v of childrenNamed(root, 'variables')) add(v, 'variable');
  for (const v of childrenNamed(root, 'formulas')) add(v, 'formula');
  for (const v of childrenNamed(root, 'constants')) add(v, 'constant');
  for (const v of childrenNamed(root, 'textTemplates')) add(v, 'textTemplate');
  for (const v of childrenNamed(root, 'choices')) add(v, 'choice');
  return {
    name: flowNameOf(file), file, label: text(root, 'label'), processType: text(root, 'processType'),
    triggerType: text(start, 'triggerType'), recordTriggerType: text(start, 'recordTriggerType'),
    object: text(start, 'object'), resources,
    actionCalls: childrenNamed(root, 'actionCalls').map((a) => ({ name: text(a, 'name') ?? '', actionType: text(a, 'actionType'), actionName: text(a, 'actionName') })),
    names: names.map((n) => ownString(n)),
  };
}
