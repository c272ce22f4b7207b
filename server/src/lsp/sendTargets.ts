// flowCallout/listSendTargets: the project's callout definitions and the External Service actions of its flows
// (core/callout/targets.ts, through the language service), for Send Test Callout's pick list.
import type { Connection } from 'vscode-languageserver';
import { ListSendTargets, type SendTarget } from '../protocol';
import type { CustomHandlerDeps } from './customDeps';
import { URI } from './uri';

export function registerSendTargetsHandler(connection: Connection, deps: CustomHandlerDeps): void {
  connection.onRequest(ListSendTargets, (_params, token) =>
    deps.runSafeAsync<SendTarget[]>(deps.log, async () =>
      deps.service.sendTargets().map(({ file, ...target }): SendTarget => ({ ...target, uri: URI.fromFsPath(file) })),
    [], 'Listing the definitions and flow actions failed', token),
  );
}
