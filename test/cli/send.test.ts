// The bundled CLI (`node dist/cli.js send|mock`, built by `npm run build`) as a process: text, JSON and
// JUnit output, exit codes 0/1/2, the mock server, and — searching every output and file — that a secret
// never leaks. Sends go to Debian's httpbin on loopback.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { freePort, startHttpbin, type Httpbin } from '../unit/callout/helpers';

const repoRoot = path.resolve(__dirname, '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const API_KEY = 'sk-live-Zq8vW2xK9mTt';
const PASSWORD = 'pw-Hn4!r7&Lq';

let hb: Httpbin;
let project: string;

function write(rel: string, text: string): void {
  const file = path.join(project, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

before(async () => {
  assert.ok(existsSync(cli), `${cli} is missing: run "npm run build" first`);
  hb = await startHttpbin();
  project = mkdtempSync(path.join(tmpdir(), 'flow-callout-send-'));
  write('sfdx-project.json', JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
  write('force-app/main/default/namedCredentials/Echo.namedCredential-meta.xml', `<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Echo</label>
    <namedCredentialParameters><parameterName>Url</parameterName><parameterType>Url</parameterType><parameterValue>https://echo.example.com</parameterValue></namedCredentialParameters>
    <namedCredentialParameters><externalCredential>Echo</externalCredential><parameterName>ExternalCredential</parameterName><parameterType>Authentication</parameterType></namedCredentialParameters>
    <namedCredentialParameters><parameterName>X-Api-Key</parameterName><parameterType>HttpHeader</parameterType><parameterValue>{!$Credential.Echo.apiKey}</parameterValue></namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>`);
  write('force-app/main/default/externalCredentials/Echo.externalCredential-meta.xml', `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters><parameterGroup>DefaultGroup</parameterGroup><parameterName>Custom</parameterName><parameterType>AuthProtocolVariant</parameterType><parameterValue>ApiKey</parameterValue></externalCredentialParameters>
    <label>Echo</label>
</ExternalCredential>`);
  write('callouts/Echo.callout.yaml', `name: Echo
namedCredential: Echo
operation: createLead
method: POST
path: /anything/leads
request:
  body: { name: "{!$Record.Name}", note: "key is not here" }
responses:
  2XX:
    sample: { json: { name: x }, method: POST, url: x }
outputs:
  - { from: responseCode, to: code }
  - { from: 2XX.json.name, to: leadName }
test:
  inputs: { $Record.Name: Ada }
  expect: { responseCode: 200, leadName: Ada, path: success }
`);
  write('callouts/Fails.callout.yaml', `name: Fails
namedCredential: Echo
operation: getStatus
method: GET
path: /status/418
responses:
  2XX:
    sample: { ok: true }
test:
  expect: { responseCode: 200 }
`);
  // No test.expect: the verdict is whether the flow could use the response (core/callout/verdict.ts).
  write('callouts/Page.callout.yaml', `name: Page
namedCredential: Echo
operation: getPage
method: GET
path: /html
responses:
  2XX:
    sample: { title: x }
`);
  const teapot = (name: string) => `name: ${name}
namedCredential: Echo
operation: brew
method: GET
path: /status/418
responses:
  2XX:
    sample: { ok: true }
`;
  write('callouts/Teapot.callout.yaml', teapot('Teapot'));
  write('callouts/TeapotExpected.callout.yaml', `${teapot('TeapotExpected')}test:
  expect: { path: fault }
`);
  write('callouts/Warned.callout.yaml', `name: Warned
namedCredential: Echo
operation: getWithBody
method: GET
path: /get
request:
  body: { ignored: true }
responses:
  2XX:
    sample: { url: x }
`);
  const refused = await freePort();
  write('flow-callout.environments.json', JSON.stringify({
    version: 1,
    environments: {
      httpbin: { namedCredentials: { Echo: { baseUrl: hb.url } } },
      basic: { namedCredentials: { Echo: { baseUrl: hb.url, auth: { kind: 'basic', username: 'Echo.username', password: 'Echo.password' } } } },
      down: { baseUrl: `http://127.0.0.1:${refused}` },
    },
  }, null, 2));
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

/** A `flow-callout mock` process's URL and what it printed, once it says it is listening. */
function mockListening(child: ReturnType<typeof spawn>): Promise<{ url: string; printed: string }> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed within 10 s: ${seen}`)), 10_000);
    child.stdout!.on('data', (d) => {
      seen += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m && seen.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve({ url: m[1], printed: seen });
      }
    });
  });
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: project, env: { ...process.env, ...env, HTTPS_PROXY: '', HTTP_PROXY: '', https_proxy: '', http_proxy: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const SECRETS = { FLOW_CALLOUT_SECRET_ECHO_APIKEY: API_KEY, FLOW_CALLOUT_SECRET_ECHO_USERNAME: 'ada', FLOW_CALLOUT_SECRET_ECHO_PASSWORD: PASSWORD };

/** Parses XML strictly; throws on anything not well-formed. Returns element names with their attributes. */
function parseXmlStrict(text: string): { name: string; attributes: Record<string, string> }[] {
  const out: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new SaxesParser();
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => out.push({ name: t.name, attributes: t.attributes as Record<string, string> }));
  parser.write(text).close();
  return out;
}

test('send: text output with outputs, variables, path and expectations; JUnit well-formed; exit 0', async () => {
  const r = await runCli(['send', 'callouts/Echo.callout.yaml', '--env', 'httpbin', '--junit', 'reports/junit.xml'], SECRETS);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  for (const s of ['Echo.createLead', 'Response  200', 'Flow outputs (2XX', '2XX.json.name', '✓  leadName ← 2XX.json.name', 'Flow path  success', '✓ responseCode is 200', 'PASS', '1 passed, 0 failed']) {
    assert.ok(r.stdout.includes(s), `missing "${s}" in:\n${r.stdout}`);
  }
  const xml = readFileSync(path.join(project, 'reports', 'junit.xml'), 'utf8');
  const elements = parseXmlStrict(xml);
  const suites = elements.filter((e) => e.name === 'testsuite');
  assert.equal(suites.length, 1);
  assert.deepEqual([suites[0].attributes.name, suites[0].attributes.tests, suites[0].attributes.failures, suites[0].attributes.errors], ['Echo.createLead', '4', '0', '0']);
  assert.deepEqual(elements.filter((e) => e.name === 'testcase').map((e) => e.attributes.name), ['send', 'expect responseCode', 'expect leadName', 'expect path']);
});

test('send --json: one machine-readable object', async () => {
  const r = await runCli(['send', 'callouts/Echo.callout.yaml', '--env=httpbin', '--json'], SECRETS);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { passed: boolean; results: { response: { status: number }; variables: { variable: string; value: unknown }[] }[] };
  assert.equal(out.passed, true);
  assert.equal(out.results[0].response.status, 200);
  assert.deepEqual(out.results[0].variables.map((v) => [v.variable, v.value]), [['code', 200], ['leadName', 'Ada']]);
});

test('send: exit 1 when an expectation fails, with a <failure> in the JUnit file', async () => {
  const r = await runCli(['send', 'callouts/Echo.callout.yaml', 'callouts/Fails.callout.yaml', '--env', 'httpbin', '--junit', 'reports/fails.xml'], SECRETS);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /✗ responseCode: expected 200, got 418/);
  assert.match(r.stdout, /\$Flow\.FaultMessage ≈ .*HTTP 418/);
  assert.match(r.stdout, /1 passed, 1 failed/);
  const elements = parseXmlStrict(readFileSync(path.join(project, 'reports', 'fails.xml'), 'utf8'));
  // The expectation, and the send itself: HTTP 418 is undeclared, so the flow takes its fault path.
  assert.deepEqual(elements.filter((e) => e.name === 'failure').map((e) => e.attributes.type), ['fault-path', 'expectation']);
  assert.equal(elements.find((e) => e.name === 'testsuites')?.attributes.failures, '2');
});

test('send without test.expect: FAIL when the flow could not use the response (undeclared status, not-JSON body), in text, JSON and JUnit', async () => {
  const r = await runCli(['send', 'callouts/Page.callout.yaml', 'callouts/Teapot.callout.yaml', '--env', 'httpbin', '--junit', 'reports/verdict.xml'], SECRETS);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const [page, teapot] = r.stdout.split(/\n\n(?=\S)/);
  assert.match(page, /^ {2}error: The 2XX response is declared as JSON but the body is text\/html/m);
  assert.match(page, /Fails the case \(the flow could not use this response\)\n {4}✗ fault-path: the flow path above\. In Flow Builder, connect a fault path to this action \(without one the flow fails here\), or change the API or the responses in Page\.callout\.yaml/);
  assert.match(page, /\n {4}✗ not-json: the error above\n {2}FAIL$/);
  assert.match(teapot, /Flow path {2}fault: HTTP 418 is 300 or more and the registration declares no 418, 4XX or default response/);
  assert.match(teapot, /✗ fault-path: the flow path above\. .*the responses in Teapot\.callout\.yaml; if this fault is what the case tests, add test\.expect\.path: fault/);
  assert.match(teapot, /\n {2}FAIL$/);
  assert.match(r.stdout, /0 passed, 2 failed/);
  const elements = parseXmlStrict(readFileSync(path.join(project, 'reports', 'verdict.xml'), 'utf8'));
  assert.deepEqual(elements.filter((e) => e.name === 'testsuite').map((e) => [e.attributes.name, e.attributes.failures]), [['Page.getPage', '1'], ['Teapot.brew', '1']]);
  const failures = elements.filter((e) => e.name === 'failure');
  assert.deepEqual(failures.map((e) => e.attributes.type), ['fault-path', 'fault-path']);
  assert.match(failures[1].attributes.message, /HTTP 418 .*Teapot\.callout\.yaml/);
  const json = await runCli(['send', 'callouts/Page.callout.yaml', '--env', 'httpbin', '--json'], SECRETS);
  assert.equal(json.code, 1, json.stdout + json.stderr);
  const out = JSON.parse(json.stdout) as { passed: boolean; results: { passed: boolean; failures: { code: string }[] }[] };
  assert.equal(out.passed, false);
  assert.deepEqual(out.results[0].failures.map((f) => f.code), ['fault-path', 'not-json']);
});

test('send without test.expect: warnings stay warnings (PASS), and a fault the definition expects passes', async () => {
  const r = await runCli(['send', 'callouts/Warned.callout.yaml', 'callouts/TeapotExpected.callout.yaml', '--env', 'httpbin', '--junit', 'reports/warned.xml'], SECRETS);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^ {2}warning: GET sends no body/m);
  assert.match(r.stdout, /✓ the flow takes the fault path/);
  assert.doesNotMatch(r.stdout, /Fails the case/);
  assert.match(r.stdout, /2 passed, 0 failed/);
  assert.equal(parseXmlStrict(readFileSync(path.join(project, 'reports', 'warned.xml'), 'utf8')).filter((e) => e.name === 'failure').length, 0);
});

test('send to the mock (flow-callout mock) that answers text for a path declared as JSON: FAIL with the not-json error', async () => {
  const served = mkdtempSync(path.join(tmpdir(), 'flow-callout-mocked-'));
  mkdirSync(path.join(served, 'callouts'));
  writeFileSync(path.join(served, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'callouts', default: true }] }));
  writeFileSync(path.join(served, 'callouts', 'Health.callout.yaml'), 'name: Health\nnamedCredential: Echo\noperation: health\nmethod: GET\npath: /v1/health\nresponses:\n  2XX:\n    contentType: text/plain\n    sample: OK\n');
  write('callouts/HealthJson.callout.yaml', 'name: HealthJson\nnamedCredential: Echo\noperation: health\nmethod: GET\npath: /v1/health\nresponses:\n  2XX:\n    sample: { status: UP }\n');
  const child = spawn(process.execPath, [cli, 'mock', served, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const { url } = await mockListening(child);
    const r = await runCli(['send', 'callouts/HealthJson.callout.yaml', '--base-url', url, '--junit', 'reports/mocked.xml'], SECRETS);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /Response {2}200 OK .*text\/plain/);
    assert.match(r.stdout, /error: The 2XX response is declared as JSON but the body is text\/plain/);
    assert.match(r.stdout, /✗ not-json: the error above\n {2}FAIL/);
    const failures = parseXmlStrict(readFileSync(path.join(project, 'reports', 'mocked.xml'), 'utf8')).filter((e) => e.name === 'failure');
    assert.deepEqual(failures.map((e) => e.attributes.type), ['fault-path']);
    assert.match(failures[0].attributes.message, /declared as JSON but this body cannot be read as JSON/);
  } finally {
    child.kill();
    rmSync(served, { recursive: true, force: true });
  }
});

test('send: exit 2 on usage errors and network errors, with what to do', async () => {
  const unknown = await runCli(['send', 'callouts/Echo.callout.yaml', '--nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown option --nope/);
  const notCallout = await runCli(['send', 'sfdx-project.json']);
  assert.equal(notCallout.code, 2);
  assert.match(notCallout.stderr, /is not a callout definition/);
  const down = await runCli(['send', 'callouts/Echo.callout.yaml', '--env', 'down', '--junit', 'reports/down.xml'], SECRETS);
  assert.equal(down.code, 2);
  assert.match(down.stdout, /Error \(connection-refused\)\n {4}Nothing answers at 127\.0\.0\.1:\d+/);
  assert.equal(parseXmlStrict(readFileSync(path.join(project, 'reports', 'down.xml'), 'utf8')).filter((e) => e.name === 'error').length, 1);
  const noSecret = await runCli(['send', 'callouts/Echo.callout.yaml', '--env', 'httpbin']);
  assert.equal(noSecret.code, 2);
  assert.match(noSecret.stdout, /Secret Echo\.apiKey is not set\. Set the environment variable FLOW_CALLOUT_SECRET_ECHO_APIKEY/);
});

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

test('a secret never appears in the CLI output, the JSON result or any file written', async () => {
  const forms = [API_KEY, PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`ada:${PASSWORD}`).toString('base64')];
  const runs = [
    await runCli(['send', 'callouts/Echo.callout.yaml', '--env', 'httpbin', '--junit', 'reports/leak-text.xml'], SECRETS),
    await runCli(['send', 'callouts/Echo.callout.yaml', '--env', 'httpbin', '--json', '--junit', 'reports/leak-json.xml'], SECRETS),
    await runCli(['send', 'callouts/Echo.callout.yaml', 'callouts/Fails.callout.yaml', '--env', 'basic', '--json'], SECRETS),
    await runCli(['send', 'callouts/Echo.callout.yaml', '--env', 'basic'], SECRETS),
  ];
  // The secrets were really sent: httpbin echoes the headers back, and the result shows them masked.
  const echoed = JSON.parse(runs[1].stdout).results[0].response.body.value.headers as Record<string, string>;
  assert.equal(echoed['X-Api-Key'], '••••');
  const basic = JSON.parse(runs[2].stdout).results[0];
  assert.equal(basic.response.body.value.headers.Authorization, 'Basic ••••');
  assert.equal(basic.request.headers.find((h: { name: string }) => h.name === 'Authorization').value, 'Basic ••••');
  const haystacks = [
    ...runs.flatMap((r, i) => [[`run ${i} stdout`, r.stdout], [`run ${i} stderr`, r.stderr]]),
    ...filesUnder(project).map((f) => [path.relative(project, f), readFileSync(f, 'latin1')]),
  ];
  assert.ok(haystacks.some(([name]) => name.startsWith('reports')), 'the JUnit files are searched too');
  for (const [name, text] of haystacks) {
    for (const form of forms) assert.ok(!text.includes(form), `a secret (${form.slice(0, 3)}…) appears in ${name}`);
  }
});

test('mock: serves the example definitions on loopback and prints the URL', async () => {
  const child = spawn(process.execPath, [cli, 'mock', path.join(repoRoot, 'examples'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const { url, printed } = await mockListening(child);
    assert.match(printed, /POST .*\/api\/v1\/leads {2}ExternalCrmLeads\.createLead → 2XX \(HTTP 201/);
    const res = await fetch(`${url}/api/v1/leads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'a', email: 'b', company: 'c', leadSource: 'd' }) });
    assert.equal(res.status, 201);
    assert.equal(((await res.json()) as { id: string }).id, 'L-000123');
    const four = await fetch(`${url}/v2/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(four.status, 400, 'AddressValidation answers its test.response (4XX)');
  } finally {
    child.kill();
  }
});

test('send to the built-in mock: the examples pass headless', async () => {
  const examples = path.join(repoRoot, 'examples');
  const child = await new Promise<Run>((resolve) => {
    const c = spawn(process.execPath, [cli, 'send', ...['AddressValidation', 'ExternalCrmLeads', 'WeatherForecast'].map((n) => path.join('callouts', `${n}.callout.yaml`))], { cwd: examples });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  assert.equal(child.code, 0, child.stdout + child.stderr);
  assert.match(child.stdout, /3 passed, 0 failed/);
  assert.match(child.stdout, /mock: answered 4XX \(HTTP 400\) because test\.response is 4XX/);
});

test('send --base-url without --env is a real server: the named credential\'s auth goes (its secret is asked for), not the mock\'s', async () => {
  const missing = await runCli(['send', 'callouts/Echo.callout.yaml', '--base-url', hb.url]);
  assert.equal(missing.code, 2, missing.stdout + missing.stderr);
  assert.match(missing.stdout, /^Echo\.createLead {2}callouts\/Echo\.callout\.yaml {2}→ metadata \(base URL from --base-url: http:\/\/127\.0\.0\.1:\d+\)$/m);
  assert.match(missing.stdout, /Secret Echo\.apiKey is not set\. Set the environment variable FLOW_CALLOUT_SECRET_ECHO_APIKEY/);
  assert.doesNotMatch(missing.stdout, /the mock does not check credentials/);
  const sent = await runCli(['send', 'callouts/Echo.callout.yaml', '--base-url', hb.url, '--json'], SECRETS);
  assert.equal(sent.code, 0, sent.stdout + sent.stderr);
  const result = JSON.parse(sent.stdout).results[0];
  assert.equal(result.environment, 'metadata');
  assert.equal(result.response.body.value.headers['X-Api-Key'], '••••', 'the credential header was sent (and is masked in the output)');
  assert.ok(!sent.stdout.includes(API_KEY));
});
