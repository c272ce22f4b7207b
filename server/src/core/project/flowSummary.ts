// What the project index keeps of each flow: its resources with their types, the trigger, and the
// actions it calls, the names references start with — read from the flow's parse. The index does not parse
// flows itself: the flow side (core/flow/summary.ts) hands it a summarizer, so the editor, validation and the
// index share one parse per version, and the project layer never depends on the flow pipeline.
import { childText, child, type XmlElement } from '../parse/xml';
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
  /** An action's Transaction Control as written (`<flowTransactionModel>`), read by model/transactionControl.ts. */
  transaction?: string;
  flowName?: string;
  /** 0-based position and length of the element's `<name>` text. */
  line: number;
  character: number;
  length: number;
}


/** A flow file's text → its summary (the index calls it for every flow it reads). */
export type FlowSummarizer = (file: string, text: string) => FlowSummary;

/** The resource elements a summary keeps, in the order their kinds are added (then document order within a kind). */
const RESOURCE_KINDS: readonly (readonly [string, FlowResource['kind']])[] = [
  ['variables', 'variable'], ['formulas', 'formula'], ['constants', 'constant'], ['textTemplates', 'textTemplate'], ['choices', 'choice'],
];
const RESOURCE_INDEX = new Map(RESOURCE_KINDS.map(([tag], i) => [tag, i]));

export function summarizeFlowRoot(file: string, root: XmlElement | undefined, names: string[] = []): FlowSummary {
  const start = child(root, 'start');
  // Kept by the project index for as long as the flow is in it: strings of their own, not slices of the text.
  const text = (el: XmlElement | undefined, name: string) => ownString(childText(el, name));
  const own = (el: XmlElement | undefined) => (el ? ownString(el.text) : undefined);
  // One pass over the root's children: the resources by kind, the action calls in document order.
  const byKind: XmlElement[][] = RESOURCE_KINDS.map(() => []);
  const actionCalls: XmlElement[] = [];
  for (const c of root?.children ?? []) {
    const k = RESOURCE_INDEX.get(c.name);
    if (k !== undefined) byKind[k].push(c);
    else if (c.name === 'actionCalls') actionCalls.push(c);
  }
  const resources = new Map<string, FlowResource>();
  RESOURCE_KINDS.forEach(([, kind], k) => {
    for (const el of byKind[k]) {
      // The first child of each name (childText), in one pass over the resource's children.
      let name: XmlElement | undefined, dataType: XmlElement | undefined, isCollection: XmlElement | undefined, apexClass: XmlElement | undefined;
      let objectType: XmlElement | undefined, isInput: XmlElement | undefined, isOutput: XmlElement | undefined;
      for (const c of el.children) {
        switch (c.name) {
          case 'name': name ??= c; break;
          case 'dataType': dataType ??= c; break;
          case 'isCollection': isCollection ??= c; break;
          case 'apexClass': apexClass ??= c; break;
          case 'objectType': objectType ??= c; break;
          case 'isInput': isInput ??= c; break;
          case 'isOutput': isOutput ??= c; break;
        }
      }
      const resourceName = own(name);
      if (!resourceName) continue;
      resources.set(resourceName, {
        name: resourceName, kind, dataType: own(dataType), isCollection: isCollection?.text === 'true',
        apexClass: own(apexClass), objectType: own(objectType),
        isInput: isInput?.text === 'true', isOutput: isOutput?.text === 'true',
      });
    }
  });
  return {
    name: flowNameOf(file), file, label: text(root, 'label'), processType: text(root, 'processType'),
    triggerType: text(start, 'triggerType'), recordTriggerType: text(start, 'recordTriggerType'),
    object: text(start, 'object'), resources,
    actionCalls: actionCalls.map((a) => ({ name: text(a, 'name') ?? '', actionType: text(a, 'actionType'), actionName: text(a, 'actionName') })),
    names: names.map((n) => ownString(n)),
  };
}
