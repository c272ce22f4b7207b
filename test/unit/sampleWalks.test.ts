// The sample walks (model/samples.ts collectSampleFields, sampleShape) read a lazy JSON tree's plain values where
// its nodes were not built, and build only the nodes they hand out. Checked here against the same walks over the
// exact JSON path's tree (every node built up front): the same fields — paths, names, types, depths, owner types,
// and the positions of their nodes and keys — and the same shapes, on seeded random samples with the cases the
// plain walk treats apart: lists whose later items add keys, array-index keys (JSON.parse lists them first),
// dotted keys (one field's path spelling another's), reserved words, nulls, empty/mixed/nested lists, deep nesting,
// and a field limit reached mid-walk.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CalloutDefinition } from '../../server/src/core/model/definition';
import { collectSampleFields, sampleShape, type SampleField, type SampleShape } from '../../server/src/core/model/samples';
import { parseJsonTreeExact } from '../../server/src/core/parse/json';
import { parseJsonLazy } from '../../server/src/core/parse/jsonLazy';
import { plainValue, walk, type ParsedTree, type ValueNode } from '../../server/src/core/parse/tree';
import { rng } from './flow/edits';

const KEYS = ['id', 'name', 'type', 'class', 'first-name', 'a.b', 'a', 'b', '10', '2', '0', 'items', 'value', 'x_y'];

function randomValue(random: () => number, depth: number): unknown {
  const r = random();
  // Deep but narrow: past a few levels, containers hold one child.
  if (depth > 17 || r < (depth > 4 ? 0.5 : 0.3)) return [1, 'a', true, null, 2.5, 12345678901, ''][Math.floor(random() * 7)];
  if (r < 0.6) {
    const n = depth > 4 ? 1 : Math.floor(random() * 5);
    // Lists of objects whose items differ a little (a key added or left out), as real samples do.
    if (random() < 0.6) {
      const proto = randomObject(random, depth + 1);
      return Array.from({ length: n }, () => {
        const o = { ...proto };
        if (random() < 0.4) o[KEYS[Math.floor(random() * KEYS.length)]] = randomValue(random, depth + 2);
        if (random() < 0.2) delete o[Object.keys(o)[0]];
        return o;
      });
    }
    return Array.from({ length: n }, () => randomValue(random, depth + 1));
  }
  return randomObject(random, depth);
}

function randomObject(random: () => number, depth: number): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const n = depth > 4 ? 1 : 1 + Math.floor(random() * 4);
  for (let i = 0; i < n; i++) o[KEYS[Math.floor(random() * KEYS.length)]] = randomValue(random, depth + (random() < 0.8 ? 1 : 3));
  return o;
}

/**
 * JSON text with each object's keys in a random order: JSON.stringify writes array-index keys first (a JS
 * object's own order), and the walks must also meet them after other keys, as a hand-written file may have them.
 */
function stringifyShuffled(v: unknown, random: () => number, indent: boolean): string {
  if (Array.isArray(v)) return `[${v.map((x) => stringifyShuffled(x, random, indent)).join(',')}]`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const keys = Object.keys(v);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  const sep = indent ? '\n ' : '';
  return `{${keys.map((k) => `${sep}${JSON.stringify(k)}: ${stringifyShuffled((v as Record<string, unknown>)[k], random, indent)}`).join(',')}}`;
}

function field(f: SampleField): unknown {
  return {
    path: f.path, root: f.root, name: f.name, apexName: f.apexName, inferred: f.inferred, type: f.type, overridden: f.overridden,
    depth: f.depth, ownerType: f.ownerType, node: [f.node.type, f.node.offset, f.node.length], key: f.property && [f.property.key, f.property.keyOffset, f.property.keyLength],
  };
}

function shape(s: SampleShape): unknown {
  const at = (n: ValueNode) => `${n.type} ${n.offset}+${n.length}`;
  return { mixed: s.mixed.map(at), nested: s.nested.map(at), firstAtDepth: s.firstAtDepth.map((f) => [f.root, f.nodes.map(at)]) };
}

function def(text: string, tree: ParsedTree): CalloutDefinition {
  return new CalloutDefinition({ fileName: 'x.callout.json', text, tree });
}

test('the sample walks over a lazy JSON tree find what they find over the exact tree', () => {
  const random = rng(1204);
  let fields = 0;
  let plainWalked = 0;
  for (let k = 0; k < 300; k++) {
    const value = {
      name: 'Svc', namedCredential: 'Cred', method: 'POST', path: '/x',
      request: { body: randomValue(random, 0) },
      responses: { '2XX': { sample: randomValue(random, 0) }, '404': { sample: randomValue(random, 0) }, default: { sample: randomObject(random, 0) } },
      types: { '2XX.id': 'String', '2XX.items.value': 'Double' },
    };
    const text = k % 3 === 0 ? JSON.stringify(value, null, k % 2 ? 2 : undefined) : stringifyShuffled(value, random, k % 2 === 1);
    const exact = parseJsonTreeExact(text);
    const limit = k % 5 === 0 ? 1 + Math.floor(random() * 8) : undefined;
    const want = collectSampleFields(def(text, exact), limit).map(field);
    // Fresh lazy trees for each walk: the first thing to touch the samples is the walk under test.
    const lazyForFields = parseJsonLazy(text)!;
    const got = collectSampleFields(def(text, lazyForFields), limit).map(field);
    assert.deepEqual(got, want, `fields, case ${k}${limit ? ` (limit ${limit})` : ''}`);
    assert.deepEqual(shape(sampleShape(def(text, parseJsonLazy(text)!))), shape(sampleShape(def(text, exact))), `shape, case ${k}`);
    // Both walks on one lazy tree, in the validator's order.
    const both = parseJsonLazy(text)!;
    const d = def(text, both);
    assert.deepEqual(collectSampleFields(d).map(field), collectSampleFields(def(text, exact)).map(field), `fields then shape, case ${k}`);
    assert.deepEqual(shape(sampleShape(d)), shape(sampleShape(def(text, exact))), `shape after fields, case ${k}`);
    // The walks did leave nodes unbuilt (else this test would not be testing the plain walks).
    walk(both.root, (n) => {
      if (plainValue(n) !== undefined) {
        plainWalked++;
        return false;
      }
    });
    fields += want.length;
  }
  assert.ok(fields > 1000, `only ${fields} fields`);
  assert.ok(plainWalked > 50, `only ${plainWalked} containers were left unbuilt`);
});
