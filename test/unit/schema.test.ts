import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expectRanges, examplesRoot, validate } from './helpers';
import { FLOW_HTTP_METHODS } from '../../server/src/core/model/httpMethods';

test('every example definition is schema-valid and has no errors', () => {
  const dir = path.join(examplesRoot, 'callouts');
  const files = readdirSync(dir).filter((f) => f.endsWith('.callout.yaml'));
  assert.ok(files.length >= 3);
  for (const f of files) {
    const problems = validate(readFileSync(path.join(dir, f), 'utf8'), f).filter((p) => p.severity === 'error' || p.code === 'schema');
    assert.deepEqual(problems, [], f);
  }
});

test('a missing property points at its parent key, not at line 1', () => {
  expectRanges('name: A\nnamedCredential: C\nmethod: GET\npath: /x\nresponses:\n  2XX: {}\n  ⟦4XX⟧:\n    description: no sample\n'.replace('2XX: {}', '2XX: { sample: {} }'), 'schema');
});

test('missing top-level properties are reported once each at the first key', () => {
  const problems = validate('description: only this\n').filter((p) => p.code === 'schema');
  assert.deepEqual(problems.map((p) => p.message).sort(), [
    'Missing property "method". The method the API requires.',
    'Missing property "name". The External Service API name. It must begin with a letter and contain only alphanumeric characters without spaces; it prefixes the Flow action and every generated Apex type.',
    'Missing property "namedCredential". API name of the named credential that gives the base URL and authentication.',
    'Missing property "path". The URL path appended to the named credential\'s URL, starting with /. Path parameters are written {name}.',
    'Missing property "responses". Sample responses by status: a range (2XX, 4XX, 5XX), an exact code (201, 404) or default. Each becomes a typed Flow output of that name.',
  ]);
  for (const p of problems) assert.deepEqual([p.offset, p.length], [0, 'description'.length]);
});

test('an unknown property points at its key', () => {
  expectRanges('name: A\nnamedCredential: C\nmethod: GET\npath: /x\n⟦respones⟧: {}\nresponses: { 2XX: { sample: {} } }\n', 'schema');
});

test('an enum value error points at the value and lists the valid values', () => {
  const [p] = expectRanges('name: A\nnamedCredential: C\nmethod: ⟦FETCH⟧\npath: /x\nresponses: { 2XX: { sample: {} } }\n', 'schema');
  assert.match(p.message, /"GET", "POST", "PUT", "PATCH", "DELETE"/);
});

test('a response key that is not a status points at the key', () => {
  const [p] = expectRanges('name: A\nnamedCredential: C\nmethod: GET\npath: /x\nresponses:\n  2XX: { sample: {} }\n  ⟦2xx-ok⟧: { sample: {} }\n', 'schema');
  assert.match(p.message, /range \(2XX, 4XX, 5XX\)/);
});

test('JSON definitions get the same schema errors at exact ranges', () => {
  expectRanges('{"name": "A", "namedCredential": "C", "method": ⟦"FETCH"⟧, "path": "/x", "responses": {"2XX": {"sample": {}}}}', 'schema', { fileName: 'a.callout.json' });
});

test('test.expect accepts values and expectation objects, and rejects unknown expectation keys without anyOf noise', () => {
  const ok = validate('name: A\nnamedCredential: C\nmethod: GET\npath: /x\nresponses: { 2XX: { sample: { id: a } } }\ntest:\n  expect: { responseCode: 200, v: 1, w: { type: String, notEmpty: true } }\n');
  assert.deepEqual(ok.filter((p) => p.code === 'schema'), []);
  const bad = validate('name: A\nnamedCredential: C\nmethod: GET\npath: /x\nresponses: { 2XX: { sample: { id: a } } }\ntest:\n  expect: { w: { typo: String } }\n').filter((p) => p.code === 'schema');
  assert.equal(bad.length, 1);
});

test('a non-mapping document gets one clear diagnostic', () => {
  const problems = validate('- just\n- a list\n');
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /mapping with name, namedCredential/);
  assert.deepEqual(validate(''), validate(''));
  assert.equal(validate('').length, 1);
});

test('garbage input never throws', () => {
  const inputs = ['['.repeat(50000), '{"a":'.repeat(30000), 'a: ' + '{'.repeat(20000), '{', '}}}', ':::', '\u0000\u0001', 'a: [', '"unterminated', 'name: !!binary xx', '? complex\n: key\n', '*undefined_alias'];
  for (const i of inputs) {
    for (const f of ['x.callout.yaml', 'x.callout.json']) assert.doesNotThrow(() => validate(i, f));
  }
  const big = 'name: A\nresponses:\n  2XX:\n    sample:\n' + Array.from({ length: 20000 }, (_, i) => `      f${i}: ${i}`).join('\n');
  assert.doesNotThrow(() => validate(big));
});

test('a missing response sample says what to write, and a pattern says what it means (patternErrorMessage)', () => {
  const messages = validate('name: A\nnamedCredential: N\nmethod: DELETE\npath: v1/x\nresponses:\n  204: {}\noutputs:\n  - { from: body.x, to: 9var }\n')
    .filter((p) => p.code === 'schema').map((p) => p.message).sort();
  assert.deepEqual(messages, [
    '"from" must be responseCode, a response key (2XX, 404, default) or a field path in that response\'s sample (2XX.id, 2XX.items.name).',
    '"path" must start with /: it is appended to the named credential\'s URL (e.g. /v2/verify).',
    '"to" must be a flow variable\'s API name: a letter, then letters, digits or underscores (statusCode, isVerified).',
    'Missing property "sample" in "204". A sample response body as the API returns it. Use {} or [] for an empty response, never "".',
  ]);
});

test('the schema\'s method enum is the tools\' one list of Flow HTTP methods (model/httpMethods.ts)', () => {
  const schema = JSON.parse(readFileSync(path.join(__dirname, '../../schemas/callout.schema.json'), 'utf8')) as { properties: { method: { enum: string[] } } };
  assert.deepEqual([...schema.properties.method.enum].sort(), [...FLOW_HTTP_METHODS].sort());
});
