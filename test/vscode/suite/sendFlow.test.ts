// Send Test Callout from a flow action in the real extension host (workspace: test/fixtures/sendflow): the
// CodeLens on the External Service action, a send to the mock with 201 and a chosen 404, a live send to
// Debian's httpbin on loopback; the Test Callout panel's flow-run part lists only the mapped outputs, the path by
// element with the Decision's outcome, the Assignment and the Update Records (checked through its `rendered`
// message); the result is marked stale when the flow or the registration changes in an editor or on disk.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { startHttpbin, type Httpbin } from '../../unit/callout/httpbin';
import { activeApi, closeAllEditors, openEditor, withTimeout, workspaceUri, type FlowCalloutTestApi } from './helpers';

interface Rendered {
  direction: string;
  type: string;
  what?: string;
  resultId?: string;
  flowRun?: Rendered['summary'];
  callout?: { status?: number; path: string };
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
    // The Test Callout panel renders a flow send with its flow-run part (`flowRun` in the rendered message).
    if (msg.flowRun && msg.direction === 'fromPanel' && msg.type === 'rendered') resolveRendered({ ...msg, summary: msg.flowRun, callout: (m as { summary: Rendered['callout'] }).summary });
  });
  try {
    const result = await withTimeout(vscode.commands.executeCommand('flowCallout.sendFromFlow', workspaceUri(...FLOW), 'Send_Order', options), 30_000, 'the send from the flow');
    assert.ok(result, 'the command returned no result');
    const r = await withTimeout(rendered, 20_000, 'the Test Callout panel to render the flow run', () => seen.map((m) => `${m.direction}:${m.type}`).join(', '));
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
      if (msg.direction === 'toPanel' && msg.type === 'stale') resolveStale();
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
      const msg = m as Rendered;
      if (msg.direction === 'toPanel' && msg.type === 'stale') resolveStale(msg.what);
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

  test('a change on disk only (another tool, a checkout) to the registration marks the result stale', async () => {
    await closeAllEditors();
    const esr = workspaceUri('force-app', 'main', 'default', 'externalServiceRegistrations', 'OrderApi.externalServiceRegistration-meta.xml');
    await sendAndRender(api, { environment: 'mock', status: 201 });
    const original = fs.readFileSync(esr.fsPath, 'utf8');
    let resolveStale: (what: unknown) => void = () => undefined;
    const stale = new Promise<unknown>((resolve) => (resolveStale = resolve));
    const sub = api.onPanelMessage((m) => {
      const msg = m as Rendered;
      if (msg.direction === 'toPanel' && msg.type === 'stale') resolveStale(msg.what);
    });
    try {
      fs.writeFileSync(esr.fsPath, original.replace('</ExternalServiceRegistration>', '    <!-- changed by another tool -->\n</ExternalServiceRegistration>'));
      assert.strictEqual(await withTimeout(stale, 15_000, 'the stale mark after the change on disk'), 'registration');
    } finally {
      sub.dispose();
      fs.writeFileSync(esr.fsPath, original);
    }
  });

  test('one panel: a send from the flow action and one from the registration operation land in the same Test Callout panel', async () => {
    const ours = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /flowCallout\./.test(t.input.viewType));
    const labels = (until: (l: string[]) => boolean, what: string) => withTimeout((async () => {
      for (;;) {
        const l = ours().map((t) => t.label);
        if (until(l)) return l;
        await new Promise((r) => setTimeout(r, 100));
      }
    })(), 10_000, what, () => ours().map((t) => t.label).join(', '));
    await sendAndRender(api, { environment: 'mock', status: 201 });
    assert.deepStrictEqual(await labels((l) => l.includes('Test Callout: Order_Sync › Send_Order'), 'the flow send\'s panel'), ['Test Callout: Order_Sync › Send_Order']);
    const op = await withTimeout(vscode.commands.executeCommand<{ callout?: { id: string } }>('flowCallout.sendRegistrationOperation', workspaceUri('force-app', 'main', 'default', 'externalServiceRegistrations', 'OrderApi.externalServiceRegistration-meta.xml'), 'createOrder', {
      environment: 'mock', status: 201, given: { customerId: 'C-77', channel: 'salesforce' },
    }), 30_000, 'the registration send');
    assert.ok(op?.callout, 'the registration send sent its callout');
    const after = await labels((l) => l.length === 1 && l[0] !== 'Test Callout: Order_Sync › Send_Order', 'the same panel to show the registration send');
    assert.strictEqual(after.length, 1, 'one panel');
    assert.match(after[0], /^Test Callout: /);
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
