// Runs in its own window with workspace trust on and the folder not trusted (runTest.ts: run "untrusted").
// Restricted mode must still validate; sending is what it turns off.
import * as assert from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, codeOf, extension, openEditor, waitForDiagnostics, withTimeout, workspaceUri } from './helpers';

const SEND = 'flowCallout.sendTestCallout';

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

  test('Send Test Callout is not offered: the command is enabled, and shown in the palette and editor title, only when trusted', () => {
    const manifest = extension().packageJSON;
    assert.strictEqual(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
    const command = (manifest.contributes.commands as { command: string; enablement?: string }[]).find((c) => c.command === SEND);
    assert.strictEqual(command?.enablement, 'isWorkspaceTrusted', 'the command is disabled while the workspace is not trusted');
    const menus = manifest.contributes.menus as Record<string, { command: string; when?: string }[]>;
    for (const menu of ['commandPalette', 'editor/title']) {
      const entry = menus[menu]?.find((m) => m.command === SEND);
      assert.ok(entry, `${SEND} is in ${menu}`);
      assert.match(entry.when ?? '', /(^|&& *)isWorkspaceTrusted( *&&|$)/, `${menu} shows ${SEND} only in a trusted workspace (when: ${entry.when})`);
    }
  });

  test('no Send Test Callout CodeLens above a definition (the generator lenses are there)', async () => {
    await activeApi();
    const uri = workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml');
    await openEditor(uri);
    // The generator lenses come from a provider registered beside the Send one: once they are there, every
    // provider has answered for this document.
    const lenses = await withTimeout(
      (async () => {
        for (;;) {
          const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
          if (found.some((l) => l.command?.command === 'flowCallout.generateExternalService')) return found;
          await new Promise((r) => setTimeout(r, 100));
        }
      })(),
      10_000,
      'the generator CodeLenses',
    );
    const commands = lenses.map((l) => l.command?.command);
    assert.ok(!commands.includes(SEND), `no Send Test Callout lens in restricted mode; lenses: ${lenses.map((l) => l.command?.title).join(' | ')}`);
    await closeAllEditors();
  });

  test('Set Secret run from code stores nothing in restricted mode', async () => {
    const api = await activeApi();
    const ref = 'ExternalCRM.untrustedProbe';
    const result = await withTimeout(Promise.resolve(vscode.commands.executeCommand('flowCallout.setSecret', ref, 'probe-value-0123')), 10_000, 'flowCallout.setSecret');
    assert.strictEqual(result, undefined);
    assert.ok(!api.secretNames().includes(ref), `a secret was stored in restricted mode: ${api.secretNames().join(', ')}`);
  });

  test('running the command anyway sends nothing: no request, no panel, no result', async () => {
    const api = await activeApi();
    const received: string[] = [];
    const target = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: 'L-1', status: 'created', score: 1, tags: [] }));
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const envFile = workspaceUri('flow-callout.environments.json');
    const original = await vscode.workspace.fs.readFile(envFile);
    const messages: unknown[] = [];
    const sub = api.onPanelMessage((m) => messages.push(m));
    try {
      const port = (target.address() as AddressInfo).port;
      await vscode.workspace.fs.writeFile(
        envFile,
        Buffer.from(JSON.stringify({ version: 1, environments: { local: { namedCredentials: { ExternalCRM: { baseUrl: `http://127.0.0.1:${port}`, auth: { kind: 'none' } } } } } })),
      );
      const uri = workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml');
      await openEditor(uri);
      // The built-in mock and a real (loopback) environment: the command refuses both before reading anything.
      for (const environment of ['mock', 'local']) {
        const result = await withTimeout(Promise.resolve(vscode.commands.executeCommand(SEND, uri, environment)), 10_000, `${SEND} → ${environment}`);
        assert.strictEqual(result, undefined, `Send Test Callout → ${environment} must not run in restricted mode`);
      }
      assert.deepStrictEqual(received, [], 'no request reached the environment');
      assert.deepStrictEqual(messages, [], 'no result panel was opened or sent anything');
      assert.strictEqual(api.lastResult, undefined, 'there is no test callout result');
    } finally {
      sub.dispose();
      await vscode.workspace.fs.writeFile(envFile, original);
      target.closeAllConnections();
      await new Promise<void>((resolve) => target.close(() => resolve()));
      await closeAllEditors();
    }
  });
});
