// "Save as sample": replaces the matched response's sample in the definition with the live response, as one
// workspace edit (undo with Ctrl+Z; nothing is saved to disk until the person saves). The result is masked,
// so an API that echoes a secret never writes it into the file.
import * as vscode from 'vscode';
import type { PanelState } from '../panel/messages';
import { loadEngine } from './loadEngine';

/** The value to store as the sample, or why there is none. */
export function sampleValueOf(state: PanelState): { value?: unknown; why?: string } {
  const r = state.result;
  if (!r?.response) return { why: vscode.l10n.t('There is no response to save.') };
  if (!r.outputs?.key) return { why: vscode.l10n.t('No declared response matches HTTP {0}: add a {1} response to the definition first.', r.response.status, `${Math.floor(r.response.status / 100)}XX`) };
  const body = r.response.body;
  if (body.truncated) return { why: vscode.l10n.t('The response is too large to save as a sample.') };
  if (body.kind === 'binary') return { why: vscode.l10n.t('A binary response cannot be a sample.') };
  if (body.kind === 'empty') return { value: {} };
  return { value: body.value !== undefined ? body.value : body.text };
}

export async function saveAsSample(state: PanelState): Promise<void> {
  const { value, why } = sampleValueOf(state);
  if (why) {
    void vscode.window.showWarningMessage(why);
    return;
  }
  const key = state.result!.outputs!.key!;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri));
  const change = loadEngine().sampleEdit(doc.getText(), doc.fileName, key, value);
  if ('error' in change) {
    void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(doc.uri)}: ${change.error}`);
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(change.offset), doc.positionAt(change.offset + change.length)), change.newText);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The sample could not be replaced in {0}.', vscode.workspace.asRelativePath(doc.uri)));
    return;
  }
  await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: true, viewColumn: vscode.ViewColumn.One });
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the response as responses.{0}.sample (Undo with Ctrl+Z; save the file to keep it).', key));
}
