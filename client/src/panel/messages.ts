// Every message between the extension host and the result panel (webview), both directions, typed once.
// The panel script (media/panel/panel.js) speaks exactly these shapes. Each message is also delivered to the
// test API's panel listeners as `{ direction: 'toPanel' | 'fromPanel', ...message }`.
import type { CalloutResult } from '../../../server/src/core/callout/result';
import type { FlowDiagram } from '../../../server/src/core/flowrun/diagram';
import type { FlowSendResult, SimulatedOutcome } from '../../../server/src/core/flowrun/send';

/** A send from a flow action: what the flow does next (the run), shown above the callout it sent. */
export interface FlowRunSection {
  /** This send's id (the callout's when a request went out): the `rendered` message names it. */
  id: string;
  /** The run, without its callout (that is PanelState.result). */
  result: FlowSendResult;
  /** The flow as a picture, with the run's path (server/src/core/flowrun/diagram.ts); absent when the flow cannot be read. */
  diagram?: FlowDiagram;
  /** The element sent, and the mock status asked for: Re-send sends the same. */
  element: string;
  status?: SimulatedOutcome;
}

/** A panel state with a callout in it (every send but a flow send that sent nothing): history, save as sample. */
export type CalloutPanelState = PanelState & { result: CalloutResult };

/** What changed since the send, when the result is stale. */
export type StaleWhat = 'flow' | 'registration' | 'definition';

/** What the panel shows (also its saved state, restored after a reload by the serializer). */
export interface PanelState {
  /** The callout sent; absent only for a flow send that sent nothing (missing inputs, simulated timeout, Apex). */
  result?: CalloutResult;
  /** The definition's URI (a registration's for an operation send, the flow's for a flow send), for re-send and save as sample. */
  uri: string;
  /** The environment the result came from, for re-send. */
  environment: string;
  curl: string;
  /** Whether the response can become the matched response's sample. */
  canSaveSample: boolean;
  /** Set when the send came from an External Service registration's operation (`uri` is the registration). */
  registration?: { operation: string; notes: string[] };
  /** Set when the send came from a flow action (`uri` is the flow). */
  flowRun?: FlowRunSection;
  /** Set once the flow, registration or definition changed after the send (kept in the webview's saved state). */
  stale?: StaleWhat;
}

/** extension → panel */
export type ToPanelMessage =
  | { type: 'sending'; action: string; environment: string }
  | { type: 'result'; state: PanelState }
  | { type: 'stale'; what: StaleWhat }
  | { type: 'notice'; text: string };

/** What the flow-run sections rendered (media/flowrun/flowrun.js), for tests. */
export interface FlowRunRendered {
  status: number | null;
  outputs: string[];
  unused: string[];
  path: string[];
  outcomes: string[];
  writes: string[];
  end: string | null;
  /** What the diagram drew, null without one. */
  diagram: { nodes: number; edges: number; taken: string[]; takenEdges: string[]; faultEdges: number; stop: string | null; omitted: number; width: number; height: number } | null;
}

/** Counts of what the panel rendered, so tests can check the panel through its message channel. */
export interface RenderedSummary {
  status?: number;
  errorState: boolean;
  errorCode?: string;
  path: string;
  outputs: number;
  variables: number;
  variablesFailing: number;
  expectations: number;
  expectationsFailed: number;
  drift: number;
}

/** panel → extension */
export type FromPanelMessage =
  | { type: 'ready' }
  | { type: 'rendered'; resultId: string; summary: RenderedSummary; flowRun?: FlowRunRendered }
  | { type: 'resend' }
  | { type: 'copyCurl' }
  | { type: 'saveSample' }
  | { type: 'openFlow' }
  | { type: 'openDefinition' }
  | { type: 'saveInputs' }
  | { type: 'reveal'; element: string };

export const PANEL_VIEW_TYPE = 'flowCallout.result';

export function isFromPanelMessage(m: unknown): m is FromPanelMessage {
  const t = (m as { type?: unknown } | null)?.type;
  return typeof t === 'string' && ['ready', 'rendered', 'resend', 'copyCurl', 'saveSample', 'openFlow', 'openDefinition', 'saveInputs'].includes(t)
    || (t === 'reveal' && typeof (m as { element?: unknown }).element === 'string');
}
