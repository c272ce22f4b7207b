// Handlers of the custom messages declared in ../protocol.ts.
import type { Connection } from 'vscode-languageserver';
import { registerCalloutContextHandler } from './calloutContext';
import type { CustomHandlerDeps } from './customDeps';
import { registerSendTargetsHandler } from './sendTargets';

export type { CustomHandlerDeps } from './customDeps';

export function registerCustomHandlers(_connection: Connection, _deps: CustomHandlerDeps): void {
  // Send Test Callout and generators register their requests here.
  registerCalloutContextHandler(_connection, _deps);
  registerSendTargetsHandler(_connection, _deps);
}
