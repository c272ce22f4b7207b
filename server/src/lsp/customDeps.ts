// What the handlers of the custom messages (custom.ts) are given by the server.
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core/service';
import type { runSafeAsync } from './runner';

export interface CustomHandlerDeps {
  documents: TextDocuments<TextDocument>;
  /** The one door to the core, project included (service.session owns the index). */
  service: LanguageService;
  log: (msg: string) => void;
  runSafeAsync: typeof runSafeAsync;
}
