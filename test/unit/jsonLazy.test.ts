// The lazy JSON path (parse/jsonLazy.ts: JSON.parse, positions on demand) against the exact path (json.ts:
// jsonc-parser, every position up front): the same tree — values, raw numbers, every offset — and the same
// diagnostics, on every example definition as JSON and on mutated variants. Where the fast path declines
// (syntax errors, repeated keys, comments), it must decline, not guess.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseJsonTreeExact } from '../../server/src/core/parse/json';
import { parseJsonLazy } from '../../server/src/core/parse/jsonLazy';
import { walk, type ParsedTree, type ValueNode } from '../../server/src/core/parse/tree';
import { validateCalloutDocument } from '../../server/src/core/validate/callout';
import type { ProjectIndex } from '../../server/src/core/project/index';
import { demoProject, examplesRoot } from './helpers';
import { mutations, prng } from './calloutFuzzCases';

/** Every position, value and raw of a tree, read through the nodes' accessors. */
function plain(n: ValueNode | undefined): unknown {
  if (!n) return n;
  if (n.type === 'object') return { t: 'object', o: n.offset, l: n.length, p: n.properties.map((p) => [p.key, p.keyOffset, p.keyLength, plain(p.value)]) };
  if (n.type === 'array') return { t: 'array', o: n.offset, l: n.length, i: n.items.map(plain) };
  return { t: n.type, o: n.offset, l: n.length, v: n.value, r: n.raw };
}

/** Parent, property and index links agree with the containers (the lazy walks navigate by them). */
function checkLinks(root: ValueNode | undefined): void {
  walk(root, (n) => {
    if (n.type === 'object') n.properties.forEach((p) => assert.equal(p.value?.property, p));
    if (n.type === 'object') n.properties.forEach((p) => assert.equal(p.value?.parent, n));
    if (n.type === 'array') n.items.forEach((i) => assert.equal(i.parent, n));
  });
}

const fileName = path.join(examplesRoot, 'callouts', 'Differential.callout.json');

function examplesAsJson(): string[] {
  const dir = path.join(examplesRoot, 'callouts');
  const out: string[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => /\.callout\.ya?ml$/.test(n)).sort()) {
    const value = parseYaml(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
    out.push(JSON.stringify(value, null, 2), JSON.stringify(value), JSON.stringify(value, null, '\t'));
  }
  return out;
}

/** A definition that trips most rules: mixed and nested lists, nulls, floats, longs, encoded names, merge fields, integer-like keys. */
const TROUBLED = `{
  "name": "Troubled",
  "namedCredential": "Missing_Credential",
  "method": "POST",
  "path": "/orders/{orderId}",
  "query": { "since": { "type": "Date", "example": "{!$Flow.CurrentDate}" } },
  "request": { "body": { "email": "{!$Record.Email}", "bad": "{!}", "open": "{!$Record.Name", "type": "x", "first-name": "a:b" } },
  "responses": {
    "404": { "sample": { "error": "not found" } },
    "2XX": {
      "sample": {
        "200": 1, "10": [1, 2], "3": null, "__proto__": { "x": 1 },
        "mixed": [1, "a", null, true],
        "nested": [[1, 2], [3]],
        "empty": [],
        "ratio": 1.0, "big": 12345678901234567890, "exp": 1e3, "neg": -0, "small": -2147483649,
        "quote\\"d": "a \\"quoted\\" \\\\ value: with colons",
        "unicode": "caf\\u00e9 \\ud83d\\ude00",
        "deep": { "a": { "b": { "c": { "d": { "e": { "f": { "g": { "h": { "i": { "j": { "k": { "l": { "m": { "n": { "o": { "p": 1 } } } } } } } } } } } } } } } },
        "items": [ { "id": 1, "tags": [] }, { "id": 2.5, "tags": ["x"], "extra": null } ]
      }
    },
    "200": { "sample": "" },
    "default": { "sample": {} }
  },
  "types": { "2XX.nothere": "String", "2XX.ratio": "Double" },
  "outputs": [ { "from": "2XX.missing", "to": "v" }, { "from": "2XX.items.id", "to": "w" }, { "from": 3 } ],
  "extraKey": true
}`;

/** Hand-made variants: invalid values, missing keys, wrong types, repeated keys, broken strings, comments… */
function targeted(base: string): string[] {
  const v = JSON.parse(base) as Record<string, unknown>;
  const variant = (f: (o: Record<string, unknown>) => void) => {
    const o = JSON.parse(base) as Record<string, unknown>;
    f(o);
    return JSON.stringify(o, null, 2);
  };
  const out = [
    variant((o) => (o.method = 'GETX')),
    variant((o) => (o.timeout = 'soon')),
    variant((o) => delete o.name),
    variant((o) => delete o.responses),
    variant((o) => (o.responses = [])),
    variant((o) => (o.path = 12)),
    variant((o) => (o.outputs = { from: 'x' })),
    variant((o) => (o.types = { 'nope path': 'Banana' })),
    variant((o) => (o.responses = { '2XX': { sample: [1, 'two', [3]] }, '500': { sample: { a: null } }, '201': {} })),
  ];
  const text = JSON.stringify(v, null, 2);
  out.push(
    text.replace('{', '{\n  "name": "Repeated",'), // a repeated key at the top
    text.replace(/"sample": \{/, '"sample": {\n "dup": 1, "dup": 2,'), // a repeated key in a sample
    text.replace(/"name": "([^"]*)"/, '"name": "$1'), // an unterminated string
    text.replace('{', '{ // a comment\n'),
    text.replace(/\n\}$/, ',\n}'), // a trailing comma
    text.replace(/"path": "/, '"path": "\\u003a'), // an escaped colon
    text.replace(/"path": "/, '"path": "\\\\u003a'), // an escaped backslash before u003a
    `\ufeff${text}`,
    `  \n${text}\n\n`,
    '[]',
    '"just a string"',
    '{}',
    '',
  );
  return out;
}

function compare(text: string, project: ProjectIndex, label: string, rnd: () => number): boolean {
  const exact = parseJsonTreeExact(text);
  const lazy = parseJsonLazy(text);
  if (!lazy) {
    // Declining is always safe; a well-formed text without repeated keys must be taken, though.
    return false;
  }
  assert.equal(exact.syntaxErrors.length, 0, `${label}: the fast path took a text the exact parser flags: ${JSON.stringify(exact.syntaxErrors)}`);
  const doc = (tree: ParsedTree) => ({ fileName, text, tree });
  // Diagnostics first, on a fresh lazy tree: only the nodes the rules ask about are placed.
  assert.deepEqual(validateCalloutDocument(doc(lazy), { project }), validateCalloutDocument(doc(exact), { project }), `${label}: diagnostics differ`);
  // A second fresh tree placed in a random order (the walks start from placed nodes and jump placed siblings).
  const shuffled = parseJsonLazy(text)!;
  const nodes: ValueNode[] = [];
  walk(shuffled.root, (n) => void nodes.push(n));
  for (let i = 0; i < Math.min(40, nodes.length); i++) {
    const n = nodes[Math.floor(rnd() * nodes.length)];
    void (rnd() < 0.5 ? n.offset : n.property ? n.property.keyLength : n.length);
  }
  const want = plain(exact.root);
  assert.deepEqual(plain(shuffled.root), want, `${label}: tree differs after random access`);
  assert.deepEqual(plain(lazy.root), want, `${label}: tree differs`);
  checkLinks(lazy.root);
  return true;
}

test('lazy JSON gives the exact tree and diagnostics on the examples, a troubled definition and their mutations', async () => {
  const project = await demoProject();
  const rnd = prng(20261204);
  const bases = [...examplesAsJson(), TROUBLED, JSON.stringify(JSON.parse(TROUBLED))];
  let taken = 0;
  let declined = 0;
  for (const [i, base] of bases.entries()) {
    assert.ok(compare(base, project, `base ${i}`, rnd), `base ${i}: well-formed JSON without repeated keys must take the fast path`);
    taken++;
    for (const [j, m] of [...targeted(base), ...mutations(base, rnd, 60)].entries()) {
      if (compare(m, project, `base ${i} variant ${j}`, rnd)) taken++;
      else declined++;
    }
  }
  // Both sides of the switch were exercised.
  assert.ok(taken >= 100, `${taken} texts took the fast path`);
  assert.ok(declined >= 100, `${declined} texts were declined`);
});

test('lazy JSON declines what it cannot mirror: repeated keys, comments, syntax errors, escaped colons, non-objects', () => {
  for (const text of [
    '{"a": 1, "a": 2}',
    '{"a": {"b": 1, "c": {"b": 2}, "b": 3}}',
    '{"10": 1, "2": 2, "10": 3}',
    '{"a": 1 // c\n}',
    '{"a": 1,}',
    '{"a": "unterminated}',
    '{"a\\u003a": 1}',
    '[1, 2]',
    '"text"',
    '',
    `${'{"a":'.repeat(300)}1${'}'.repeat(300)}`,
  ]) {
    assert.equal(parseJsonLazy(text), undefined, text.slice(0, 40));
  }
  assert.ok(parseJsonLazy('{"a": "x: y", "b": {"c": ":"}}'), 'colons inside strings are not properties');
  assert.ok(parseJsonLazy(`${'{"a":'.repeat(256)}1${'}'.repeat(256)}`), 'the depth limit itself is fine');
});

test('lazy JSON keeps the text order of integer-like keys (JSON.parse lists them first)', () => {
  const text = '{"responses": {"404": {}, "2XX": {}, "200": {}, "default": {}, "201": {}}}';
  const tree = parseJsonLazy(text)!;
  const responses = tree.root!.type === 'object' ? tree.root!.properties[0].value : undefined;
  assert.deepEqual(responses?.type === 'object' && responses.properties.map((p) => p.key), ['404', '2XX', '200', 'default', '201']);
  assert.deepEqual(plain(tree.root), plain(parseJsonTreeExact(text).root));
});

test('lazy JSON: past the scan budget one full pass places every node, with the same result', () => {
  // Hundreds of problems spread over a big sample: the targeted walks give way to one full pass.
  const items = Array.from({ length: 1500 }, (_, i) => ({ id: i, mixed: [i, `v${i}`], nested: [[i]] }));
  const text = JSON.stringify({ name: 'Big', namedCredential: 'ExternalCRM', method: 'GET', path: '/x', responses: { '2XX': { sample: { items } } } }, null, 1);
  const lazy = parseJsonLazy(text)!;
  const exact = parseJsonTreeExact(text);
  const doc = (tree: ParsedTree) => ({ fileName, text, tree });
  const a = validateCalloutDocument(doc(lazy));
  assert.deepEqual(a, validateCalloutDocument(doc(exact)));
  assert.ok(a.length >= 2);
  assert.deepEqual(plain(lazy.root), plain(exact.root));
});
