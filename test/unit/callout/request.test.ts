// Request building, environments and authentication headers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyAuth, TokenCache } from '../../../server/src/core/callout/auth';
import { parseEnvironments, resolveTarget, authFromMetadata } from '../../../server/src/core/callout/environments';
import { buildRequest } from '../../../server/src/core/callout/request';
import { mapSecretResolver, SecretMasker } from '../../../server/src/core/callout/secrets';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { slowResponseFinding } from '../../../server/src/core/callout/run';
import { DEFAULT_TIMEOUT_MS, sendHttp } from '../../../server/src/core/callout/send';
import { def, ec, loopbackServer, nc } from './helpers';

const LEADS = `name: Leads
namedCredential: ExternalCRM
method: POST
path: /api/v1/leads/{region}
pathParameters:
  region: { type: String, example: eu }
query:
  source: { type: String, required: false, example: salesforce }
  limit: { type: Integer, required: true }
request:
  body:
    name: "{!$Record.Name}"
    score: "{!score}"
    note: "Lead {!$Record.Name} from {!source}"
    nested: { tags: ["{!tag}"] }
responses:
  2XX: { sample: { id: x } }
test:
  inputs: { $Record.Name: Ada, score: 87, limit: 5, tag: web, source: Web }
`;

test('URL: base + path (path parameters filled) + query from test.inputs and examples', () => {
  const r = buildRequest(def(LEADS), 'https://api.example.com/');
  assert.equal(r.url, 'https://api.example.com/api/v1/leads/eu?source=Web&limit=5');
  assert.equal(r.method, 'POST');
  assert.deepEqual(r.missing, []);
  const sources = Object.fromEntries(r.inputs.map((i) => [i.name, i.source]));
  assert.equal(sources.region, 'example');
  assert.equal(sources.limit, 'test.inputs');
});

test('body: whole-string merge fields keep the input type; embedded ones are text', () => {
  const r = buildRequest(def(LEADS), 'https://api.example.com');
  assert.deepEqual(JSON.parse(r.body!), { name: 'Ada', score: 87, note: 'Lead Ada from Web', nested: { tags: ['web'] } });
  assert.deepEqual(r.headers.find((h) => h.name === 'Content-Type'), { name: 'Content-Type', value: 'application/json; charset=UTF-8' });
  assert.equal(r.headers.find((h) => h.name === 'Accept')?.value, 'application/json');
});

test('given values win over test.inputs; missing required inputs are reported, optional ones left out', () => {
  const d = def(LEADS.replace(/test:[\s\S]*$/, ''));
  const r = buildRequest(d, 'https://x.test', { '$Record.Name': 'Grace', tag: 'a' });
  assert.deepEqual(r.missing.sort(), ['limit', 'score', 'source'].sort());
  assert.ok(r.url.includes('source=salesforce'), 'a parameter example fills in when no input is given');
  const opt = buildRequest(def('name: O\nnamedCredential: A\nmethod: GET\npath: /o\nquery:\n  q: { type: String }\nresponses:\n  2XX: { sample: {} }\n'), 'http://h');
  assert.equal(opt.url, 'http://h/o', 'an optional parameter without a value is left out');
  assert.deepEqual(opt.missing, []);
  const r2 = buildRequest(def(LEADS), 'https://x.test', { '$Record.Name': 'Grace' });
  assert.equal(JSON.parse(r2.body!).name, 'Grace');
});

test('GET sends no body and says so; form bodies are url-encoded', () => {
  const get = buildRequest(def('name: G\nnamedCredential: A\nmethod: GET\npath: /g\nrequest:\n  body: { a: 1 }\nresponses:\n  2XX: { sample: {} }\n'), 'http://h');
  assert.equal(get.body, undefined);
  assert.ok(get.findings.some((f) => f.code === 'body-ignored'));
  const form = buildRequest(def('name: F\nnamedCredential: A\nmethod: POST\npath: /f\nrequest:\n  contentType: application/x-www-form-urlencoded\n  body: { a: "x y", b: 2 }\nresponses:\n  2XX: { sample: {} }\n'), 'http://h');
  assert.equal(form.body, 'a=x+y&b=2');
});

test('environments file: parsed, validated against the schema, secret values rejected', () => {
  const ok = parseEnvironments(JSON.stringify({
    version: 1, default: 'staging',
    environments: { staging: { baseUrl: 'https://staging.test', namedCredentials: { ExternalCRM: { baseUrl: 'https://crm.staging.test', auth: { kind: 'custom' } } } } },
  }), 'flow-callout.environments.json');
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.value!.default, 'staging');
  const bad = parseEnvironments(JSON.stringify({ version: 1, environments: { prod: { namedCredentials: { A: { auth: { kind: 'bearer', token: 'sk_live 123' } } } } } }), 'envs.json');
  assert.equal(bad.value, undefined);
  assert.match(bad.problems.join('\n'), /token.*secret reference/);
  assert.match(parseEnvironments('{', 'e.json').problems[0], /not valid JSON/);
  assert.match(parseEnvironments(JSON.stringify({ version: 1, environments: { mock: {} } }), 'e.json').problems.join(), /environments/);
});

test('target: environment base URL per named credential, metadata URL, and messages naming the file', () => {
  const file = parseEnvironments(JSON.stringify({ version: 1, environments: { staging: { namedCredentials: { ExternalCRM: { baseUrl: 'https://crm.staging.test' } } } } }), 'flow-callout.environments.json').value!;
  const crm = nc('ExternalCRM', { url: 'https://api.example-crm.com', externalCredential: 'ExternalCRM', customHeaders: [{ name: 'X-Api-Key', value: '{!$Credential.ExternalCRM.apiKey}' }] });
  const t = resolveTarget({ environment: 'staging', namedCredential: 'ExternalCRM', file, nc: crm, ec: ec('ExternalCRM', 'Custom', 'ApiKey') });
  assert.equal(t.baseUrl, 'https://crm.staging.test');
  assert.equal(t.plan.auth.kind, 'custom');
  assert.equal(t.plan.headers[0].name, 'X-Api-Key');
  assert.equal(resolveTarget({ environment: 'metadata', namedCredential: 'ExternalCRM', nc: crm }).baseUrl, 'https://api.example-crm.com');
  const noEnv = resolveTarget({ environment: 'prod', namedCredential: 'ExternalCRM', file, nc: crm });
  assert.equal(noEnv.error?.code, 'environment');
  assert.match(noEnv.error!.message, /no environment "prod" in flow-callout\.environments\.json/);
  const noUrl = resolveTarget({ environment: 'staging', namedCredential: 'Other', file });
  assert.match(noUrl.error!.message, /environments\.staging\.namedCredentials\.Other\.baseUrl/);
  const missingNc = resolveTarget({ environment: 'metadata', namedCredential: 'Nope' });
  assert.match(missingNc.error!.message, /Named credential Nope is not in the project/);
});

test('auth from metadata: legacy no-auth, Basic variant, OAuth needs an environment', () => {
  assert.equal(authFromMetadata('M', nc('M', { kind: 'Legacy', protocol: 'NoAuthentication' })).auth?.kind, 'none');
  assert.deepEqual(authFromMetadata('A', nc('A', { externalCredential: 'A' }), ec('A', 'Custom', 'Basic')).auth, { kind: 'basic', username: 'A.username', password: 'A.password' });
  const oauth = resolveTarget({ environment: 'metadata', namedCredential: 'O', nc: nc('O', { url: 'https://o.test', externalCredential: 'O' }), ec: ec('O', 'Oauth') });
  assert.equal(oauth.error?.code, 'environment');
  assert.match(oauth.error!.message, /oauth2-client-credentials with tokenUrl/);
});

const noSend = async () => {
  throw new Error('no network in this test');
};

test('custom header: {!$Credential.X.param} filled from the secret, masked, marked as a credential header', async () => {
  const masker = new SecretMasker();
  const out = await applyAuth(
    { auth: { kind: 'custom' }, headers: [{ name: 'X-Api-Key', value: '{!$Credential.ExternalCRM.apiKey}' }], source: 'test' },
    { secrets: mapSecretResolver({ 'ExternalCRM.apiKey': 'k-123456' }), masker, tokenCache: new TokenCache(), mock: false, send: noSend },
  );
  assert.deepEqual(out.headers, [{ name: 'X-Api-Key', value: 'k-123456' }]);
  assert.deepEqual(out.credentialHeaders, ['X-Api-Key']);
  assert.match(out.description, /header X-Api-Key from secret ExternalCRM\.apiKey/);
  assert.equal(masker.mask('key=k-123456'), 'key=••••');
});

test('missing secrets stop a real send but only drop the header for the mock', async () => {
  const plan = { auth: { kind: 'basic' as const, username: 'A.username', password: 'A.password' }, headers: [{ name: 'X-Key', value: 'k={!$Credential.A.key}' }], source: 't' };
  const real = await applyAuth(plan, { secrets: mapSecretResolver({ 'A.username': 'u' }), masker: new SecretMasker(), tokenCache: new TokenCache(), mock: false, send: noSend });
  assert.deepEqual(real.missing.sort(), ['A.key', 'A.password']);
  const mock = await applyAuth(plan, { secrets: mapSecretResolver({}), masker: new SecretMasker(), tokenCache: new TokenCache(), mock: true, send: noSend });
  assert.deepEqual(mock.missing, []);
  assert.deepEqual(mock.headers, []);
  assert.equal(mock.findings.filter((f) => f.code === 'mock-secret-skipped').length, 2);
  // The description names the declared header it left out, never "custom headers (none declared)".
  const custom = await applyAuth({ ...plan, auth: { kind: 'custom' } }, { secrets: mapSecretResolver({}), masker: new SecretMasker(), tokenCache: new TokenCache(), mock: true, send: noSend });
  assert.equal(custom.description, 'header X-Key not sent to the mock (secret A.key not set)');
  const none = await applyAuth({ ...plan, auth: { kind: 'custom' }, headers: [] }, { secrets: mapSecretResolver({}), masker: new SecretMasker(), tokenCache: new TokenCache(), mock: true, send: noSend });
  assert.equal(none.description, 'custom headers (none declared)');
});

test('Basic and bearer headers; the Base64 pair is masked too', async () => {
  const masker = new SecretMasker();
  const basic = await applyAuth({ auth: { kind: 'basic', username: 'A.username', password: 'A.password' }, headers: [], source: 't' }, { secrets: mapSecretResolver({ 'A.username': 'user', 'A.password': 'p@ss:w0rd' }), masker, tokenCache: new TokenCache(), mock: false, send: noSend });
  const b64 = Buffer.from('user:p@ss:w0rd').toString('base64');
  assert.deepEqual(basic.headers, [{ name: 'Authorization', value: `Basic ${b64}` }]);
  assert.equal(masker.mask(`Authorization: Basic ${b64}`), 'Authorization: Basic ••••');
  const bearer = await applyAuth({ auth: { kind: 'bearer', token: 'A.token' }, headers: [], source: 't' }, { secrets: mapSecretResolver({ 'A.token': 'tok_abcdef' }), masker, tokenCache: new TokenCache(), mock: false, send: noSend });
  assert.deepEqual(bearer.headers, [{ name: 'Authorization', value: 'Bearer tok_abcdef' }]);
});

test('OAuth 2.0 client credentials: token fetched once, cached until expiry, fetched again after', async () => {
  let calls = 0;
  let lastBody = '';
  const server = await loopbackServer((_req, res, body) => {
    calls++;
    lastBody = body;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ access_token: `at-${calls}-xyz`, token_type: 'Bearer', expires_in: 120 }));
  });
  try {
    let now = 1_000_000;
    const cache = new TokenCache();
    const masker = new SecretMasker();
    const auth = { kind: 'oauth2-client-credentials' as const, tokenUrl: `${server.url}/token`, clientId: 'O.clientId', clientSecret: 'O.clientSecret', scope: 'leads' };
    const ctx = { secrets: mapSecretResolver({ 'O.clientId': 'cid', 'O.clientSecret': 'csecret' }), masker, tokenCache: cache, mock: false, now: () => now, send: (req: Parameters<typeof sendHttp>[0]) => sendHttp(req, { timeoutMs: 5000, maxBytes: 1e6 }) };
    const first = await applyAuth({ auth, headers: [], source: 't' }, ctx);
    assert.deepEqual(first.headers, [{ name: 'Authorization', value: 'Bearer at-1-xyz' }]);
    assert.equal(new URLSearchParams(lastBody).get('grant_type'), 'client_credentials');
    assert.equal(new URLSearchParams(lastBody).get('scope'), 'leads');
    now += 60_000;
    const second = await applyAuth({ auth, headers: [], source: 't' }, ctx);
    assert.equal(second.headers[0].value, 'Bearer at-1-xyz');
    assert.equal(calls, 1, 'the cached token is reused');
    now += 40_000; // within 30 s of expiry: refreshed
    const third = await applyAuth({ auth, headers: [], source: 't' }, ctx);
    assert.equal(third.headers[0].value, 'Bearer at-2-xyz');
    assert.equal(calls, 2);
    assert.equal(masker.mask('at-1-xyz csecret'), '•••• ••••');
  } finally {
    await server.close();
  }
});

test('OAuth token endpoint refusing: a message naming the secrets to check', async () => {
  const server = await loopbackServer((_req, res) => {
    res.writeHead(401, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: 'invalid_client', error_description: 'bad secret' }));
  });
  try {
    const out = await applyAuth(
      { auth: { kind: 'oauth2-client-credentials', tokenUrl: `${server.url}/t`, clientId: 'O.id', clientSecret: 'O.secret' }, headers: [], source: 't' },
      { secrets: mapSecretResolver({ 'O.id': 'a', 'O.secret': 'b-secret' }), masker: new SecretMasker(), tokenCache: new TokenCache(), mock: false, send: (req) => sendHttp(req, { timeoutMs: 5000, maxBytes: 1e6 }) },
    );
    assert.equal(out.error?.code, 'oauth');
    assert.match(out.error!.message, /invalid_client: bad secret.*O\.id, O\.secret/);
  } finally {
    await server.close();
  }
});

test('timeout: 120 s by default everywhere (External Services, C10); a response over 10 s gets a note about Apex', () => {
  const root = pathToFileURL(path.join(__dirname, '..', '..', '..') + '/');
  assert.equal(DEFAULT_TIMEOUT_MS, 120_000);
  assert.equal(def('name: A\nnamedCredential: C\nmethod: GET\npath: /x\n').timeoutSeconds, 120);
  assert.equal(def('name: A\nnamedCredential: C\nmethod: GET\npath: /x\ntimeout: 30\n').timeoutSeconds, 30);
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  assert.equal(pkg.contributes.configuration.properties['flowCallout.send.timeoutSeconds'].default, 120);
  const schema = JSON.parse(readFileSync(new URL('schemas/callout.schema.json', root), 'utf8'));
  assert.equal(schema.properties.timeout.default, 120);
  assert.equal(slowResponseFinding(9_999), undefined);
  assert.equal(slowResponseFinding(10_000), undefined);
  const slow = slowResponseFinding(12_340);
  assert.equal(slow?.severity, 'info');
  assert.match(slow!.message, /took 12\.3 s\. .*waits up to 120 s, but an Apex callout \(HttpRequest\) times out after 10 s/);
});
