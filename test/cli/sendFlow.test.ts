// `flow-callout send <flow> --element <Action>` as a process on the Order_Sync fixture project: the --json
// output field by field for the mock's 201 and 404, a simulated timeout, a live send to httpbin on loopback,
// the exit code of an unhandled fault, missing inputs (nothing sent), JUnit, and the last values used (kept in
// the cache folder, FLOW_CALLOUT_CACHE_DIR here: each run gets an empty one unless a test shares one).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { startHttpbin, type Httpbin } from '../unit/callout/helpers';
import { cacheDir, keepableInputs, lastInputsFile } from '../../server/src/cli/lastInputs';

const repoRoot = path.resolve(__dirname, '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const FLOW = 'force-app/main/default/flows/Order_Sync.flow-meta.xml';
let project: string;
let hb: Httpbin;

before(async () => {
  assert.ok(existsSync(cli), `${cli} is missing: run "npm run build" first`);
  project = mkdtempSync(path.join(tmpdir(), 'flow-callout-sendflow-'));
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'sendflow'), project, { recursive: true });
  hb = await startHttpbin();
});

after(async () => {
  await hb?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cache = mkdtempSync(path.join(tmpdir(), 'flow-callout-cache-'))): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'send', ...args], { cwd: project, env: { ...process.env, HTTPS_PROXY: '', HTTP_PROXY: '', https_proxy: '', http_proxy: '', FLOW_CALLOUT_CACHE_DIR: cache } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function json(args: string[], cache?: string): Promise<{ code: number; out: Record<string, any> }> {
  const r = await runCli([FLOW, '--element', 'Send_Order', '--json', ...args], cache);
  assert.equal(r.stderr, '');
  return { code: r.code, out: JSON.parse(r.stdout) as Record<string, any> };
}

test('mock 201: status, inputs with their sources, mapped outputs, unused, path with decision outcomes, record writes', async () => {
  const { code, out } = await json([]);
  assert.equal(code, 0);
  assert.equal(out.flow, 'Order_Sync');
  assert.equal(out.element, 'Send_Order');
  assert.equal(out.action, 'OrderApi.createOrder');
  assert.deepEqual(out.operation, { service: 'OrderApi', operation: 'createOrder', method: 'POST', path: '/customers/{customerId}/orders', file: path.join(project, 'force-app/main/default/externalServiceRegistrations/OrderApi.externalServiceRegistration-meta.xml'), responses: ['201', '404'] });
  assert.equal(out.status, 201);
  assert.equal(out.outcome.path, 'normal');
  assert.equal(out.outcome.output, '201');
  assert.deepEqual(out.inputs, [
    { name: 'customerId', in: 'path', value: 'C-77', source: 'flow: $Record.Customer_Number__c (Flow Test "New order of a known customer")' },
    { name: 'channel', in: 'header', value: 'salesforce', source: 'flow literal' },
    { name: 'body', in: 'body', value: { orderNumber: '00000107', amount: 250 }, source: 'flow: orderRequest (saved test inputs)' },
  ]);
  assert.deepEqual(out.missing, []);
  assert.equal(out.callout.request.url.replace(/:\d+/, ':PORT'), 'http://127.0.0.1:PORT/customers/C-77/orders');
  assert.deepEqual(JSON.parse(out.callout.request.body), { orderNumber: '00000107', amount: 250 });
  // The header parameter goes out as a header (reference C1).
  assert.deepEqual(out.callout.request.headers.find((h: any) => h.name === 'channel'), { name: 'channel', value: 'salesforce' });
  assert.deepEqual(out.notes, []);
  assert.deepEqual(out.outputs.map((o: any) => [o.output, o.variable, o.flowType, o.value]), [
    ['responseCode', 'statusCode', 'Number', 201],
    ['201', 'createdOrder', 'Apex ExternalService__OrderApi_Order', { id: 'ORD-1042', status: 'accepted', etaDays: 3 }],
    ['404Exc', 'notFound', 'Apex ExternalService__OrderApi_Problem', null],
  ]);
  assert.deepEqual(out.unused, [{ output: '201.status', value: 'accepted', why: 'returned, the flow never reads this field' }]);
  assert.deepEqual(out.path.map((s: any) => [s.element, s.via, s.outcome ?? null]), [
    ['Send_Order', 'start', null], ['Check_Response', 'connector', 'Created'], ['Mark_Synced', 'outcome Created', null], ['Update_Order', 'connector', null],
  ]);
  assert.deepEqual(out.writes, [{
    element: 'Update_Order', label: 'Update Order', operation: 'update', target: 'the record in $Record',
    fields: [{ field: 'Sync_Status__c', value: 'Synced' }, { field: 'External_Order_Id__c', value: 'ORD-1042' }, { field: 'Sync_Note__c', value: 'Created as ORD-1042' }],
  }]);
  assert.equal(out.end.kind, 'finished');
});

test('mock with --status 404: the declared 404 sample, Decision → Customer_Not_Found, the write without an order id', async () => {
  const { code, out } = await json(['--status', '404']);
  assert.equal(code, 0);
  assert.equal(out.status, 404);
  assert.equal(out.outcome.output, '404Exc');
  assert.deepEqual(out.outputs.find((o: any) => o.variable === 'notFound').value, { code: 'customer_not_found', detail: 'No customer C-77' });
  assert.deepEqual(out.path.map((s: any) => s.outcome ?? s.element), ['Send_Order', 'Customer_Not_Found', 'Mark_Missing', 'Update_Order']);
  assert.deepEqual(out.writes[0].fields.map((f: any) => f.value), ['Customer unknown', null, 'Created as']);
});

test('--status timeout: nothing sent, the fault connector logs an approximate $Flow.FaultMessage', async () => {
  const { code, out } = await json(['--status', 'timeout']);
  assert.equal(code, 0);
  assert.equal(out.status, null);
  assert.equal(out.callout, null);
  assert.match(out.notSent, /Simulated timeout/);
  assert.equal(out.outcome.path, 'fault');
  assert.deepEqual(out.path.map((s: any) => [s.element, s.via]), [['Send_Order', 'start'], ['Log_Fault', 'fault connector']]);
  assert.equal(out.writes[0].operation, 'create');
  assert.equal(out.writes[0].target, 'a new Integration_Log__c');
  assert.match(out.writes[0].fields[0].value.unknown, /approximately/);
});

test('live send to httpbin: an undeclared 200 sets only responseCode and takes the default outcome', async () => {
  const { code, out } = await json(['--base-url', `${hb.url}/anything`]);
  assert.equal(code, 0);
  assert.equal(out.status, 200);
  assert.equal(out.callout.response.body.value.url.replace(/:\d+/, ':PORT'), 'http://127.0.0.1:PORT/anything/customers/C-77/orders');
  assert.deepEqual(out.path.map((s: any) => [s.element, s.outcome ?? null]), [['Send_Order', null], ['Check_Response', 'default'], ['Log_Unexpected', null]]);
  // httpbin echoes what arrived: the header parameter was sent.
  assert.equal(out.callout.response.body.value.headers.Channel, 'salesforce');
  assert.deepEqual(out.writes[0].fields, [{ field: 'Message__c', value: 'Order service answered 200 for order 00000107' }]);
});

test('an unhandled fault exits 1; JUnit says so', async () => {
  const file = path.join(project, FLOW);
  const original = readFileSync(file, 'utf8');
  try {
    writeFileSync(file, original.replace(/<faultConnector>[\s\S]*?<\/faultConnector>/, ''));
    const junit = path.join(project, 'out', 'junit.xml');
    const r = await runCli([FLOW, '--element', 'Send_Order', '--status', '500', '--junit', junit]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Simulated HTTP 500/);
    assert.match(r.stdout, /End: Send_Order has no fault connector: the interview fails/);
    const xml = readFileSync(junit, 'utf8');
    assert.match(xml, /<testsuite name="Order_Sync.Send_Order" tests="2" failures="1">/);
    assert.match(xml, /<testcase classname="Order_Sync.Send_Order" name="path"><failure message="Send_Order has no fault connector/);
  } finally {
    writeFileSync(file, original);
  }
});

test('missing inputs: nothing is sent, the missing ones are listed, exit 2', async () => {
  const saved = path.join(project, '.flowcallout/tests/Order_Sync.Send_Order.yaml');
  const text = readFileSync(saved, 'utf8');
  try {
    rmSync(saved);
    const { code, out } = await json([]);
    assert.equal(code, 2);
    assert.deepEqual(out.missing, ['body']);
    assert.equal(out.callout, null);
    assert.match(out.notSent, /Nothing sent: no value for body\. Give it in the test inputs \(\.flowcallout\/tests\/Order_Sync\.Send_Order\.yaml\)/);
    assert.match(out.notes.join('\n'), /orderRequest is set by Build_Request before the callout/);
    // --input gives it as JSON text.
    const given = await json(['--input', 'body={"orderNumber":"9"}']);
    assert.equal(given.code, 0);
    assert.deepEqual(given.out.inputs[2], { name: 'body', in: 'body', value: { orderNumber: '9' }, source: 'given' });
    assert.deepEqual(JSON.parse(given.out.callout.request.body), { orderNumber: '9' });
  } finally {
    writeFileSync(saved, text);
  }
});

test('a flow action that is not an External Service, and a missing --element, are usage errors', async () => {
  const r = await runCli([FLOW]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--element/);
  const unknownElement = await json(['--element', 'Nope']);
  assert.equal(unknownElement.code, 2);
  assert.match(unknownElement.out.error, /has no action named Nope/);
});

test('the last values used: after the flow, the Flow Test and the saved inputs; kept in the cache folder, not the project; nothing secret-looking', async () => {
  const saved = path.join(project, '.flowcallout/tests/Order_Sync.Send_Order.yaml');
  const text = readFileSync(saved, 'utf8');
  const cache = mkdtempSync(path.join(tmpdir(), 'flow-callout-cache-'));
  const projectFiles = () => readdirSync(project, { recursive: true }).map(String).sort();
  const before = projectFiles();
  try {
    rmSync(saved);
    const first = await json(['--input', 'body={"orderNumber":"L-1","amount":5}'], cache);
    assert.equal(first.code, 0);
    // Sent again with nothing given and no saved inputs: the body is the last one used.
    const again = await json([], cache);
    assert.equal(again.code, 0);
    assert.deepEqual(again.out.inputs.find((i: { name: string }) => i.name === 'body'), { name: 'body', in: 'body', value: { orderNumber: 'L-1', amount: 5 }, source: 'last values used' });
    assert.deepEqual(JSON.parse(again.out.callout.request.body), { orderNumber: 'L-1', amount: 5 });
    // The flow's own values and the Flow Test's come first: the customer id is still the Flow Test's.
    assert.match(again.out.inputs.find((i: { name: string }) => i.name === 'customerId').source, /Flow Test/);
    // The saved test inputs win over the last values.
    writeFileSync(saved, text);
    const withSaved = await json([], cache);
    assert.match(withSaved.out.inputs.find((i: { name: string }) => i.name === 'body').source, /\(saved test inputs\)$/);
    assert.notDeepEqual(withSaved.out.inputs.find((i: { name: string }) => i.name === 'body').value, { orderNumber: 'L-1', amount: 5 });
    // Kept outside the project, one file per action, without flow literals.
    assert.deepEqual(projectFiles(), before, 'nothing new in the project');
    const kept = readdirSync(cache, { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
    assert.equal(kept.length, 1);
    assert.match(kept[0], /Order_Sync\.Send_Order\.json$/);
    const values = JSON.parse(readFileSync(path.join(cache, kept[0]), 'utf8'));
    assert.deepEqual(Object.keys(values).sort(), ['body', 'customerId']);
  } finally {
    writeFileSync(saved, text);
    rmSync(cache, { recursive: true, force: true });
  }
  // What is never kept: a secret-looking name (the extension's test), a masked value, a flow literal.
  assert.deepEqual(keepableInputs([
    { name: 'apiKey', in: 'header', value: 'k-123', source: 'given' },
    { name: 'X-Session-Token', in: 'header', value: 't', source: 'given' },
    { name: 'note', in: 'query', value: 'echo ••••', source: 'given' },
    { name: 'channel', in: 'header', value: 'salesforce', source: 'flow literal' },
    { name: 'customerId', in: 'path', value: 'C-77', source: 'given' },
  ]), { customerId: 'C-77' });
  assert.match(lastInputsFile('/p', 'F', 'A', { FLOW_CALLOUT_CACHE_DIR: '/tmp/c' }), /^\/tmp\/c\/last-inputs\/[0-9a-f]{16}\/F\.A\.json$/);
});

test('the last-inputs cache folder is each OS\'s own cache place, outside the project', () => {
  // Windows: %LOCALAPPDATA%, else <home>\AppData\Local; backslashes throughout.
  assert.equal(cacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', 'C:\\Users\\ada'), 'C:\\Users\\ada\\AppData\\Local\\flow-callout');
  assert.equal(cacheDir({}, 'win32', 'C:\\Users\\ada'), 'C:\\Users\\ada\\AppData\\Local\\flow-callout');
  assert.equal(cacheDir({ LOCALAPPDATA: '' }, 'win32', 'C:\\Users\\ada'), 'C:\\Users\\ada\\AppData\\Local\\flow-callout');
  // macOS: ~/Library/Caches, whatever XDG_CACHE_HOME says.
  assert.equal(cacheDir({ XDG_CACHE_HOME: '/x' }, 'darwin', '/Users/ada'), '/Users/ada/Library/Caches/flow-callout');
  // Linux and the rest: $XDG_CACHE_HOME, else ~/.cache (an empty XDG_CACHE_HOME counts as unset).
  assert.equal(cacheDir({ XDG_CACHE_HOME: '/var/cache/ada' }, 'linux', '/home/ada'), '/var/cache/ada/flow-callout');
  assert.equal(cacheDir({ XDG_CACHE_HOME: '' }, 'linux', '/home/ada'), '/home/ada/.cache/flow-callout');
  // FLOW_CALLOUT_CACHE_DIR wins everywhere.
  assert.equal(cacheDir({ FLOW_CALLOUT_CACHE_DIR: 'D:\\cache', LOCALAPPDATA: 'C:\\x' }, 'win32', 'C:\\Users\\ada'), 'D:\\cache');
  assert.equal(cacheDir({ FLOW_CALLOUT_CACHE_DIR: '/tmp/fc' }, 'darwin', '/Users/ada'), '/tmp/fc');
});
