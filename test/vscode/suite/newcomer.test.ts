// The newcomer's path through Send Test Callout (issue 13 item 6), in the real extension host on the demo
// workspace: Escape at the prompt for a merge field test.inputs lacks cancels the send quietly (nothing sent,
// no result, the panel as it was), an answer is remembered for the session, and with no definition open the
// command offers the project's definitions and flow callout actions instead of vanishing or refusing.
// Prompts are answered through VS Code's own quick-input commands, as a keyboard would.
import * as assert from 'node:assert';
import { createServer } from 'node:net';
import * as vscode from 'vscode';
import { mockUrlFor } from '../../../server/src/core/callout/mock';
import { importCurl } from '../../../server/src/core/generate/importCurl';
import { ListSendTargets, type SendTarget } from '../../../server/src/protocol';
import { activeApi, closeAllEditors, openEditor, watchPanels, withTimeout, workspaceUri, type FlowCalloutTestApi } from './helpers';

interface ResultLike {
  id: string;
  mock?: { key: string };
  environment: string;
  definition: { file: string; action: string };
  error?: { code: string };
  request: { url: string; inputs: { name: string; value: unknown; source: string }[]; body?: string };
}

/** Runs a command while pressing `key` (a quick-input command) until it settles; resolves with its result. */
async function whilePressing<T>(run: Thenable<T>, key: string | undefined, what: string): Promise<T> {
  let done = false;
  const settled = Promise.resolve(run).finally(() => (done = true));
  const presser = (async () => {
    while (key && !done) {
      await new Promise((r) => setTimeout(r, 250));
      if (!done) await vscode.commands.executeCommand(key);
    }
  })();
  const value = await withTimeout(settled, 30_000, what);
  await presser;
  return value;
}

suite('Newcomer: Send Test Callout prompts and pick list', function () {
  // Several sends and prompts per test, the first loading the send engine: more than the default bound on a
  // loaded machine (a bound on waiting, not a speed check).
  this.timeout(60_000);
  let api: FlowCalloutTestApi;
  suiteSetup(async () => {
    api = await activeApi();
  });
  suiteTeardown(closeAllEditors);

  test('Escape at the $Record.Phone prompt cancels quietly; an answer is remembered for the session', async () => {
    const uri = workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml');
    const editor = await openEditor(uri);
    const at = editor.document.getText().indexOf('    leadSource:');
    assert.ok(at > 0);
    await editor.edit((e) => e.insert(editor.document.positionAt(at), '    phone: "{!$Record.Phone}"\n'));
    const panels = watchPanels(api);
    try {
      const before = (api.lastResult as ResultLike | undefined)?.id;
      const cancelled = await whilePressing(vscode.commands.executeCommand('flowCallout.sendTestCallout', uri, 'mock'), 'workbench.action.closeQuickOpen', 'the cancelled send');
      assert.strictEqual(cancelled, undefined, 'no result: the send was cancelled');
      assert.strictEqual((api.lastResult as ResultLike | undefined)?.id, before, 'nothing new reached the result');
      assert.deepStrictEqual(panels.seen, [], 'no panel opened and nothing went to one: nothing was sent');

      // Answered (Enter on the prompt): sent with the answer.
      const answered = (await whilePressing(vscode.commands.executeCommand('flowCallout.sendTestCallout', uri, 'mock'), 'workbench.action.acceptSelectedQuickOpenItem', 'the answered send')) as ResultLike;
      assert.strictEqual(answered?.error, undefined);
      assert.deepStrictEqual(answered.request.inputs.find((i) => i.name === '$Record.Phone'), { name: '$Record.Phone', value: '', source: 'given' });

      // Sent again, nothing pressed: the answer is remembered, no prompt waits.
      const again = (await whilePressing(vscode.commands.executeCommand('flowCallout.sendTestCallout', uri, 'mock'), undefined, 'the send with the remembered answer')) as ResultLike;
      assert.strictEqual(again?.error, undefined);
      assert.strictEqual(again.request.inputs.find((i) => i.name === '$Record.Phone')?.source, 'given');
      await panels.rendered((again as { id: string }).id, 'the panel to render the last send');
    } finally {
      panels.dispose();
      // Revert this document, not whatever is active after the sends (the result panel may have the focus).
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.strictEqual(editor.document.isDirty, false, 'the edited definition was reverted');
    }
  });

  test('send from the demo flow: the body prompt starts from the definition\'s sample request body (Enter sends it)', async () => {
    const uri = workspaceUri('force-app', 'main', 'default', 'flows', 'Lead_To_External_CRM.flow-meta.xml');
    await openEditor(uri);
    const panels = watchPanels(api);
    try {
      // requestBody is built by an Assignment before the action, so the body is asked; Enter keeps what the box holds.
      const sent = (await whilePressing(
        vscode.commands.executeCommand('flowCallout.sendFromFlow', uri, 'Create_CRM_Lead', { environment: 'mock', status: undefined, confirmErrors: true }),
        'workbench.action.acceptSelectedQuickOpenItem', 'the flow send with the body prompt',
      )) as { missing: string[]; inputs: { name: string; value: unknown; source: string }[]; callout?: { request: { body?: string }; response?: { status: number } } } | undefined;
      assert.ok(sent, 'a result: the prompt was answered, not cancelled');
      assert.deepStrictEqual(sent.missing, []);
      // ExternalCrmLeads.callout.yaml's request.body, its merge fields filled from its test.inputs.
      const sample = { name: 'Ada Lovelace', email: 'ada@example.com', company: 'Analytical Engines', leadSource: 'Web' };
      assert.deepStrictEqual(sent.inputs.find((i) => i.name === 'body'), { name: 'body', in: 'body', value: sample, source: 'given' });
      assert.deepStrictEqual(JSON.parse(sent.callout?.request.body ?? 'null'), sample, 'the sample went out as the body');
      assert.strictEqual(sent.callout?.response?.status, 201);
    } finally {
      panels.dispose();
      await closeAllEditors();
    }
  });

  test('the mock URL of the setting (what npm start prints) is the one the send uses, and answers between sends', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const config = vscode.workspace.getConfiguration('flowCallout');
    await config.update('mock.port', port, vscode.ConfigurationTarget.Workspace);
    try {
      const printed = mockUrlFor('127.0.0.1', port);
      const uri = workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml');
      const result = (await withTimeout(vscode.commands.executeCommand('flowCallout.sendTestCallout', uri, 'mock'), 20_000, 'the send')) as ResultLike;
      assert.strictEqual(result.error, undefined);
      assert.ok(result.request.url.startsWith(`${printed}/`), `${result.request.url} is not on ${printed}`);
      assert.strictEqual(result.mock?.key, '2XX');
      assert.strictEqual(api.mockUrl?.(), printed);
      // Between sends the same URL serves the workspace's definitions (what curl from a terminal reaches).
      const verify = await fetch(`${printed}/v2/verify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      // AddressValidation's test.response is 4XX: the mock answers it, as the panel's send would.
      assert.strictEqual(verify.status, 400);
      assert.strictEqual(verify.headers.get('x-flow-callout-mock'), 'AddressValidation 4XX');
    } finally {
      await config.update('mock.port', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('with no definition open, Send Test Callout offers the definitions and the flow callout actions', async () => {
    await closeAllEditors();
    // By method name: this bundle's copy of the message type is not the client's object.
    const targets = await (api.client as unknown as { sendRequest(method: string, p: object): Promise<SendTarget[]> }).sendRequest(ListSendTargets.method, {});
    const defs = targets.filter((t) => t.kind === 'definition');
    const paths = defs.map((t) => t.path);
    // The demo's three (other suites may have added theirs to the same folder), in path order.
    for (const p of ['callouts/AddressValidation.callout.yaml', 'callouts/ExternalCrmLeads.callout.yaml', 'callouts/WeatherForecast.callout.yaml']) assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
    assert.deepStrictEqual(paths, [...paths].sort((a, b) => a.localeCompare(b)));
    const actions = targets.filter((t) => t.kind === 'flowAction');
    assert.ok(actions.length >= 1, 'the demo flow\'s External Service action is offered');
    assert.ok(actions.every((a) => a.path.endsWith('.flow-meta.xml') && a.element), JSON.stringify(actions));
    assert.ok(actions.some((a) => /ExternalCrmLeads\.createLead/.test(a.detail)), JSON.stringify(actions));

    // The palette command with no editor: Enter on the pick list takes the first definition, Enter on the
    // environment list the last one used (mock); the send runs.
    // Each panel is closed only after it rendered (watchPanels says why).
    const panels = watchPanels(api);
    try {
      const weather = (await vscode.commands.executeCommand('flowCallout.sendTestCallout', workspaceUri('callouts', 'WeatherForecast.callout.yaml'), 'mock')) as ResultLike;
      await panels.rendered(weather.id, 'the panel to render the WeatherForecast send');
      await closeAllEditors();
      const picked = (await whilePressing(vscode.commands.executeCommand('flowCallout.sendTestCallout'), 'workbench.action.acceptSelectedQuickOpenItem', 'the picked send')) as ResultLike;
      assert.ok(picked, 'the picked definition was sent');
      assert.strictEqual(vscode.Uri.file(picked.definition.file).toString(), defs[0].uri);
      assert.strictEqual(picked.environment, 'mock');
      await panels.rendered(picked.id, 'the panel to render the picked send');
    } finally {
      panels.dispose();
    }
  });

  test('Import from cURL reads the clipboard only on "Read from clipboard", and asks the service and operation names, prefilled', async () => {
    await closeAllEditors();
    const command = `curl -X POST https://api.acme-shipping.com/v2/shipments/{shipmentId}/labels -H "Content-Type: application/json" -d '{"format":"pdf"}'`;
    const derived = importCurl(command);
    const target = workspaceUri('callouts', derived.fileName);
    await vscode.env.clipboard.writeText(command);
    // Escape at the first question: nothing is written.
    await whilePressing(vscode.commands.executeCommand('flowCallout.importCurl'), 'workbench.action.closeQuickOpen', 'the cancelled import');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(target)), 'nothing was imported');
    // Enter at each step: "Read from clipboard" (the one choice until something is typed), the command as read,
    // the service name and the operation name as prefilled.
    await whilePressing(vscode.commands.executeCommand('flowCallout.importCurl'), 'workbench.action.acceptSelectedQuickOpenItem', 'the import');
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(text, new RegExp(`^name: ${derived.name}$`, 'm'));
      assert.match(text, new RegExp(`^operation: ${derived.operation}$`, 'm'));
      assert.match(text, /^path: \/v2\/shipments\/\{shipmentId\}\/labels$/m);
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });
});
