// Save as sample: the edit replaces exactly responses.<key>.sample, in YAML (block or flow) and JSON.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { sampleEdit, type TextEdit } from '../../../server/src/core/callout/sample';
import { examplesRoot } from '../helpers';

const VALUE = { id: 'X-1', 'odd key': "it's \"q\" #1", nested: { list: [1, 2.5, { b: null }], empty: {} }, tags: [] };

function apply(text: string, e: TextEdit): string {
  return text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
}

for (const name of ['WeatherForecast', 'ExternalCrmLeads', 'AddressValidation']) {
  test(`YAML ${name}: 2XX.sample replaced, the rest byte for byte the same`, () => {
    const file = path.join(examplesRoot, 'callouts', `${name}.callout.yaml`);
    const text = readFileSync(file, 'utf8');
    const e = sampleEdit(text, file, '2XX', VALUE) as TextEdit;
    assert.ok(!('error' in e));
    const out = apply(text, e);
    const before = parseYaml(text) as Record<string, Record<string, unknown>>;
    const after = parseYaml(out) as Record<string, Record<string, unknown>>;
    assert.deepEqual((after.responses['2XX'] as { sample: unknown }).sample, VALUE);
    assert.deepEqual(after.responses['4XX'], before.responses['4XX']);
    assert.deepEqual({ ...after, responses: undefined }, { ...before, responses: undefined });
    assert.equal(out.slice(0, e.offset), text.slice(0, e.offset));
    assert.equal(out.slice(e.offset + e.newText.length), text.slice(e.offset + e.length));
  });
}

test('YAML scalar and empty values stay on the key line', () => {
  const text = 'name: T\nresponses:\n  2XX:\n    contentType: text/plain\n    sample: old\n  4XX:\n    sample: {}\n';
  assert.equal(apply(text, sampleEdit(text, 't.callout.yaml', '2XX', 'new text') as TextEdit), text.replace('sample: old', 'sample: new text'));
  assert.equal(apply(text, sampleEdit(text, 't.callout.yaml', '4XX', {}) as TextEdit), text);
});

test('JSON definitions get indented JSON; a missing key is an error, not an edit', () => {
  const text = '{\n  "name": "J",\n  "responses": {\n    "2XX": { "sample": { "a": 1 } },\n    "4XX": { "sample": {} }\n  }\n}\n';
  const out = apply(text, sampleEdit(text, 'j.callout.json', '2XX', VALUE) as TextEdit);
  assert.deepEqual(JSON.parse(out).responses['2XX'].sample, VALUE);
  assert.deepEqual(JSON.parse(out).responses['4XX'], { sample: {} });
  assert.match((sampleEdit(text, 'j.callout.json', '5XX', {}) as { error: string }).error, /no responses\.5XX\.sample/);
});
