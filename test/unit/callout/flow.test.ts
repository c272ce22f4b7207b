// What the flow gets: the matched response, Flow outputs with types and Apex names (every Flow type and
// mismatch case), the flow path with $Flow.FaultMessage, and the mapped flow variables with ✓ or why not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flowOutputs, flowPath, matchResponse } from '../../../server/src/core/callout/outputs';
import type { OutputField } from '../../../server/src/core/callout/result';
import { checkVariables } from '../../../server/src/core/callout/variables';
import { def } from './helpers';

const TYPES = `name: Types
namedCredential: Api
operation: getAll
method: GET
path: /all
responses:
  2XX:
    sample:
      text: hello
      count: 3
      ratio: 1.5
      big: 3000000000
      flag: true
      day: "2024-01-02"
      at: "2024-01-02T03:04:05Z"
      tags: [a, b]
      items: [{ sku: A1, qty: 2 }]
      owner: { name: Ada, type: admin }
      nothing: null
  404:
    sample: { error: not_found }
  4XX:
    sample: { error: bad, message: Bad }
types:
  2XX.day: Date
  2XX.at: DateTime
  2XX.nothing: String
outputs:
  - { from: 2XX.text, to: label }
  - { from: 2XX.tags, to: tagList }
  - { from: 2XX.count, to: undeclaredVar }
  - { from: 2XX.nothing, to: note }
  - { from: 2XX.owner.name, to: ownerName }
  - { from: 2XX.ratio, to: ratioVar }
  - { from: 4XX.message, to: msg }
  - { from: 2XX.nope, to: count }
  - { from: 2XX.count, to: count }
`;

const GOOD = {
  text: 'hello', count: 3, ratio: 1.5, big: 3000000000, flag: true, day: '2024-01-02', at: '2024-01-02T03:04:05Z', tags: ['a', 'b'],
  items: [{ sku: 'A1', qty: 2 }], owner: { name: 'Ada', type: 'admin' }, nothing: 'x',
};

function byPath(fields: OutputField[], path: string): OutputField {
  for (const f of fields) {
    if (f.path === path) return f;
    const hit = f.children && (() => {
      try {
        return byPath(f.children!, path);
      } catch {
        return undefined;
      }
    })();
    if (hit) return hit;
  }
  throw new Error(`no output ${path}`);
}

test('matched response: exact code, then range, then default; none for undeclared ≥ 300', () => {
  const d = def(TYPES);
  assert.deepEqual([404, 400, 201, 500].map((s) => { const m = matchResponse(d, s); return m && `${m.entry.key}/${m.matchedBy}`; }), ['404/exact', '4XX/range', '2XX/range', undefined]);
  const withDefault = def(TYPES.replace('  404:\n', '  default:\n    sample: { any: x }\n  404:\n'));
  assert.equal(matchResponse(withDefault, 503)?.matchedBy, 'default');
});

test('Flow outputs: every field with its Flow type, Apex name and Apex class', () => {
  const o = flowOutputs(def(TYPES), 200, GOOD);
  assert.equal(o.key, '2XX');
  assert.equal(o.apexClass, 'ExternalService__Types_getAll_OUT_2XX');
  const types = Object.fromEntries(['text', 'count', 'ratio', 'big', 'flag', 'day', 'at', 'tags', 'items', 'owner', 'nothing'].map((k) => [k, byPath(o.fields, `2XX.${k}`).flowType]));
  assert.deepEqual(types, {
    text: 'String', count: 'Integer', ratio: 'Double', big: 'Double', flag: 'Boolean', day: 'Date', at: 'DateTime', tags: 'collection of String',
    items: 'collection of Apex-defined ExternalService__Types_getAll_OUT_2XX_items', owner: 'Apex-defined ExternalService__Types_getAll_OUT_2XX_owner', nothing: 'String',
  });
  assert.equal(byPath(o.fields, '2XX.owner.type').apexName, 'z0type');
  assert.equal(byPath(o.fields, '2XX.items.qty').value, 2);
  assert.ok([...o.fields].every((f) => f.ok), 'a response shaped like the sample fits every type');
});

test('Flow outputs: each mismatch says what the response has and what Flow expects', () => {
  const cases: [string, unknown, RegExp][] = [
    ['count', 3.5, /3\.5 \(a decimal\) does not fit Integer/],
    ['count', 3000000000, /does not fit Integer \(beyond/],
    ['text', 5, /5 \(a whole number\) is not a String/],
    ['flag', 'true', /"true" \(text\) is not a Boolean/],
    ['day', '01/02/2024', /is not a Date/],
    ['at', 'yesterday', /is not a DateTime/],
    ['tags', 'a', /where the sample has a list/],
    ['owner', 'x', /where the sample has an object/],
    ['ratio', '1.5', /is not a Double/],
  ];
  for (const [field, value, why] of cases) {
    const o = flowOutputs(def(TYPES), 200, { ...GOOD, [field]: value });
    const f = byPath(o.fields, `2XX.${field}`);
    assert.equal(f.ok, false, field);
    assert.match(f.note ?? '', why, field);
  }
  const nested = flowOutputs(def(TYPES), 200, { ...GOOD, items: [{ sku: 5, qty: 1 }] });
  assert.equal(byPath(nested.fields, '2XX.items.sku').ok, false);
});

test('Flow outputs: a missing field is null for Flow, a null value is noted, not a mismatch', () => {
  const { text: _t, ...rest } = GOOD;
  const o = flowOutputs(def(TYPES), 200, { ...rest, flag: null });
  const text = byPath(o.fields, '2XX.text');
  assert.deepEqual([text.present, text.ok, text.value], [false, true, null]);
  assert.match(text.note!, /not in the response/);
  assert.match(byPath(o.fields, '2XX.flag').note!, /null/);
});

test('text/plain responses become one String output', () => {
  const d = def('name: T\nnamedCredential: A\nmethod: GET\npath: /t\nresponses:\n  2XX:\n    contentType: text/plain\n    sample: hello\n');
  const o = flowOutputs(d, 200, 'hi there');
  assert.equal(o.flowType, 'String');
  assert.deepEqual(o.fields.map((f) => [f.path, f.value]), [['2XX', 'hi there']]);
});

test('flow path: success, declared error (no fault), undeclared error (fault + $Flow.FaultMessage), unreadable JSON, network errors', () => {
  const d = def(TYPES);
  assert.equal(flowPath(d, 'Types.getAll', 200, 'OK', '', undefined).kind, 'success');
  const declared = flowPath(d, 'Types.getAll', 400, 'Bad Request', '{}', undefined);
  assert.equal(declared.kind, 'success');
  assert.match(declared.reason, /4XX.*Decision/);
  const undeclared = flowPath(d, 'Types.getAll', 503, 'Service Unavailable', '{"down": true}', undefined);
  assert.equal(undeclared.kind, 'fault');
  assert.match(undeclared.faultMessage!, /Types\.getAll: HTTP 503 Service Unavailable: \{"down": true\}/);
  assert.match(undeclared.reason, /Add a 5XX response/);
  assert.equal(flowPath(d, 'Types.getAll', 200, 'OK', '{', undefined, 'invalid JSON').kind, 'fault');
  const timeout = flowPath(d, 'Types.getAll', undefined, '', '', { code: 'timeout', message: 'x' });
  assert.deepEqual([timeout.kind, /Read timed out/.test(timeout.faultMessage!)], ['fault', true]);
  assert.equal(flowPath(d, 'Types.getAll', undefined, '', '', { code: 'secret-missing', message: 'x' }).kind, 'not-sent');
});

const FLOW = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <actionCalls>
        <name>Get_All</name>
        <actionName>Types.getAll</actionName>
        <actionType>externalService</actionType>
        <outputParameters><assignToReference>code</assignToReference><name>responseCode</name></outputParameters>
        <outputParameters><assignToReference>all</assignToReference><name>2XX</name></outputParameters>
        <outputParameters><assignToReference>err</assignToReference><name>4XX</name></outputParameters>
        <storeOutputAutomatically>false</storeOutputAutomatically>
    </actionCalls>
    <actionCalls>
        <name>Get_All_Auto</name>
        <actionName>Types.getAll</actionName>
        <actionType>externalService</actionType>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </actionCalls>
    <formulas><name>doubled</name><dataType>Number</dataType><expression>{!Get_All_Auto.2XX.count} * 2</expression><scale>0</scale></formulas>
    <variables><name>code</name><dataType>Number</dataType><isCollection>false</isCollection><scale>0</scale></variables>
    <variables><name>all</name><apexClass>ExternalService__Types_getAll_OUT_2XX</apexClass><dataType>Apex</dataType><isCollection>false</isCollection></variables>
    <variables><name>err</name><apexClass>Some_Other_Class</apexClass><dataType>Apex</dataType><isCollection>false</isCollection></variables>
    <variables><name>label</name><dataType>Number</dataType><isCollection>false</isCollection><scale>0</scale></variables>
    <variables><name>tagList</name><dataType>String</dataType><isCollection>false</isCollection></variables>
    <variables><name>note</name><dataType>String</dataType><isCollection>false</isCollection></variables>
    <variables><name>ownerName</name><dataType>String</dataType><isCollection>false</isCollection></variables>
    <variables><name>ratioVar</name><dataType>Number</dataType><isCollection>false</isCollection><scale>2</scale></variables>
    <variables><name>msg</name><dataType>String</dataType><isCollection>false</isCollection></variables>
    <variables><name>count</name><dataType>Number</dataType><isCollection>false</isCollection><scale>0</scale></variables>
</Flow>`;

test('flow variables: outputParameters, automatic references and definition outputs, each ✓ or why not', () => {
  const d = def(TYPES);
  const value = { ...GOOD, nothing: null, owner: { type: 'admin' }, ratio: '1.5' };
  const outputs = flowOutputs(d, 200, value);
  const checks = checkVariables(d, outputs, value, { file: '/p/flows/Types_Flow.flow-meta.xml', text: FLOW });
  const by = (variable: string, from?: string) => {
    const c = checks.find((x) => x.variable === variable && (!from || x.from === from));
    assert.ok(c, `no check for ${variable}`);
    return c;
  };
  assert.deepEqual([by('code').status, by('code').value, by('code').source, by('code').declaredType], ['ok', 200, 'flow outputParameters', 'Number']);
  assert.equal(by('all').status, 'ok');
  assert.match(by('err').reason!, /err is Apex Some_Other_Class; the output is Apex-defined ExternalService__Types_getAll_OUT_4XX/);
  const auto = by('Get_All_Auto.2XX.count');
  assert.deepEqual([auto.source, auto.status, auto.value], ['flow reference', 'ok', 3]);
  assert.match(by('label').reason!, /label is Number; the output is String/);
  assert.match(by('tagList').reason!, /the output is a list but tagList holds a single value/);
  assert.deepEqual([by('undeclaredVar').status, /Types_Flow has no variable undeclaredVar: create it as Number/.test(by('undeclaredVar').reason!)], ['not-declared', true]);
  assert.deepEqual([by('note').status, by('note').ok], ['null', false]);
  assert.equal(by('ownerName').status, 'missing');
  assert.match(by('ownerName').reason!, /no owner\.name/);
  assert.match(by('ratioVar').reason!, /"1\.5" \(text\) is not a Double/);
  assert.deepEqual([by('msg').status, by('msg').ok], ['not-set', true]);
  assert.match(by('count', '2XX.nope').reason!, /The 2XX sample has no field nope/);
  assert.deepEqual([by('count', '2XX.count').status, by('count', '2XX.count').value], ['ok', 3]);
});

test('flow variables without a linked flow: values are still checked against the output types', () => {
  const d = def(TYPES);
  const value = { ...GOOD, text: 7 };
  const checks = checkVariables(d, flowOutputs(d, 200, value), value, undefined);
  const label = checks.find((c) => c.variable === 'label')!;
  assert.equal(label.status, 'mismatch');
  assert.equal(label.declaredType, '— (no linked flow)');
  const on4xx = checkVariables(d, flowOutputs(d, 400, { error: 'bad', message: 'Bad' }), { error: 'bad', message: 'Bad' }, undefined);
  assert.deepEqual([on4xx.find((c) => c.variable === 'msg')?.status, on4xx.find((c) => c.variable === 'msg')?.value], ['ok', 'Bad']);
  assert.equal(on4xx.find((c) => c.variable === 'label')?.status, 'not-set');
});
