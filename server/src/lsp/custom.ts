// Handlers of the custom messages declared in ../protocol.ts.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core/service';
import type { ProjectIndex } from '../core/project/index';
import type { runSafeAsync } from './runner';
import { registerCalloutContextHandler } from './calloutContext';

export interface CustomHandlerDeps {
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  project: () => ProjectIndex | undefined;
  log: (msg: string) => void;
  runSafeAsync: typeof runSafeAsync;
}

export function registerCustomHandlers(_connection: Connection, _deps: CustomHandlerDeps): void {
  // Send Test Callout and generators register their requests here.
  registerCalloutContextHandler(_connection, _deps);
}
