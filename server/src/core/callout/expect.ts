// `test.expect`: each item checked against the result — `responseCode`, `path` (success | fault), and flow
// variables or output fields, by a value or by `{ type, notEmpty, equals }`. One ExpectationResult per item.
import type { CalloutDefinition } from '../model/definition';
import { valueFitsType, type FlowPrimitive } from '../model/flowTypes';
import { describeValue } from './outputs';
import type { ExpectationResult, FlowOutputs, FlowPathResult, OutputField, VariableCheck } from './result';

interface Facts {
  outputs?: FlowOutputs;
  path: FlowPathResult;
  variables: VariableCheck[];
}

function findField(fields: OutputField[], path: string): OutputField | undefined {
  for (const f of fields) {
    if (f.path === path) return f;
    const hit = f.children && findField(f.children, path);
    if (hit) return hit;
  }
  return undefined;
}

function show(v: unknown): string {
  if (v === undefined) return '(nothing)';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** The actual value an expectation key names: a mapped variable, else an output field path. */
function actualOf(name: string, facts: Facts): { found: boolean; value: unknown; what: string } {
  const v = facts.variables.find((x) => x.variable === name) ?? facts.variables.find((x) => x.variable.toLowerCase() === name.toLowerCase());
  if (v) return { found: true, value: v.status === 'not-set' ? null : v.value, what: `variable ${v.variable} (from ${v.from}${v.status === 'not-set' ? `, not set: ${v.reason ?? ''}` : ''})` };
  if (/^([1-5]XX|[1-5]\d\d|default)(\.|$)/.test(name)) {
    const key = name.split('.')[0];
    if (facts.outputs?.key !== key) return { found: true, value: null, what: `${name} (not set: the response matched ${facts.outputs?.key ?? 'no declared output'})` };
    const f = findField(facts.outputs.fields, name.replace(/\[\d*\]/g, ''));
    if (f) return { found: true, value: f.value, what: `output ${name}` };
  }
  return { found: false, value: undefined, what: name };
}

function checkOne(name: string, expected: unknown, facts: Facts): ExpectationResult {
  if (name === 'responseCode') {
    const actual = facts.outputs?.responseCode;
    const pass = actual === expected;
    return { name, expected: show(expected), actual: actual === undefined ? '(no response)' : String(actual), pass, message: pass ? `responseCode is ${actual}` : `responseCode: expected ${show(expected)}, got ${actual ?? 'no response'}` };
  }
  if (name === 'path') {
    const actual = facts.path.kind;
    const pass = actual === expected;
    return { name, expected: show(expected), actual, pass, message: pass ? `the flow takes the ${actual} path` : `path: expected ${show(expected)}, ${actual === 'not-sent' ? 'the flow takes no path (the request was not sent)' : actual === 'unknown' ? 'the path is not known (the test stopped waiting before Salesforce would)' : `the flow takes the ${actual} path`}` };
  }
  const a = actualOf(name, facts);
  if (!a.found && facts.outputs === undefined) {
    // No response (not sent, timeout, connection error): nothing was set, so whether the name is mapped is not the
    // news; the reason there is no value is.
    const why = facts.path.kind === 'not-sent' || facts.path.kind === 'unknown' ? facts.path.reason : 'There was no HTTP response, so the flow takes its fault path.';
    return { name, expected: show(expected), actual: '(no response)', pass: false, message: `${name}: not set. ${why}` };
  }
  if (!a.found) {
    const known = facts.variables.map((v) => v.variable);
    return { name, expected: show(expected), actual: '(unknown)', pass: false, message: `test.expect.${name} names no mapped flow variable or output field${known.length ? ` (variables: ${known.join(', ')})` : ''}: add an outputs entry with to: ${name}, or use a path such as 2XX.id.` };
  }
  const failures: string[] = [];
  const spec = expected && typeof expected === 'object' && !Array.isArray(expected) ? (expected as { type?: FlowPrimitive; notEmpty?: boolean; equals?: unknown }) : { equals: expected };
  if (spec.type && !isEmpty(a.value) && !valueFitsType(a.value, spec.type)) failures.push(`is ${describeValue(a.value)}, not a ${spec.type}`);
  if (spec.type && a.value === null && !('notEmpty' in spec)) failures.push(`is null, not a ${spec.type}`);
  if (spec.notEmpty === true && isEmpty(a.value)) failures.push('is empty');
  if (spec.notEmpty === false && !isEmpty(a.value)) failures.push(`is not empty (${show(a.value)})`);
  if ('equals' in spec && JSON.stringify(a.value) !== JSON.stringify(spec.equals)) failures.push(`is ${show(a.value)}, expected ${show(spec.equals)}`);
  const pass = failures.length === 0;
  return { name, expected: show(expected), actual: show(a.value), pass, message: pass ? `${a.what} = ${show(a.value)}` : `${a.what} ${failures.join('; ')}` };
}

export function checkExpectations(def: CalloutDefinition, facts: Facts): ExpectationResult[] {
  return Object.entries(def.testExpect()).map(([name, expected]) => checkOne(name, expected, facts));
}
