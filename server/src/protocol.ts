// Every custom LSP message between the client and the server, declared once with its direction.
// Standard LSP (diagnostics, completion, hover, code actions) needs no entry here.

/** client → server: the client's settings changed or were first read (sent after initialization). */
export const DidChangeSettings = 'flowCallout/didChangeSettings';

/** client → server (request): the parsed definition and its resolved project context, for Send Test Callout. */
export const GetCalloutContext = 'flowCallout/getCalloutContext';
export interface GetCalloutContextParams {
  uri: string;
}

/**
 * server → client (notification): the project index was (re)built — every flow read (lazy indexing reads them
 * after the open documents' diagnostics); `counts` lets the status bar show it.
 */
export const ProjectIndexed = 'flowCallout/projectIndexed';
export interface ProjectIndexedParams {
  root?: string;
  counts: { namedCredentials: number; externalCredentials: number; esrs: number; flows: number; callouts: number; objects: number };
  errors: number;
}

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

/** Result of GetCalloutContext: the definition (as open in the editor), its named/external credential
 *  metadata and the flow that calls it — plain data the extension host passes to runCallout(). Null when
 *  the URI is not a callout definition the server can read. */
export type GetCalloutContextResult = import('./core/callout/context').CalloutContext | null;
