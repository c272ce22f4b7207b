// `flow-callout validate`: exit codes and SARIF 2.1.0 (checked with ajv against a faithful subset of the
// official schema, test/fixtures/sarif-2.1.0-subset.schema.json — the official file cannot be downloaded here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { demoCopy, flowCallout, repoRoot } from './flowCallout';

const sarifSchema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sarif-2.1.0-subset.schema.json'), 'utf8'));

function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(sarifSchema);
}

const BROKEN = 'name: 1 bad name\nnamedCredential: Nope\nmethod: GET\npath: /x\nresponses:\n  2XX:\n    sample: { n: 1.5, items: [1, "two"] }\n';

test('validate: exit 0 on the examples, 1 with errors, --fail-on moves the threshold, 2 on usage errors', () => {
  const dir = demoCopy();
  try {
    const clean = flowCallout(['validate', '.'], { cwd: dir });
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /4 file\(s\) checked: 0 error\(s\)/);
    // Info findings count only at --fail-on info.
    assert.equal(flowCallout(['validate', '.', '--fail-on', 'info'], { cwd: dir }).code, 1);
    assert.equal(flowCallout(['validate', '.', '--fail-on', 'never'], { cwd: dir }).code, 0);

    fs.writeFileSync(path.join(dir, 'callouts', 'Broken.callout.yaml'), BROKEN);
    const broken = flowCallout(['validate', 'callouts/Broken.callout.yaml'], { cwd: dir });
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /callouts\/Broken\.callout\.yaml:1:7: error .*\[callout-service-name\]/);
    assert.match(broken.stdout, /\n {2}name: 1 bad name\n {2}\s*\^+/);
    assert.equal(flowCallout(['validate', 'callouts/Broken.callout.yaml', '--fail-on', 'never'], { cwd: dir }).code, 0);

    const usage = flowCallout(['validate', '--format', 'xml'], { cwd: dir });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--format must be text, json or sarif \(got "xml"\)/);
    assert.equal(flowCallout(['validate', '--fail-on', 'sometimes'], { cwd: dir }).code, 2);
    const missing = flowCallout(['validate', 'nowhere/'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nowhere\/: no such file or folder/);
    assert.equal(flowCallout(['validate', '--help']).code, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('validate --format sarif: valid SARIF 2.1.0 with rules, levels and 1-based regions', () => {
  const dir = demoCopy();
  try {
    fs.writeFileSync(path.join(dir, 'callouts', 'Broken.callout.yaml'), BROKEN);
    const r = flowCallout(['validate', '.', '--format', 'sarif'], { cwd: dir });
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    assert.ok(validate(structuredClone(log)), JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    const ids = new Set(run.tool.driver.rules.map((x: { id: string }) => x.id));
    assert.ok(run.results.length >= 3);
    for (const res of run.results) {
      assert.ok(ids.has(res.ruleId), `${res.ruleId} is in the rule catalog`);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
      assert.ok(!path.isAbsolute(loc.artifactLocation.uri));
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
    const name = run.results.find((x: { ruleId: string }) => x.ruleId === 'callout-service-name');
    assert.equal(name.level, 'error');
    assert.deepEqual(name.locations[0].physicalLocation.region, { startLine: 1, startColumn: 7, endLine: 1, endColumn: 17 });
    // A clean run is valid SARIF too (no results).
    fs.rmSync(path.join(dir, 'callouts', 'Broken.callout.yaml'));
    const clean = JSON.parse(flowCallout(['validate', '.', '--format', 'sarif'], { cwd: dir }).stdout);
    assert.ok(validate(clean), JSON.stringify(validate.errors));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the SARIF subset schema rejects what SARIF 2.1.0 rejects', () => {
  const validate = sarifValidator();
  const ok = { version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: [{ message: { text: 'm' }, level: 'warning' }] }] };
  assert.ok(validate(ok));
  assert.ok(!validate({ ...ok, version: '2.0.0' }));
  assert.ok(!validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: [{ message: { text: 'm' }, level: 'info' }] }] }), 'level "info" is not SARIF');
  assert.ok(!validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: [{ message: {} }] }] }), 'message needs text or id');
  assert.ok(!validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a' }, region: { startLine: 0 } } }] }] }] }), 'lines are 1-based');
});
