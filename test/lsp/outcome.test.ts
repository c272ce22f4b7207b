// The outcome fixture (test/fixtures/outcome) through the language server: the unread declared error
// response, hard-coded endpoints and Ids at their exact ranges; a Decision on responseCode, links in an email
// body, DTD/xmlns URIs and help links get nothing; hover on the action says what each response does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot, startServer, type TestServer } from './client';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'outcome');
const flows = path.join(fixture, 'force-app', 'main', 'default', 'flows');
let server: TestServer;

before(async () => {
  server = await startServer(fixture);
});
after(async () => {
  await server?.stop();
});

const position = (text: string, offset: number) => {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
};
const rangeOf = (text: string, anchor: string, needle: string) => {
  assert.ok(text.includes(anchor), anchor);
  const start = text.indexOf(anchor) + anchor.indexOf(needle);
  return { start: position(text, start), end: position(text, start + needle.length) };
};

async function open(name: string) {
  const file = path.join(flows, `${name}.flow-meta.xml`);
  const text = readFileSync(file, 'utf8');
  const pending = server.diagnostics('file://' + file);
  await server.open(file, text, 'flow-metadata-xml');
  return { file, text, diags: await pending };
}

test('silent: a Decision on responseCode, an operation without error responses, links and DTD/xmlns URIs in an email body', async () => {
  for (const name of ['Order_Submit_Checked', 'Order_Status']) {
    const { diags } = await open(name);
    assert.deepEqual(diags.map((d) => `${d.code}: ${d.message}`), [], name);
  }
  const { text, diags } = await open('Registration_Confirmation');
  // Only the org URL in the body; the agenda link, the image, the DTD, the namespaces, the video and the doc are not endpoints.
  assert.deepEqual(diags.map((d) => [d.code, d.range]), [['flow-hardcoded-url', rangeOf(text, 'https://acme-events.my.site.com/registrations/', 'https://acme-events.my.site.com/registrations/')]]);
  assert.equal(diags[0].severity, 2);
});

test('fires: unread 404/4XX, endpoints given to Apex actions, Ids in the entry formula and a text template', async () => {
  const unchecked = await open('Order_Submit_Unchecked');
  assert.deepEqual(unchecked.diags.map((d) => [d.code, d.severity, d.range]), [['flow-unread-error-response', 2, rangeOf(unchecked.text, '<name>Submit_Order</name>', 'Submit_Order')]]);
  assert.match(unchecked.diags[0].message, /on those statuses the flow continues on its normal path as if the call succeeded/);

  const rates = await open('Exchange_Rates_Refresh');
  assert.deepEqual(rates.diags.map((d) => [d.code, d.range]), [
    ['flow-hardcoded-url', rangeOf(rates.text, '<stringValue>https://api.rates.example.com/v6/latest/USD', 'https://api.rates.example.com/v6/latest/USD')],
    ['flow-hardcoded-url', rangeOf(rates.text, '<stringValue>https://hooks.example.net/finance/rates', 'https://hooks.example.net/finance/rates')],
  ]);

  const cases = await open('Case_Escalation');
  assert.deepEqual(cases.diags.map((d) => [d.code, d.range]), [
    ['flow-hardcoded-id', rangeOf(cases.text, '&apos;00G5e000003AbCdEAK', '00G5e000003AbCdEAK')],
    ['flow-hardcoded-id', rangeOf(cases.text, '/Account/001Dn00000AbCdE/', '001Dn00000AbCdE')],
  ]);
});

test('hover on the action names what each declared response and what faults', async () => {
  const { file, text } = await open('Order_Submit_Checked');
  const at = text.indexOf('OrderService.createOrder</actionName>') + 3;
  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file://' + file }, position: position(text, at) })) as { contents: { value: string } | string };
  const value = typeof hover.contents === 'string' ? hover.contents : hover.contents.value;
  assert.match(value, /404, 4XX → the flow continues on its normal path with responseCode and 404Exc, 4XXExc set/);
  assert.match(value, /a response with a status ≥ 300 it does not declare, a timeout or a connection failure → the fault path/);
});
