// What the flow gets after an HTTP callout action, in ONE place: for a status (or a timeout / connection
// error) and the response keys the operation declares, which path the flow takes and which outputs are set.
// The lint rules, the Send Test Callout panel, hover and the Apex-types preview all read it, so they cannot
// disagree.
//
// The fact (docs/salesforce-facts.md "Callout outcome"; shared reference C12 and §1.5):
// - Help "Operation Output Parameters": every operation sets `responseCode`; a response declared under a
//   status code (or a range such as `4XX`, or `default`) becomes an output of that name; error responses
//   surface as `<code>Exc` (real flow SFDC-Assets/SF-ExternalServiceFromFlow Bank_Account_Records reads
//   `409Exc`).
// - Help "HTTP Callout" (§1): "a response status code of 300 or greater is returned as an error. Handle the
//   error … by using a fault path" — which does not say whether it means declared codes too.
// - Salesforce's own BankService sample flows branch on a DECLARED error code with a Decision and no fault
//   connector; an UNDECLARED status, a timeout or a connection error takes the fault path, the body only in
//   the hidden `defaultExc` (salesforcetrainingindia, "access error responses from an HTTP Callout Action").
// If the declared-code behaviour proves otherwise, flip DECLARED_ERROR_PATH: every surface follows.

/** Timeouts (reference C10; Help "Callouts and Callbacks: Limits and Usage"; Apex Developer Guide "Callout
 *  Limits and Limitations"): an External Services callout — what a flow's HTTP callout action is — times out at
 *  120 s; an Apex callout defaults to 10 s (at most 120 s). A test send waits as long as the flow would. */
export const EXTERNAL_SERVICE_TIMEOUT_SECONDS = 120;
export const APEX_DEFAULT_TIMEOUT_SECONDS = 10;

/** Where a status the registration declares as an error response (`404`, `4XX`, `default`) sends the flow. */
export const DECLARED_ERROR_PATH: 'normal' | 'fault' = 'normal';

/** The source line every surface cites for the outcome. */
export const OUTCOME_SOURCE = 'reference C12 and §1.5, docs/salesforce-facts.md "Callout outcome and limits" (declared error codes set responseCode and <code>Exc; undeclared codes, timeouts and connection errors fault)';

/** What happened on the wire. `connection`: DNS, TLS, refused, reset — no HTTP response at all. */
export type CalloutEvent = { kind: 'status'; status: number } | { kind: 'timeout' } | { kind: 'connection' };

export interface ResponseKeyMatch {
  key: string;
  matchedBy: 'exact' | 'range' | 'default';
}

export interface Outcome {
  /** `normal`: the flow goes on along the action's connector; `fault`: along its fault connector. */
  path: 'normal' | 'fault';
  /** The declared response key the status matched. */
  match?: ResponseKeyMatch;
  /** The output the body lands in (`2XX`, `404Exc`), when a declared response matched. */
  output?: string;
  /** Every output the flow can read afterwards (`responseCode`, then `output`). Empty on a fault without a status. */
  outputs: string[];
  /** The status counts as an error (≥ 300). */
  error: boolean;
  /** Why, in words: `HTTP 404 matches the declared 404 response: …`. */
  reason: string;
}

/** A success (2XX) response key: its output carries the key's name; others surface as `<key>Exc`. */
export function isSuccessKey(key: string): boolean {
  return /^2/.test(key);
}

/** The output name the body of a declared response lands in: `2XX`, `201`, `404Exc`, `defaultExc`. */
export function outputNameOf(key: string): string {
  return isSuccessKey(key) ? key : `${key}Exc`;
}

/** Declared response keys that are error responses the flow could read: every non-2XX key except `default`
 *  (which Salesforce also uses for "no codes declared": the body as a String). */
export function declaredErrorKeys(keys: readonly string[]): string[] {
  return keys.filter((k) => !isSuccessKey(k) && k !== 'default');
}

/** The declared response for a status: exact code > range (`4XX`) > `default`. */
export function matchResponseKey(keys: readonly string[], status: number): ResponseKeyMatch | undefined {
  const exact = keys.find((k) => k === String(status));
  if (exact) return { key: exact, matchedBy: 'exact' };
  const rangeKey = `${Math.floor(status / 100)}XX`;
  const range = keys.find((k) => k.toUpperCase() === rangeKey);
  if (range) return { key: range, matchedBy: 'range' };
  const dflt = keys.find((k) => k === 'default');
  return dflt ? { key: dflt, matchedBy: 'default' } : undefined;
}

/** For this status (or timeout / connection error) and these declared response keys, what the flow gets. */
export function outcomeOf(event: CalloutEvent, keys: readonly string[]): Outcome {
  if (event.kind === 'timeout') {
    return { path: 'fault', outputs: [], error: true, reason: 'The call timed out: the action fails and the flow follows its fault connector ($Flow.FaultMessage).' };
  }
  if (event.kind === 'connection') {
    return { path: 'fault', outputs: [], error: true, reason: 'No HTTP response (connection error): the action fails and the flow follows its fault connector ($Flow.FaultMessage).' };
  }
  const { status } = event;
  const error = status >= 300;
  const match = matchResponseKey(keys, status);
  if (!match) {
    if (!error) return { path: 'normal', outputs: ['responseCode'], error, reason: `HTTP ${status}: the flow continues; no declared response matches, so only responseCode is set.` };
    const range = `${Math.floor(status / 100)}XX`;
    return {
      path: 'fault', outputs: [], error,
      reason: `HTTP ${status} is 300 or more and the registration declares no ${status}, ${range} or default response: the action fails and the flow follows its fault connector ($Flow.FaultMessage; the body reaches Flow only as the hidden defaultExc). Add a ${range} response to read it in the flow.`,
    };
  }
  const output = outputNameOf(match.key);
  const outputs = ['responseCode', output];
  const how = match.matchedBy === 'exact' ? '' : ` (${match.matchedBy})`;
  if (!error) return { path: 'normal', match, output, outputs, error, reason: `HTTP ${status} matches the declared ${match.key} response${how}: the flow continues on its normal path with responseCode and ${output} set.` };
  if (DECLARED_ERROR_PATH === 'fault') {
    return { path: 'fault', match, output, outputs, error, reason: `HTTP ${status} matches the declared ${match.key} response${how}: the action faults; responseCode and ${output} are set — read them on the fault path.` };
  }
  return { path: 'normal', match, output, outputs, error, reason: `HTTP ${status} matches the declared ${match.key} response${how}: the flow continues on its normal path with responseCode and ${output} set — branch on responseCode in a Decision.` };
}

/** One sentence for an operation: what each declared response does and what faults. For hover and lint. */
export function describeOutcomes(keys: readonly string[]): string {
  const success = keys.filter(isSuccessKey);
  const errors = keys.filter((k) => !isSuccessKey(k));
  const parts: string[] = [];
  if (success.length) parts.push(`${success.join(', ')} → the flow continues with ${success.map(outputNameOf).join(', ')} set`);
  if (errors.length) {
    parts.push(DECLARED_ERROR_PATH === 'normal'
      ? `${errors.join(', ')} → the flow continues on its normal path with responseCode and ${errors.map(outputNameOf).join(', ')} set (branch on responseCode)`
      : `${errors.join(', ')} → the action faults with responseCode and ${errors.map(outputNameOf).join(', ')} set`);
  }
  parts.push(`${faultingEvents(keys)} → the fault path ($Flow.FaultMessage)`);
  return parts.join('; ') + '.';
}

/**
 * What always faults for these keys, in words: `a response with status ≥ 300, a timeout or a connection failure`.
 * `undefined` keys: the registration is not in the project, so which statuses it declares is unknown.
 */
export function faultingEvents(keys: readonly string[] | undefined): string {
  if (DECLARED_ERROR_PATH === 'fault') return 'a response with status ≥ 300, a timeout or a connection failure';
  if (!keys) return 'a timeout, a connection failure or a status ≥ 300 the registration does not declare';
  const declaredErrors = keys.some((k) => !isSuccessKey(k));
  if (!declaredErrors) return 'a response with status ≥ 300, a timeout or a connection failure';
  if (keys.includes('default')) return 'a timeout or a connection failure';
  return 'a response with a status ≥ 300 it does not declare, a timeout or a connection failure';
}

/** Branching on the declared error outputs handles those statuses without a fault connector. */
export function declaredErrorsContinue(): boolean {
  return DECLARED_ERROR_PATH === 'normal';
}

/** One way the flow gets an output: the statuses that give it (200–599) and what outcomeOf says for the first. */
export interface OutputOutcome {
  statuses: number[];
  outcome: Outcome;
}

/**
 * When an HTTP callout action's output is set, read from outcomeOf itself (never a second copy of the rule): every
 * status 200–599 whose outcome lists the output, grouped by the path the flow takes. Without a declared `default`
 * response, `defaultExc` is the hidden body of the statuses that fault with no declared response.
 * Empty when no status sets the name (not an output of these keys).
 */
export function outcomesSetting(output: string, keys: readonly string[]): OutputOutcome[] {
  const groups = new Map<Outcome['path'], OutputOutcome>();
  for (let status = 200; status <= 599; status++) {
    const outcome = outcomeOf({ kind: 'status', status }, keys);
    const sets = output === 'defaultExc' && !keys.includes('default') ? outcome.path === 'fault' && !outcome.match : outcome.outputs.includes(output);
    if (!sets) continue;
    const group = groups.get(outcome.path);
    if (group) group.statuses.push(status);
    else groups.set(outcome.path, { statuses: [status], outcome });
  }
  return [...groups.values()];
}
