// CodeLenses above a callout definition: send to the last environment, or pick another.
import * as vscode from 'vscode';
import { definitionStartRange } from '../definitionStart';

export class SendCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly lastEnvironment: () => string) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted) return [];
    const range = definitionStartRange(document);
    const env = this.lastEnvironment();
    return [
      new vscode.CodeLens(range, { title: vscode.l10n.t('$(play) Send Test Callout → {0}', env), command: 'flowCallout.sendTestCallout', arguments: [document.uri, env], tooltip: vscode.l10n.t('Send this callout to {0} and show the response as the flow will see it', env) }),
      new vscode.CodeLens(range, { title: vscode.l10n.t('Environment…'), command: 'flowCallout.sendTestCallout', arguments: [document.uri], tooltip: vscode.l10n.t('Pick the environment, then send') }),
    ];
  }
}
