// callout-mixed-array, callout-nested-list and callout-nesting-depth read one shared walk of the samples
// (model/samples.ts sampleShape). Their findings must be what a walk of each sample per rule finds: checked
// here against such walks (parse/tree.ts walk) on seeded random samples — lists of lists, mixed lists, deep
// nesting, nulls — in the request body and several responses, as YAML and as JSON (both JSON paths).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { CalloutDefinition } from '../../../server/src/core/model/definition';
import { sampleRoots } from '../../../server/src/core/model/samples';
import { walk, type ValueNode } from '../../../server/src/core/parse/tree';
import { parseCalloutDocument, validateCalloutDocument } from '../../../server/src/core/validate/callout';
import { rng } from '../flow/edits';

const CODES = ['callout-mixed-array', 'callout-nested-list', 'callout-nesting-depth'];

function randomValue(random: () => number, depth: number): unknown {
  const r = random();
  if (depth > 18 || r < 0.3) return [1, 'a', true, null, 2.5][Math.floor(random() * 5)];
  if (r < 0.65) {
    const n = Math.floor(random() * 4);
    const same = random() < 0.5;
    const first = randomValue(random, depth + 1);
    return Array.from({ length: n }, () => (same && typeof first !== 'object' ? first : randomValue(random, depth + 1)));
  }
  const o: Record<string, unknown> = {};
  const n = 1 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) o[`k${i}`] = randomValue(random, depth + (random() < 0.7 ? 1 : 3));
  return o;
}

/** Each rule as a walk of its own (what the three rules did before they shared one). */
function expected(def: CalloutDefinition): string[] {
  const out: string[] = [];
  for (const { node } of sampleRoots(def)) {
    walk(node, (n) => {
      if (n.type !== 'array') return;
      const kinds = new Set(n.items.filter((i) => i.type !== 'null').map((i) => i.type));
      if (kinds.size > 1) out.push(`callout-mixed-array ${n.offset}+${n.length}`);
    });
  }
  for (const { node } of sampleRoots(def)) {
    walk(node, (n) => {
      if (n.type === 'array' && n.items.some((i: ValueNode) => i.type === 'array')) {
        out.push(`callout-nested-list ${n.offset}+${n.length}`);
        return false;
      }
    });
  }
  for (const { root, node } of sampleRoots(def)) {
    let reported = false;
    walk(node, (n, depth) => {
      if (reported) return false;
      if (depth > 15) {
        reported = true;
        out.push(`callout-nesting-depth ${n.offset}+${n.length} ${root} level ${depth}`);
        return false;
      }
    });
  }
  return out;
}

test('the shape rules find what a walk per rule finds, on random samples as YAML and JSON', () => {
  const random = rng(14);
  let found = 0;
  for (let k = 0; k < 150; k++) {
    const value = {
      name: 'Svc', namedCredential: 'Cred', method: 'POST', path: '/x',
      request: { body: randomValue(random, 0) },
      responses: { '2XX': { sample: randomValue(random, 0) }, '4XX': { sample: randomValue(random, 0) } },
    };
    const texts: [string, string][] = [
      ['x.callout.yaml', stringify(value)],
      ['x.callout.json', JSON.stringify(value, null, 2)],
      ['x.callout.json', `// the exact JSON path\n${JSON.stringify(value)}`],
    ];
    for (const [fileName, text] of texts) {
      const doc = parseCalloutDocument(text, fileName);
      const want = expected(new CalloutDefinition(doc));
      const got = validateCalloutDocument(doc).filter((p) => CODES.includes(p.code)).map((p) => `${p.code} ${p.offset}+${p.length}${p.code === 'callout-nesting-depth' ? ` ${/The (\S+) sample/.exec(p.message)?.[1]} level ${/level (\d+)/.exec(p.message)?.[1]}` : ''}`);
      assert.deepEqual(got, want, `${fileName} case ${k}`);
      found += got.length;
    }
  }
  assert.ok(found > 300, `only ${found} findings`);
});
