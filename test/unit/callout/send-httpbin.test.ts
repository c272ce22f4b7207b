// The engine against a real HTTP server: Debian's python3-httpbin on a free loopback port (plus a few small
// loopback servers of the tests for what httpbin cannot do). Fails — never skips — when httpbin is missing.
import assert from 'node:assert/strict';
import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { CalloutContext } from '../../../server/src/core/callout/context';
import { parseEnvironments, type EnvironmentsFile } from '../../../server/src/core/callout/environments';
import { runCallout, type RunOptions } from '../../../server/src/core/callout/run';
import { mapSecretResolver } from '../../../server/src/core/callout/secrets';
import { sendHttp } from '../../../server/src/core/callout/send';
import { ctx, ec, freePort, loopbackServer, nc, startHttpbin, type Httpbin } from './helpers';

let hb: Httpbin;
before(async () => {
  hb = await startHttpbin();
});
after(async () => {
  await hb?.stop();
});

function envs(auth?: object, baseUrl = hb.url): EnvironmentsFile {
  const parsed = parseEnvironments(JSON.stringify({ version: 1, environments: { httpbin: { namedCredentials: { Api: { baseUrl, ...(auth ? { auth } : {}) } } } } }), 'flow-callout.environments.json');
  assert.deepEqual(parsed.problems, []);
  return parsed.value!;
}

function run(yaml: string, options: Partial<RunOptions> = {}, extra: Partial<CalloutContext> = {}) {
  return runCallout(ctx(yaml, { namedCredential: nc('Api', { url: hb.url, externalCredential: 'Api', ...extra.namedCredential }), externalCredential: ec('Api', 'Custom', 'ApiKey'), ...extra }), {
    secrets: mapSecretResolver({}), environment: 'httpbin', environments: envs(), timeoutSeconds: 10, ...options,
  });
}

const ANYTHING_GET = `name: Weather
namedCredential: Api
operation: getForecast
method: GET
path: /anything/forecast
query:
  latitude: { type: Double, required: true }
  units: { type: String, example: metric }
responses:
  2XX:
    sample: { args: { latitude: "1", units: x }, method: GET, url: x }
outputs:
  - { from: responseCode, to: code }
  - { from: 2XX.args.latitude, to: lat }
test:
  inputs: { latitude: 52.52 }
  expect: { responseCode: 200, lat: "52.52", path: success }
`;

test('GET with query parameters: sent as built, echoed, mapped to Flow outputs and variables', async () => {
  const r = await run(ANYTHING_GET);
  assert.equal(r.error, undefined, r.error?.message);
  assert.equal(r.request.url, `${hb.url}/anything/forecast?latitude=52.52&units=metric`);
  assert.equal(r.response!.status, 200);
  assert.deepEqual((r.response!.body.value as { args: unknown }).args, { latitude: '52.52', units: 'metric' });
  assert.equal(r.variables.find((v) => v.variable === 'lat')?.value, '52.52');
  assert.ok(r.passed, r.expectations.map((e) => e.message).join('; '));
  assert.ok(r.drift.some((d) => d.kind === 'added' && d.path === '2XX.headers'), 'httpbin echoes more than the sample has');
});

const ANYTHING_POST = `name: Leads
namedCredential: Api
operation: createLead
method: POST
path: /anything/leads
request:
  body: { name: "{!$Record.Name}", score: "{!score}", tags: [web] }
responses:
  2XX:
    sample: { json: { name: x, score: 1, tags: [a] }, method: POST }
outputs:
  - { from: 2XX.json.score, to: score }
test:
  inputs: { $Record.Name: Ada, score: 87 }
`;

test('POST JSON: the filled template is what the server receives', async () => {
  const r = await run(ANYTHING_POST);
  assert.equal(r.error, undefined, r.error?.message);
  const echo = r.response!.body.value as { json: unknown; headers: Record<string, string> };
  assert.deepEqual(echo.json, { name: 'Ada', score: 87, tags: ['web'] });
  assert.equal(echo.headers['Content-Type'], 'application/json; charset=UTF-8');
  assert.deepEqual(r.variables.map((v) => [v.variable, v.value, v.status]), [['score', 87, 'ok']]);
});

const STATUS = (code: number, extra = '') => `name: Status\nnamedCredential: Api\noperation: getStatus\nmethod: GET\npath: /status/${code}\nresponses:\n  2XX:\n    sample: { ok: true }\n${extra}`;

for (const code of [404, 500, 503]) {
  test(`/status/${code} with no declared response: fault path with $Flow.FaultMessage`, async () => {
    const r = await run(STATUS(code));
    assert.equal(r.response!.status, code);
    assert.equal(r.path.kind, 'fault');
    assert.match(r.path.faultMessage!, new RegExp(`Status\\.getStatus: HTTP ${code}`));
    assert.equal(r.outputs?.key, undefined);
    assert.equal(r.outputs?.responseCode, code);
  });
}

test('/status/404 with a declared 4XX: the flow continues with 4XX set', async () => {
  const r = await run(STATUS(404, '  4XX:\n    contentType: text/plain\n    sample: not found\n'));
  assert.equal(r.path.kind, 'success');
  assert.equal(r.outputs?.key, '4XX');
});

test('Basic authentication (/basic-auth): secrets from the resolver; a wrong password is a 401 fault', async () => {
  const yaml = 'name: Basic\nnamedCredential: Api\noperation: check\nmethod: GET\npath: /basic-auth/ada/pw-9s8d7f\nresponses:\n  2XX:\n    sample: { authenticated: true, user: x }\n';
  const environments = envs({ kind: 'basic', username: 'Api.username', password: 'Api.password' });
  const ok = await run(yaml, { environments, secrets: mapSecretResolver({ 'Api.username': 'ada', 'Api.password': 'pw-9s8d7f' }) });
  assert.equal(ok.response!.status, 200, ok.error?.message);
  assert.deepEqual(ok.response!.body.value, { authenticated: true, user: 'ada' }, 'the user name is an identity, not masked');
  assert.equal(ok.request.headers.find((h) => h.name === 'Authorization')?.value, 'Basic ••••');
  const bad = await run(yaml, { environments, secrets: mapSecretResolver({ 'Api.username': 'ada', 'Api.password': 'wrong-pw' }) });
  assert.deepEqual([bad.response!.status, bad.path.kind], [401, 'fault']);
  const missing = await run(yaml, { environments });
  assert.equal(missing.error?.code, 'secret-missing');
  assert.match(missing.error!.message, /Secret Api\.username is not set\. Provide the secret Api\.username/);
  assert.equal(missing.path.kind, 'not-sent');
});

test('bearer token (/bearer): sent, echoed by the server, masked in the result', async () => {
  const r = await run('name: Bearer\nnamedCredential: Api\noperation: check\nmethod: GET\npath: /bearer\nresponses:\n  2XX:\n    sample: { authenticated: true, token: x }\n', {
    environments: envs({ kind: 'bearer', token: 'Api.token' }), secrets: mapSecretResolver({ 'Api.token': 'tok-5f4e3d2c' }),
  });
  assert.equal(r.response!.status, 200, r.error?.message);
  assert.deepEqual(r.response!.body.value, { authenticated: true, token: '••••' });
  assert.ok(!JSON.stringify(r).includes('tok-5f4e3d2c'));
});

test('a test timeout shorter than Salesforce\'s (/delay/3, 1 s): no path is claimed for the flow, the message names the setting', async () => {
  const r = await run('name: Slow\nnamedCredential: Api\noperation: wait\nmethod: GET\npath: /delay/3\nresponses:\n  2XX:\n    sample: {}\n', { timeoutSeconds: 1 });
  // Salesforce waits up to 120 s for a flow's HTTP callout: after 1 s the flow would still be waiting.
  assert.equal(r.error?.code, 'test-timeout');
  assert.match(r.error!.message, /within 1 s, this test's timeout\. A flow's HTTP callout waits up to 120 s, so what the flow gets is not known.*flowCallout\.send\.timeoutSeconds/);
  assert.equal(r.path.kind, 'unknown');
  assert.equal(r.path.faultMessage, undefined);
  assert.match(r.path.reason, /stopped waiting before Salesforce would/);
  assert.ok(!r.passed);
});

test('cancellation mid-flight (/delay/3): cancelled at once, nothing for the flow', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const r = await run('name: Slow\nnamedCredential: Api\noperation: wait\nmethod: GET\npath: /delay/3\nresponses:\n  2XX:\n    sample: {}\n', { signal: controller.signal });
  assert.equal(r.error?.code, 'cancelled');
  assert.equal(r.path.kind, 'not-sent');
});

const REDIRECT = (target: string) => `name: Hop\nnamedCredential: Api\noperation: hop\nmethod: GET\npath: /redirect-to\nquery:\n  url: { type: String, example: "${target}" }\nresponses:\n  2XX:\n    sample: { headers: {} }\n`;
const withKey = { namedCredential: nc('Api', { externalCredential: 'Api', customHeaders: [{ name: 'X-Api-Key', value: '{!$Credential.Api.apiKey}' }] }) };

test('redirect to another origin (/redirect-to → another port): Authorization and the credential header are not sent on', async () => {
  const other = await loopbackServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ headers: req.headers }));
  });
  try {
    const r = await run(REDIRECT(`${other.url}/headers`), {
      environments: envs({ kind: 'basic', username: 'Api.username', password: 'Api.password' }),
      secrets: mapSecretResolver({ 'Api.username': 'u', 'Api.password': 'p-1x2y3z', 'Api.apiKey': 'key-7h6g5f' }),
    }, withKey);
    assert.equal(r.response?.status, 200, JSON.stringify(r.error ?? r.findings));
    const seen = (r.response!.body.value as { headers: Record<string, string> }).headers;
    assert.equal(seen.authorization, undefined);
    assert.equal(seen['x-api-key'], undefined);
    assert.ok(seen['user-agent'], 'the other headers still go');
    assert.deepEqual(r.response!.redirects.map((x) => x.droppedHeaders.sort()), [['Authorization', 'X-Api-Key']]);
    assert.ok(r.findings.some((f) => f.code === 'redirect-credentials'));
  } finally {
    await other.close();
  }
});

test('redirect on the same origin keeps the credentials', async () => {
  const r = await run(REDIRECT(`${hb.url}/headers`), { secrets: mapSecretResolver({ 'Api.apiKey': 'key-7h6g5f' }) }, withKey);
  const seen = (r.response!.body.value as { headers: Record<string, string> }).headers;
  assert.equal(seen['X-Api-Key'], '••••', 'sent (and masked in the result)');
  assert.deepEqual(r.response!.redirects[0].droppedHeaders, []);
  // The org would likely get the 302 itself: a warning says so, with what the outcome model gives for a 302.
  const followed = r.findings.find((f) => f.code === 'redirect-followed')!;
  assert.equal(followed.severity, 'warning');
  assert.match(followed.message, new RegExp(`^This test followed a redirect \\(302 → ${hb.url}/headers\\)\\. Salesforce callouts are reported not to follow redirects`));
  assert.match(followed.message, /declares no 302, 3XX or default response: the action fails and the flow follows its fault connector/);
  // Declared, a 3XX is read on the normal path instead (the one outcome model decides both).
  const declared = await run(REDIRECT(`${hb.url}/headers`).replace('responses:\n', 'responses:\n  3XX:\n    sample: { moved: true }\n'), { secrets: mapSecretResolver({ 'Api.apiKey': 'key-7h6g5f' }) }, withKey);
  assert.match(declared.findings.find((f) => f.code === 'redirect-followed')!.message, /matches the declared 3XX response/);
  // No redirect, no warning.
  const direct = await run(REDIRECT(`${hb.url}/headers`).replace('path: /redirect-to', 'path: /headers'), { secrets: mapSecretResolver({ 'Api.apiKey': 'key-7h6g5f' }) }, withKey);
  assert.equal(direct.findings.some((f) => f.code === 'redirect-followed'), false);
});

for (const [pathName, flag] of [['gzip', 'gzipped'], ['deflate', 'deflated'], ['brotli', 'brotli']]) {
  test(`/${pathName}: the compressed body is decoded`, async () => {
    const r = await run(`name: Zip\nnamedCredential: Api\noperation: zip\nmethod: GET\npath: /${pathName}\nresponses:\n  2XX:\n    sample: { ${flag}: true }\n`);
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.response!.body.kind, 'json');
    assert.equal((r.response!.body.value as Record<string, unknown>)[flag], true);
    assert.equal(r.outputs?.fields.find((f) => f.name === flag)?.value, true);
  });
}

for (const [pathName, type] of [['html', 'text/html'], ['xml', 'application/xml']]) {
  test(`/${pathName}: a non-JSON body is text; declared as JSON it cannot be read (fault)`, async () => {
    const r = await run(`name: Doc\nnamedCredential: Api\noperation: doc\nmethod: GET\npath: /${pathName}\nresponses:\n  2XX:\n    sample: { a: 1 }\n`);
    assert.equal(r.response!.body.kind, 'text');
    assert.ok(r.response!.contentType.startsWith(type));
    assert.ok(r.response!.body.text.length > 100);
    assert.equal(r.path.kind, 'fault');
    assert.ok(r.findings.some((f) => f.code === 'not-json'));
    const plain = await run(`name: Doc\nnamedCredential: Api\noperation: doc\nmethod: GET\npath: /${pathName}\nresponses:\n  2XX:\n    contentType: text/plain\n    sample: text\n`);
    assert.equal(plain.path.kind, 'success');
    assert.equal(plain.outputs?.flowType, 'String');
  });
}

test('size cap: /bytes (Content-Length) and /stream-bytes (chunked) stop at the limit with a clear message', async () => {
  for (const p of ['/bytes/102400', '/stream-bytes/102400']) {
    await assert.rejects(sendHttp({ method: 'GET', url: `${hb.url}${p}`, headers: [] }, { timeoutMs: 10_000, maxBytes: 50_000, maxBytesReason: '6 MB, the synchronous Salesforce limit' }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'too-large');
      assert.match(e.message, /larger than 48\.8 KB.*synchronous Salesforce limit.*asynchronous path \(12 MB\)/);
      return true;
    });
  }
  const small = await sendHttp({ method: 'GET', url: `${hb.url}/bytes/1000`, headers: [] }, { timeoutMs: 10_000, maxBytes: 50_000 });
  assert.equal(small.body.length, 1000);
});

test('size cap through runCallout: 6 MB on a synchronous path, 12 MB when asynchronous', async () => {
  const big = Buffer.alloc(7 * 1024 * 1024, 'a');
  const server = await loopbackServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(big);
  });
  try {
    const yaml = 'name: Big\nnamedCredential: Api\noperation: big\nmethod: GET\npath: /big\nresponses:\n  2XX:\n    contentType: text/plain\n    sample: x\n';
    const sync = await run(yaml, { environments: envs(undefined, server.url) });
    assert.equal(sync.error?.code, 'too-large');
    assert.match(sync.error!.message, /larger than 6 MB, 6 MB, the synchronous Salesforce limit/);
    assert.equal(sync.path.kind, 'fault');
    const asyncRun = await run(yaml, { environments: envs(undefined, server.url), async: true });
    assert.equal(asyncRun.error, undefined);
    assert.equal(asyncRun.response!.sizeBytes, big.length);
  } finally {
    await server.close();
  }
});

test('invalid JSON (a loopback server of the test): a finding and the fault path, not a crash', async () => {
  const server = await loopbackServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"id": "L-1", "score": }');
  });
  try {
    const r = await run('name: Bad\nnamedCredential: Api\noperation: bad\nmethod: GET\npath: /x\nresponses:\n  2XX:\n    sample: { id: x }\n', { environments: envs(undefined, server.url) });
    assert.equal(r.error, undefined);
    const f = r.findings.find((x) => x.code === 'invalid-json');
    assert.ok(f);
    assert.match(f.message, /does not parse at line 1, column \d+/);
    assert.equal(r.path.kind, 'fault');
    assert.equal(r.response!.body.text, '{"id": "L-1", "score": }');
    assert.equal(f.severity, 'error');
    assert.deepEqual(r.failures!.map((x) => x.code), ['fault-path', 'invalid-json']);
    assert.equal(r.passed, false, 'no test.expect, but the flow could not read the body');
    // Declared as text: the flow reads the body as a String, so the broken JSON is a warning and the case passes.
    const text = await run('name: Bad\nnamedCredential: Api\noperation: bad\nmethod: GET\npath: /x\nresponses:\n  2XX:\n    contentType: text/plain\n    sample: text\n', { environments: envs(undefined, server.url) });
    const w = text.findings.find((x) => x.code === 'invalid-json');
    assert.equal(w?.severity, 'warning');
    assert.match(w!.message, /does not parse.*The 2XX response is declared as text\/plain with a text sample, so the flow reads this body as text, not JSON; fix the API's Content-Type\.$/);
    assert.doesNotMatch(w!.message, /Salesforce could not read it/);
    assert.equal(text.path.kind, 'success');
    assert.deepEqual(text.failures, []);
    assert.equal(text.passed, true);
  } finally {
    await server.close();
  }
});

test('connection refused: a message naming the host and what to check', async () => {
  const port = await freePort();
  const r = await run(ANYTHING_GET, { environments: envs(undefined, `http://127.0.0.1:${port}`) });
  assert.equal(r.error?.code, 'connection-refused');
  assert.match(r.error!.message, new RegExp(`Nothing answers at 127\\.0\\.0\\.1:${port}.*base URL`));
  assert.equal(r.path.kind, 'fault');
});

test('proxy: requests go through the given proxy (proxy-agent), loopback targets bypass it', async () => {
  const seen: string[] = [];
  const proxy = createServer((req, res) => {
    seen.push(req.url ?? '');
    const target = new URL(req.url ?? '/');
    const upstream = httpRequest({ host: '127.0.0.1', port: hb.port, path: target.pathname + target.search, method: req.method, headers: { ...req.headers, host: target.host, 'x-test-proxy': 'yes' } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  try {
    const r = await run(ANYTHING_GET, { environments: envs(undefined, 'http://api.flow-callout.test'), proxy: { url: proxyUrl } });
    assert.equal(r.error, undefined, r.error?.message);
    assert.deepEqual(seen, ['http://api.flow-callout.test/anything/forecast?latitude=52.52&units=metric']);
    assert.equal((r.response!.body.value as { headers: Record<string, string> }).headers['X-Test-Proxy'], 'yes');
    const direct = await run(ANYTHING_GET, { proxy: { url: proxyUrl } });
    assert.equal(direct.response?.status, 200);
    assert.equal(seen.length, 1, 'loopback is not proxied');
  } finally {
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  }
});
