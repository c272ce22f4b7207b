// Every custom LSP message between the client and the server, declared once with its direction.
// Standard LSP (diagnostics, completion, hover, code actions) needs no entry here.
import { RequestType } from 'vscode-languageserver-protocol';

/** client → server: the client's settings changed or were first read (sent after initialization). */
export const DidChangeSettings = 'flowCallout/didChangeSettings';

/** client → server (request): the parsed definition and its resolved project context, for Send Test Callout. */
export const GetCalloutContext = 'flowCallout/getCalloutContext';
export interface GetCalloutContextParams {
  uri: string;
}

/** server → client (notification): the project index was (re)built; `counts` lets the status bar show it. */
export const ProjectIndexed = 'flowCallout/projectIndexed';
export interface ProjectIndexedParams {
  root?: string;
  counts: { namedCredentials: number; externalCredentials: number; esrs: number; flows: number; callouts: number; objects: number };
  errors: number;
}

export interface ServerSettings {
  validation: { enable: boolean; debounceMs: number };
  rules: Record<string, 'error' | 'warning' | 'info' | 'off'>;
}

export const DEFAULT_SETTINGS: ServerSettings = { validation: { enable: true, debounceMs: 200 }, rules: {} };

/** The diagnostic `source` of everything this server reports. */
export const DIAGNOSTIC_SOURCE = 'flow-callout';

/** Result of GetCalloutContext: the definition (as open in the editor), its named/external credential
 *  metadata and the flow that calls it — plain data the extension host passes to runCallout(). Null when
 *  the URI is not a callout definition the server can read. */
export type GetCalloutContextResult = import('./core/callout/context').CalloutContext | null;

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
