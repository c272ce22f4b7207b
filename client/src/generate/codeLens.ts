// CodeLenses above a callout definition for the generators (the Send lenses are the Send module's own).
import * as vscode from 'vscode';
import { definitionStartRange } from '../definitionStart';

export class GenerateCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const range = definitionStartRange(document);
    const args = [document.uri];
    return [
      new vscode.CodeLens(range, { title: vscode.l10n.t('Generate External Service'), command: 'flowCallout.generateExternalService', arguments: args, tooltip: vscode.l10n.t('Write the External Service registration Salesforce deploys for this callout') }),
      new vscode.CodeLens(range, { title: vscode.l10n.t('Apex Types'), command: 'flowCallout.previewApexTypes', arguments: args, tooltip: vscode.l10n.t('Show the Flow action and the Apex-defined types Flow will get') }),
      new vscode.CodeLens(range, { title: vscode.l10n.t('Copy as cURL'), command: 'flowCallout.copyAsCurl', arguments: args, tooltip: vscode.l10n.t('Copy this request as a curl command (secrets as $PLACEHOLDERS)') }),
    ];
  }
}
