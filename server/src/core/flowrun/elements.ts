// One element of the path: what it does with the values the run knows, and where the flow goes next.
// Decisions, Assignments, Loops and record writes are evaluated; elements that need the org (Get Records,
// other actions, subflows, screens, waits…) end the path with what they would have read.
import { child, childrenNamed, childText, type XmlElement } from '../parse/xml';
import type { FlowConnector, FlowElement } from '../flow/model';
import { applyAssignment } from './assign';
import { combine, compare, triWhy, type Tri } from './conditions';
import type { AssignmentEval, ConditionEval, PathEnd, PathStep, RecordWrite, RuleEval } from './result';
import { literalOf, type RunScope } from './scope';
import { describe, isUnknown, toPlain, unknown, type Value } from './values';

/** Loops iterate at most this many items per visit of the loop (the rest is reported, not guessed). */
export const LOOP_CAP = 100;

export interface StepContext {
  scope: RunScope;
  writes: RecordWrite[];
  loops: Map<string, { items: unknown[]; index: number }>;
  onCreate: boolean;
  /** The callout action the run started from (reaching it again ends the path). */
  action: string;
}

export interface StepResult {
  step: PathStep;
  next?: FlowConnector;
  end?: PathEnd;
}

const NEEDS_ORG: Record<string, string> = {
  recordLookups: 'Get Records reads records from the org',
  actionCalls: 'this action runs in the org',
  apexPluginCalls: 'this Apex plug-in runs in the org',
  subflows: 'the subflow runs in the org',
  screens: 'a screen waits for a person',
  waits: 'a Pause waits for an event or a time',
  orchestratedStages: 'an orchestration stage runs in the org',
  steps: 'a step waits for a person',
  collectionProcessors: 'collection sort and filter are not evaluated here',
  transforms: 'Transform elements are not evaluated here',
};

function connector(el: FlowElement, kind: FlowConnector['kind'], via?: string): FlowConnector | undefined {
  return el.connectors.find((c) => c.kind === kind && (via === undefined || c.via === via));
}

function label(el: FlowElement): string | undefined {
  return childText(el.el, 'label');
}

export function runStep(el: FlowElement, via: string, ctx: StepContext): StepResult {
  const base: PathStep = { element: el.name, kind: el.kind, label: label(el), via, detail: '' };
  if (el.name === ctx.action) {
    return { step: { ...base, detail: 'The callout action again: a second call is not simulated.' }, end: { kind: 'needs-org', element: el.name, message: `${el.name} calls out again; a second response is not simulated.` } };
  }
  switch (el.kind) {
    case 'assignments':
      return assignment(el, base, ctx);
    case 'decisions':
      return decision(el, base, ctx);
    case 'loops':
      return loop(el, base, ctx);
    case 'recordCreates':
    case 'recordUpdates':
    case 'recordDeletes':
      return recordWrite(el, base, ctx);
    case 'recordRollbacks':
      return { step: { ...base, detail: 'Rolls back the records written so far in this transaction.' }, next: connector(el, 'next') };
    case 'customErrors': {
      const messages = childrenNamed(el.el, 'customErrorMessages').map((m) => ctx.scope.render(childText(m, 'errorMessage') ?? ''));
      const text = messages.map((m) => (isUnknown(m) ? describe(m) : String(m))).join(' · ');
      return { step: { ...base, detail: `Shows the error: ${text}` }, end: { kind: 'custom-error', element: el.name, message: `${el.name} stops the interview with the error: ${text}` } };
    }
    default: {
      const why = NEEDS_ORG[el.kind] ?? `${el.kind} elements are not evaluated here`;
      const reads = el.kind === 'recordLookups' ? lookupReads(el.el, ctx) : inputsRead(el.el, ctx);
      return { step: { ...base, detail: `Stops here: needs the org (${why}).` }, end: { kind: 'needs-org', element: el.name, message: `Stops at ${el.name}: needs the org — ${why}.`, reads } };
    }
  }
}

function assignment(el: FlowElement, base: PathStep, ctx: StepContext): StepResult {
  const items: AssignmentEval[] = [];
  for (const item of childrenNamed(el.el, 'assignmentItems')) {
    const target = childText(item, 'assignToReference') ?? '';
    const operator = childText(item, 'operator') ?? 'Assign';
    if (!target) continue;
    const value = literalOf(child(item, 'value'), ctx.scope);
    const before = ctx.scope.read(target);
    const after = applyAssignment(before, operator, value, target, ctx.scope.declaredType(target));
    ctx.scope.write(target, after);
    items.push({ target, operator, value: toPlain(value), before: toPlain(before), after: toPlain(after) });
  }
  const detail = items.map((i) => `${i.target} ${i.operator === 'Assign' ? '=' : i.operator} → ${describe(ctx.scope.read(i.target))}`).join('; ');
  return { step: { ...base, detail: detail || 'Assigns nothing.', assignments: items }, next: connector(el, 'next') };
}

function conditionsOf(parent: XmlElement, ctx: StepContext): { results: Tri[]; evals: ConditionEval[] } {
  const results: Tri[] = [];
  const evals: ConditionEval[] = [];
  for (const c of childrenNamed(parent, 'conditions')) {
    const left = childText(c, 'leftValueReference') ?? '';
    const operator = childText(c, 'operator') ?? '';
    const leftValue = ctx.scope.read(left);
    const rightValue = literalOf(child(c, 'rightValue'), ctx.scope);
    const r = compare(leftValue, operator, rightValue, left, {
      onCreate: ctx.onCreate,
      prior: (ref) => ctx.scope.read(ref.replace(/^\$Record/i, '$Record__Prior')),
    });
    results.push(r);
    evals.push({ left, operator, leftValue: toPlain(leftValue), rightValue: toPlain(rightValue), result: typeof r === 'boolean' ? r : null, why: triWhy(r) });
  }
  return { results, evals };
}

function decision(el: FlowElement, base: PathStep, ctx: StepContext): StepResult {
  const rules: RuleEval[] = [];
  for (const rule of childrenNamed(el.el, 'rules')) {
    const name = childText(rule, 'name') ?? '';
    const logic = childText(rule, 'conditionLogic') ?? 'and';
    const { results, evals } = conditionsOf(rule, ctx);
    const r = combine(logic, results);
    rules.push({ outcome: name, label: childText(rule, 'label'), logic, result: typeof r === 'boolean' ? r : null, why: triWhy(r), conditions: evals });
    if (r === true) {
      const next = connector(el, 'outcome', name);
      return { step: { ...base, detail: `Outcome ${name}.`, decision: { outcome: name, label: childText(rule, 'label'), rules } }, next, end: next ? undefined : { kind: 'finished', element: el.name, message: `Outcome ${name} of ${el.name} has no connector: the interview finishes.` } };
    }
    if (r !== false) {
      return {
        step: { ...base, detail: `Cannot tell whether outcome ${name} applies: ${triWhy(r)}.`, decision: { outcome: null, rules } },
        end: { kind: 'unknown', element: el.name, message: `${el.name}: cannot tell whether outcome ${name} applies (${triWhy(r)}).` },
      };
    }
  }
  const defaultLabel = childText(el.el, 'defaultConnectorLabel') ?? 'Default Outcome';
  const next = connector(el, 'default');
  return {
    step: { ...base, detail: `No outcome applies: ${defaultLabel}.`, decision: { outcome: 'default', label: defaultLabel, rules } },
    next, end: next ? undefined : { kind: 'finished', element: el.name, message: `The default outcome of ${el.name} has no connector: the interview finishes.` },
  };
}

function loop(el: FlowElement, base: PathStep, ctx: StepContext): StepResult {
  let state = ctx.loops.get(el.name);
  if (!state) {
    const ref = childText(el.el, 'collectionReference') ?? '';
    const v = ctx.scope.read(ref);
    if (isUnknown(v)) return { step: { ...base, detail: `Cannot iterate: ${ref} is ${describe(v)}.` }, end: { kind: 'unknown', element: el.name, message: `${el.name}: the collection ${ref} is ${describe(v)}.` } };
    if (v !== null && !Array.isArray(v)) return { step: { ...base, detail: `${ref} is not a collection.` }, end: { kind: 'unknown', element: el.name, message: `${el.name}: ${ref} is ${describe(v)}, not a collection.` } };
    const items = v === null ? [] : childText(el.el, 'iterationOrder') === 'Desc' ? [...v].reverse() : [...v];
    state = { items, index: 0 };
    ctx.loops.set(el.name, state);
  }
  if (state.index >= state.items.length) {
    ctx.loops.delete(el.name);
    return { step: { ...base, via: base.via, detail: `No more items (${state.items.length} iterated).` , iteration: state.index }, next: connector(el, 'noMoreValues'), end: connector(el, 'noMoreValues') ? undefined : { kind: 'finished', element: el.name, message: `${el.name} has no "after last item" connector: the interview finishes.` } };
  }
  if (state.index >= LOOP_CAP) {
    return { step: { ...base, detail: `Stopped after ${LOOP_CAP} of ${state.items.length} items.` }, end: { kind: 'cap', element: el.name, message: `${el.name}: stopped after ${LOOP_CAP} of ${state.items.length} items (the iteration cap).` } };
  }
  const item = state.items[state.index++];
  const target = childText(el.el, 'assignNextValueToReference');
  if (target) ctx.scope.write(target, item);
  else ctx.scope.setElementValue(el.name, item);
  return { step: { ...base, detail: `Item ${state.index} of ${state.items.length}: ${describe(item)}.`, iteration: state.index }, next: connector(el, 'nextValue') };
}

function filtersOf(el: XmlElement, ctx: StepContext): string[] {
  return childrenNamed(el, 'filters').map((f) => `${childText(f, 'field') ?? '?'} ${childText(f, 'operator') ?? ''} ${describe(literalOf(child(f, 'value'), ctx.scope))}`);
}

function recordWrite(el: FlowElement, base: PathStep, ctx: StepContext): StepResult {
  const operation = el.kind === 'recordCreates' ? 'create' : el.kind === 'recordUpdates' ? 'update' : 'delete';
  const object = childText(el.el, 'object');
  const inputRef = childText(el.el, 'inputReference');
  const fields: { field: string; value: unknown }[] = [];
  for (const a of childrenNamed(el.el, 'inputAssignments')) {
    const field = childText(a, 'field');
    if (field) fields.push({ field, value: toPlain(literalOf(child(a, 'value'), ctx.scope)) });
  }
  let target: string;
  if (inputRef) {
    const v = ctx.scope.read(inputRef);
    target = `the record${Array.isArray(v) ? 's' : ''} in ${inputRef}`;
    if (!fields.length && operation !== 'delete') {
      if (isUnknown(v)) fields.push({ field: '(all fields)', value: toPlain(v) });
      else if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) fields.push({ field: k, value: toPlain(x) });
      else fields.push({ field: '(all fields)', value: toPlain(v) });
    }
  } else {
    const filters = filtersOf(el.el, ctx);
    target = operation === 'create' ? `a new ${object ?? 'record'}` : `${object ?? 'records'}${filters.length ? ` where ${filters.join(` ${childText(el.el, 'filterLogic') ?? 'and'} `)}` : ' (no filter)'}`;
  }
  const write: RecordWrite = { element: el.name, label: label(el), operation, object, target, fields };
  ctx.writes.push(write);
  if (operation === 'create') {
    const idRef = childText(el.el, 'assignRecordIdToReference');
    if (idRef) ctx.scope.write(idRef, unknown('the new record Id comes from the org'));
    if (childText(el.el, 'storeOutputAutomatically') === 'true') ctx.scope.setElementValue(el.name, unknown('the new record Id comes from the org'));
  }
  const verb = operation === 'create' ? 'Creates' : operation === 'update' ? 'Updates' : 'Deletes';
  const detail = `${verb} ${target}${fields.length ? `: ${fields.map((f) => `${f.field} = ${describe(fromPlain(f.value))}`).join(', ')}` : ''}. (Not written: the write is assumed to succeed.)`;
  return { step: { ...base, detail, write: ctx.writes.length - 1 }, next: connector(el, 'next') };
}

/** Plain results carry unknowns as `{ unknown: why }`; for words, turn them back. */
function fromPlain(v: unknown): Value {
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { unknown?: unknown }).unknown === 'string') return unknown((v as { unknown: string }).unknown);
  return v;
}

function lookupReads(el: XmlElement, ctx: StepContext): string[] {
  const out = [`object: ${childText(el, 'object') ?? '?'}`];
  const filters = filtersOf(el, ctx);
  if (filters.length) out.push(`where ${filters.join(` ${childText(el, 'filterLogic') ?? 'and'} `)}`);
  const fields = childrenNamed(el, 'queriedFields').map((f) => f.text).filter(Boolean);
  if (fields.length) out.push(`fields: ${fields.join(', ')}`);
  const into = childText(el, 'outputReference');
  if (into) out.push(`into: ${into}`);
  return out;
}

function inputsRead(el: XmlElement, ctx: StepContext): string[] {
  const out: string[] = [];
  const what = childText(el, 'actionName') ?? childText(el, 'flowName');
  if (what) out.push(`${el.name === 'subflows' ? 'flow' : 'action'}: ${what}`);
  for (const p of [...childrenNamed(el, 'inputParameters'), ...childrenNamed(el, 'inputAssignments')]) {
    const name = childText(p, 'name');
    if (name) out.push(`${name} = ${describe(literalOf(child(p, 'value'), ctx.scope))}`);
  }
  return out;
}
