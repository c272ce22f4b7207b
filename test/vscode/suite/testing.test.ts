// The Testing view: the demo definitions with `test.expect` are tests; running them sends to the built-in mock
// and reports pass/fail, a failed expectation as the message.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, withTimeout, workspaceUri } from './helpers';

suite('Testing view', () => {
  teardown(() => closeAllEditors());

  test('the examples with expectations are tests, and all of them pass against the mock', async function () {
    this.timeout(120_000); // three sends to the mock, one after another
    const api = await activeApi();
    await withTimeout(api.tests.discover(), 20_000, 'test discovery');
    const ids: string[] = [];
    api.tests.controller.items.forEach((item) => ids.push(item.label));
    assert.deepStrictEqual(ids.sort(), ['AddressValidation', 'ExternalCrmLeads', 'WeatherForecast']);
    const item = api.tests.controller.items.get(workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml').toString());
    assert.ok(item?.range, 'the test points at its expect: block');
    const outcomes = await withTimeout(api.tests.run(), 60_000, 'running every test');
    assert.deepStrictEqual([...outcomes.values()].map((o) => o.state), ['passed', 'passed', 'passed'], JSON.stringify([...outcomes]));
    // Each test writes one line to the Test Results output: what was sent where, the status, the expectations.
    const crm = outcomes.get(workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml').toString());
    assert.match(crm?.output ?? '', /^✓ ExternalCrmLeads\.createLead → mock: HTTP 201 Created in \d+ ms, normal path; 3 expectation\(s\) pass$/, JSON.stringify(crm));
  });

  test('a failed expectation fails its test with the expectation as the message; the file is left as it was', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const uri = workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const before = doc.getText();
    const edit = new vscode.WorkspaceEdit();
    const at = before.indexOf('responseCode: 201');
    assert.ok(at > 0);
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'responseCode: 201'.length)), 'responseCode: 204');
    await vscode.workspace.applyEdit(edit);
    try {
      await api.tests.discover();
      const item = api.tests.controller.items.get(uri.toString());
      assert.ok(item);
      const outcomes = await withTimeout(api.tests.run([item]), 30_000, 'running one test');
      const outcome = outcomes.get(uri.toString());
      assert.strictEqual(outcome?.state, 'failed', JSON.stringify(outcome));
      assert.match(outcome.messages.join('\n'), /responseCode/);
      assert.match(outcome.output ?? '', /^✗ ExternalCrmLeads\.createLead → mock: HTTP 201 Created in \d+ ms, normal path; responseCode: expected 204, got 201$/, JSON.stringify(outcome));
      assert.strictEqual(outcomes.size, 1, 'only the test asked for ran');
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
