// runFlowFrom(): what a flow does after one of its callout actions returns. The outcome (which connector,
// which outputs) comes from the one outcome model (model/outcome.ts); the outputs land in the variables the
// flow maps; then the path is walked element by element until the interview finishes, faults, or reaches
// something only the org can do. Pure: no I/O, no clock except RunInputs.now.
import type { FlowConnector, FlowElement, FlowModel } from '../flow/model';
import { outcomeOf, type CalloutEvent } from '../model/outcome';
import { runStep, type StepContext } from './elements';
import { mapOutputs } from './mapped';
import type { FlowRunResult, PathEnd, PathStep } from './result';
import { RunScope, type RunInputs } from './scope';
import { describe, type Value } from './values';

/** The path is cut after this many steps (a cycle through Decisions, or a very long loop body). */
export const STEP_CAP = 500;

export interface CalloutResponse {
  event: CalloutEvent;
  /** The parsed body (JSON value, or text) of the response; ignored without a status. */
  body?: Value;
  /** `$Flow.FaultMessage` as approximated by the send engine, for the fault path. */
  faultMessage?: string;
}

export interface FlowRunRequest {
  model: FlowModel;
  flowName: string;
  /** The action element's name. */
  element: string;
  /** The response keys the operation declares (`2XX`, `404`, `4XX`, `default`). */
  responseKeys: readonly string[];
  response: CalloutResponse;
  inputs?: RunInputs;
}

export function findElement(model: FlowModel, name: string): FlowElement | undefined {
  return model.elements.get(name) ?? [...model.elements.values()].find((e) => e.name.toLowerCase() === name.toLowerCase());
}

/** Elements that can run before `target` (backwards from it, through every connector). */
export function elementsBefore(model: FlowModel, target: string): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const e of model.elements.values()) {
    for (const c of e.connectors) incoming.set(c.target, [...(incoming.get(c.target) ?? []), e.name]);
  }
  const seen = new Set<string>();
  const queue = [...(incoming.get(target) ?? [])];
  while (queue.length) {
    const n = queue.shift()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const p of incoming.get(n) ?? []) if (!seen.has(p)) queue.push(p);
  }
  return seen;
}

export function runFlowFrom(req: FlowRunRequest): FlowRunResult {
  const { model } = req;
  const action = findElement(model, req.element);
  const event = req.response.event;
  const outcome = outcomeOf(event, req.responseKeys);
  const status = event.kind === 'status' ? event.status : undefined;
  const result: FlowRunResult = {
    flow: req.flowName, element: action?.name ?? req.element, actionName: '',
    outcome: { path: outcome.path, status, event: event.kind, output: outcome.output, reason: outcome.reason },
    outputs: [], unused: [], path: [], writes: [], end: { kind: 'broken', message: '' },
  };
  if (!action) {
    result.end = { kind: 'broken', message: `${req.flowName} has no element named ${req.element}.` };
    return result;
  }
  result.actionName = action.el.children.find((c) => c.name === 'actionName')?.text ?? '';
  const scope = new RunScope(model, req.inputs ?? {}, elementsBefore(model, action.name));
  if (outcome.path === 'fault') scope.faultMessage = req.response.faultMessage ?? outcome.reason;
  const mapped = mapOutputs(model, action, outcome, status, event.kind === 'status' ? req.response.body ?? null : null, scope);
  result.outputs = mapped.outputs;
  result.unused = mapped.unused;

  const onCreate = model.start.recordTriggerType === 'Create';
  const ctx: StepContext = { scope, writes: result.writes, loops: new Map(), onCreate, action: action.name };
  const first = outcome.path === 'fault' ? action.connectors.find((c) => c.kind === 'fault') : action.connectors.find((c) => c.kind === 'next');
  result.path.push({ element: action.name, kind: action.kind, label: action.el.children.find((c) => c.name === 'label')?.text, via: 'start', detail: outcome.reason });
  if (!first) {
    result.end = outcome.path === 'fault'
      ? { kind: 'unhandled-fault', element: action.name, message: `${action.name} has no fault connector: the interview fails with this error (and Salesforce emails the flow's error recipients).` }
      : { kind: 'finished', element: action.name, message: `${action.name} has no connector: the interview finishes.` };
    return result;
  }
  result.end = walk(model, first, outcome.path === 'fault' ? 'fault connector' : 'connector', ctx, result.path);
  return result;
}

function walk(model: FlowModel, first: FlowConnector, firstVia: string, ctx: StepContext, path: PathStep[]): PathEnd {
  let next: FlowConnector | undefined = first;
  let via = firstVia;
  while (next) {
    if (path.length >= STEP_CAP) return { kind: 'cap', element: next.target, message: `Stopped after ${STEP_CAP} steps (the step cap); the flow may cycle.` };
    const el = findElement(model, next.target);
    if (!el) return { kind: 'broken', element: next.target, message: `The flow connects to ${next.target}, which it does not have.` };
    const r = runStep(el, via, ctx);
    path.push(r.step);
    if (r.end) return r.end;
    next = r.next;
    via = viaOf(next);
    if (!next) return { kind: 'finished', element: el.name, message: `${el.name} has no connector: the interview finishes.` };
  }
  return { kind: 'finished', message: 'The interview finishes.' };
}

function viaOf(c: FlowConnector | undefined): string {
  if (!c) return '';
  switch (c.kind) {
    case 'outcome':
      return `outcome ${c.via ?? ''}`.trim();
    case 'default':
      return 'default outcome';
    case 'nextValue':
      return 'for each item';
    case 'noMoreValues':
      return 'after last item';
    case 'fault':
      return 'fault connector';
    default:
      return 'connector';
  }
}

/** One line for a value (re-exported for shells that print results). */
export { describe as describeValue };
