// Send Test Callout from a flow's action: the request is built from what the action calls (a callout
// definition, or the External Service registration's operation read as one), its inputs from the flow's own
// <inputParameters> (literals, and references resolved from a Flow Test's $Record and the saved test inputs),
// then the given values; sent to the environment or answered by the built-in mock with the status asked for;
// and the flow run (run.ts) says what the flow does next. The CLI and the extension both call this.
import * as path from 'node:path';
import { definitionOf, type CalloutContext } from '../callout/context';
import { requestBodySample } from '../callout/request';
import { runCallout, type RunOptions } from '../callout/run';
import type { CalloutResult } from '../callout/result';
import { buildFlowModel, type FlowModel } from '../flow/model';
import { inputMatches, resolveAction, sameOperation, type OperationInfo, type OperationInput } from '../flow/operations';
import { apexClassNamed, classifyAction } from '../flow/reach';
import { importEsr } from '../generate/importEsr';
import { matchResponseKey, type CalloutEvent } from '../model/outcome';
import { child, childrenNamed, childText, type XmlElement } from '../parse/xml';
import type { ProjectIndex } from '../project/index';
import type { FlowRunResult } from './result';
import { elementsBefore, findElement, runFlowFrom } from './run';
import { literalOf, RunScope } from './scope';
import type { FlowTestInputs } from './testInputs';
import { isUnknown, toPlain, type Value } from './values';

/** What to answer with instead of the environment: a declared status, an undeclared one, a timeout or a connection error. */
export type SimulatedOutcome = number | 'timeout' | 'connection';

export interface FlowSendInput {
  project: ProjectIndex;
  flow: { file: string; text: string };
  element: string;
  readFile: (file: string) => Promise<string>;
  /** Values by parameter name or flow reference, over everything else (CLI --input, the panel's prompt). */
  given?: Record<string, unknown>;
  /** The saved test inputs of this action (testInputs.ts). */
  saved?: Record<string, unknown>;
  /** The Flow Test whose $Record the run starts with. */
  flowTest?: FlowTestInputs;
  /** Values used by the last send of this action (the extension's history), under the saved ones. */
  last?: Record<string, unknown>;
  /** With the mock: answer with this status (a declared one is served from the registration's sample). */
  status?: SimulatedOutcome;
  options: RunOptions;
}

export interface FlowInputValue {
  /** The operation's parameter (`customerId`, `body`). */
  name: string;
  in: string;
  value: unknown;
  /** Where the value came from, in words: `flow literal`, `flow: $Record.Customer_Number__c (Flow Test "…")`. */
  source: string;
}

export interface FlowSendResult {
  flow: string;
  element: string;
  actionName: string;
  operation?: { service: string; operation: string; method: string; path: string; file: string; responses: string[] };
  inputs: FlowInputValue[];
  /** Required inputs nobody gives: nothing was sent. */
  missing: string[];
  /** For a missing body input: the sample request body of the definition (or the registration's operation, as
   *  imported) as text, for a prompt to start from (`{ body: '{"name":"x"}' }`). */
  samples?: Record<string, string>;
  /** The send itself (absent when nothing was sent: missing inputs, a simulated timeout or connection error). */
  callout?: CalloutResult;
  /** Why no request went out, when none did. */
  notSent?: string;
  run?: FlowRunResult;
  /** Setup problems that stopped the send, each saying what to do. */
  error?: string;
  notes: string[];
}

export async function sendFromFlow(input: FlowSendInput): Promise<FlowSendResult> {
  const model = buildFlowModel(input.flow.text);
  const flowName = path.basename(input.flow.file).replace(/\.flow(-meta\.xml)?$/i, '');
  const result: FlowSendResult = { flow: flowName, element: input.element, actionName: '', inputs: [], missing: [], notes: [] };
  const action = findElement(model, input.element);
  if (!action || action.kind !== 'actionCalls') {
    result.error = `${flowName} has no action named ${input.element}. Give the API name of an action element (--element).`;
    return result;
  }
  result.element = action.name;
  const actionType = childText(action.el, 'actionType') ?? '';
  result.actionName = childText(action.el, 'actionName') ?? '';
  if (actionType === 'apex') {
    // Nothing is sent and no path is run: Apex runs in the org (see apexNotSent).
    result.notSent = apexNotSent(input.project, action.name, result.actionName);
    return result;
  }
  if (actionType !== 'externalService') {
    result.error = `${action.name} is a ${actionType} action: its request is built by Salesforce, so it cannot be sent from here. Send External Service actions, or the callout definition.`;
    return result;
  }
  const resolution = resolveAction(input.project, result.actionName);
  if (resolution.status !== 'ok') {
    result.error = `${result.actionName} is not a registration or callout definition of this project (${resolution.status}). Retrieve the External Service registration into the project.`;
    return result;
  }
  const op = resolution.op;
  result.operation = { service: op.service, operation: op.operation, method: op.method, path: op.path, file: op.file, responses: op.responses };
  const definition = await definitionFor(op, input.readFile);
  if ('error' in definition) {
    result.error = definition.error;
    return result;
  }

  const record = { ...(input.flowTest?.record ?? {}), ...recordFields(input.saved), ...recordFields(input.last && !input.saved ? input.last : undefined) };
  const scope = new RunScope(model, { record: Object.keys(record).length ? record : undefined, recordPrior: input.flowTest?.recordPrior, variables: variableInputs(model, input) }, elementsBefore(model, action.name));
  const values = gatherInputs(action.el, op, scope, input, result);
  if (result.missing.length) {
    const bodyInput = op.inputs.find((p) => p.in === 'body' && result.missing.includes(p.name));
    const sample = bodyInput ? sampleBodyOf(definition) : undefined;
    if (bodyInput && sample !== undefined) result.samples = { [bodyInput.name]: sample };
    result.notSent = `Nothing sent: no value for ${result.missing.join(', ')}. Give ${result.missing.length > 1 ? 'them' : 'it'} in the test inputs (${'.flowcallout/tests/'}${flowName}.${action.name}.yaml) or with --input NAME=VALUE.`;
    return result;
  }

  const event = await send(input, op, definition, values, result);
  if (!event) return result;
  const callout = result.callout;
  result.run = runFlowFrom({
    model, flowName, element: action.name, responseKeys: op.responses,
    response: { event, body: callout?.response?.body.value ?? callout?.response?.body.text, faultMessage: callout?.path.faultMessage },
    inputs: { record: Object.keys(record).length ? record : undefined, recordPrior: input.flowTest?.recordPrior, variables: variableInputs(model, input) },
  });
  return result;
}

/** The definition's `request.body` sample (callout/request.ts requestBodySample) as prompt text: JSON on one line,
 *  a text body as it is; undefined when it has none. */
export function sampleBodyOf(def: { text: string; fileName: string }): string | undefined {
  const value = requestBodySample(definitionOf({ definition: def }));
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `$Record.X` keys of a values map, as a record. */
function recordFields(values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values ?? {})) if (/^\$Record\./i.test(k)) out[k.slice('$Record.'.length)] = v;
  return out;
}

/** Given values that name the flow's variables (input variables mostly). */
function variableInputs(model: FlowModel, input: FlowSendInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const src of [input.last, input.saved, input.given]) {
    for (const [k, v] of Object.entries(src ?? {})) if (model.resources.has(k) && model.resources.get(k)!.kind === 'variable') out[k] = v;
  }
  return out;
}

interface GatheredInputs {
  params: Record<string, unknown>;
  headers: { name: string; value: string }[];
  body?: { value: unknown };
}

function gatherInputs(actionEl: XmlElement, op: OperationInfo, scope: RunScope, input: FlowSendInput, result: FlowSendResult): GatheredInputs {
  const params: Record<string, unknown> = {};
  const headers: { name: string; value: string }[] = [];
  const form: Record<string, unknown> = {};
  let body: { value: unknown } | undefined;
  const flowParams = childrenNamed(actionEl, 'inputParameters');
  const pick = (src: Record<string, unknown> | undefined, key: string): { hit: boolean; value?: unknown } => {
    if (!src) return { hit: false };
    const k = Object.keys(src).find((x) => x.toLowerCase() === key.toLowerCase());
    return k === undefined ? { hit: false } : { hit: true, value: src[k] };
  };
  for (const p of op.inputs) {
    const flowParam = flowParams.find((fp) => matches(p, childText(fp, 'name') ?? ''));
    const ref = childText(child(flowParam, 'value'), 'elementReference');
    let value: Value;
    let source = '';
    const given = pick(input.given, p.name).hit ? pick(input.given, p.name) : ref ? pick(input.given, ref) : { hit: false };
    if (given.hit) [value, source] = [p.in === 'body' ? jsonText(given.value) : given.value, 'given'];
    else {
      value = flowParam ? literalOf(child(flowParam, 'value'), scope) : null;
      source = flowParam ? (ref ? `flow: ${ref}` : 'flow literal') : '';
      if (isUnknown(value) || (!flowParam && value === null) || (flowParam && !child(flowParam, 'value'))) {
        const fallbacks: [Record<string, unknown> | undefined, string][] = [[input.saved, 'saved test inputs'], [input.last, 'last values used']];
        let found = false;
        for (const [src, label] of fallbacks) {
          const hit = pick(src, p.name).hit ? pick(src, p.name) : ref ? pick(src, ref) : { hit: false };
          if (hit.hit) {
            [value, source, found] = [hit.value, label, true];
            break;
          }
        }
        if (!found) {
          // A value the flow computes before the action (or takes from the org) must be given.
          if (isUnknown(value)) {
            result.notes.push(`${p.name}: ${value.why}.`);
            result.missing.push(p.name);
          } else if (p.required) result.missing.push(p.name);
          continue;
        }
      }
      if (source.startsWith('flow: ')) source += sourceOf(ref ?? '', input);
    }
    result.inputs.push({ name: p.name, in: p.in, value: toPlain(value), source });
    if (p.in === 'body') body = { value: toPlain(value) };
    else if (p.in === 'header') headers.push({ name: p.name, value: value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(toPlain(value)) : String(value) });
    else if (p.in === 'formData') form[p.name] = toPlain(value);
    else params[p.name] = value;
  }
  if (Object.keys(form).length && !body) body = { value: form };
  const unknownNames = flowParams.map((fp) => childText(fp, 'name') ?? '').filter((n) => n && !op.inputs.some((p) => matches(p, n)));
  if (unknownNames.length) result.notes.push(`Not sent: ${unknownNames.join(', ')} — ${op.service}.${op.operation} declares no input of that name.`);
  return { params, headers, body };
}

/** A flow's input name (possibly Apex-encoded) names this operation input. */
function matches(p: OperationInput, written: string): boolean {
  return inputMatches(p, written) || p.name.toLowerCase() === written.toLowerCase();
}

/** A body given as JSON text on a command line or in a prompt is the value it spells. */
export function jsonText(v: unknown): unknown {
  if (typeof v !== 'string' || !/^\s*[[{]/.test(v)) return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** Where a flow reference's value came from, for the inputs table. */
function sourceOf(ref: string, input: FlowSendInput): string {
  const head = ref.split('.')[0].toLowerCase();
  const has = (src: Record<string, unknown> | undefined) => Object.keys(src ?? {}).some((k) => k.toLowerCase() === head || k.toLowerCase() === ref.toLowerCase());
  if (head === '$record') {
    if (has(input.saved)) return ' (saved test inputs)';
    return input.flowTest?.record ? ` (Flow Test "${input.flowTest.label}")` : '';
  }
  if (has(input.given)) return ' (given)';
  if (has(input.saved)) return ' (saved test inputs)';
  if (has(input.last)) return ' (last values used)';
  return '';
}

type Definition = { text: string; fileName: string; notes: string[] } | { error: string };

/** The callout definition the send runs: the project's file, or the registration's operation imported in memory. */
export async function definitionFor(op: OperationInfo, readFile: (file: string) => Promise<string>): Promise<Definition> {
  let text: string;
  try {
    text = await readFile(op.file);
  } catch (e) {
    return { error: `${op.file} cannot be read (${(e as Error).message.split('\n')[0]}).` };
  }
  if (op.source === 'callout') return { text, fileName: op.file, notes: [] };
  let schemaText: string | undefined;
  if (!/<schema>/.test(text)) {
    const base = op.file.replace(/\.externalServiceRegistration-meta\.xml$/i, '');
    for (const ext of ['.yaml', '.yml', '.json']) {
      try {
        schemaText = await readFile(base + ext);
        break;
      } catch {
        // try the next extension
      }
    }
  }
  const imported = importEsr({ name: op.service, xml: text, schemaText, source: path.basename(op.file) });
  const def = imported.definitions.find((d) => sameOperation(d.operation, op.operation));
  if (!def) return { error: `${op.service}.${op.operation} could not be read from ${path.basename(op.file)}${imported.errors.length ? `: ${imported.errors.join(' ')}` : ''}.` };
  // In memory only: the definition is never written (the registration stays the source).
  return { text: def.text, fileName: path.join(path.dirname(op.file), `${def.name}.callout.yaml`), notes: def.notes };
}

async function send(input: FlowSendInput, op: OperationInfo, def: { text: string; fileName: string }, values: GatheredInputs, result: FlowSendResult): Promise<CalloutEvent | undefined> {
  const environment = input.options.environment ?? 'mock';
  const status = input.status;
  if (status === 'timeout' || status === 'connection') {
    result.notSent = `Simulated ${status === 'timeout' ? 'timeout' : 'connection error'}: no request sent.`;
    return { kind: status };
  }
  let mockResponse: string | undefined;
  if (status !== undefined && environment === 'mock' && !input.options.baseUrl) {
    const match = matchResponseKey(op.responses, status);
    if (!match || match.matchedBy !== 'exact') {
      result.notSent = `Simulated HTTP ${status}: ${op.service}.${op.operation} declares no ${status} response with a sample for the mock to serve, so no request was sent.`;
      return { kind: 'status', status };
    }
    mockResponse = match.key;
  }
  const ctx = contextFor(input.project, op, def);
  ctx.flow = { file: input.flow.file, text: input.flow.text };
  const callout = await runCallout(ctx, { ...input.options, environment, inputs: values.params, headers: values.headers, body: values.body, mockResponse: mockResponse ?? input.options.mockResponse });
  result.callout = callout;
  if (callout.response) return { kind: 'status', status: callout.response.status };
  if (!callout.error) return undefined;
  if (callout.path.kind === 'not-sent' || callout.path.kind === 'unknown') {
    result.notSent = callout.error.message;
    return undefined;
  }
  return callout.error.code === 'timeout' ? { kind: 'timeout' } : { kind: 'connection' };
}

/** The send's context: the definition and the operation's named credential (and its external credential) in the project. */
export function contextFor(project: ProjectIndex, op: OperationInfo, def: { text: string; fileName: string }): CalloutContext {
  const ctx: CalloutContext = { definition: def, projectRoot: project.root, notes: [] };
  const nc = op.namedCredential ? [...project.namedCredentials.entries()].find(([k]) => k.toLowerCase() === op.namedCredential!.toLowerCase())?.[1] : undefined;
  ctx.namedCredential = nc;
  ctx.externalCredential = nc?.externalCredential ? project.externalCredentials.get(nc.externalCredential) : undefined;
  return ctx;
}

/**
 * Why an Apex action is not sent, in words a developer can act on. The Apex class (and the helpers it calls)
 * builds the request at run time in the org: the project has its source, not a way to run it, so neither the
 * request nor what the action returns — and so the path after it — can be known here. What the lint knows
 * (flow/reach.ts classifyAction: the class and the line that calls out) is said; nothing is guessed.
 */
export function apexNotSent(project: ProjectIndex, element: string, actionName: string): string {
  const kind = classifyAction(project, 'apex', actionName);
  const cls = apexClassNamed(project, actionName);
  const what = kind?.apexEvidence
    ? `${element} calls the Apex action ${actionName}, which calls out: ${kind.apexEvidence}.`
    : cls
      ? `${element} calls the Apex action ${actionName} (${path.basename(cls.file)}); no callout was found in it or in the helper classes it calls.`
      : `${element} calls the Apex action ${actionName}, whose class is not in this project (retrieve ${actionName}.cls to see whether it calls out).`;
  return `${what} Apex runs in the org: its request is built by its own code there, so it cannot be sent from here, and what the flow does next depends on what the Apex returns — nothing was sent and no path is shown. To test it: an Apex test class with an HttpCalloutMock (\`flow-callout generate apex-mock\` builds one from a callout definition or a recorded send), or Send Test Callout on the callout definition or registration the Apex calls.`;
}
