// Starts the language server (dist/server.js over IPC) for callout definitions and flow metadata.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'flow-callout-yaml' },
  { scheme: 'file', language: 'flow-callout-json' },
  { scheme: 'file', language: 'flow-metadata-xml' },
  // Flows a user keeps as plain XML (files.associations, or another XML extension): still checked.
  { scheme: 'file', language: 'xml', pattern: '**/*.{flow-meta.xml,flow}' },
  { scheme: 'untitled', language: 'flow-callout-yaml' },
  { scheme: 'untitled', language: 'flow-callout-json' },
];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: 'flowCallout' },
    initializationOptions: {},
  };
  return new LanguageClient('flowCallout', vscode.l10n.t('Flow Callout Studio'), serverOptions, clientOptions);
}
