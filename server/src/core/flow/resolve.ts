// THE reference resolver: whether `{!$X.y}` / `Get_Account.Name` / `My_Callout.2XX.id` resolves, for flow
// lint (flow/analysis.ts) and for callout-definition merge fields (model/references.ts adapts its answers).
// Segment by segment: the head against the flow's names and the globals, then what follows against what is
// known of its type (record fields and relationships, the running user's fields, callout outputs,
// Apex-defined types, screen-action results). Unknown territory is accepted: a reference is reported only
// when it certainly names nothing — what the project has not retrieved is not evidence.
import { FLOW_GLOBALS, findGlobal, type GlobalInfo } from '../model/globals';
import { childText } from '../parse/xml';
import type { ProjectView } from './projectView';
import { lookupName, type FlowModel, type FlowName } from './model';
import { bestMatches, checkObjectField, type FieldCheck, type FieldSource } from './objectFields';
import type { OperationInfo } from './operations';
import { describeShape, type TypeShape } from './shapes';
import type { FlowResource, FlowSummary } from '../project/flowSummary';
import type { ApexTypeIndex } from './typeIndex';
import { findIgnoringCase } from '../project/versionedMap';

export interface ResolveScope {
  /** The flow whose names references start with (flow lint). */
  model?: FlowModel;
  /** A flow known by its summary only (the flow a callout definition is linked to). */
  summary?: FlowSummary;
  project?: ProjectView;
  /** The object of `$Record`; defaults to the model's trigger object. */
  recordObject?: string;
  /** The operation an `externalService` action element calls, when the project knows it. */
  operationOf(elementName: string): OperationInfo | undefined;
  /** The project's generated Apex types (`ExternalService__<Service>_<Type>`), owned by the caller. */
  readonly apexTypes: ApexTypeIndex;
  /** fieldCheck without a memo's answers, remembered (FlowAnalysis.checkField). */
  checkField?(object: string, field: string, strict: boolean, global?: GlobalInfo): FieldCheck;
}

/** A field of `object`: through the scope's memo when it has one (the answer depends on the project alone). */
function fieldCheck(scope: ResolveScope, object: string, field: string, strict: boolean, global?: GlobalInfo): FieldCheck {
  return scope.checkField ? scope.checkField(object, field, strict, global) : checkFieldOf(scope.project, object, field, strict, global);
}

/**
 * checkObjectField against `project`, or, read through the global `global` (`$User.Profile_ID__c`), over the
 * global's known members and the project's fields of the object (strict).
 */
export function checkFieldOf(project: ProjectView | undefined, object: string, field: string, strict: boolean, global?: GlobalInfo): FieldCheck {
  if (!global) return checkObjectField(project, object, field, strict);
  const source: FieldSource = {
    objectFields: project?.objectFields ?? new Map(),
    fieldsOf(o: string) {
      const out = new Map(project?.fieldsOf(o) ?? []);
      for (const [name, type] of Object.entries(global.members ?? {})) if (![...out.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) out.set(name, { name, type, standard: true });
      return out.size ? out : undefined;
    },
  };
  return checkObjectField(source, object, field, true);
}

export type PathResolution =
  | { ok: true; type?: string; decl?: FlowName; detail?: string; shape?: TypeShape }
  | { ok: false; segment: number; message: string; candidates: string[]; record?: boolean; /** Lower than the rule's severity: likely, not certain. */ severity?: 'warning' };

/** Globals a flow may use beyond the shared list (prompt-template flows, orchestrations). */
const FLOW_ONLY_GLOBALS = ['$Output', '$Input', '$Orchestration', '$Approval', '$Resource', '$Component', '$EachItem'];
/** Globals whose member lists are complete (others are open, or built from partial field tables). */
const CLOSED_GLOBALS = new Set(['$flow', '$system', '$globalconstant', '$client']);

/**
 * Everything resolvePath reads from the model, as one string: two models with the same key resolve every
 * path alike (against the same project), so resolutions can be kept across edits (flow/carry.ts). Whatever
 * resolvePath starts reading from the model must be added here.
 */
export function resolutionKey(model: FlowModel): string {
  const parts: string[] = [model.start.object ?? '\u0000'];
  for (const [key, n] of model.names) {
    parts.push(`${key}|${n.name}|${n.kind}`);
    if (n.kind === 'actionCalls') parts.push(`|${childText(n.el, 'storeOutputAutomatically')}`);
    if (n.kind === 'screenAction') parts.push(`|${childText(n.el, 'actionType')}|${childText(n.el, 'actionName')}`);
  }
  parts.push('#');
  for (const [key, e] of model.elements) {
    parts.push(`${key}|${e.kind}`);
    // operationOf: the callout actions (flow/analysis.ts) and what they call.
    if (e.kind === 'actionCalls') parts.push(`|${childText(e.el, 'actionType')}|${childText(e.el, 'actionName')}`);
  }
  parts.push('#');
  for (const [key, r] of model.resources) parts.push(`${key}|${r.kind}|${r.dataType}|${r.objectType}|${r.isCollection}|${r.apexClass}`);
  return parts.join('\n');
}

export function resolvePath(path: string, scope: ResolveScope, kind: 'reference' | 'target' | 'merge' = 'reference'): PathResolution {
  const parts = path.split('.');
  const head = parts[0];
  const { model } = scope;
  if (kind === 'target') return model ? resolveTarget(head, model) : { ok: true };
  if (head.startsWith('$')) return resolveGlobal(parts, scope);
  if (!model) return scope.summary ? resolveInSummary(parts, scope.summary, scope) : { ok: true, detail: 'a flow resource (link `flow:` to check it)' };
  const decl = lookupName(model, head);
  if (!decl) {
    const candidates = bestMatches(head, model.names.declared());
    return { ok: false, segment: 0, candidates, message: `Nothing in this flow is named "${head}"${candidates.length ? `. Did you mean "${candidates[0]}"?` : '.'} Declare a resource or element with this API name, or fix the reference.` };
  }
  if (parts.length === 1) return { ok: true, decl };
  return resolveMembers(decl, parts, scope);
}

/** A reference into a flow known by its summary: the same answers for its resources, anything else it names accepted. */
function resolveInSummary(parts: string[], flow: FlowSummary, scope: ResolveScope): PathResolution {
  const head = parts[0];
  const lower = head.toLowerCase();
  const r = [...flow.resources.values()].find((x) => x.name.toLowerCase() === lower);
  if (r) {
    if (parts.length === 1) return { ok: true, type: r.apexClass ?? r.dataType, detail: `${r.kind} in ${flow.name}` };
    return resourceMembers(r, parts, scope) ?? { ok: true, detail: `${r.kind} in ${flow.name}` };
  }
  if (flow.names.some((n) => n.toLowerCase() === lower) || flow.actionCalls.some((a) => a.name.toLowerCase() === lower)) return { ok: true, detail: `element of ${flow.name}` };
  const candidates = bestMatches(head, flow.names.length ? flow.names : flow.resources.keys());
  return { ok: false, segment: 0, candidates, message: `Nothing in flow ${flow.name} is named "${head}"${candidates.length ? `. Did you mean "${candidates[0]}"?` : '.'} Declare a resource or element with this API name, or fix the reference.` };
}

function resolveTarget(name: string, model: FlowModel): PathResolution {
  const el = model.elements.get(name);
  if (el) return { ok: true, decl: lookupName(model, name), type: el.kind };
  const other = lookupName(model, name);
  if (other && other.kind in KIND_LABELS && model.elements.has(other.name)) return { ok: true, decl: other };
  const candidates = bestMatches(name, model.elements.keys());
  const what = other ? `"${name}" is a ${KIND_LABELS[other.kind] ?? other.kind}, not an element a connector can go to` : `No element is named "${name}"`;
  return { ok: false, segment: 0, candidates, message: `${what}${candidates.length ? `. Did you mean "${candidates[0]}"?` : '.'} Connect to an existing element.` };
}

function resolveGlobal(parts: string[], scope: ResolveScope): PathResolution {
  const head = parts[0];
  const lowerHead = head.toLowerCase();
  if (lowerHead === '$record' || lowerHead === '$record__prior') {
    const object = scope.recordObject ?? scope.model?.start.object;
    if (parts.length < 2 || !object) return { ok: true, type: object ? `SObject ${object}` : 'SObject', detail: 'the record that started the flow' };
    const check = fieldCheck(scope, object, parts[1], true);
    if (check.ok) return { ok: true, type: check.type, detail: check.detail };
    return { ok: false, segment: 1, candidates: check.candidates, message: `${head}: ${check.message}`, record: true, severity: check.severity };
  }
  const g = findGlobal(head);
  if (!g) {
    if (FLOW_ONLY_GLOBALS.some((x) => x.toLowerCase() === lowerHead)) return { ok: true, detail: 'flow global' };
    const candidates = bestMatches(head, [...FLOW_GLOBALS.map((x) => x.name), ...FLOW_ONLY_GLOBALS]);
    return { ok: false, segment: 0, candidates, message: `"${head}" is not a Flow global variable${candidates.length ? `. Did you mean "${candidates[0]}"?` : '.'}` };
  }
  if (g.object && parts.length >= 2) return resolveGlobalField(g, g.object, parts, 1, scope);
  if (g.objectPath) {
    // $Setup.<Setting__c>.<Field__c>, $CustomMetadata.<Type__mdt>.<Record>.<Field__c>: checked only when the
    // project holds the setting's or type's fields (reference C4).
    const object = parts[g.objectPath.object];
    const known = object && scope.project && [...scope.project.objectFields.keys()].some((k) => k.toLowerCase() === object.toLowerCase());
    if (!known || parts.length <= g.objectPath.field) return { ok: true, detail: g.doc };
    return resolveGlobalField(g, object, parts, g.objectPath.field, scope);
  }
  if (parts.length < 2 || g.open || !g.members) return { ok: true, detail: g.doc };
  const member = parts[1];
  const hit = Object.keys(g.members).find((m) => m.toLowerCase() === member.toLowerCase());
  if (hit) return { ok: true, type: g.members[hit], detail: g.doc };
  // Only near misses are reported: even $Flow may gain members before this list does.
  const candidates = bestMatches(member, Object.keys(g.members), 3, CLOSED_GLOBALS.has(lowerHead) ? 0.4 : 0.25);
  if (!candidates.length) return { ok: true, detail: g.doc };
  return { ok: false, segment: 1, candidates, message: `${g.name} has no "${member}". Did you mean "${candidates[0]}"?` };
}

/**
 * A field read through a global (`$User.Profile_ID__c`, `$Setup.Rates__c.Margin__c`): the same record-field
 * check as `$Record`, over the global's known members and the project's fields of the object — an unknown
 * custom field is reported only when the project holds that object's custom fields.
 */
function resolveGlobalField(g: GlobalInfo, object: string, parts: string[], segment: number, scope: ResolveScope): PathResolution {
  const check = fieldCheck(scope, object, parts[segment], true, g);
  if (check.ok) return { ok: true, type: check.type, detail: check.detail ?? g.doc };
  return { ok: false, segment, candidates: check.candidates, message: `${parts.slice(0, segment).join('.')}: ${check.message}`, severity: check.severity };
}

/** What follows a record or Apex-defined variable (`acct.Name`, `body.items`); undefined when nothing is known of it. */
function resourceMembers(r: Pick<FlowResource, 'name' | 'dataType' | 'objectType' | 'apexClass' | 'isCollection'>, parts: string[], scope: ResolveScope, decl?: FlowName, at = 0): PathResolution | undefined {
  if (r.dataType === 'SObject' && r.objectType && !r.isCollection) {
    const check = fieldCheck(scope, r.objectType, parts[at + 1], false);
    if (check.ok) return { ok: true, decl, type: check.type, detail: check.detail };
    return { ok: false, segment: at + 1, candidates: check.candidates, message: `${parts.slice(0, at + 1).join('.')}: ${check.message}`, record: true, severity: check.severity };
  }
  if (r.dataType === 'Apex' && !r.isCollection) {
    const t = scope.apexTypes.find(scope.project, r.apexClass);
    if (t) return walkShape(t.shape, parts, at + 1, decl, t.op);
  }
  return undefined;
}

/** What a screen action offers (reference C3): its called action's results and its state. */
const SCREEN_ACTION_MEMBERS: Record<string, string> = { Results: 'the action\'s outputs', IsSuccess: 'Boolean', InProgress: 'Boolean', ErrorMessage: 'String' };

/** `Action.Results.<output>`, `Action.IsSuccess`…; results of a flow in the project are its output variables. */
function screenActionMembers(decl: FlowName, parts: string[], scope: ResolveScope): PathResolution {
  const member = parts[1];
  const hit = Object.keys(SCREEN_ACTION_MEMBERS).find((m) => m.toLowerCase() === member.toLowerCase());
  if (!hit) {
    // Only near misses: Salesforce may offer more than these four.
    const candidates = bestMatches(member, Object.keys(SCREEN_ACTION_MEMBERS), 3, 0.25);
    if (!candidates.length) return { ok: true, decl };
    return { ok: false, segment: 1, candidates, message: `Screen action ${decl.name} has no "${member}". Did you mean "${candidates[0]}"? (a screen action offers Results, IsSuccess, InProgress and ErrorMessage)` };
  }
  if (hit !== 'Results') return { ok: true, decl, type: SCREEN_ACTION_MEMBERS[hit], detail: `state of the screen action ${decl.name}` };
  if (parts.length === 2) return { ok: true, decl, detail: `outputs of the screen action ${decl.name}` };
  const actionName = childText(decl.el, 'actionName');
  if (childText(decl.el, 'actionType') !== 'flow' || !actionName || !scope.project) return { ok: true, decl };
  const called = findIgnoringCase(scope.project.flows, actionName);
  // A flow the project does not hold may exist in the org: its outputs are unknown, not missing.
  if (!called) return { ok: true, decl, detail: `outputs of flow ${actionName} (not in the project)` };
  const outputs = [...called.resources.values()].filter((r) => r.isOutput);
  const out = outputs.find((r) => r.name.toLowerCase() === parts[2].toLowerCase());
  if (!out) {
    const candidates = bestMatches(parts[2], outputs.map((o) => o.name));
    return {
      ok: false, segment: 2, candidates,
      message: `Flow ${called.name} has no output variable "${parts[2]}"${candidates.length ? `. Did you mean "${candidates[0]}"?` : '.'} Its output variables: ${outputs.map((o) => o.name).join(', ') || 'none'} (Available for output in ${called.file.replace(/^.*[\\/]/, '')}).`,
    };
  }
  if (parts.length === 3) return { ok: true, decl, type: out.apexClass ?? out.objectType ?? out.dataType, detail: `output of flow ${called.name}` };
  return resourceMembers(out, parts, scope, decl, 2) ?? { ok: true, decl };
}

function resolveMembers(decl: FlowName, parts: string[], scope: ResolveScope): PathResolution {
  const { model } = scope;
  if (decl.kind === 'screenAction') return screenActionMembers(decl, parts, scope);
  if (decl.kind === 'variable') {
    const r = model?.resources.get(decl.name);
    return (r && resourceMembers(r, parts, scope, decl)) ?? { ok: true, decl };
  }
  if (decl.kind === 'actionCalls') {
    const op = scope.operationOf(decl.name);
    if (!op || childText(decl.el, 'storeOutputAutomatically') !== 'true') return { ok: true, decl };
    const out = op.outputs.find((o) => o.name.toLowerCase() === parts[1].toLowerCase());
    if (!out) {
      const names = op.outputs.map((o) => o.name);
      const candidates = bestMatches(parts[1], names);
      return {
        ok: false, segment: 1, candidates,
        message: `${op.service}.${op.operation} has no output "${parts[1]}".${candidates.length ? ` Did you mean "${candidates[0]}"?` : ''} Its outputs: ${names.join(', ')}.`,
      };
    }
    if (parts.length === 2) return { ok: true, decl, shape: out.shape, type: describeShape(out.shape, op.apexClass), detail: out.doc };
    return out.shape ? walkShape(out.shape, parts, 2, decl, op) : { ok: true, decl };
  }
  return { ok: true, decl };
}

/** Follows `parts[from…]` through an Apex-defined shape; stops (accepting) where the shape is unknown. */
function walkShape(shape: TypeShape, parts: string[], from: number, decl: FlowName | undefined, op: OperationInfo): PathResolution {
  let cur: TypeShape | undefined = shape;
  for (let i = from; i < parts.length; i++) {
    if (!cur || cur.kind === 'unknown') return { ok: true, decl };
    if (cur.kind === 'list') {
      // Flow reads fields of one record, never of a collection: the items are reached through a Loop.
      const list = parts.slice(0, i).join('.');
      return {
        ok: false, segment: i, candidates: [],
        message: `"${list}" is a collection (${describeShape(cur, op.apexClass)}); a reference cannot read "${parts[i]}" from it. Loop over ${list} and read ${parts[i]} from the loop's current item.`,
      };
    }
    if (cur.kind === 'primitive') {
      return { ok: false, segment: i, candidates: [], message: `"${parts.slice(0, i).join('.')}" is a ${cur.primitive}; it has no field "${parts[i]}".` };
    }
    const fields: Map<string, TypeShape> = cur.fields ?? new Map<string, TypeShape>();
    const key = fields.has(parts[i]) ? parts[i] : [...fields.keys()].find((k) => k.toLowerCase() === parts[i].toLowerCase());
    if (!key) {
      if (cur.exactName === false && !fields.size) return { ok: true, decl };
      const candidates = bestMatches(parts[i], fields.keys());
      const type = cur.typeName ? op.apexClass(cur.typeName) : 'this type';
      return {
        ok: false, segment: i, candidates,
        message: `${type} has no field "${parts[i]}"${candidates.length ? `. Did you mean "${candidates[0]}"?` : ''} (from ${op.service}.${op.operation}; fields: ${[...fields.keys()].slice(0, 12).join(', ')}).`,
      };
    }
    cur = fields.get(key);
  }
  return { ok: true, decl, shape: cur, type: describeShape(cur, op.apexClass) };
}

export const KIND_LABELS: Record<string, string> = {
  variable: 'variable', formula: 'formula', constant: 'constant', textTemplate: 'text template', choice: 'choice',
  dynamicChoiceSet: 'choice set', stage: 'stage', screenField: 'screen component', outcome: 'decision outcome',
  waitEvent: 'pause event', stageStep: 'stage step', screenAction: 'screen action', actionCalls: 'Action', apexPluginCalls: 'Apex plug-in',
  assignments: 'Assignment', collectionProcessors: 'Collection Sort/Filter', customErrors: 'Custom Error',
  decisions: 'Decision', loops: 'Loop', orchestratedStages: 'Stage', recordCreates: 'Create Records',
  recordDeletes: 'Delete Records', recordLookups: 'Get Records', recordRollbacks: 'Roll Back Records',
  recordUpdates: 'Update Records', screens: 'Screen', steps: 'Step', subflows: 'Subflow', transforms: 'Transform', waits: 'Pause',
};

/** A readable type of a declared name: `String`, `Apex ExternalService__X_Y (collection)`, `Get Records`. */
export function typeOfName(decl: FlowName, scope: ResolveScope): string {
  const r = scope.model?.resources.get(decl.name);
  if (r) {
    const base = r.dataType === 'Apex' && r.apexClass ? `Apex ${r.apexClass}` : r.dataType === 'SObject' && r.objectType ? `Record (${r.objectType})` : r.dataType ?? KIND_LABELS[r.kind];
    return `${base}${r.isCollection ? ' collection' : ''}`;
  }
  if (decl.kind === 'actionCalls') {
    const op = scope.operationOf(decl.name);
    if (op) return `Action ${op.service}.${op.operation}`;
  }
  if (decl.kind === 'outcome') return 'Boolean (decision outcome)';
  return KIND_LABELS[decl.kind] ?? decl.kind;
}
