// Send Test Callout from an External Service registration's operation, in the real extension host (the
// sendflow workspace: OrderApi, monolithic; a decomposed registration written here): a CodeLens on each
// operation — at its operationId in the monolithic XML, in the decomposed schema file, on the decomposed XML's
// root — and a send to the mock with a chosen 404 whose result lands in the Test Callout panel.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activeApi, openEditor, withTimeout, workspaceUri, type FlowCalloutTestApi } from './helpers';

const DIR = ['force-app', 'main', 'default', 'externalServiceRegistrations'];
const ORDER_API = [...DIR, 'OrderApi.externalServiceRegistration-meta.xml'];
const SHIP_XML = `<?xml version="1.0" encoding="UTF-8"?>
<ExternalServiceRegistration xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>ShipApi</label>
    <namedCredentialReference>OrderService</namedCredentialReference>
    <registrationProviderType>Custom</registrationProviderType>
    <schemaType>OpenApi3</schemaType>
    <schemaUploadFileExtension>yaml</schemaUploadFileExtension>
    <status>Complete</status>
</ExternalServiceRegistration>
`;
const SHIP_YAML = `openapi: 3.0.1
info: { title: Shipping, version: '1.0' }
paths:
  /shipments/{shipmentId}:
    get:
      operationId: getShipment
      parameters:
        - { name: shipmentId, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: The shipment.
          content:
            application/json:
              schema: { type: object, properties: { id: { type: string, example: SH-1 }, status: { type: string, example: in_transit } } }
  /shipments:
    post:
      operationId: createShipment
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { orderId: { type: string, example: ORD-1 } } }
      responses:
        '201': { description: Created }
`;

async function lensesOf(uri: vscode.Uri, expected: number): Promise<vscode.CodeLens[]> {
  // The lens command needs the document open (a model); the provider may answer before the file is on disk.
  await vscode.workspace.openTextDocument(uri);
  for (let i = 0; i < 40; i++) {
    const all = await withTimeout(vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri), 10_000, 'the CodeLenses');
    const ours = all.filter((l) => l.command?.command === 'flowCallout.sendRegistrationOperation');
    if (ours.length >= expected) return ours;
    await new Promise((r) => setTimeout(r, 250));
  }
  return [];
}

suite('Send Test Callout from a registration operation', () => {
  let api: FlowCalloutTestApi;

  suiteSetup(async () => {
    await openEditor(workspaceUri(...ORDER_API));
    api = await activeApi();
    await vscode.workspace.fs.writeFile(workspaceUri(...DIR, 'ShipApi.externalServiceRegistration-meta.xml'), new TextEncoder().encode(SHIP_XML));
    await vscode.workspace.fs.writeFile(workspaceUri(...DIR, 'ShipApi.yaml'), new TextEncoder().encode(SHIP_YAML));
  });

  test('monolithic: a lens at the operationId of createOrder inside the schema', async () => {
    const uri = workspaceUri(...ORDER_API);
    const lenses = await lensesOf(uri, 1);
    assert.strictEqual(lenses.length, 1);
    assert.deepStrictEqual(lenses[0].command!.arguments!.map(String), [uri.toString(), 'createOrder']);
    assert.match(lenses[0].command!.title, /Send Test Callout: createOrder/);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.lineAt(lenses[0].range.start.line).text, /operationId&quot;:&quot;createOrder/);
  });

  test('decomposed: a lens per operation in the schema file at its operationId, and on the registration XML', async () => {
    const yaml = workspaceUri(...DIR, 'ShipApi.yaml');
    const xml = workspaceUri(...DIR, 'ShipApi.externalServiceRegistration-meta.xml');
    const inSchema = await lensesOf(yaml, 2);
    assert.deepStrictEqual(inSchema.map((l) => l.command!.arguments![1]), ['getShipment', 'createShipment']);
    const doc = await vscode.workspace.openTextDocument(yaml);
    assert.deepStrictEqual(inSchema.map((l) => doc.lineAt(l.range.start.line).text.trim()), ['operationId: getShipment', 'operationId: createShipment']);
    assert.ok(inSchema.every((l) => String(l.command!.arguments![0]) === xml.toString()), 'the command names the registration, not the schema file');
    const onXml = await lensesOf(xml, 2);
    assert.deepStrictEqual(onXml.map((l) => l.command!.arguments![1]), ['getShipment', 'createShipment']);
  });

  test('mock with a chosen 404: the request from the registration, the result in the Test Callout panel', async () => {
    let resolveRendered: (m: { summary?: { status?: number; path?: string } }) => void = () => undefined;
    const rendered = new Promise<{ summary?: { status?: number; path?: string } }>((resolve) => (resolveRendered = resolve));
    const sub = api.onPanelMessage((m) => {
      const msg = m as { direction: string; panel?: string; type: string; summary?: { status?: number } };
      if (!msg.panel && msg.direction === 'fromPanel' && msg.type === 'rendered') resolveRendered(msg);
    });
    try {
      const result = await withTimeout(vscode.commands.executeCommand<any>('flowCallout.sendRegistrationOperation', workspaceUri(...ORDER_API), 'createOrder', {
        environment: 'mock', status: 404, given: { customerId: 'C-77', channel: 'salesforce' },
      }), 30_000, 'the send');
      assert.strictEqual(result.error, undefined, result.notSent);
      assert.strictEqual(result.callout.response.status, 404);
      assert.match(result.callout.request.url, /\/customers\/C-77\/orders$/);
      const r = await withTimeout(rendered, 20_000, 'the Test Callout panel to render');
      assert.strictEqual(r.summary?.status, 404);
      assert.strictEqual((api.lastResult as { response?: { status: number } } | undefined)?.response?.status, 404);
    } finally {
      sub.dispose();
    }
  });

  test('an Apex action that calls out gets the lens; its send says why nothing is sent (Apex runs in the org)', async () => {
    const classes = ['force-app', 'main', 'default', 'classes'];
    await vscode.workspace.fs.writeFile(workspaceUri(...classes, 'InvoiceSender.cls'), new TextEncoder().encode(`public with sharing class InvoiceSender {
    @InvocableMethod(label='Send Invoice' callout=true)
    public static List<String> send(List<Id> ids) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Billing/invoices');
        return new List<String>{ new Http().send(req).getBody() };
    }
}`));
    await vscode.workspace.fs.writeFile(workspaceUri(...classes, 'Formatter.cls'), new TextEncoder().encode(`public with sharing class Formatter {
    @InvocableMethod(label='Format')
    public static List<String> format(List<String> s) { return s; }
}`));
    const flowUri = workspaceUri('force-app', 'main', 'default', 'flows', 'Invoice.flow-meta.xml');
    await vscode.workspace.fs.writeFile(flowUri, new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <actionCalls>
        <name>Send_Invoice</name>
        <label>Send Invoice</label>
        <actionName>InvoiceSender</actionName>
        <actionType>apex</actionType>
        <connector><targetReference>Format_It</targetReference></connector>
    </actionCalls>
    <actionCalls>
        <name>Format_It</name>
        <label>Format</label>
        <actionName>Formatter</actionName>
        <actionType>apex</actionType>
    </actionCalls>
    <apiVersion>62.0</apiVersion>
    <label>Invoice</label>
    <processType>AutoLaunchedFlow</processType>
    <start><connector><targetReference>Send_Invoice</targetReference></connector></start>
    <status>Active</status>
</Flow>
`));
    await vscode.workspace.openTextDocument(flowUri);
    let ours: vscode.CodeLens[] = [];
    for (let i = 0; i < 40 && ours.length === 0; i++) {
      const all = await withTimeout(vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', flowUri), 10_000, 'the CodeLenses');
      ours = all.filter((l) => l.command?.command === 'flowCallout.sendFromFlow');
      if (!ours.length) await new Promise((r) => setTimeout(r, 250));
    }
    // Only the Apex action whose class calls out; Formatter does not.
    assert.deepStrictEqual(ours.map((l) => l.command!.arguments![1]), ['Send_Invoice']);
    const result = await withTimeout(vscode.commands.executeCommand<any>('flowCallout.sendFromFlow', flowUri, 'Send_Invoice'), 30_000, 'the Apex send');
    assert.strictEqual(result.callout, undefined);
    assert.strictEqual(result.run, undefined);
    assert.match(result.notSent, /Send_Invoice calls the Apex action InvoiceSender, which calls out: .*Apex runs in the org/);
  });
});
