// Drift from the sample, test.expect results, and the secret masker.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectDrift } from '../../../server/src/core/callout/drift';
import { checkExpectations } from '../../../server/src/core/callout/expect';
import { flowOutputs, flowPath } from '../../../server/src/core/callout/outputs';
import { toCurl } from '../../../server/src/core/callout/curl';
import { envSecretResolver, MASK, SecretMasker, secretEnvName } from '../../../server/src/core/callout/secrets';
import { checkVariables } from '../../../server/src/core/callout/variables';
import { def } from './helpers';

const D = `name: Shop
namedCredential: Api
operation: getOrder
method: GET
path: /order
responses:
  2XX:
    sample:
      id: O-1
      total: 10
      paid: true
      lines: [{ sku: A, qty: 1 }]
      customer: { name: Ada, vip: false }
      coupon: null
outputs:
  - { from: responseCode, to: status }
  - { from: 2XX.id, to: orderId }
  - { from: 2XX.total, to: total }
test:
  expect:
    responseCode: 200
    path: success
    orderId: { type: String, notEmpty: true }
    total: { equals: 10 }
    2XX.customer.name: Ada
`;

test('drift: fields added, missing, retyped and null, by path', () => {
  const items = detectDrift(def(D), '2XX', {
    id: 'O-1', total: 10.5, paid: 'yes', lines: [{ sku: 'A', qty: 1, note: 'gift' }], customer: null, coupon: 'SAVE10', extra: 1,
  });
  const got = items.map((i) => `${i.kind} ${i.path}`).sort();
  assert.deepEqual(got, [
    'added 2XX.extra', 'added 2XX.lines.note', 'null 2XX.customer', 'retyped 2XX.coupon', 'retyped 2XX.paid', 'retyped 2XX.total',
  ].sort());
  assert.match(items.find((i) => i.path === '2XX.total')!.message, /Integer in the sample but 10\.5 \(a decimal\).*types\.2XX\.total: Double/);
  assert.match(items.find((i) => i.path === '2XX.coupon')!.message, /null in the sample.*Set types\.2XX\.coupon: String/);
  const missing = detectDrift(def(D), '2XX', { id: 'O-1' });
  assert.deepEqual(missing.filter((m) => m.kind === 'missing').map((m) => m.path), ['2XX.total', '2XX.paid', '2XX.lines', '2XX.customer', '2XX.coupon']);
  assert.deepEqual(detectDrift(def(D), '2XX', { id: 'x', total: 1, paid: false, lines: [], customer: { name: 'B', vip: true }, coupon: null }), []);
});

function facts(status: number, value: unknown) {
  const d = def(D);
  const outputs = flowOutputs(d, status, value);
  const path = flowPath(d, 'Shop.getOrder', status, '', JSON.stringify(value), undefined);
  return { d, outputs, path, variables: checkVariables(d, outputs, value, undefined) };
}

test('expectations: responseCode, path, variables by type/notEmpty/equals, output paths; pass and fail', () => {
  const ok = facts(200, { id: 'O-9', total: 10, paid: true, lines: [], customer: { name: 'Ada', vip: true }, coupon: null });
  const results = checkExpectations(ok.d, ok);
  assert.deepEqual(results.map((r) => [r.name, r.pass]), [['responseCode', true], ['path', true], ['orderId', true], ['total', true], ['2XX.customer.name', true]]);
  const bad = facts(503, { down: true });
  const failed = checkExpectations(bad.d, bad);
  assert.ok(failed.every((r) => !r.pass));
  assert.match(failed[0].message, /responseCode: expected 200, got 503/);
  assert.match(failed[1].message, /expected "success", the flow takes the fault path/);
  assert.match(failed[2].message, /variable orderId \(from 2XX\.id, not set: HTTP 503 sets no declared output.*\) is empty/);
  const unknown = checkExpectations(def(D.replace('    2XX.customer.name: Ada\n', '    nobody: 1\n')), ok).find((r) => r.name === 'nobody')!;
  assert.equal(unknown.pass, false);
  assert.match(unknown.message, /names no mapped flow variable or output field \(variables: status, orderId, total\)/);
});

test('expectations without a response: a mapped variable is "not set" with the reason, not "names no mapped flow variable"', () => {
  const d = def(D);
  const notSent = checkExpectations(d, { outputs: undefined, path: { kind: 'not-sent', reason: 'no environment' }, variables: [] });
  const orderId = notSent.find((r) => r.name === 'orderId')!;
  assert.equal(orderId.pass, false);
  assert.equal(orderId.message, 'orderId: not set. no environment');
  const refused = checkExpectations(d, { outputs: undefined, path: { kind: 'fault', reason: 'No HTTP response (connection-refused)' }, variables: [] });
  assert.equal(refused.find((r) => r.name === 'orderId')!.message, 'orderId: not set. There was no HTTP response, so the flow takes its fault path.');
  assert.ok(refused.every((r) => !r.pass));
});

test('masker: the value, its URL-encoded and JSON-escaped forms, Basic pairs, keys and nested data', () => {
  const m = new SecretMasker();
  m.add('s3cr3t/"key"');
  m.addBasic('user', 'pw-123');
  const b64 = Buffer.from('user:pw-123').toString('base64');
  const data = { headers: [{ name: 'X', value: 's3cr3t/"key"' }], url: `https://h/?k=${encodeURIComponent('s3cr3t/"key"')}`, json: JSON.stringify({ k: 's3cr3t/"key"' }), auth: `Basic ${b64}`, ['pw-123']: ['pw-123'] };
  const masked = JSON.stringify(m.maskDeep(data));
  for (const needle of ['s3cr3t', 'pw-123', b64, encodeURIComponent('s3cr3t/"key"')]) assert.ok(!masked.includes(needle), `${needle} leaked: ${masked}`);
  assert.ok(masked.includes(MASK));
  assert.equal(m.mask('no secrets here'), 'no secrets here');
});

test('CLI secrets: environment variable names from references', async () => {
  assert.equal(secretEnvName('ExternalCRM.apiKey'), 'FLOW_CALLOUT_SECRET_EXTERNALCRM_APIKEY');
  assert.equal(secretEnvName('Address-Check.pass_word'), 'FLOW_CALLOUT_SECRET_ADDRESS_CHECK_PASS_WORD');
  const r = envSecretResolver({ FLOW_CALLOUT_SECRET_A_B: 'v', FLOW_CALLOUT_SECRET_A_EMPTY: '' });
  assert.equal(await r.get('A.b'), 'v');
  assert.equal(await r.get('A.empty'), undefined);
  assert.match(r.howToSet('A.c'), /FLOW_CALLOUT_SECRET_A_C/);
});

test('copy as cURL quotes for the shell', () => {
  const curl = toCurl({ method: 'POST', url: "https://h/p?q=it's", headers: [{ name: 'X-Api-Key', value: MASK }], body: '{"a":"b\'c"}', environment: 'e', baseUrl: '', baseUrlSource: '', auth: '', inputs: [] });
  assert.equal(curl, `curl --compressed -X POST 'https://h/p?q=it'\\''s' \\\n  -H 'X-Api-Key: ••••' \\\n  --data-raw '{"a":"b'\\''c"}'`);
});
