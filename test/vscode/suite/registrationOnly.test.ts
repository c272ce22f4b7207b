// A project with only an External Service registration (runTest.ts gives this suite its own window on such a
// folder: sfdx-project.json and one *.externalServiceRegistration-meta.xml — no callout definition, no flow, no
// editor open): the extension starts on its own (package.json workspaceContains) and the registration's operation
// gets its Send Test Callout lens.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { extension, withTimeout, workspaceUri } from './helpers';

const ESR = ['force-app', 'main', 'default', 'externalServiceRegistrations', 'OrderApi.externalServiceRegistration-meta.xml'];

suite('A registration-only project', () => {
  test('the extension is active before anything is opened', async () => {
    assert.strictEqual(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').length, 0, 'no file was opened');
    // workspaceContains activates at start-up; wait for it without activating it ourselves.
    await withTimeout((async () => {
      while (!extension().isActive) await new Promise((r) => setTimeout(r, 100));
    })(), 20_000, 'the extension to activate on its own');
  });

  test('the registration\'s operation has the Send Test Callout lens', async () => {
    const uri = workspaceUri(...ESR);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses = await withTimeout((async () => {
      for (;;) {
        const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
        const ours = found.filter((l) => l.command?.command === 'flowCallout.sendRegistrationOperation');
        if (ours.length) return ours;
        await new Promise((r) => setTimeout(r, 100));
      }
    })(), 20_000, 'the operation lens');
    assert.deepStrictEqual(lenses.map((l) => l.command!.arguments![1]), ['createOrder']);
    assert.match(lenses[0].command!.title, /Send Test Callout/);
  });
});
