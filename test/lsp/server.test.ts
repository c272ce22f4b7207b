// The real bundled server (dist/server-cli.js --stdio) through the protocol: diagnostics, completion,
// hover, quick fixes, robustness.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot, startServer, type TestServer } from './client';

const examples = path.join(repoRoot, 'examples');
let server: TestServer;

before(async () => {
  server = await startServer(examples);
});
after(async () => {
  await server?.stop();
});

const broken = `name: External CRM
namedCredential: ExternalCRN
method: GET
path: /leads
request:
  body: { a: 1 }
responses:
  2XX:
    sample: { id: 1, tags: [a, 2] }
`;

test('diagnostics for a broken definition: message, range, severity, code, source', async () => {
  const file = path.join(examples, 'callouts', 'Broken.callout.yaml');
  const pending = server.diagnostics('file://' + file);
  await server.open(file, broken);
  const diags = await pending;
  const byCode = (c: string) => diags.filter((d) => d.code === c);
  assert.equal(byCode('callout-service-name').length, 1);
  assert.deepEqual(byCode('callout-service-name')[0].range, { start: { line: 0, character: 6 }, end: { line: 0, character: 18 } });
  assert.equal(byCode('callout-service-name')[0].severity, 1);
  assert.equal(byCode('callout-named-credential')[0].severity, 2);
  assert.deepEqual(byCode('callout-mixed-array')[0].range, { start: { line: 8, character: 27 }, end: { line: 8, character: 33 } });
  assert.equal(byCode('callout-body-not-allowed').length, 1);
  for (const d of diags) assert.equal(d.source, 'flow-callout');
});

test('fixing the text clears the diagnostics; stale versions are not published', async () => {
  const file = path.join(examples, 'callouts', 'Fixing.callout.yaml');
  const first = server.diagnostics('file://' + file);
  const { uri } = await server.open(file, broken);
  assert.ok((await first).length > 0);
  const fixed = readFileSync(path.join(examples, 'callouts', 'WeatherForecast.callout.yaml'), 'utf8');
  const next = server.diagnostics(uri, 3);
  await server.change(uri, broken + '\n# typing', 2);
  await server.change(uri, fixed, 3);
  const diags = await next;
  assert.deepEqual(diags.filter((d) => d.severity === 1 || d.severity === 2), []);
});

test('completion through the protocol: merge fields and named credentials', async () => {
  const file = path.join(examples, 'callouts', 'Complete.callout.yaml');
  const text = 'name: A\nnamedCredential: \nmethod: POST\npath: /x\nobject: Lead\nrequest:\n  body:\n    e: "{!$Record.\n';
  const { uri } = await server.open(file, text);
  const creds = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 17 } }) as { items: { label: string }[] };
  assert.deepEqual(creds.items.map((i) => i.label).sort(), ['AddressCheck', 'ExternalCRM', 'OpenMeteo']);
  const fields = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 18 } }) as { items: { label: string; textEdit?: { range: unknown } }[] };
  assert.ok(fields.items.some((i) => i.label === 'Company'));
  assert.ok(fields.items.some((i) => i.label === 'External_Id__c'));
});

test('hover through the protocol shows the Flow type', async () => {
  const file = path.join(examples, 'callouts', 'ExternalCrmLeads.callout.yaml');
  const text = readFileSync(file, 'utf8');
  const { uri } = await server.open(file, text);
  const line = text.split('\n').findIndex((l) => l.includes('score: 87'));
  const character = text.split('\n')[line].indexOf('87');
  const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } }) as { contents: { value: string } };
  assert.match(hover.contents.value, /Integer/);
  assert.match(hover.contents.value, /ExternalService__ExternalCrmLeads_createLead_OUT_2XX/);
});

test('quick fixes come back as code actions with edits', async () => {
  const file = path.join(examples, 'callouts', 'Fix.callout.yaml');
  const p = server.diagnostics('file://' + file);
  const { uri } = await server.open(file, broken);
  const diags = await p;
  const d = diags.find((x) => x.code === 'callout-named-credential')!;
  const actions = await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as { title: string; edit: { changes: Record<string, { newText: string }[]> } }[];
  assert.equal(actions[0].title, 'Change to "ExternalCRM"');
  assert.equal(actions[0].edit.changes[uri][0].newText, 'ExternalCRM');
});

test('a flow with malformed XML gets a syntax diagnostic', async () => {
  const file = path.join(examples, 'force-app', 'main', 'default', 'flows', 'Broken.flow-meta.xml');
  const p = server.diagnostics('file://' + file);
  await server.open(file, '<?xml version="1.0"?>\n<Flow><label>x</label><actionCalls>\n', 'flow-metadata-xml');
  const diags = await p;
  assert.ok(diags.some((d) => d.code === 'xml-syntax'));
});

test('hostile input: huge, binary and deeply nested documents get diagnostics, never a crash', async () => {
  const inputs = [
    '\u0000\u0001\u0002'.repeat(1000),
    '['.repeat(50000),
    'a: ' + '{'.repeat(20000),
    'name: A\nresponses:\n  2XX:\n    sample: ' + JSON.stringify({ big: 'x'.repeat(2_000_000) }),
  ];
  for (const [i, text] of inputs.entries()) {
    const file = path.join(examples, 'callouts', `Hostile${i}.callout.yaml`);
    const p = server.diagnostics('file://' + file, undefined, 20000);
    await server.open(file, text);
    await p;
  }
  assert.equal(server.process.exitCode, null, `server exited: ${server.stderr()}`);
  const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.callout.yaml' }, position: { line: 0, character: 0 } });
  assert.equal(hover, null);
});
