// Diagnostics in the demo workspace (a temp copy of examples/): a broken callout definition shows the
// expected problems with the right message, range, severity and code; fixing the text clears them.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeApi, codeOf, describeDiagnostics, openEditor, setText, waitForDiagnostics, workspaceUri, closeAllEditors } from './helpers';

const BROKEN = `name: BrokenWeather
namedCredential: OpenMeteoo
method: GET
path: /v1/forecast
colour: blue
responses:
  2XX:
    sample:
      tags: [1, "two"]
      temperature: 12.3
`;

const FIXED = `name: BrokenWeather
namedCredential: OpenMeteo
method: GET
path: /v1/forecast
responses:
  2XX:
    sample:
      tags: [one, two]
      temperature: 12.3
  4XX:
    sample: { error: true, reason: Latitude out of range }
types:
  2XX.temperature: Double
`;

/** 0-based range as `line:char-line:char` (1-based in messages is the editor's; here we compare VS Code's). */
function at(d: vscode.Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

function find(list: vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const d = list.find((x) => codeOf(x) === code);
  assert.ok(d, `no [${code}] diagnostic; got:\n${describeDiagnostics(list)}`);
  return d;
}

suite('Callout definition diagnostics', () => {
  suiteSetup(async () => {
    await activeApi();
  });
  teardown(closeAllEditors);

  test('a broken definition shows schema, named credential and mixed-array problems where they are', async () => {
    const uri = workspaceUri('callouts', 'Broken.callout.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(BROKEN));
    await openEditor(uri);
    const codes = ['schema', 'callout-named-credential', 'callout-mixed-array'];
    const list = await waitForDiagnostics(uri, (ds) => codes.every((c) => ds.some((d) => codeOf(d) === c)), `diagnostics ${codes.join(', ')}`);

    const schema = find(list, 'schema');
    assert.strictEqual(schema.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(at(schema), '4:0-4:6', 'the schema error underlines the unknown key "colour"');
    assert.match(schema.message, /"colour" is not allowed/);

    const credential = find(list, 'callout-named-credential');
    assert.strictEqual(credential.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(at(credential), '1:17-1:27', 'the warning underlines the credential name');
    assert.match(credential.message, /Named credential "OpenMeteoo" was not found/);
    assert.match(credential.message, /Did you mean "OpenMeteo"\?/);

    const mixed = find(list, 'callout-mixed-array');
    assert.strictEqual(mixed.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(at(mixed), '8:12-8:22', 'the error underlines the whole sample list');
    assert.match(mixed.message, /mixes number and string values/);

    const decimal = find(list, 'callout-number-type');
    assert.strictEqual(decimal.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(at(decimal), '9:19-9:23');
  });

  test('fixing the text clears the errors and warnings without saving', async () => {
    const uri = workspaceUri('callouts', 'Broken.callout.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(BROKEN));
    const editor = await openEditor(uri);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'callout-mixed-array'), 'the mixed-array error');
    await setText(editor, FIXED);
    const serious = (ds: vscode.Diagnostic[]) => ds.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    const list = await waitForDiagnostics(uri, (ds) => serious(ds).length === 0, 'errors and warnings to clear');
    assert.deepStrictEqual(serious(list), []);
    assert.ok(editor.document.isDirty, 'validation follows the unsaved editor text');
  });

  test('a YAML syntax error is reported with code yaml-syntax', async () => {
    const uri = workspaceUri('callouts', 'Syntax.callout.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('name: Syntax\nnamedCredential: [OpenMeteo\nmethod: GET\n'));
    await openEditor(uri);
    const list = await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'yaml-syntax'), 'a yaml-syntax error');
    const syntax = find(list, 'yaml-syntax');
    assert.strictEqual(syntax.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(syntax.range.start.line >= 1, `the error points into the unclosed list, not the first line (${at(syntax)})`);
  });

  test('the demo definitions have no errors', async () => {
    const files = await vscode.workspace.findFiles('callouts/*.callout.{yaml,yml,json}');
    const demo = files.filter((f) => !/\/(Broken|Syntax)\.callout\.yaml$/.test(f.path));
    assert.ok(demo.length >= 2, `expected the demo definitions in callouts/, found ${demo.length}`);
    for (const uri of demo) {
      const editor = await openEditor(uri);
      const original = editor.document.getText();
      // A clean file may publish no diagnostics at all, so prove the server has answered for this text:
      // break it, see the syntax error, restore it, and read the diagnostics published for the restored text.
      await setText(editor, `${original}\nbroken: [unclosed\n`);
      await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'yaml-syntax'), 'the syntax error');
      await setText(editor, original);
      const list = await waitForDiagnostics(uri, (ds) => !ds.some((d) => codeOf(d) === 'yaml-syntax'), 'the restored text');
      const errors = list.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepStrictEqual(errors.map((d) => `${codeOf(d)} ${d.message}`), [], `${uri.path} should have no errors`);
    }
  });
});
