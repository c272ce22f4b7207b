// Send Test Callout in the real extension host (demo workspace): the command sends to the built-in mock,
// the panel renders the Flow outputs and flow variables (checked through its `rendered` message), a failed
// send renders the error state, and the CodeLens offers the command above the definition.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, openEditor, withTimeout, workspaceUri, type FlowCalloutTestApi } from './helpers';

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
  const seen: Rendered[] = [];
  let onRendered: (m: Rendered) => void = () => undefined;
  const sub = api.onPanelMessage((m) => {
    const msg = m as Rendered;
    seen.push(msg);
    onRendered(msg);
  });
  try {
    const result = (await withTimeout(vscode.commands.executeCommand('flowCallout.sendTestCallout', uri, environment), 20_000, 'the send command')) as ResultLike;
    assert.ok(result, 'the command returned no result');
    const rendered = await withTimeout(
      new Promise<Rendered>((resolve) => {
        onRendered = (m) => {
          if (m.direction === 'fromPanel' && m.type === 'rendered' && m.resultId === result.id) resolve(m);
        };
        const already = seen.find((m) => m.direction === 'fromPanel' && m.type === 'rendered' && m.resultId === result.id);
        if (already) resolve(already);
      }),
      20_000,
      'the panel to render the result',
      () => `messages seen: ${seen.map((m) => `${m.direction}:${m.type}`).join(', ')}`,
    );
    return { result, rendered, seen };
  } finally {
    sub.dispose();
  }
}

suite('Send Test Callout', () => {
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

  test('a send that cannot go out (no secret for a real environment) renders the error state', async () => {
    const uri = workspaceUri('callouts', 'ExternalCrmLeads.callout.yaml');
    const { result, rendered } = await sendAndWaitForPanel(api, uri, 'metadata');
    assert.strictEqual(result.error?.code, 'secret-missing');
    assert.strictEqual(rendered.summary?.errorState, true);
    assert.strictEqual(rendered.summary?.errorCode, 'secret-missing');
    assert.strictEqual(rendered.summary?.path, 'not-sent');
  });

  test('the CodeLens above the definition offers the command and the environment', async () => {
    const uri = workspaceUri('callouts', 'WeatherForecast.callout.yaml');
    await openEditor(uri);
    const lenses = await withTimeout(
      (async () => {
        for (;;) {
          const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
          const ours = found.filter((l) => l.command?.command === 'flowCallout.sendTestCallout');
          if (ours.length) return ours;
          await new Promise((r) => setTimeout(r, 100));
        }
      })(),
      10_000,
      'the Send Test Callout CodeLens',
    );
    assert.strictEqual(lenses.length, 2);
    assert.match(lenses[0].command!.title, /Send Test Callout → /);
    assert.strictEqual(lenses[0].range.start.line, 2, 'above the first line of the definition (after the comments)');
  });
});
