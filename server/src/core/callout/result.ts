// What one test callout produced, as plain serializable data: the CLI prints it, the panel renders it, the
// history stores it. Every string in a CalloutResult has been through the secret masker (secrets.ts).

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  code: string;
  /** What happened and what to do. */
  message: string;
}

export interface HeaderPair {
  name: string;
  value: string;
}

export interface InputValue {
  /** `$Record.Email`, `latitude` (query), `id` (path parameter). */
  name: string;
  value: unknown;
  source: 'given' | 'test.inputs' | 'example' | 'missing';
}

/** The request as it went out (secrets masked). */
export interface SentRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  body?: string;
  environment: string;
  baseUrl: string;
  /** Where the base URL came from, in words. */
  baseUrlSource: string;
  /** The authentication applied, in words (never a value). */
  auth: string;
  inputs: InputValue[];
}

export type BodyKind = 'json' | 'text' | 'form' | 'binary' | 'empty';

export interface ResponseBody {
  kind: BodyKind;
  /** The body as text (binary: a hex preview), cut at DISPLAY_LIMIT. */
  text: string;
  truncated: boolean;
  /** The parsed value (JSON, or an object for a form body), when it parsed and is not truncated. */
  value?: unknown;
}

export interface Redirect {
  status: number;
  from: string;
  to: string;
  /** Credential headers not sent on because the redirect leaves the origin. */
  droppedHeaders: string[];
}

export interface ReceivedResponse {
  status: number;
  statusText: string;
  /** The final URL after redirects. */
  url: string;
  headers: HeaderPair[];
  contentType: string;
  /** Decoded body size in bytes. */
  sizeBytes: number;
  timing: { totalMs: number; headersMs: number };
  redirects: Redirect[];
  body: ResponseBody;
}

/** One field of a Flow output, with the type Flow gives it and the value this response puts in it. */
export interface OutputField {
  name: string;
  /** `2XX.current_weather.temperature`. */
  path: string;
  apexName: string;
  /** Flow type in words: `Integer`, `Apex-defined ExternalService__…`, `collection of String`. */
  flowType: string;
  /** The Apex-defined class for object fields. */
  apexClass?: string;
  value: unknown;
  /** The response has this field (null counts as present). */
  present: boolean;
  /** The value fits the Flow type. */
  ok: boolean;
  note?: string;
  children?: OutputField[];
}

export interface FlowOutputs {
  responseCode: number;
  /** The declared response that matched (`2XX`, `404`, `default`), if any. */
  key?: string;
  matchedBy?: 'exact' | 'range' | 'default';
  /** The Apex-defined class of the matched output. */
  apexClass?: string;
  /** Flow type of the matched output as a whole. */
  flowType?: string;
  fields: OutputField[];
}

export interface FlowPathResult {
  /**
   * `not-sent`: the request never left (missing input or secret, bad environment, cancelled). `unknown`: it left,
   * but the test stopped waiting before Salesforce would (a test timeout under 120 s), so no path can be claimed.
   */
  kind: 'success' | 'fault' | 'not-sent' | 'unknown';
  /** What `$Flow.FaultMessage` would hold on the fault path (approximate wording). */
  faultMessage?: string;
  /** Why this path, in words. */
  reason: string;
}

export type VariableStatus = 'ok' | 'mismatch' | 'missing' | 'null' | 'not-set' | 'not-declared';

export interface VariableCheck {
  /** The flow variable (or `Action.2XX.field` reference with automatic output). */
  variable: string;
  /** The output it receives: `responseCode`, `2XX`, `2XX.id`. */
  from: string;
  /** Where the mapping was found. */
  source: 'definition outputs' | 'flow outputParameters' | 'flow reference';
  /** The variable's type in the flow (`Number`, `String`, `Apex ExternalService__…`), or why unknown. */
  declaredType: string;
  /** The Flow type of the output. */
  outputType: string;
  value: unknown;
  status: VariableStatus;
  ok: boolean;
  reason?: string;
}

export interface DriftItem {
  path: string;
  kind: 'added' | 'missing' | 'retyped' | 'null';
  sampleType?: string;
  responseType?: string;
  message: string;
}

export interface ExpectationResult {
  name: string;
  expected: string;
  actual: string;
  pass: boolean;
  message: string;
}

export interface MockInfo {
  /** The response key the mock answered with and the status it used. */
  key: string;
  status: number;
  /** The rule that picked it, in words. */
  reason: string;
  /** What the mock found wrong with the request it received (shape, required query parameters). */
  requestFindings: string[];
}

export interface CalloutError {
  /** timeout (the 120 s Salesforce waits too) | test-timeout (a shorter test timeout: the flow's outcome is not known) | cancelled | connection-refused | dns | tls | too-large | too-many-redirects | proxy | network |
   *  secret-missing | input-missing | no-base-url | no-definition | method | environment | oauth | mock */
  code: string;
  message: string;
  /** secret-missing: the secret references; input-missing: the input names. */
  details?: string[];
}

/** Why a send fails as a test case beyond its expectations (callout/verdict.ts): the flow could not use the response. */
export interface VerdictFailure {
  /** `fault-path`, or the code of the error finding (`not-json`, `invalid-json`). */
  code: string;
  /** What happened and what to do. */
  message: string;
  /** What to do alone, when what happened is already shown (the flow path line of the CLI's text). */
  todo?: string;
}

export interface CalloutResult {
  version: 1;
  id: string;
  startedAt: string;
  definition: { name: string; operation: string; action: string; file: string; flow?: string };
  environment: string;
  request: SentRequest;
  response?: ReceivedResponse;
  error?: CalloutError;
  outputs?: FlowOutputs;
  path: FlowPathResult;
  variables: VariableCheck[];
  drift: DriftItem[];
  expectations: ExpectationResult[];
  findings: Finding[];
  mock?: MockInfo;
  sizeLimit: { bytes: number; reason: string };
  /** Why the case fails although no expectation does (a fault path the definition does not expect, an error
   *  finding about the response); empty when the flow could use the response. Absent in results saved before. */
  failures?: VerdictFailure[];
  /** No error, every expectation passed, and no failure (callout/verdict.ts). */
  passed: boolean;
}

/** Bodies longer than this are shown cut (the engine still reads up to the size cap). */
export const DISPLAY_LIMIT = 1024 * 1024;
