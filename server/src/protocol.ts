// Every custom LSP message between the client and the server, declared once here as a typed message object
// (method, params, result) — the server's handlers, the client and the tests use these objects, never the
// method string (test/unit/protocol.test.ts fails on a bare 'flowCallout/…' string anywhere else).
// Standard LSP (diagnostics, completion, hover, code actions, definition, outline) needs no entry here.
// To add a message: declare it below with its direction, handle it in server/src/lsp/ (custom.ts registers the
// handlers), and send or handle it in client/src/ through the object.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { CalloutContext } from './core/callout/context';

export interface GetCalloutContextParams {
  uri: string;
}

/** Result of GetCalloutContext: the definition (as open in the editor), its named/external credential
 *  metadata and the flow that calls it — plain data the extension host passes to runCallout(). Null when
 *  the URI is not a callout definition the server can read. */
export type GetCalloutContextResult = CalloutContext | null;

/** client → server (request): the parsed definition and its resolved project context, for Send Test Callout. */
export const GetCalloutContext = new RequestType<GetCalloutContextParams, GetCalloutContextResult, void>('flowCallout/getCalloutContext');

export interface ProjectIndexedParams {
  root?: string;
  counts: { namedCredentials: number; externalCredentials: number; esrs: number; flows: number; callouts: number; objects: number };
  errors: number;
}

/**
 * server → client (notification): the project index was (re)built — every flow read (lazy indexing reads them
 * after the open documents' diagnostics); `counts` lets the status bar show it.
 */
export const ProjectIndexed = new NotificationType<ProjectIndexedParams>('flowCallout/projectIndexed');

/**
 * server → client (standard `window/workDoneProgress`, when the client announces `window.workDoneProgress`):
 * the title of the progress shown while the flows not open are read in the background (lsp/server.ts reindex).
 */
export const INDEXING_PROGRESS_TITLE = 'Flow Callout Studio: indexing flows';

export interface ServerSettings {
  validation: { enable: boolean; debounceMs: number };
  rules: Record<string, 'error' | 'warning' | 'info' | 'off'>;
}

export const DEFAULT_SETTINGS: ServerSettings = { validation: { enable: true, debounceMs: 200 }, rules: {} };

/** The diagnostic `source` of everything this server reports. */
export const DIAGNOSTIC_SOURCE = 'flow-callout';

/** One thing Send Test Callout can send: a callout definition, or an External Service action of a flow. */
export interface SendTarget {
  kind: 'definition' | 'flowAction';
  /** The definition or flow file. */
  uri: string;
  /** Workspace-relative path of that file. */
  path: string;
  /** The definition's action (`Service.operation`) or the flow action's element name. */
  name: string;
  /** Definition: method and path; flow action: its actionName and flow. */
  detail: string;
  /** Flow actions only: the element to send (flowCallout.sendFromFlow's argument). */
  element?: string;
}

/** client → server (request): every definition and flow callout action of the project, from the index — what
 *  "Send Test Callout" offers when no definition is open. */
export const ListSendTargets = new RequestType<Record<string, never>, SendTarget[], void>('flowCallout/listSendTargets');
