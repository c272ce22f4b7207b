// The VS Code client: starts the language server and registers commands. Everything Salesforce-specific
// lives in the server's core; this file only wires VS Code to it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { ProjectIndexed } from '../../server/src/protocol';
import { registerSendTestCallout } from './send';
import { registerGenerators } from './generate';
import { DefinitionCodeLensProvider } from './definitionLenses';
import { registerTesting, type CalloutTesting } from './testing';

export interface PanelMessageListener {
  (message: unknown): void;
}

/** What `activate` returns: used by the integration tests and by other extensions. */
export interface FlowCalloutApi {
  client: LanguageClient;
  ready: Promise<void>;
  onPanelMessage(listener: PanelMessageListener): vscode.Disposable;
  /** The Testing view (definitions with `test.expect`). */
  tests: CalloutTesting;
  /** Milliseconds activate() took. */
  activationMs: number;
  /** The last Send Test Callout result (masked), for tests. */
  readonly lastResult?: unknown;
  /** References (`Credential.parameter`) of the secrets in SecretStorage — names only, for tests. */
  secretNames(): string[];
  /** The URL of the built-in mock Send Test Callout uses, while it runs (setting flowCallout.mock.port). */
  mockUrl(): string | undefined;
}

let client: LanguageClient | undefined;
export const panelListeners = new Set<PanelMessageListener>();

export async function activate(context: vscode.ExtensionContext): Promise<FlowCalloutApi> {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Flow Callout Studio', { log: true });
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  const status = vscode.window.createStatusBarItem('flowCallout.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Flow Callout Studio';
  status.text = '$(plug) Flow Callout';
  status.command = 'flowCallout.showOutput';
  context.subscriptions.push(status);

  const ready = client.start().then(
    () => {
      client!.onNotification(ProjectIndexed, (p) => {
        status.text = `$(plug) Flow Callout`;
        status.tooltip = `Project: ${p.counts.namedCredentials} named credentials, ${p.counts.esrs} external services, ${p.counts.flows} flows, ${p.counts.callouts} callout definitions${p.errors ? ` · ${p.errors} files could not be read (see Output)` : ''}`;
        status.show();
      });
    },
    (e: unknown) => {
      const msg = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(vscode.l10n.t('Flow Callout Studio could not start its language server: {0}. Run "Flow Callout: Show Output" for details.', msg));
      throw e;
    },
  );
  context.subscriptions.push({ dispose: () => void client?.stop() });

  context.subscriptions.push(
    vscode.commands.registerCommand('flowCallout.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('flowCallout.showOutput', () => output.show()),
    vscode.commands.registerCommand('flowCallout.explain', (title: string, detail: string) => {
      void vscode.window.showInformationMessage(title, { modal: true, detail });
    }),
  );

  const send = registerSendTestCallout(context, client, output, panelListeners, ready);
  registerGenerators(context);
  const tests = registerTesting(context);
  const lenses = new DefinitionCodeLensProvider();
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(['flow-callout-yaml', 'flow-callout-json'].flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]), lenses),
    vscode.workspace.onDidGrantWorkspaceTrust(() => lenses.refresh()),
  );

  return {
    client,
    ready,
    tests,
    get lastResult() {
      return send.lastResult();
    },
    secretNames: () => send.secretNames(),
    mockUrl: () => send.mockUrl(),
    activationMs: Date.now() - started,
    onPanelMessage(listener) {
      panelListeners.add(listener);
      return new vscode.Disposable(() => panelListeners.delete(listener));
    },
  };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
