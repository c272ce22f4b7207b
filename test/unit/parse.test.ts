import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonTree, parseYamlTree, findNodeAtPointer, findNodeAtOffset, toValue } from '../../server/src/core/parse';
import { parseXml, elementAt } from '../../server/src/core/parse/xml';

test('YAML and JSON give the same values and exact offsets', () => {
  const yaml = 'name: A\nresponses:\n  2XX:\n    sample: { id: 1, score: 1.50 }\n';
  const json = '{"name": "A", "responses": {"2XX": {"sample": {"id": 1, "score": 1.50}}}}';
  const y = parseYamlTree(yaml);
  const j = parseJsonTree(json);
  assert.deepEqual(toValue(y.root), toValue(j.root));
  const ys = findNodeAtPointer(y.root, '/responses/2XX/sample/score').node!;
  assert.equal(yaml.slice(ys.offset, ys.offset + ys.length), '1.50');
  assert.equal(ys.type === 'number' && ys.raw, '1.50');
  const js = findNodeAtPointer(j.root, '/responses/2XX/sample/score').node!;
  assert.equal(json.slice(js.offset, js.offset + js.length), '1.50');
});

test('findNodeAtPointer stops at the deepest existing node', () => {
  const y = parseYamlTree('a:\n  b: 1\n');
  const r = findNodeAtPointer(y.root, '/a/c/d');
  assert.deepEqual(r.rest, ['c', 'd']);
  assert.equal(r.property?.key, 'a');
});

test('findNodeAtOffset tells keys from values', () => {
  const text = 'name: Hello\n';
  const t = parseYamlTree(text);
  assert.equal(findNodeAtOffset(t.root, 1).onKey, true);
  const v = findNodeAtOffset(t.root, 8);
  assert.equal(v.onKey, false);
  assert.equal(v.node?.type, 'string');
});

test('YAML syntax errors carry offsets; duplicate keys are reported', () => {
  const t = parseYamlTree('a: 1\na: 2\nb: [1, 2\n');
  assert.ok(t.syntaxErrors.length >= 1);
  for (const e of t.syntaxErrors) assert.ok(e.offset >= 0 && e.message.startsWith('YAML'));
});

test('YAML alias bombs are bounded', () => {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const t = parseYamlTree(text);
  assert.ok(t.root);
});

test('JSON syntax errors are reported with a readable message', () => {
  const t = parseJsonTree('{"a": 1,, }');
  assert.ok(t.syntaxErrors.length > 0);
  assert.match(t.syntaxErrors[0].message, /^JSON syntax error: /);
});

test('XML elements and text keep their source offsets; entities are decoded, not expanded from DTDs', () => {
  const src = '<?xml version="1.0"?>\n<Flow>\n  <name>A &amp; B</name>\n  <empty/>\n</Flow>';
  const d = parseXml(src);
  assert.equal(d.syntaxErrors.length, 0);
  const name = d.root!.children[0];
  assert.equal(src.slice(name.offset, name.offset + name.length), '<name>A &amp; B</name>');
  assert.equal(name.text, 'A & B');
  assert.equal(src.slice(name.textOffset, name.textOffset + name.textLength), 'A &amp; B');
  assert.equal(src.slice(d.root!.children[1].offset, d.root!.children[1].offset + d.root!.children[1].length), '<empty/>');
  assert.equal(elementAt(d.root, src.indexOf('A &amp;'))?.name, 'name');
  const bomb = parseXml('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>');
  assert.ok(bomb.root === undefined || !bomb.root.text.includes('aaaa'));
});

test('malformed XML yields a syntax problem and the tree read so far', () => {
  const d = parseXml('<Flow><label>x</label><actionCalls><name>A</name></Flow>');
  assert.ok(d.syntaxErrors.length > 0);
  assert.equal(d.root?.name, 'Flow');
  assert.equal(d.root?.children[0].text, 'x');
});

test('YAML merge keys add the named maps\' entries the map does not set itself, first named first', () => {
  const text = 'base: &b { id: a, count: 1 }\nmore: &m { count: 2, extra: x }\none: { <<: *b, count: 9 }\nmany:\n  <<: [*m, *b]\n  own: y\n';
  const t = parseYamlTree(text);
  assert.deepEqual(t.syntaxErrors, []);
  assert.deepEqual(toValue(t.root), {
    base: { id: 'a', count: 1 }, more: { count: 2, extra: 'x' },
    one: { count: 9, id: 'a' },
    many: { own: 'y', count: 2, extra: 'x', id: 'a' },
  });
  // A merged entry points at where it is written: the anchor's map.
  const id = findNodeAtPointer(t.root, '/one/id').node!;
  assert.equal(text.slice(id.offset, id.offset + id.length), 'a');
  assert.equal(id.offset, text.indexOf('a,'));
  // "<<" with a value that is not an alias stays an ordinary key; an alias of a scalar is an error.
  assert.deepEqual(toValue(parseYamlTree('x: { "<<": 1 }\n').root), { x: { '<<': 1 } });
  const bad = parseYamlTree('s: &s hello\nx: { <<: *s }\n');
  assert.match(bad.syntaxErrors[0].message, /merge key \(<<\) takes an alias of a map/);
});

test('a second YAML document is one error that says what to do; a JSON trailing comma is one error at the comma', () => {
  const y = parseYamlTree('name: A\n---\nname: B\n');
  assert.equal(y.syntaxErrors.length, 1);
  assert.equal(y.syntaxErrors[0].offset, 'name: A\n'.length);
  assert.match(y.syntaxErrors[0].message, /^A callout definition is one YAML document, and a second one starts here\. Remove this "---"/);
  const text = '{ "a": [1, 2, ],\n  "b": { "c": 1, } ,\n}';
  const j = parseJsonTree(text);
  assert.deepEqual(j.syntaxErrors.map((e) => [e.offset, e.length, e.message]), [
    [text.indexOf(', ]'), 1, 'JSON syntax error: a trailing comma before "]". Remove the comma.'],
    [text.indexOf(', }'), 1, 'JSON syntax error: a trailing comma before "}". Remove the comma.'],
    [text.lastIndexOf(','), 1, 'JSON syntax error: a trailing comma before "}". Remove the comma.'],
  ]);
  assert.deepEqual(toValue(j.root), { a: [1, 2], b: { c: 1 } });
});
