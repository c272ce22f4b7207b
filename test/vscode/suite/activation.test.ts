// Runs in an empty workspace (runTest.ts gives this suite its own window): the extension must stay
// inactive until a callout file opens, then activate and get its language client ready. The times are
// written to bench/activation.json for the bench report.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { activeApi, extension, extensionRoot, waitForDiagnostics, workspaceUri, codeOf, openEditor } from './helpers';

const BROKEN_YAML = ['name: Smoke', 'namedCredential: [unclosed', ''].join('\n');

suite('Activation', () => {
  test('activation events stay lazy: only callout and flow files or our commands', () => {
    const events: string[] = extension().packageJSON.activationEvents ?? [];
    const lazy = /^(onLanguage:flow-|workspaceContains:.*\.(callout|flow|externalServiceRegistration-meta\.xml$)|onCommand:flowCallout\.|onWebviewPanel:flowCallout)/;
    const eager = events.filter((e) => !lazy.test(e));
    assert.deepStrictEqual(eager, [], `activation events that start the extension for unrelated work: ${eager.join(', ')}`);
  });

  test('the extension is not active in a workspace without callout files', () => {
    assert.strictEqual(extension().isActive, false);
  });

  test('opening a .callout.yaml activates it, the client gets ready and diagnostics arrive', async () => {
    const uri = workspaceUri('smoke.callout.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(BROKEN_YAML));
    const started = performance.now();
    const editor = await openEditor(uri);
    assert.strictEqual(editor.document.languageId, 'flow-callout-yaml');
    const opened = performance.now();
    const api = await extension().activate();
    const activated = performance.now();
    assert.ok(extension().isActive);
    assert.ok(api && typeof api.onPanelMessage === 'function', 'activate() must return the test API');
    await activeApi();
    const ready = performance.now();
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length > 0, 'the first diagnostics');
    const firstDiagnostics = performance.now();
    assert.ok(diagnostics.some((d) => codeOf(d) === 'yaml-syntax'), 'an unclosed flow sequence is a yaml-syntax error');

    const result = {
      measuredAt: new Date().toISOString(),
      host: `VS Code ${vscode.version} (${vscode.env.uiKind === vscode.UIKind.Web ? 'code-server route, remote extension host' : 'desktop'})`,
      openDocumentMs: round(opened - started),
      activateMs: round(activated - started),
      clientReadyMs: round(ready - started),
      firstDiagnosticsMs: round(firstDiagnostics - started),
      // What activate() itself measured (module loaded → client started), when the API reports it.
      activateFunctionMs: api.activationMs,
      note: 'from workspace.openTextDocument of a .callout.yaml in an empty workspace; activateMs includes loading dist/client.js',
    };
    console.log(`activation: ${JSON.stringify(result)}`);
    const benchDir = path.join(extensionRoot(), 'bench');
    fs.mkdirSync(benchDir, { recursive: true });
    fs.writeFileSync(path.join(benchDir, 'activation.json'), `${JSON.stringify(result, null, 2)}\n`);
  });
});

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
