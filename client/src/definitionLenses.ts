// The CodeLens row above a callout definition, one provider so the order is fixed: Send Test Callout first
// (what a newcomer looks for), then the generators. Short titles, so the row fits a narrow editor; none on a
// file with nothing in it yet. Send asks for the environment exactly as the editor title button does.
import * as vscode from 'vscode';
import { definitionStartRange } from './definitionStart';

export class DefinitionCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (isBlank(document)) return [];
    const range = definitionStartRange(document);
    const args = [document.uri];
    const lenses: vscode.CodeLens[] = [];
    if (vscode.workspace.isTrusted) {
      lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('$(play) Send Test Callout'), command: 'flowCallout.sendTestCallout', arguments: args, tooltip: vscode.l10n.t('Send this callout and show the response as the flow will see it (asks for the environment when there is more than one)') }));
    }
    lenses.push(
      new vscode.CodeLens(range, { title: vscode.l10n.t('Generate External Service'), command: 'flowCallout.generateExternalService', arguments: args, tooltip: vscode.l10n.t('Write the External Service registration Salesforce deploys for this callout') }),
      new vscode.CodeLens(range, { title: vscode.l10n.t('Apex Types'), command: 'flowCallout.previewApexTypes', arguments: args, tooltip: vscode.l10n.t('Show the Flow action and the Apex-defined types Flow will get') }),
      new vscode.CodeLens(range, { title: vscode.l10n.t('Copy as cURL'), command: 'flowCallout.copyAsCurl', arguments: args, tooltip: vscode.l10n.t('Copy this request as a curl command (secrets as $PLACEHOLDERS)') }),
    );
    return lenses;
  }
}

/** Nothing but blank lines and comments (a new file, or one just emptied). */
function isBlank(document: vscode.TextDocument): boolean {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text.trim();
    if (text && !text.startsWith('#') && !text.startsWith('//')) return false;
  }
  return true;
}
