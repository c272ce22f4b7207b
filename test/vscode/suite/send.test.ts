// Send Test Callout in the real extension host (demo workspace): the command sends to the built-in mock,
// the panel renders the Flow outputs and flow variables (checked through its `rendered` message), a failed
// send renders the error state, and the CodeLens offers the command above the definition.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, openEditor, watchPanels, withTimeout, workspaceUri, type FlowCalloutTestApi } from './helpers';

interface Rendered {
  direction: string;
  type: string;
  resultId?: string;
  summary?: { status?: number; errorState: boolean; errorCode?: string; path: string; outputs: number; variables: number; variablesFailing: number; expectations: number; expectationsFailed: number };
}

interface ResultLike {
  id: string;
  error?: { code: string };
  response?: { status: number };
  variables: { variable: string; ok: boolean }[];
}

/** Runs the command and resolves with its result and the panel's `rendered` message for that result. */
async function sendAndWaitForPanel(api: FlowCalloutTestApi, uri: vscode.Uri, environment: string): Promise<{ result: ResultLike; rendered: Rendered; seen: Rendered[] }> {
  const panels = watchPanels(api);
  try {
    const result = (await withTimeout(vscode.commands.executeCommand('flowCallout.sendTestCallout', uri, environment), 20_000, 'the send command')) as ResultLike;
    assert.ok(result, 'the command returned no result');
    const rendered = (await panels.rendered(result.id, 'the panel to render the result')) as Rendered;
    return { result, rendered, seen: panels.seen as Rendered[] };
  } finally {
    panels.dispose();
  }
}

suite('Send Test Callout', function () {
  // Each send waits up to 20 s for the command and 20 s for the panel (above): the test's own bound holds both,
  // so a wait that does not end fails with the message that says which. A bound, not a speed check.
  this.timeout(60_000);
  let api: FlowCalloutTestApi;
  suiteSetup(async () => {
    api = await activeApi();
  });
  suiteTeardown(closeAllEditors);

  test('to the mock: the panel shows the Flow outputs and the mapped flow variables', async () => {
    const uri = workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml');
    await openEditor(uri);
    const { result, rendered, seen } = await sendAndWaitForPanel(api, uri, 'mock');
    assert.strictEqual(result.error, undefined);
    assert.strictEqual(result.response?.status, 201);
    assert.ok(seen.some((m) => m.direction === 'toPanel' && m.type === 'result'), 'the result went to the panel by postMessage');
    assert.deepStrictEqual(rendered.summary, { status: 201, errorState: false, path: 'success', outputs: 5, variables: 5, variablesFailing: 0, expectations: 3, expectationsFailed: 0, drift: 0 });
    assert.strictEqual((api.lastResult as ResultLike).id, result.id);
  });

  test('a definition changed after the send marks the result stale: in an editor, and on disk only', async () => {
    const waitForStale = () => {
      let sub: vscode.Disposable | undefined;
      const stale = new Promise<unknown>((resolve) => {
        sub = api.onPanelMessage((m) => {
          const msg = m as { direction: string; type: string; what?: string };
          if (msg.direction === 'toPanel' && msg.type === 'stale') resolve(msg.what);
        });
      });
      return withTimeout(stale, 15_000, 'the stale mark').finally(() => sub?.dispose());
    };
    // In an editor.
    const edited = workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml');
    const editor = await openEditor(edited);
    await sendAndWaitForPanel(api, edited, 'mock');
    let stale = waitForStale();
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), '# edited after the send\n'));
    try {
      assert.strictEqual(await stale, 'definition');
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    // On disk only: a definition VS Code has never opened, rewritten by another tool.
    const file = workspaceUri('callouts', 'StaleOnDisk.callout.yaml');
    const text = fs.readFileSync(workspaceUri('callouts', 'WeatherForecast.callout.yaml').fsPath, 'utf8').replace('name: WeatherForecast', 'name: StaleOnDisk');
    fs.writeFileSync(file.fsPath, text);
    try {
      await sendAndWaitForPanel(api, file, 'mock');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file.fsPath), 'not open in VS Code: only the disk changes');
      stale = waitForStale();
      fs.writeFileSync(file.fsPath, text.replace('description: Current weather', 'description: The weather now'));
      assert.strictEqual(await stale, 'definition');
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });

  test('a send that cannot go out (no secret for a real environment) renders the error state', async () => {
    const uri = workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml');
    const { result, rendered } = await sendAndWaitForPanel(api, uri, 'metadata');
    assert.strictEqual(result.error?.code, 'secret-missing');
    assert.strictEqual(rendered.summary?.errorState, true);
    assert.strictEqual(rendered.summary?.errorCode, 'secret-missing');
    assert.strictEqual(rendered.summary?.path, 'not-sent');
  });

  test('Send Test Callout is the first CodeLens, asks like the title button does; an empty file has no lenses', async () => {
    const lensesOf = (uri: vscode.Uri, until: (found: vscode.CodeLens[]) => boolean) => withTimeout(
      (async () => {
        for (;;) {
          const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
          if (until(found)) return found;
          await new Promise((r) => setTimeout(r, 100));
        }
      })(),
      10_000,
      'the CodeLenses of ' + uri.path,
    );
    const uri = workspaceUri('callouts', 'WeatherForecast.callout.yaml');
    await openEditor(uri);
    const lenses = await lensesOf(uri, (found) => found.some((l) => l.command?.command === 'flowCallout.sendTestCallout'));
    const sorted = [...lenses].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    assert.deepStrictEqual(lenses.map((l) => l.command?.command), sorted.map((l) => l.command?.command));
    assert.strictEqual(lenses[0].command!.command, 'flowCallout.sendTestCallout');
    assert.match(lenses[0].command!.title, /Send Test Callout/);
    // The same arguments as the editor title button (the document only): the environment is asked for.
    assert.deepStrictEqual(lenses[0].command!.arguments?.map(String), [uri.toString()]);
    assert.strictEqual(lenses.filter((l) => l.command?.command === 'flowCallout.sendTestCallout').length, 1);
    assert.strictEqual(lenses[0].range.start.line, 2, 'above the first line of the definition (after the comments)');

    const empty = await vscode.workspace.openTextDocument({ language: 'flow-callout-yaml', content: '# nothing yet\n\n' });
    await vscode.window.showTextDocument(empty);
    // executeCodeLensProvider returns once every provider has answered for the document.
    assert.deepStrictEqual(await lensesOf(empty.uri, () => true), []);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(empty.uri, new vscode.Position(2, 0), 'name: Started\n');
    await vscode.workspace.applyEdit(edit);
    const started = await lensesOf(empty.uri, (found) => found.length > 0);
    assert.strictEqual(started[0].command?.command, 'flowCallout.sendTestCallout');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a secret set with Set Secret reaches the server but never the result, the panel messages or a workspace file', async () => {
    const SECRET = 'sk-vscode-Q7w8e9r0T';
    const received: string[] = [];
    const echo = createServer((req, res) => {
      received.push(String(req.headers['x-api-key']));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: 'L-7', status: 'created', score: 1, tags: [], headers: req.headers }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const envFile = workspaceUri('flow-callout.environments.json');
    const original = await vscode.workspace.fs.readFile(envFile);
    try {
      const port = (echo.address() as AddressInfo).port;
      await vscode.workspace.fs.writeFile(envFile, Buffer.from(JSON.stringify({ version: 1, environments: { echo: { namedCredentials: { ExternalCRM: { baseUrl: `http://127.0.0.1:${port}`, auth: { kind: 'custom' } } } } } })));
      await vscode.commands.executeCommand('flowCallout.setSecret', 'ExternalCRM.apiKey', SECRET);
      const uri = workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml');
      const { result, seen } = await sendAndWaitForPanel(api, uri, 'echo');
      assert.deepStrictEqual(received, [SECRET], 'the secret was sent in the X-Api-Key header');
      const echoed = (result as unknown as { response: { body: { value: { headers: Record<string, string> } } } }).response.body.value.headers;
      assert.strictEqual(echoed['x-api-key'], '••••', 'the echoed secret is masked in the result');
      assert.ok(!JSON.stringify(result).includes(SECRET), 'not in the result');
      assert.ok(!JSON.stringify(api.lastResult).includes(SECRET), 'not in api.lastResult');
      assert.ok(!JSON.stringify(seen).includes(SECRET), 'not in any panel message');
      const files = await vscode.workspace.findFiles('**/*');
      for (const f of files) {
        const text = Buffer.from(await vscode.workspace.fs.readFile(f)).toString('latin1');
        assert.ok(!text.includes(SECRET), `the secret is in ${vscode.workspace.asRelativePath(f)}`);
      }
    } finally {
      await vscode.commands.executeCommand('flowCallout.clearSecret', 'ExternalCRM.apiKey');
      await vscode.workspace.fs.writeFile(envFile, original);
      echo.closeAllConnections();
      await new Promise<void>((resolve) => echo.close(() => resolve()));
    }
  });
});
