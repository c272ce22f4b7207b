// The language server comes back: after it is killed (the client restarts it) and after the
// flowCallout.restartServer command, and diagnostics are published again by the new process.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, codeOf, openEditor, setText, waitForDiagnostics, withTimeout, workspaceUri, type FlowCalloutTestApi } from './helpers';

// vscode-languageclient's State enum.
const RUNNING = 2;

const MIXED = `name: Restart
namedCredential: OpenMeteo
method: GET
path: /v1/forecast
responses:
  2XX:
    sample: { tags: [1, "two"] }
  4XX:
    sample: { error: true }
`;

type StateEvent = { oldState: number; newState: number };
type ClientWithState = { state: number; onDidChangeState(listener: (e: StateEvent) => void): vscode.Disposable };

/** PIDs of language server processes (dist/server.js) started by this extension host. */
function serverPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (ppid === process.pid && /dist[/\\]server\.js/.test(cmdline)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Resolves when the client has gone through a restart and is running again. */
function nextRunning(client: ClientWithState, what: string): Promise<void> {
  let left = false;
  let subscription: vscode.Disposable | undefined;
  const running = new Promise<void>((resolve) => {
    subscription = client.onDidChangeState((e) => {
      if (e.newState !== RUNNING) left = true;
      else if (left) resolve();
    });
  });
  return withTimeout(running, 20_000, what, () => `client state ${client.state}`).finally(() => subscription?.dispose());
}

async function expectFreshDiagnostics(editor: vscode.TextEditor): Promise<void> {
  // New text, so the diagnostics we wait for can only come from the server now running.
  const uri = editor.document.uri;
  await setText(editor, MIXED.replace('[1, "two"]', '[true, 2]'));
  const list = await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'callout-mixed-array' && /boolean and number/.test(d.message)), 'diagnostics from the restarted server');
  assert.ok(list.length > 0);
  await setText(editor, MIXED);
  await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'callout-mixed-array' && /number and string/.test(d.message)), 'diagnostics for the restored text');
}

suite('Language server restart', () => {
  let api: FlowCalloutTestApi;
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    api = await activeApi();
    const uri = workspaceUri('callouts', 'Restart.callout.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(MIXED));
    editor = await openEditor(uri);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'callout-mixed-array'), 'the mixed-array error');
  });
  suiteTeardown(closeAllEditors);

  test('killing the server process: the client starts a new one and diagnostics come back', async function () {
    const client = api.client as unknown as ClientWithState;
    const before = serverPids();
    assert.strictEqual(before.length, 1, `expected one language server child of the extension host, found ${before.join(', ') || 'none'}`);
    const restarted = nextRunning(client, 'the client to restart the killed server');
    process.kill(before[0], 'SIGKILL');
    await restarted;
    const after = serverPids();
    assert.strictEqual(after.length, 1, `expected one new server process, found ${after.join(', ') || 'none'}`);
    assert.notStrictEqual(after[0], before[0], 'the server process should be a new one');
    await expectFreshDiagnostics(editor);
  });

  test('Flow Callout: Restart Language Server brings a new server with diagnostics', async () => {
    const client = api.client as unknown as ClientWithState;
    const before = serverPids();
    const restarted = nextRunning(client, 'the restart command');
    await vscode.commands.executeCommand('flowCallout.restartServer');
    await restarted;
    const after = serverPids();
    assert.strictEqual(after.length, 1);
    assert.notDeepStrictEqual(after, before, 'restart should start a new server process');
    await expectFreshDiagnostics(editor);
  });
});
