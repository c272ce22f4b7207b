// Runs in its own window with workspace trust on and the folder not trusted (runTest.ts: run "untrusted").
// Restricted mode must still validate; sending is what it turns off.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeApi, codeOf, openEditor, waitForDiagnostics, workspaceUri } from './helpers';

suite('Untrusted workspace', () => {
  test('the folder is opened in restricted mode', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the untrusted run must open the folder untrusted');
  });

  test('callout definitions are still validated', async () => {
    await activeApi();
    const uri = workspaceUri('callouts', 'Untrusted.callout.yaml');
    await vscode.workspace.fs.writeFile(
      uri,
      Buffer.from('name: Untrusted\nnamedCredential: OpenMeteo\nmethod: GET\npath: /v1/forecast\nresponses:\n  2XX:\n    sample: { tags: [1, "two"] }\n'),
    );
    await openEditor(uri);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'callout-mixed-array'), 'the mixed-array error in restricted mode');
  });
});
