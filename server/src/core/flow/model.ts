// The flow model: a typed view over a parsed `*.flow-meta.xml` — elements by name and kind, their
// connectors, the resources with their types, and the start element. Every piece keeps its XmlElement so
// rules can report exact ranges. Tolerant: a truncated or garbled file gives whatever can still be read.
import { child, childrenNamed, childText, parseXml, type XmlDocument, type XmlElement } from '../parse/xml';
import { SourceText } from './source';

/** Elements that run: the nodes of the flow graph. */
export const NODE_KINDS = [
  'actionCalls', 'apexPluginCalls', 'assignments', 'collectionProcessors', 'customErrors', 'decisions', 'loops',
  'orchestratedStages', 'recordCreates', 'recordDeletes', 'recordLookups', 'recordRollbacks', 'recordUpdates',
  'screens', 'steps', 'subflows', 'transforms', 'waits',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
const NODE_KIND_SET = new Set<string>(NODE_KINDS);

export type ResourceKind = 'variable' | 'formula' | 'constant' | 'textTemplate' | 'choice' | 'dynamicChoiceSet' | 'stage';
const RESOURCE_TAGS = new Map<string, ResourceKind>([
  ['variables', 'variable'], ['formulas', 'formula'], ['constants', 'constant'], ['textTemplates', 'textTemplate'],
  ['choices', 'choice'], ['dynamicChoiceSets', 'dynamicChoiceSet'], ['stages', 'stage'],
]);

export type ConnectorKind = 'next' | 'fault' | 'default' | 'outcome' | 'nextValue' | 'noMoreValues' | 'timeout' | 'waitEvent' | 'scheduledPath' | 'start';

export interface FlowConnector {
  kind: ConnectorKind;
  /** The element it leads to (as written). */
  target: string;
  /** The `<targetReference>` element, for ranges. */
  targetEl: XmlElement;
  /** Outcome, wait event or scheduled path name, when the connector belongs to one. */
  via?: string;
}

export interface FlowElement {
  name: string;
  kind: NodeKind;
  el: XmlElement;
  /** The `<name>` element (its text range is where element-level problems are reported). */
  nameEl: XmlElement;
  connectors: FlowConnector[];
}

export interface FlowResourceDecl {
  name: string;
  kind: ResourceKind;
  el: XmlElement;
  nameEl: XmlElement;
  dataType?: string;
  isCollection: boolean;
  apexClass?: string;
  objectType?: string;
  isInput?: boolean;
  isOutput?: boolean;
}

export type NamedKind = ResourceKind | NodeKind | 'screenField' | 'screenAction' | 'outcome' | 'waitEvent' | 'stageStep';

/** Anything a reference can name: resources, elements, screen fields, decision outcomes, wait events. */
export interface FlowName {
  name: string;
  kind: NamedKind;
  el: XmlElement;
  nameEl: XmlElement;
  /** The element this name lives in (a screen for its fields, a decision for its outcomes). */
  owner?: string;
}

export interface ScheduledPath {
  el: XmlElement;
  name?: string;
  pathType?: string;
  connector?: FlowConnector;
}

export interface FlowStart {
  el?: XmlElement;
  triggerType?: string;
  recordTriggerType?: string;
  object?: string;
  /** The synchronous entry (the start connector, or the legacy `<startElementReference>`). */
  connector?: FlowConnector;
  scheduledPaths: ScheduledPath[];
}

export interface FlowModel {
  text: string;
  /** The same text, readable slice by slice without joining an edited document into one string (source.ts). */
  source: SourceText;
  xml: XmlDocument;
  root?: XmlElement;
  /** False when the root element is not `<Flow>`: nothing flow-specific is checked. */
  isFlow: boolean;
  processType?: string;
  apiVersion?: string;
  start: FlowStart;
  elements: Map<string, FlowElement>;
  resources: Map<string, FlowResourceDecl>;
  /** Every referenceable name, keyed by lower case (Flow API names are unique regardless of case). */
  names: FlowNames;
  /** Set by the flow store when an edit patched this model's tree into a newer model (flow/superseded.ts). */
  superseded?: true;
}

/**
 * A model's referenceable names by lower case, and the declared names as one list (for "did you mean"), made
 * on first use and kept by the map itself: the model owns it, so nothing outside the model caches it.
 */
export class FlowNames extends Map<string, FlowName> {
  private list: string[] | undefined;

  /** Every declared name as written, in declaration order. */
  declared(): string[] {
    return (this.list ??= [...this.values()].map((n) => n.name));
  }

  override set(key: string, value: FlowName): this {
    this.list = undefined;
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.list = undefined;
    return super.delete(key);
  }

  override clear(): void {
    this.list = undefined;
    super.clear();
  }
}

/** Metadata entries under `<Flow>` that have a `<name>` but are not referenceable. */
const NOT_REFERENCEABLE = new Set(['processMetadataValues', 'customProperties', 'capabilityTypes', 'environments']);

export function buildFlowModel(text: string, xml: XmlDocument = parseXml(text), source: SourceText = SourceText.of(text)): FlowModel {
  const root = xml.root;
  const model: FlowModel = {
    text, source, xml, root, isFlow: root?.name === 'Flow', processType: childText(root, 'processType'), apiVersion: childText(root, 'apiVersion'),
    start: { scheduledPaths: [] }, elements: new Map(), resources: new Map(), names: new FlowNames(),
  };
  if (!root || !model.isFlow) return model;
  const addName = (n: FlowName) => {
    const key = n.name.toLowerCase();
    if (!model.names.has(key)) model.names.set(key, n);
  };
  for (const el of root.children) {
    if (el.name === 'start') {
      model.start = readStart(el);
      continue;
    }
    const nameEl = child(el, 'name');
    const name = nameEl?.text;
    if (!nameEl || !name || NOT_REFERENCEABLE.has(el.name)) continue;
    const resourceKind = RESOURCE_TAGS.get(el.name);
    if (resourceKind) {
      const r = readResource(el, nameEl, resourceKind);
      if (!model.resources.has(name)) model.resources.set(name, r);
      addName({ name, kind: resourceKind, el, nameEl });
    } else if (NODE_KIND_SET.has(el.name)) {
      const kind = el.name as NodeKind;
      if (!model.elements.has(name)) model.elements.set(name, { name, kind, el, nameEl, connectors: connectorsOf(el) });
      addName({ name, kind, el, nameEl });
      for (const inner of innerNames(el, kind)) addName(inner);
    }
  }
  if (!model.start.connector) {
    const legacy = child(root, 'startElementReference');
    if (legacy?.text) model.start.connector = { kind: 'start', target: legacy.text, targetEl: legacy };
  }
  return model;
}

function readStart(el: XmlElement): FlowStart {
  const start: FlowStart = {
    el, triggerType: childText(el, 'triggerType'), recordTriggerType: childText(el, 'recordTriggerType'), object: childText(el, 'object'),
    connector: connectorFrom(child(el, 'connector'), 'start'), scheduledPaths: [],
  };
  for (const p of childrenNamed(el, 'scheduledPaths')) {
    const name = childText(p, 'name');
    start.scheduledPaths.push({ el: p, name, pathType: childText(p, 'pathType'), connector: connectorFrom(child(p, 'connector'), 'scheduledPath', name ?? childText(p, 'pathType')) });
  }
  return start;
}

function readResource(el: XmlElement, nameEl: XmlElement, kind: ResourceKind): FlowResourceDecl {
  return {
    name: nameEl.text, kind, el, nameEl, dataType: childText(el, 'dataType') ?? (kind === 'textTemplate' ? 'String' : kind === 'stage' ? 'Stage' : undefined),
    isCollection: childText(el, 'isCollection') === 'true', apexClass: childText(el, 'apexClass'), objectType: childText(el, 'objectType'),
    isInput: childText(el, 'isInput') === 'true', isOutput: childText(el, 'isOutput') === 'true',
  };
}

const CONNECTOR_TAGS = new Map<string, ConnectorKind>([
  ['connector', 'next'], ['connectors', 'next'], ['faultConnector', 'fault'], ['defaultConnector', 'default'],
  ['nextValueConnector', 'nextValue'], ['noMoreValuesConnector', 'noMoreValues'], ['timeoutConnector', 'timeout'],
]);
/** Children that hold their own connector: decision outcomes, wait events. */
const BRANCH_TAGS = new Map<string, ConnectorKind>([['rules', 'outcome'], ['waitEvents', 'waitEvent']]);

function connectorFrom(el: XmlElement | undefined, kind: ConnectorKind, via?: string): FlowConnector | undefined {
  const targetEl = child(el, 'targetReference');
  if (!targetEl || !targetEl.text) return undefined;
  return { kind, target: targetEl.text, targetEl, via };
}

function connectorsOf(el: XmlElement): FlowConnector[] {
  const out: FlowConnector[] = [];
  for (const c of el.children) {
    const kind = CONNECTOR_TAGS.get(c.name);
    if (kind) {
      const conn = connectorFrom(c, kind);
      if (conn) out.push(conn);
      continue;
    }
    const branch = BRANCH_TAGS.get(c.name);
    if (branch) {
      const via = childText(c, 'name');
      for (const cc of c.children) {
        if (cc.name !== 'connector') continue;
        const conn = connectorFrom(cc, branch, via);
        if (conn) out.push(conn);
      }
    }
  }
  return out;
}

/**
 * Names declared inside an element: screen fields (nested in sections/columns), screen actions
 * (`<screens><actions>`: `Name.Results.<output>`, `Name.IsSuccess`…, docs/salesforce-facts.md REF3), outcomes,
 * wait events, steps.
 */
function innerNames(el: XmlElement, kind: NodeKind): FlowName[] {
  const out: FlowName[] = [];
  const owner = childText(el, 'name');
  const add = (e: XmlElement, k: NamedKind) => {
    const nameEl = child(e, 'name');
    if (nameEl?.text) out.push({ name: nameEl.text, kind: k, el: e, nameEl, owner });
  };
  if (kind === 'screens') {
    // Screen fields nest (sections → columns → fields); walk with an explicit stack and a bound.
    const stack = childrenNamed(el, 'fields');
    let budget = 5000;
    while (stack.length && budget-- > 0) {
      const f = stack.pop()!;
      add(f, 'screenField');
      for (const c of f.children) if (c.name === 'fields') stack.push(c);
    }
    for (const a of childrenNamed(el, 'actions')) add(a, 'screenAction');
  } else if (kind === 'decisions') {
    for (const r of childrenNamed(el, 'rules')) add(r, 'outcome');
  } else if (kind === 'waits') {
    for (const w of childrenNamed(el, 'waitEvents')) add(w, 'waitEvent');
  } else if (kind === 'orchestratedStages') {
    for (const s of childrenNamed(el, 'stageSteps')) add(s, 'stageStep');
  }
  return out;
}

/** Finds a name regardless of case. */
export function lookupName(model: FlowModel, name: string): FlowName | undefined {
  return model.names.get(name) ?? model.names.get(name.toLowerCase());
}

export function isRecordTriggered(model: FlowModel): boolean {
  const t = model.start.triggerType;
  return t === 'RecordAfterSave' || t === 'RecordBeforeSave' || t === 'RecordBeforeDelete';
}

/** The text range of an element's `<name>` value (where element-level problems point). */
export function nameRange(e: { nameEl: XmlElement }): { offset: number; length: number } {
  return { offset: e.nameEl.textOffset, length: Math.max(1, e.nameEl.textLength) };
}
