// What a flow does after its callout returns, as plain serializable data: the CLI prints it (--json), the
// panel renders it, the diagram highlights it. Values are plain JSON; an unknown value is `{ unknown: why }`.

export interface MappedOutput {
  /** The action output: `responseCode`, `2XX`, `404Exc`, or a field read through automatic output `2XX.id`. */
  output: string;
  /** The flow variable it lands in, or the reference the flow reads (`Call.2XX.id`) with automatic output. */
  variable: string;
  /** The variable's Flow type as declared (`Number`, `Apex ExternalService__Crm_Lead`), or the output's type. */
  flowType: string;
  value: unknown;
  /** `not set by this response` and similar. */
  note?: string;
}

export interface UnusedOutput {
  /** `responseCode`, `2XX.score`. */
  output: string;
  value: unknown;
  why: string;
}

export interface ConditionEval {
  left: string;
  operator: string;
  leftValue: unknown;
  rightValue: unknown;
  /** true, false, or null when it cannot be told (see `why`). */
  result: boolean | null;
  why?: string;
}

export interface RuleEval {
  outcome: string;
  label?: string;
  logic: string;
  result: boolean | null;
  why?: string;
  conditions: ConditionEval[];
}

export interface AssignmentEval {
  target: string;
  operator: string;
  value: unknown;
  before: unknown;
  after: unknown;
}

export interface RecordWrite {
  element: string;
  label?: string;
  operation: 'create' | 'update' | 'delete';
  object?: string;
  /** Which records, in words: `the record in $Record`, `Account where Id EqualTo "001…"`. */
  target: string;
  fields: { field: string; value: unknown }[];
}

export interface PathStep {
  element: string;
  /** Flow element kind (`decisions`, `assignments`, `recordUpdates`…); `actionCalls` for the callout itself. */
  kind: string;
  label?: string;
  /** How the run got here: `connector`, `fault connector`, `outcome Success`, `default outcome`, `next item`… */
  via: string;
  /** What happened here, in words. */
  detail: string;
  decision?: { outcome: string | null; label?: string; rules: RuleEval[] };
  assignments?: AssignmentEval[];
  /** Index into FlowRunResult.writes. */
  write?: number;
  /** Loop iteration (1-based) when this step is a loop. */
  iteration?: number;
}

export type PathEndKind =
  /** No connector: the flow interview finishes. */
  | 'finished'
  /** The action faulted and has no fault connector: the interview fails. */
  | 'unhandled-fault'
  /** An element needs the org, a person or another action to go on. */
  | 'needs-org'
  /** A Decision or Loop cannot be decided from what is known. */
  | 'unknown'
  /** A Custom Error element: the interview stops with that message. */
  | 'custom-error'
  /** The iteration or step cap was reached. */
  | 'cap'
  /** The flow points at an element it does not have. */
  | 'broken';

export interface PathEnd {
  kind: PathEndKind;
  element?: string;
  message: string;
  /** For `needs-org`: what the element would have read (object, filters with their values, fields). */
  reads?: string[];
}

export interface FlowRunOutcome {
  /** `normal`: along the action's connector; `fault`: along its fault connector. */
  path: 'normal' | 'fault';
  status?: number;
  event: 'status' | 'timeout' | 'connection';
  /** The output the body landed in (`2XX`, `404Exc`). */
  output?: string;
  reason: string;
}

export interface FlowRunResult {
  flow: string;
  /** The action element. */
  element: string;
  actionName: string;
  outcome: FlowRunOutcome;
  outputs: MappedOutput[];
  unused: UnusedOutput[];
  path: PathStep[];
  writes: RecordWrite[];
  end: PathEnd;
}
