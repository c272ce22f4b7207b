// What a newcomer meets through the protocol: the status counts follow file changes, and a flow's HTTP callout
// action without a definition offers to start one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProjectIndexed } from '../../server/src/protocol';
import { repoRoot, startServer, type TestServer } from './client';

let server: TestServer;
let workspace: string;

before(async () => {
  workspace = path.join(mkdtempSync(path.join(tmpdir(), 'flow-callout-lsp-newcomer-')), 'examples');
  cpSync(path.join(repoRoot, 'examples'), workspace, { recursive: true });
  server = await startServer(workspace);
});
after(async () => {
  await server?.stop();
  rmSync(path.dirname(workspace), { recursive: true, force: true });
});

test('a new definition on disk updates the project counts the status bar shows', async () => {
  const counts = new Promise<{ callouts: number }>((resolve) => {
    server.connection.onNotification(ProjectIndexed, (p) => resolve(p.counts));
  });
  const file = path.join(workspace, 'callouts', 'OrderStatus.callout.yaml');
  writeFileSync(file, 'name: OrderStatus\nnamedCredential: ExternalCRM\nmethod: GET\npath: /orders\nresponses:\n  2XX:\n    sample: { id: a }\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 1 }] });
  assert.equal((await counts).callouts, 4);
});

test('inside an HTTP callout action with no definition: "New Callout Definition from this Flow Action"', async () => {
  const file = path.join(workspace, 'force-app', 'main', 'default', 'flows', 'Billing.flow-meta.xml');
  const text = readFileSync(path.join(workspace, 'force-app', 'main', 'default', 'flows', 'Lead_To_External_CRM.flow-meta.xml'), 'utf8')
    .replace('<actionName>ExternalCrmLeads.createLead</actionName>', '<actionName>BillingApi.getInvoice</actionName>');
  const { uri } = await server.open(file, text, 'flow-metadata-xml');
  const line = text.slice(0, text.indexOf('<locationX>308')).split('\n').length - 1;
  const range = { start: { line, character: 8 }, end: { line, character: 8 } };
  const actions = (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } })) as { title: string; command?: { command: string; arguments: unknown[] } }[];
  const start = actions.find((a) => a.title === 'New Callout Definition from this Flow Action');
  assert.ok(start, JSON.stringify(actions));
  assert.equal(start.command?.command, 'flowCallout.newCalloutDefinition');
  assert.deepEqual(start.command?.arguments[1], { name: 'BillingApi', operation: 'getInvoice', origin: 'Started from flow action Create_CRM_Lead (BillingApi.getInvoice) in flow Billing.' });
  // On the action that already has a definition: not offered.
  const demo = path.join(workspace, 'force-app', 'main', 'default', 'flows', 'Lead_To_External_CRM.flow-meta.xml');
  const opened = await server.open(demo, readFileSync(demo, 'utf8'), 'flow-metadata-xml');
  const none = (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: opened.uri }, range, context: { diagnostics: [] } })) as { title: string }[];
  assert.ok(!none.some((a) => a.title.startsWith('New Callout Definition')));
});
