// Apex scaffolding and the safe-write rules (marker, decisions, atomic write).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { apexString, generateApexMock, responseFromRecorded, responseFromSample, STATIC_RESOURCE_THRESHOLD } from '../../../server/src/core/generate/apexMock';
import { decideWrite, readMarker, withMarker, writeFileAtomic } from '../../../server/src/core/generate/files';
import { definition, exampleDefinition, exampleFiles } from './helpers';

const opts = { dir: 'force-app/main/default', definitionFile: 'callouts/X.callout.yaml' };

test('apex mock: every example gives a mock, a test class and their metadata; braces balance', () => {
  for (const file of exampleFiles()) {
    const def = exampleDefinition(file);
    const res = responseFromSample(def);
    assert.ok(!('error' in res));
    const out = generateApexMock(def, res as Exclude<typeof res, { error: string }>, opts);
    assert.deepEqual(out.errors, []);
    assert.deepEqual(out.files.map((f) => path.basename(f.path)), [`${def.name}Mock.cls`, `${def.name}Mock.cls-meta.xml`, `${def.name}Test.cls`, `${def.name}Test.cls-meta.xml`]);
    for (const f of out.files.filter((x) => x.path.endsWith('.cls'))) {
      const code = f.text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'(?:\\.|[^'\\])*'/g, "''");
      assert.equal((code.match(/\{/g) ?? []).length, (code.match(/\}/g) ?? []).length, f.path);
      assert.equal((code.match(/\(/g) ?? []).length, (code.match(/\)/g) ?? []).length, f.path);
    }
    const testClass = out.files[2].text;
    assert.match(testClass, new RegExp(`ExternalService\\.${def.name}\\.${def.operation}_Request request = new`));
    assert.match(testClass, new RegExp(`Test\\.setMock\\(HttpCalloutMock\\.class, new ${def.name}Mock\\(\\)\\)`));
  }
});

test('apex mock: success asserts typed outputs (Long for whole numbers), an error response expects the ResponseException', () => {
  const crm = exampleDefinition(exampleFiles().find((f) => f.includes('ExternalCrmLeads'))!);
  const ok = generateApexMock(crm, responseFromSample(crm) as never, opts).files[2].text;
  // test.expect.responseCode 201 falls in 2XX, so the mock answers 201.
  assert.match(ok, /Assert\.areEqual\(201, response\.responseCode, 'responseCode'\);/);
  assert.match(ok, /Assert\.areEqual\(87L, response\.Code2XX\.score, '2XX\.score'\);/);
  assert.match(ok, /body\.leadSource = 'Web';/);
  assert.match(ok, /request\.source = 'salesforce';/);
  const err = generateApexMock(crm, responseFromSample(crm, '4XX') as never, opts).files[2].text;
  assert.match(err, /catch \(ExternalService\.ExternalCrmLeads\.createLead_ResponseException e\)/);
  assert.match(err, /Assert\.areEqual\('Email is not valid', e\.Code4XX\.message, '4XX\.message'\);/);
  const weather = exampleDefinition(exampleFiles().find((f) => f.includes('WeatherForecast'))!);
  const w = generateApexMock(weather, responseFromSample(weather) as never, opts).files[2].text;
  assert.match(w, /request\.latitude = 52\.52;/);
  assert.match(w, /request\.currentx5fweather = true;/);
  assert.match(w, /Assert\.areEqual\(52\.52, response\.Code2XX\.latitude, '2XX\.latitude'\);/);
  assert.match(w, /Assert\.isNotNull\(response\.Code2XX\.currentx5fweather, '2XX\.current_weather'\);/);
  assert.match((responseFromSample(weather, '5XX') as { error: string }).error, /no response "5XX"\. Its responses: 2XX, 4XX/);
});

test('apex mock: a large body goes to a static resource; nested request objects are built field by field', () => {
  const big = 'x'.repeat(STATIC_RESOURCE_THRESHOLD + 10);
  const def = definition(`name: Big\nnamedCredential: C\noperation: send\nmethod: POST\npath: /big/{id}\nrequest:\n  body: { type: a, lines: [{ sku: s, n: 2 }] }\nresponses:\n  2XX:\n    sample: { blob: "${big}" }\n`);
  const out = generateApexMock(def, responseFromSample(def) as never, opts);
  assert.deepEqual(out.files.map((f) => path.basename(f.path)), ['BigMock.cls', 'BigMock.cls-meta.xml', 'BigTest.cls', 'BigTest.cls-meta.xml', 'BigMockResponse.json', 'BigMockResponse.resource-meta.xml']);
  assert.match(out.files[0].text, /\[SELECT Body FROM StaticResource WHERE Name = 'BigMockResponse' LIMIT 1\]\.Body\.toString\(\)/);
  assert.match(out.files[0].text, /request\.getEndpoint\(\)\.contains\('\/big'\)/);
  assert.ok(!out.files[0].text.includes(big));
  assert.match(out.files[5].text, /<contentType>application\/json<\/contentType>/);
  const t = out.files[2].text;
  assert.match(t, /ExternalService\.Big_send_IN_body body = new ExternalService\.Big_send_IN_body\(\);/);
  assert.match(t, /body\.z0type = 'a';/);
  assert.match(t, /List<ExternalService\.Big_send_IN_body_lines> bodyLines = new List<ExternalService\.Big_send_IN_body_lines>\(\);/);
  assert.match(t, /bodyLinesItem\.n = 2L;/);
  assert.deepEqual(out.warnings, []);
});

test('apex mock: from a recorded test callout (send --json), and what a recording must have', () => {
  const crm = exampleDefinition(exampleFiles().find((f) => f.includes('ExternalCrmLeads'))!);
  const recorded = { passed: true, results: [{ startedAt: '2026-11-25T08:00:00Z', response: { status: 201, contentType: 'application/json; charset=utf-8', body: { kind: 'json', text: '{"id":"L-9","status":"created","score":12,"tags":[]}', truncated: false } }, outputs: { key: '2XX' } }] };
  const res = responseFromRecorded(recorded, crm);
  assert.deepEqual(res, { key: '2XX', status: 201, contentType: 'application/json', body: '{"id":"L-9","status":"created","score":12,"tags":[]}', source: 'the response recorded on 2026-11-25T08:00:00Z' });
  const t = generateApexMock(crm, res as never, opts).files[2].text;
  assert.match(t, /Assert\.areEqual\('L-9', response\.Code2XX\.id/);
  assert.match(t, /Assert\.areEqual\(0, response\.Code2XX\.tags\?\.size\(\)/);
  assert.match((responseFromRecorded({ response: { status: 200, body: { text: 'x', truncated: true } } }, crm) as { error: string }).error, /cut short/);
  assert.match((responseFromRecorded({ error: { code: 'timeout' } }, crm) as { error: string }).error, /no response status/);
  assert.deepEqual(responseFromRecorded({ status: 404, body: { error: 'nope' } }, crm), { key: '4XX', status: 404, contentType: 'application/json', body: '{"error":"nope"}', source: 'the response recorded' });
  assert.equal(apexString("it's\\ok\n"), "'it\\'s\\\\ok\\n'");
});

test('generated files: marker, write decisions, atomic write', async () => {
  const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<A>1</A>\n';
  const marked = withMarker('x.xml', xml, 'callouts/A.callout.yaml');
  assert.match(marked, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<!-- Generated by Flow Callout Studio from callouts\/A\.callout\.yaml; fingerprint [0-9a-f]{16} -->\n<A>1<\/A>\n$/);
  assert.deepEqual(readMarker(marked), { source: 'callouts/A.callout.yaml', intact: true });
  assert.equal(readMarker(marked.replace('<A>1', '<A>2'))!.intact, false);
  assert.match(withMarker('X.cls', 'class X {}\n', 's'), /^\/\/ Generated by Flow Callout Studio from s; fingerprint/);
  assert.match(withMarker('x.callout.yaml', 'name: X\n', 's'), /^# Generated by Flow Callout Studio from s; fingerprint/);
  assert.equal(withMarker('x.json', '{}', 's'), '{}');

  const next = withMarker('x.xml', xml.replace('1', '2'), 's');
  assert.equal(decideWrite(undefined, next), 'create');
  assert.equal(decideWrite(next, next), 'unchanged');
  assert.equal(decideWrite(next.replace(/\n/g, '\r\n'), next), 'unchanged');
  assert.equal(decideWrite(marked, next), 'update');
  assert.equal(decideWrite(marked.replace('<A>1', '<A>hand edit'), next), 'conflict');
  assert.equal(decideWrite(xml, next), 'conflict', 'a file without the marker (retrieved from an org) is not ours');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-write-'));
  try {
    const target = path.join(dir, 'deep', 'er', 'file.xml');
    await writeFileAtomic(fs.promises, target, 'one');
    await writeFileAtomic(fs.promises, target, 'two');
    assert.equal(fs.readFileSync(target, 'utf8'), 'two');
    assert.deepEqual(fs.readdirSync(path.dirname(target)), ['file.xml'], 'no temporary file left behind');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
