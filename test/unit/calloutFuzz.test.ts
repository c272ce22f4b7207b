// Hostile and mutated callout definitions: validation, completion and hover never throw, never report an
// internal failure (a rule that crashed). Seeded, so a failure reproduces. How long they take is measured
// by the bench (bench/budgets.ts), not asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService } from '../../server/src/core/service';
import { demoProject, examplesRoot } from './helpers';
import { HOSTILE, mutations, prng } from './calloutFuzzCases';

async function service() {
  const project = await demoProject();
  return getLanguageService({ project: () => project });
}

function exercise(s: Awaited<ReturnType<typeof service>>, name: string, fileName: string, text: string, rnd: () => number, probes: number): void {
  const doc = { uri: `file://${fileName}#${name}`, fileName, text };
  const problems = s.validate(doc);
  const internal = problems.filter((p) => p.code === 'internal');
  assert.deepEqual(internal.map((p) => p.message), [], `${name}: a rule or the parser failed`);
  for (const p of problems) {
    assert.ok(p.offset >= 0 && p.offset + p.length <= text.length + 1, `${name}: ${p.code} range ${p.offset}+${p.length} outside the text (${text.length}): …${JSON.stringify(text.slice(-80))}`);
  }
  for (let i = 0; i < probes; i++) {
    const offset = Math.floor(rnd() * (text.length + 1));
    s.complete(doc, offset);
    s.hover(doc, offset);
  }
}

test('mutated example definitions (YAML and JSON): no throw, no internal failure, ranges inside the text', async () => {
  const s = await service();
  const rnd = prng(20261125);
  const dir = path.join(examplesRoot, 'callouts');
  let cases = 0;
  for (const f of fs.readdirSync(dir).filter((n) => /\.callout\.(ya?ml|json)$/.test(n))) {
    const yamlText = fs.readFileSync(path.join(dir, f), 'utf8');
    const fileName = path.join(dir, f);
    for (const m of mutations(yamlText, rnd, 80)) {
      exercise(s, `${f}#${cases++}`, fileName, m, rnd, 4);
    }
  }
  // The same mutations over JSON text of a definition.
  const json = JSON.stringify({ name: 'A', namedCredential: 'ExternalCRM', method: 'POST', path: '/x/{id}', pathParameters: { id: { type: 'String' } }, request: { body: { email: '{!$Record.Email}', n: [1, 2] } }, responses: { '2XX': { sample: { id: 'a', items: [{ sku: 'x', price: 1.5 }] } }, '4XX': { sample: { error: 'e' } } }, outputs: [{ from: '2XX.id', to: 'v' }], types: { '2XX.items.price': 'Double' } }, null, 2);
  const jsonFile = path.join(dir, 'Fuzz.callout.json');
  for (const m of mutations(json, rnd, 160)) exercise(s, `json#${cases++}`, jsonFile, m, rnd, 4);
  assert.ok(cases >= 400, `${cases} cases`);
});

test('hostile definitions: deep nesting, alias bombs, huge strings and odd shapes come back without an internal failure', async () => {
  const s = await service();
  const rnd = prng(7);
  for (const [name, text] of HOSTILE) {
    if (process.env.FUZZ_DEBUG) console.log('hostile', name);
    const fileName = path.join(examplesRoot, 'callouts', name.startsWith('json') ? 'Hostile.callout.json' : 'Hostile.callout.yaml');
    exercise(s, name, fileName, text, rnd, 3);
  }
});
