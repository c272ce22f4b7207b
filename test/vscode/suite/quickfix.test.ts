// Quick fixes: the code actions offered for a diagnostic appear in VS Code and applying one fixes the text
// and clears the diagnostic.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, codeOf, openEditor, waitForDiagnostics, workspaceUri } from './helpers';

const TYPO = `name: TypoWeather
namedCredential: OpenMeteoo
method: GET
path: /v1/forecast
responses:
  2XX:
    sample: { latitude: 52, timezone: GMT }
  4XX:
    sample: { error: true }
`;

suite('Quick fixes', () => {
  suiteSetup(async () => {
    await activeApi();
  });
  teardown(closeAllEditors);

  test('a misspelt named credential offers "Change to OpenMeteo", and applying it clears the warning', async () => {
    const uri = workspaceUri('callouts', 'Typo.callout.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(TYPO));
    const editor = await openEditor(uri);
    const isCredential = (d: vscode.Diagnostic) => codeOf(d) === 'callout-named-credential';
    const [diagnostic] = (await waitForDiagnostics(uri, (ds) => ds.some(isCredential), 'the named credential warning')).filter(isCredential);

    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => /OpenMeteo\b/.test(a.title) && /change/i.test(a.title));
    assert.ok(fix, `expected a "Change to OpenMeteo" quick fix; got: ${titles.join(' | ')}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `"${fix.title}" should be a quick fix (kind ${fix.kind?.value})`);
    assert.ok(fix.edit, `"${fix.title}" should carry a workspace edit`);

    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit should apply');
    assert.match(editor.document.lineAt(1).text, /^namedCredential: OpenMeteo$/);
    await waitForDiagnostics(uri, (ds) => !ds.some(isCredential), 'the named credential warning to clear');
  });
});
