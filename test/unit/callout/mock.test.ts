// The built-in mock: the pick rule, request checks, and every example definition's 2XX and 4XX paths end
// to end through runCallout (a real loopback server, real node-fetch).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { contextFromProject } from '../../../server/src/core/callout/context';
import { checkRequestShape, MOCK_RESPONSE_HEADER, mockStatusFor, mockUrlFor, pickMockResponse, startMockServer } from '../../../server/src/core/callout/mock';
import { runCallout } from '../../../server/src/core/callout/run';
import { mapSecretResolver, mayBeSecret } from '../../../server/src/core/callout/secrets';
import { nodeFs } from '../../../server/src/core/project/fs';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { examplesRoot } from '../helpers';
import { def } from './helpers';

test('pick: asked key, else test.response, else the first 2XX; range keys get a representative status', () => {
  assert.deepEqual(['2XX', '4XX', '5XX', '201', '404', 'default'].map((k) => mockStatusFor(k, 'POST')), [201, 400, 500, 201, 404, 200]);
  assert.equal(mockStatusFor('2XX', 'GET'), 200);
  // The status must match back to the same declared response (exact code, then range, then default).
  assert.equal(mockStatusFor('2XX', 'GET', ['200', '2XX']), 201);
  assert.equal(mockStatusFor('2XX', 'POST', ['201', '2XX']), 200);
  assert.equal(mockStatusFor('2XX', 'GET', ['200', '201', '2XX']), 202);
  assert.equal(mockStatusFor('default', 'GET', ['200', 'default']), 500);
  assert.equal(mockStatusFor('default', 'GET', ['2XX', '5XX', 'default']), 400);
  assert.equal(mockStatusFor('4XX', 'GET', ['400', '4XX']), 401);
  const both = def('name: P\nnamedCredential: A\nmethod: GET\npath: /p\nresponses:\n  200: { sample: { a: 1 } }\n  default: { sample: { error: x } }\n');
  assert.deepEqual(pickMockResponse(both, 'default'), { key: 'default', status: 500, reason: 'default as asked → HTTP 500' });
  const d = def('name: P\nnamedCredential: A\nmethod: POST\npath: /p\nresponses:\n  4XX: { sample: { e: 1 } }\n  2XX: { sample: { ok: true } }\n');
  assert.deepEqual(pickMockResponse(d), { key: '2XX', status: 201, reason: 'the first 2XX response (2XX, POST) → HTTP 201' });
  assert.deepEqual(pickMockResponse(d, '4xx'), { key: '4XX', status: 400, reason: '4XX as asked → HTTP 400' });
  assert.match((pickMockResponse(d, '500') as { error: string }).error, /does not declare \(it has 4XX, 2XX\)/);
  const t = def('name: P\nnamedCredential: A\nmethod: GET\npath: /p\nresponses:\n  200: { sample: {} }\n  404: { sample: {} }\ntest: { response: "404" }\n');
  assert.deepEqual(pickMockResponse(t), { key: '404', status: 404, reason: 'test.response is 404' });
});

test('request shape: missing, extra and retyped fields; merge-field placeholders accept any scalar', () => {
  const sample = { name: '{!$Record.Name}', score: 1, tags: ['a'], address: { city: 'x' } };
  assert.deepEqual(checkRequestShape(sample, { name: 42, score: 2.5, tags: ['b'], address: { city: 'y' } }), []);
  assert.deepEqual(checkRequestShape(sample, { name: { x: 1 }, score: 'high', tags: 'a', extra: true }), [
    'body.name is object but the request sample has a merge field (a single value)',
    'body.score is String; the request sample has Integer',
    'body.tags is String; the request sample has a list',
    'body.address is missing (the request sample has it)',
    'body.extra is not in the request sample',
  ]);
});

test('standalone mock: routes by method + path, 404/405 with what it serves, header picks the response', async () => {
  const leads = def('name: Leads\nnamedCredential: A\nmethod: POST\npath: /leads/{id}\nquery:\n  q: { type: String, required: true }\nrequest:\n  body: { name: x }\nresponses:\n  2XX: { sample: { id: L1 } }\n  4XX: { sample: { error: bad } }\n');
  const records: string[] = [];
  const mock = await startMockServer({ definitions: [leads], onRequest: (r) => records.push(`${r.method} ${r.path} ${r.pick?.key ?? '-'} ${r.findings.join('|')}`) });
  try {
    const ok = await fetch(`${mock.url}/leads/7?q=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Ada"}' });
    assert.equal(ok.status, 201);
    assert.deepEqual(await ok.json(), { id: 'L1' });
    const asked = await fetch(`${mock.url}/leads/7`, { method: 'POST', headers: { 'content-type': 'text/plain', [MOCK_RESPONSE_HEADER]: '4XX' }, body: 'hi' });
    assert.equal(asked.status, 400);
    const wrongMethod = await fetch(`${mock.url}/leads/7`, { method: 'GET' });
    assert.equal(wrongMethod.status, 405);
    const none = await fetch(`${mock.url}/nothing`);
    assert.equal(none.status, 404);
    assert.match(((await none.json()) as { message: string }).message, /The mock serves: POST \/leads\/\{id\}/);
    assert.deepEqual(records, [
      'POST /leads/7 2XX ',
      'POST /leads/7 4XX required query parameter q is missing|Content-Type is text/plain; the definition sends application/json|the body is not JSON (2 characters)',
      'GET /leads/7 - GET is not the method of Leads (POST)',
      'GET /nothing - no definition has GET /nothing',
    ]);
  } finally {
    await mock.close();
  }
});

const examples = readdirSync(path.join(examplesRoot, 'callouts')).filter((f) => /\.callout\.ya?ml$/.test(f));

for (const file of examples) {
  for (const key of ['2XX', '4XX']) {
    test(`example ${file}: ${key} through the mock end to end`, async () => {
      const project = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow });
      const abs = path.join(examplesRoot, 'callouts', file);
      const ctx = await contextFromProject(project, { text: readFileSync(abs, 'utf8'), fileName: abs }, nodeFs.readFile);
      const r = await runCallout(ctx, { secrets: mapSecretResolver({}), mockResponse: key });
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.mock?.key, key);
      assert.deepEqual(r.mock?.requestFindings, [], 'the request built from the definition matches its own sample');
      const status = r.response!.status;
      assert.equal(Math.floor(status / 100), Number(key[0]));
      assert.equal(r.outputs?.key, key);
      assert.equal(r.path.kind, 'success', 'a declared response is not a fault');
      assert.ok(r.outputs!.fields.length > 0);
      assert.ok(r.outputs!.fields.every((f) => f.ok), 'the sample fits its own types');
      assert.deepEqual(r.drift, [], 'the mock serves the sample, so nothing drifts');
      for (const v of r.variables) {
        const fromKey = v.from.split('.')[0];
        if (fromKey === 'responseCode') assert.equal(v.value, status);
        else if (fromKey !== key) assert.equal(v.status, 'not-set', `${v.variable} is not assigned on the ${key} path`);
        else assert.equal(v.ok, true, `${v.variable}: ${v.reason}`);
      }
      // The definition's own test.response/expectations describe its default pick.
      const defaultKey = /test:\s*\n\s+response: (\S+)/.exec(readFileSync(abs, 'utf8'))?.[1] ?? '2XX';
      if (key === defaultKey) assert.ok(r.passed, r.expectations.filter((e) => !e.pass).map((e) => e.message).join('; '));
    });
  }
}

test('a mock that outlives the send: the sent definition is attached for the send, the rest asked per request, one URL', async () => {
  const project = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow });
  const abs = path.join(examplesRoot, 'callouts', 'ExternalCrmLeads.callout.yaml');
  const saved = readFileSync(abs, 'utf8');
  // The workspace's definitions as the window has them: the file on disk.
  let asked = 0;
  const mock = await startMockServer({ definitions: () => (asked++, [def(saved)]) });
  try {
    assert.equal(mock.url, mockUrlFor('127.0.0.1', Number(new URL(mock.url).port)));
    // The editor's unsaved text answers another id: the send uses it, not the file.
    const edited = saved.replace('id: L-000123', 'id: L-EDITED');
    const ctx = await contextFromProject(project, { text: edited, fileName: abs }, nodeFs.readFile);
    const r = await runCallout(ctx, { secrets: mapSecretResolver({}), mockServer: mock });
    assert.equal(r.error, undefined, r.error?.message);
    assert.ok(r.request.url.startsWith(`${mock.url}/`), r.request.url);
    assert.equal(r.outputs?.key, '2XX');
    assert.deepEqual(r.mock && { key: r.mock.key, status: r.mock.status }, { key: '2XX', status: 201 });
    assert.match(JSON.stringify(r.response?.body), /L-EDITED/);
    // The sent definition answered: the workspace's definitions (a file search in VS Code, counted in the
    // response time) were not listed for it.
    assert.equal(asked, 0, 'the provider is not asked when an attached definition answers');
    // After the send, the same URL still answers — from the provider (the file), the send's text detached.
    const later = await fetch(`${mock.url}/api/v1/leads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(later.status, 201);
    assert.match(await later.text(), /L-000123/);
    assert.equal(asked, 1, 'the definitions are asked for per request the attached ones do not answer');
    assert.deepEqual(mock.requests.map((q) => q.seq), [0, 1]);
  } finally {
    await mock.close();
  }
});

test('values typed for inputs that may be secrets are masked in the result; names that say so', async () => {
  assert.deepEqual(['$Record.Phone', 'apiKey', '$Record.Password__c', 'X-Api-Key', 'client_secret', 'Author', '$Record.Company'].map(mayBeSecret), [false, true, true, true, true, false, false]);
  const project = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow });
  const abs = path.join(examplesRoot, 'callouts', 'ExternalCrmLeads.callout.yaml');
  const text = readFileSync(abs, 'utf8').replace('    leadSource:', '    pin: "{!$Record.Pin__c}"\n    leadSource:');
  const ctx = await contextFromProject(project, { text, fileName: abs }, nodeFs.readFile);
  const r = await runCallout(ctx, { secrets: mapSecretResolver({}), inputs: { '$Record.Pin__c': '4711-secret' }, secretValues: ['4711-secret'] });
  assert.equal(r.error, undefined, r.error?.message);
  assert.ok(!JSON.stringify(r).includes('4711-secret'));
  assert.match(r.request.body ?? '', /"pin":"••••"/);
});

test('onSending is called once when the request goes out, never for a send that stops at a missing input', async () => {
  const project = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow });
  const abs = path.join(examplesRoot, 'callouts', 'ExternalCrmLeads.callout.yaml');
  const text = readFileSync(abs, 'utf8').replace('    leadSource:', '    phone: "{!$Record.Phone}"\n    leadSource:');
  const ctx = await contextFromProject(project, { text, fileName: abs }, nodeFs.readFile);
  let calls = 0;
  const stopped = await runCallout(ctx, { secrets: mapSecretResolver({}), onSending: () => calls++ });
  assert.equal(stopped.error?.code, 'input-missing');
  assert.equal(calls, 0);
  const sent = await runCallout(ctx, { secrets: mapSecretResolver({}), inputs: { '$Record.Phone': '+1 555 0100' }, onSending: () => calls++ });
  assert.equal(sent.error, undefined, sent.error?.message);
  assert.equal(sent.response?.status, 201);
  assert.equal(calls, 1);
});

test('a definition whose method is not one Flow can use is not sent: the error names the method and the file', async () => {
  // Before: FETCH went out as written and the mock's HTTP server answered 400, shown as the declared 4XX path.
  const project = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow });
  const file = path.join(examplesRoot, 'callouts', 'ExternalCrmLeads.callout.yaml');
  const text = readFileSync(file, 'utf8').replace('method: POST', 'method: FETCH');
  const ctx = await contextFromProject(project, { text, fileName: file }, nodeFs.readFile);
  const result = await runCallout(ctx, { secrets: mapSecretResolver({}) });
  assert.equal(result.response, undefined);
  assert.equal(result.error?.code, 'method');
  assert.equal(result.error?.message, 'method: FETCH is not an HTTP method a Flow HTTP callout can use (GET, POST, PUT, PATCH, DELETE), so nothing was sent. Fix method: in ExternalCrmLeads.callout.yaml.');
  assert.equal(result.passed, false);
});
