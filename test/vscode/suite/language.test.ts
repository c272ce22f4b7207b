// Completion and hover through VS Code's own provider commands, in the demo workspace.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, openEditor, positionAfter, setText, workspaceUri } from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionsAt(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger);
  // Leave out VS Code's word-based suggestions (kind Text): they would list words that are in the file anyway.
  return (list?.items ?? []).filter((item) => item.kind !== vscode.CompletionItemKind.Text);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('Completion and hover', () => {
  suiteSetup(async () => {
    await activeApi();
  });
  teardown(closeAllEditors);

  test('completion at {!$Record. lists the Lead fields of the linked record-triggered flow', async () => {
    const uri = workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml');
    const editor = await openEditor(uri);
    const original = editor.document.getText();
    const anchor = '    leadSource: "{!$Record.LeadSource}"\n';
    assert.ok(original.includes(anchor), 'the demo request body has a leadSource merge field');
    // What typing `"{!$Record.` leaves with the editor's auto-closing quote: the cursor before the closing `"`.
    await setText(editor, original.replace(anchor, `${anchor}    phone: "{!$Record."\n`));
    const position = positionAfter(editor.document, 'phone: "{!$Record.');
    const items = await completionsAt(uri, position, '.');
    const labels = items.map(labelOf);
    for (const field of ['Email', 'Company', 'LeadSource', 'CRM_Score__c', 'External_Id__c']) {
      assert.ok(labels.includes(field), `completion should offer Lead.${field}; got ${labels.slice(0, 40).join(', ')}`);
    }
    assert.ok(!labels.includes('AccountNumber'), 'fields of another object must not be offered');
    const custom = items.find((i) => labelOf(i) === 'CRM_Score__c');
    assert.strictEqual(custom?.kind, vscode.CompletionItemKind.Field);
    assert.match(String(custom?.detail), /Lead\.CRM_Score__c/);
  });

  test('completion at namedCredential: lists the project named credentials', async () => {
    const uri = workspaceUri('callouts', 'WeatherForecast.callout.yaml');
    const editor = await openEditor(uri);
    const text = editor.document.getText();
    await setText(editor, text.replace('namedCredential: OpenMeteo', 'namedCredential: '));
    const position = positionAfter(editor.document, 'namedCredential: ');
    const labels = (await completionsAt(uri, position)).map(labelOf);
    for (const name of ['OpenMeteo', 'ExternalCRM', 'AddressCheck']) {
      assert.ok(labels.includes(name), `completion should offer named credential ${name}; got ${labels.join(', ')}`);
    }
  });

  test('hover on a sample value shows its Flow type', async () => {
    const uri = workspaceUri('callouts', 'WeatherForecast.callout.yaml');
    const editor = await openEditor(uri);
    const position = positionAfter(editor.document, 'windspeed: 9');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    const text = hoverText(hovers ?? []);
    assert.match(text, /Flow type \*\*Double\*\*/, `hover text was: ${text}`);
    assert.match(text, /windspeed/);
  });

  test('hover on an integer sample shows Integer', async () => {
    const uri = workspaceUri('callouts', 'WeatherForecast.callout.yaml');
    const editor = await openEditor(uri);
    const position = positionAfter(editor.document, 'elevation: 3');
    const text = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? []);
    assert.match(text, /Flow type \*\*Integer\*\*/, `hover text was: ${text}`);
  });
});
