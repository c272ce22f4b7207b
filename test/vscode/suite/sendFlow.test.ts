// Send Test Callout from a flow action in the real extension host (workspace: test/fixtures/sendflow): the
// CodeLens on the External Service action, a send to the mock with 201 and a chosen 404, a live send to
// Debian's httpbin on loopback; the flow-run panel lists only the mapped outputs, the path by element with the
// Decision's outcome, the Assignment and the Update Records (checked through its `rendered` message).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { startHttpbin, type Httpbin } from '../../unit/callout/httpbin';
import { activeApi, closeAllEditors, openEditor, withTimeout, workspaceUri, type FlowCalloutTestApi } from './helpers';

interface Rendered {
  direction: string;
  panel?: string;
  type: string;
  summary?: { status: number | null; outputs: string[]; unused: string[]; path: string[]; outcomes: string[]; writes: string[]; end: string | null; diagram: { nodes: number; takenEdges: string[]; faultEdges: number } | null };
}

const FLOW = ['force-app', 'main', 'default', 'flows', 'Order_Sync.flow-meta.xml'];

async function sendAndRender(api: FlowCalloutTestApi, options: Record<string, unknown>): Promise<{ result: any; rendered: Rendered }> {
  const seen: Rendered[] = [];
  let resolveRendered: (m: Rendered) => void = () => undefined;
  const rendered = new Promise<Rendered>((resolve) => (resolveRendered = resolve));
  const sub = api.onPanelMessage((m) => {
    const msg = m as Rendered;
    seen.push(msg);
    if (msg.panel === 'flowRun' && msg.direction === 'fromPanel' && msg.type === 'rendered') resolveRendered(msg);
  });
  try {
    const result = await withTimeout(vscode.commands.executeCommand('flowCallout.sendFromFlow', workspaceUri(...FLOW), 'Send_Order', options), 30_000, 'the send from the flow');
    assert.ok(result, 'the command returned no result');
    const r = await withTimeout(rendered, 20_000, 'the flow-run panel to render', () => seen.map((m) => `${m.direction}:${m.type}`).join(', '));
    return { result, rendered: r };
  } finally {
    sub.dispose();
  }
}

suite('Send Test Callout from a flow action', () => {
  let api: FlowCalloutTestApi;
  let hb: Httpbin | undefined;

  suiteSetup(async () => {
    await openEditor(workspaceUri(...FLOW));
    api = await activeApi();
  });

  suiteTeardown(async () => {
    await hb?.stop();
    await closeAllEditors();
  });

  test('a CodeLens above the External Service action runs flowCallout.sendFromFlow for it', async () => {
    const uri = workspaceUri(...FLOW);
    const lenses = await withTimeout(vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri), 10_000, 'the CodeLenses');
    const ours = lenses.filter((l) => l.command?.command === 'flowCallout.sendFromFlow');
    assert.strictEqual(ours.length, 1, 'one External Service action, one lens');
    assert.deepStrictEqual(ours[0].command!.arguments!.map(String), [uri.toString(), 'Send_Order']);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.lineAt(ours[0].range.start.line).text, /<actionCalls>/);
  });

  test('mock 201: mapped outputs only, the path through Created → Mark_Synced → Update_Order', async () => {
    const { result, rendered } = await sendAndRender(api, { environment: 'mock', status: 201 });
    assert.strictEqual(result.run.outcome.status, 201);
    const s = rendered.summary!;
    assert.strictEqual(s.status, 201);
    assert.deepStrictEqual(s.outputs, ['statusCode', 'createdOrder', 'notFound']);
    assert.deepStrictEqual(s.unused, ['201.status']);
    assert.deepStrictEqual(s.path, ['Send_Order', 'Check_Response', 'Mark_Synced', 'Update_Order']);
    assert.deepStrictEqual(s.outcomes, ['Created']);
    assert.deepStrictEqual(s.writes, ['Update_Order']);
    assert.strictEqual(s.end, 'finished');
    // The picture in the panel: every element and the start, the taken connectors, the fault connector.
    assert.strictEqual(s.diagram?.nodes, 9);
    assert.deepStrictEqual([...s.diagram!.takenEdges].sort(), ['Check_Response→Mark_Synced', 'Mark_Synced→Update_Order', 'Send_Order→Check_Response']);
    assert.strictEqual(s.diagram?.faultEdges, 1);
    assert.deepStrictEqual(result.run.writes[0].fields.map((f: { value: unknown }) => f.value), ['Synced', 'ORD-1042', 'Created as ORD-1042']);
  });

  test('mock with a chosen 404: Customer_Not_Found → Mark_Missing → Update_Order', async () => {
    const { rendered, result } = await sendAndRender(api, { environment: 'mock', status: 404 });
    const s = rendered.summary!;
    assert.strictEqual(s.status, 404);
    assert.deepStrictEqual(s.path, ['Send_Order', 'Check_Response', 'Mark_Missing', 'Update_Order']);
    assert.deepStrictEqual(s.outcomes, ['Customer_Not_Found']);
    assert.deepStrictEqual(result.run.writes[0].fields.map((f: { value: unknown }) => f.value), ['Customer unknown', null, 'Created as']);
  });

  test('an edit to the flow after the send marks the result stale', async () => {
    await sendAndRender(api, { environment: 'mock', status: 201 });
    const editor = await openEditor(workspaceUri(...FLOW));
    let resolveStale: () => void = () => undefined;
    const stale = new Promise<void>((resolve) => (resolveStale = resolve));
    const sub = api.onPanelMessage((m) => {
      const msg = m as Rendered;
      if (msg.panel === 'flowRun' && msg.direction === 'toPanel' && msg.type === 'stale') resolveStale();
    });
    try {
      await editor.edit((e) => e.insert(new vscode.Position(1, 0), '    '));
      await withTimeout(stale, 10_000, 'the stale mark');
    } finally {
      sub.dispose();
      await vscode.commands.executeCommand('undo');
      await editor.document.save();
    }
  });

  test('an edit to the registration the action calls after the send marks the result stale, naming the registration', async () => {
    await sendAndRender(api, { environment: 'mock', status: 201 });
    const esr = await openEditor(workspaceUri('force-app', 'main', 'default', 'externalServiceRegistrations', 'OrderApi.externalServiceRegistration-meta.xml'));
    let resolveStale: (what: unknown) => void = () => undefined;
    const stale = new Promise<unknown>((resolve) => (resolveStale = resolve));
    const sub = api.onPanelMessage((m) => {
      const msg = m as Rendered & { what?: string };
      if (msg.panel === 'flowRun' && msg.direction === 'toPanel' && msg.type === 'stale') resolveStale(msg.what);
    });
    try {
      await esr.edit((e) => e.insert(new vscode.Position(1, 0), '    '));
      assert.strictEqual(await withTimeout(stale, 10_000, 'the stale mark'), 'registration');
    } finally {
      sub.dispose();
      await vscode.commands.executeCommand('undo');
      await esr.document.save();
    }
  });

  test('live: the real local httpbin answers 200 (undeclared): the default outcome logs it', async () => {
    hb = await startHttpbin();
    const envFile = workspaceUri('flow-callout.environments.json');
    await vscode.workspace.fs.writeFile(envFile, new TextEncoder().encode(JSON.stringify({
      version: 1, environments: { local: { namedCredentials: { OrderService: { baseUrl: `${hb.url}/anything`, auth: { kind: 'none' } } } } },
    })));
    const { rendered, result } = await sendAndRender(api, { environment: 'local' });
    assert.strictEqual(rendered.summary!.status, 200);
    assert.match(result.callout.request.url, /\/anything\/customers\/C-77\/orders$/);
    assert.deepStrictEqual(rendered.summary!.path, ['Send_Order', 'Check_Response', 'Log_Unexpected']);
    assert.deepStrictEqual(rendered.summary!.outcomes, ['default']);
  });
});
