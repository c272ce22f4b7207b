// Flow lint over stdio: diagnostics at exact ranges in a flow, go to definition, and completion/hover of
// flow references, through the bundled server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot, startServer, type TestServer } from './client';

const examples = path.join(repoRoot, 'examples');
const demoFlow = path.join(examples, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml');
let server: TestServer;

before(async () => {
  server = await startServer(examples);
});
after(async () => {
  await server?.stop();
});

const position = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};

test('a flow with a synchronous callout and a broken reference: diagnostics at the exact ranges', async () => {
  const original = readFileSync(demoFlow, 'utf8');
  // Run the callout path synchronously, and misspell a reference.
  const text = original
    .replace('<scheduledPaths>\n            <name>Send_To_CRM</name>\n            <connector>', '<connector>')
    .replace('</connector>\n            <label>Send To CRM</label>\n            <pathType>AsyncAfterCommit</pathType>\n        </scheduledPaths>', '</connector>')
    .replace('<elementReference>$Record.Company</elementReference>', '<elementReference>$Record.Compnay</elementReference>');
  assert.notEqual(text, original);
  const file = path.join(examples, 'force-app/main/default/flows/Sync_Copy.flow-meta.xml');
  const pending = server.diagnostics('file://' + file);
  await server.open(file, text, 'flow-metadata-xml');
  const diags = await pending;
  const sync = diags.find((d) => d.code === 'flow-sync-callout');
  assert.ok(sync, JSON.stringify(diags));
  const name = text.indexOf('<name>Create_CRM_Lead</name>') + '<name>'.length;
  assert.deepEqual(sync.range, { start: position(text, name), end: position(text, name + 'Create_CRM_Lead'.length) });
  assert.equal(sync.severity, 1);
  assert.equal((sync.data as { kind?: string } | undefined)?.kind, 'explain');
  const field = diags.find((d) => d.code === 'flow-record-field');
  const at = text.indexOf('Compnay');
  assert.deepEqual(field?.range, { start: position(text, at), end: position(text, at + 'Compnay'.length) });
  assert.match(field?.message ?? '', /Did you mean "Company"\?/);
});

test('go to definition, completion and hover in a flow', async () => {
  const text = readFileSync(demoFlow, 'utf8');
  const { uri } = await server.open(demoFlow, text, 'flow-metadata-xml');
  const ref = text.indexOf('<elementReference>createdLead.id</elementReference>') + '<elementReference>'.length + 3;
  const def = (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: position(text, ref) })) as { uri: string; range: { start: { line: number } } };
  assert.equal(def.uri, uri);
  assert.equal(def.range.start.line, position(text, text.indexOf('<name>createdLead</name>')).line);
  const action = text.indexOf('ExternalCrmLeads.createLead</actionName>') + 3;
  const toDefinition = (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: position(text, action) })) as { uri: string };
  assert.match(toDefinition.uri, /ExternalCrmLeads\.callout\.yaml$/);
  const dot = text.indexOf('createdLead.id</elementReference>') + 'createdLead.'.length;
  const completion = (await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: position(text, dot) })) as { items: { label: string; detail?: string }[] };
  assert.deepEqual(completion.items.map((i) => i.label), ['id', 'status', 'score', 'tags']);
  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position(text, action) })) as { contents: { value: string } };
  assert.match(hover.contents.value, /POST \/api\/v1\/leads/);
});

test('outline of a flow over the protocol', async () => {
  const text = readFileSync(demoFlow, 'utf8');
  const { uri } = await server.open(demoFlow, text, 'flow-metadata-xml');
  const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string; detail: string; selectionRange: { start: { line: number } } }[];
  assert.deepEqual(symbols.slice(0, 5).map((s) => s.name), ['Start', 'Create_CRM_Lead', 'Build_Request', 'Log_Failure', 'CRM_Accepted']);
  assert.equal(symbols[1].detail, 'Action · ExternalCrmLeads.createLead');
  assert.equal(symbols[1].selectionRange.start.line, position(text, text.indexOf('Create_CRM_Lead')).line);
});

test('typing, pasting and deleting in a flow: the diagnostics of every version equal those of the same text opened fresh', async () => {
  const original = readFileSync(demoFlow, 'utf8');
  const file = path.join(examples, 'force-app/main/default/flows/Typed_Copy.flow-meta.xml');
  const fresh = (i: number) => path.join(examples, `force-app/main/default/flows/Fresh_${i}.flow-meta.xml`);
  const uri = 'file://' + file;
  let text = original;
  let version = 1;
  const opened = server.diagnostics(uri, 1);
  await server.open(file, text, 'flow-metadata-xml');
  await opened;
  // Each edit: [find, replace with]; applied as one incremental change at the first match.
  const edits: [string, string][] = [
    ['<label>Create CRM Lead', '<label>Create CRM LeadX'], // a value: the fast path
    ['<elementReference>$Record.Company', '<elementReference>$Record.Compan'], // a reference breaks
    ['<elementReference>$Record.Compan<', '<elementReference>$Record.Company<'], // and is fixed
    ['<targetReference>Log_Failure</targetReference>', '<targetReference>Log_Failur</targetReference>'], // a connector target
    ['<targetReference>Log_Failur</targetReference>', '<targetReference>Log_Failure</targetReference>'],
    ['<name>Create_CRM_Lead</name>', '<name>Create_CRM_Lead</name>\n        <description>Pasted</description>'], // markup pasted
    ['\n        <description>Pasted</description>', ''], // and removed
    ['        <faultConnector>\n            <targetReference>Log_Failure</targetReference>\n        </faultConnector>\n', ''], // a fault path removed
    ['<actionName>ExternalCrmLeads.createLead</actionName>', '<actionName>ExternalCrmLeads.createLeed</actionName>'],
    ['<storeOutputAutomatically>false', '<storeOutputAutomatically>true'],
    ['<label>Create CRM LeadX', '<label>Create CRM Lead <'], // a syntax error
    ['<label>Create CRM Lead <', '<label>Create CRM Lead'],
  ];
  for (const [i, [find, replace]] of edits.entries()) {
    const at = text.indexOf(find);
    assert.ok(at >= 0, `edit ${i}: ${find}`);
    const range = { start: position(text, at), end: position(text, at + find.length) };
    text = text.slice(0, at) + replace + text.slice(at + find.length);
    version++;
    const typed = server.diagnostics(uri, version);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: replace }] });
    const got = await typed;
    const freshUri = 'file://' + fresh(i);
    const expected = server.diagnostics(freshUri, 1);
    // A newline after </Flow> keeps every offset and makes the text differ, so the server parses it from scratch.
    await server.open(fresh(i), text + '\n', 'flow-metadata-xml');
    const want = await expected;
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
    const show = (ds: typeof got) => ds.map((d) => `${d.code} ${JSON.stringify(d.range)} ${d.message}`).sort();
    assert.deepEqual(show(got), show(want), `edit ${i}: ${find} → ${replace}`);
    if (i === 1) assert.ok(got.some((d) => d.code === 'flow-record-field'), 'the broken reference is reported');
    if (i === 7) assert.ok(got.some((d) => d.code === 'flow-missing-fault-path'), 'the missing fault path is reported');
  }
  // Several cursors: one notification, two changes (the second in the text as the first left it).
  const first = text.indexOf('<elementReference>$Record.Company');
  const second = text.indexOf('<targetReference>Store_External_Id</targetReference>');
  assert.ok(first > 0 && second > 0);
  const changes = [
    { range: { start: position(text, first + '<elementReference>$Record.'.length), end: position(text, first + '<elementReference>$Record.Company'.length) }, text: 'Compny' },
  ];
  text = text.slice(0, first + '<elementReference>$Record.'.length) + 'Compny' + text.slice(first + '<elementReference>$Record.Company'.length);
  const at2 = text.indexOf('<targetReference>Store_External_Id</targetReference>') + '<targetReference>Store_'.length;
  changes.push({ range: { start: position(text, at2), end: position(text, at2 + 'External'.length) }, text: 'Externl' });
  text = text.slice(0, at2) + 'Externl' + text.slice(at2 + 'External'.length);
  version++;
  const typed = server.diagnostics(uri, version);
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  const got = await typed;
  const freshUri = 'file://' + fresh(99);
  const expected = server.diagnostics(freshUri, 1);
  await server.open(fresh(99), text + '\n', 'flow-metadata-xml');
  const show = (ds: typeof got) => ds.map((d) => `${d.code} ${JSON.stringify(d.range)} ${d.message}`).sort();
  assert.deepEqual(show(got), show(await expected), 'two changes in one notification');
  assert.ok(got.some((d) => d.code === 'flow-record-field') && got.some((d) => d.code === 'flow-unresolved-reference'), show(got).join('\n'));
});
