// GetCalloutContext (protocol.ts): the project context of one callout definition, from the server's index,
// for Send Test Callout in the extension host (which holds the secrets and the proxy settings).
import { promises as fsp } from 'node:fs';
import type { Connection } from 'vscode-languageserver';
import { isCalloutFile } from '../core/project/fileKinds';
import { GetCalloutContext, type GetCalloutContextResult } from '../protocol';
import type { CustomHandlerDeps } from './customDeps';
import { URI } from './uri';

export function registerCalloutContextHandler(connection: Connection, deps: CustomHandlerDeps): void {
  connection.onRequest(GetCalloutContext, (params, token) =>
    deps.runSafeAsync<GetCalloutContextResult>(deps.log, async () => {
      const fileName = URI.toFsPath(params.uri);
      if (!isCalloutFile(fileName)) return null;
      // Open documents win over disk: unsaved edits are what the person sees.
      const readFile = async (file: string) => deps.documents.get(URI.fromFsPath(file))?.getText() ?? fsp.readFile(file, 'utf8');
      const text = deps.documents.get(params.uri)?.getText() ?? (await fsp.readFile(fileName, 'utf8'));
      return deps.service.calloutContext({ text, fileName }, readFile);
    }, null, 'Reading the callout context failed', token),
  );
}
