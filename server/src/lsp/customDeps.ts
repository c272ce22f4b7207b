// What the handlers of the custom messages (custom.ts) are given by the server.
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core/service';
import type { ProjectIndex } from '../core/project/index';
import type { runSafeAsync } from './runner';

export interface CustomHandlerDeps {
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  project: () => ProjectIndex | undefined;
  log: (msg: string) => void;
  runSafeAsync: typeof runSafeAsync;
}
