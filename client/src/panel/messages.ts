// Every message between the extension host and the result panel (webview), both directions, typed once.
// The panel script (media/panel/panel.js) speaks exactly these shapes. Each message is also delivered to the
// test API's panel listeners as `{ direction: 'toPanel' | 'fromPanel', ...message }`.
import type { CalloutResult } from '../../../server/src/core/callout/result';

/** What the panel shows (also its saved state, restored after a reload by the serializer). */
export interface PanelState {
  result: CalloutResult;
  /** The definition's URI, for re-send and save as sample. */
  uri: string;
  /** The environment the result came from, for re-send. */
  environment: string;
  curl: string;
  /** Whether the response can become the matched response's sample. */
  canSaveSample: boolean;
  /** Set when the send came from an External Service registration's operation (`uri` is the registration). */
  registration?: { operation: string; notes: string[] };
}

/** extension → panel */
export type ToPanelMessage =
  | { type: 'sending'; action: string; environment: string }
  | { type: 'result'; state: PanelState }
  | { type: 'notice'; text: string };

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
  | { type: 'rendered'; resultId: string; summary: RenderedSummary }
  | { type: 'resend' }
  | { type: 'copyCurl' }
  | { type: 'saveSample' }
  | { type: 'openFlow' }
  | { type: 'openDefinition' };

export const PANEL_VIEW_TYPE = 'flowCallout.result';

export function isFromPanelMessage(m: unknown): m is FromPanelMessage {
  const t = (m as { type?: unknown } | null)?.type;
  return typeof t === 'string' && ['ready', 'rendered', 'resend', 'copyCurl', 'saveSample', 'openFlow', 'openDefinition'].includes(t);
}
