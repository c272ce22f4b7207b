// Hostile and mutated callout definitions: validation, completion and hover never throw, never report an
// internal failure (a rule that crashed), and come back in bounded time. Seeded, so a failure reproduces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService } from '../../server/src/core/service';
import { demoProject, examplesRoot } from './helpers';

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = ['{', '}', '[', ']', ':', '-', '"', "'", '{!', '}}', '\n', '\t', '  ', '&a', '*a', '!!str', '? ', '#', '\\', '\u0000', '\uD800', 'é', '$Record.', '|', '>', '---\n', '%YAML 1.2\n', ',', 'null', '1e999', '0x1F', '.inf'];

function mutations(text: string, rnd: () => number, count: number): string[] {
  const out: string[] = [];
  const at = () => Math.floor(rnd() * (text.length + 1));
  for (let i = 0; i < count; i++) {
    const k = i % 6;
    if (k === 0) out.push(text.slice(0, at())); // truncation
    else if (k === 1) {
      const a = at();
      out.push(text.slice(0, a) + text.slice(a + 1 + Math.floor(rnd() * 20))); // deletion
    } else if (k === 2) {
      const a = at();
      out.push(text.slice(0, a) + NOISE[Math.floor(rnd() * NOISE.length)] + text.slice(a)); // insertion
    } else if (k === 3) {
      const lines = text.split('\n');
      const l = Math.floor(rnd() * lines.length);
      lines.splice(l, 0, lines[Math.floor(rnd() * lines.length)]); // duplicated line (duplicate keys, bad indent)
      out.push(lines.join('\n'));
    } else if (k === 4) {
      const a = at();
      const bytes = Array.from({ length: 8 }, () => String.fromCharCode(Math.floor(rnd() * 0xffff))).join('');
      out.push(text.slice(0, a) + bytes + text.slice(a)); // random UTF-16 units
    } else {
      const lines = text.split('\n');
      const l = Math.floor(rnd() * lines.length);
      lines[l] = lines[l].replace(/^(\s*)/, (m) => (rnd() < 0.5 ? m + '  ' : m.slice(2))); // indentation shift
      out.push(lines.join('\n'));
    }
  }
  return out;
}

const HOSTILE: [string, string][] = [
  ['deep flow mapping', 'name: A\nresponses:\n  2XX:\n    sample: ' + '{a: '.repeat(5000) + '1' + '}'.repeat(5000) + '\n'],
  ['deep block mapping', 'name: A\nresponses:\n  2XX:\n    sample:\n' + Array.from({ length: 400 }, (_, i) => ' '.repeat(6 + i * 2) + `k${i}:`).join('\n') + ' 1\n'],
  ['deep sequence', 'responses:\n  2XX:\n    sample: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n'],
  ['alias bomb', 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nresponses: { 2XX: { sample: *f } }\n'],
  ['self-referencing merge', 'base: &b { <<: *b, x: 1 }\nname: A\n'],
  ['multi-document', 'name: A\n---\nname: B\n---\n'],
  ['only a comment', '# nothing here\n'],
  ['empty', ''],
  ['a scalar', 'just text'],
  ['a list', '- name: A\n- name: B\n'],
  ['tabs', 'name:\tA\nresponses:\n\t2XX:\n\t\tsample: {}\n'],
  ['huge string', 'name: A\ndescription: "' + 'x'.repeat(500_000) + '"\n'],
  ['many keys', 'name: A\nresponses:\n  2XX:\n    sample:\n' + Array.from({ length: 5000 }, (_, i) => `      k${i}: ${i}`).join('\n') + '\n'],
  ['merge fields everywhere', 'name: A\nrequest:\n  body:\n' + Array.from({ length: 500 }, (_, i) => `    f${i}: "{!$Record.${'a.'.repeat(i % 50)}x} {!} {!{!x}} {!$Flow.}"`).join('\n') + '\n'],
  ['json deep', '{"responses":{"2XX":{"sample":' + '['.repeat(100000) + ']'.repeat(100000) + '}}}'],
  ['json unterminated', '{"name": "A", "responses": {"2XX": {"sample": {"a": [1, 2, {"b": "'],
  ['json comments and trailing commas', '{ // c\n "name": "A", /* x */ "method": "GET",\n}'],
];

async function service() {
  const project = await demoProject();
  return getLanguageService({ project: () => project });
}

function exercise(s: Awaited<ReturnType<typeof service>>, name: string, fileName: string, text: string, rnd: () => number, probes: number) {
  const doc = { uri: `file://${fileName}#${name}`, fileName, text };
  const started = performance.now();
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
  return performance.now() - started;
}

test('mutated example definitions (YAML and JSON): no throw, no internal failure, ranges inside the text, fast', async () => {
  const s = await service();
  const rnd = prng(20261125);
  const dir = path.join(examplesRoot, 'callouts');
  let worst = 0;
  let cases = 0;
  for (const f of fs.readdirSync(dir).filter((n) => /\.callout\.(ya?ml|json)$/.test(n))) {
    const yamlText = fs.readFileSync(path.join(dir, f), 'utf8');
    const fileName = path.join(dir, f);
    for (const m of mutations(yamlText, rnd, 80)) {
      worst = Math.max(worst, exercise(s, `${f}#${cases++}`, fileName, m, rnd, 4));
    }
  }
  // The same mutations over JSON text of a definition.
  const json = JSON.stringify({ name: 'A', namedCredential: 'ExternalCRM', method: 'POST', path: '/x/{id}', pathParameters: { id: { type: 'String' } }, request: { body: { email: '{!$Record.Email}', n: [1, 2] } }, responses: { '2XX': { sample: { id: 'a', items: [{ sku: 'x', price: 1.5 }] } }, '4XX': { sample: { error: 'e' } } }, outputs: [{ from: '2XX.id', to: 'v' }], types: { '2XX.items.price': 'Double' } }, null, 2);
  const jsonFile = path.join(dir, 'Fuzz.callout.json');
  for (const m of mutations(json, rnd, 160)) worst = Math.max(worst, exercise(s, `json#${cases++}`, jsonFile, m, rnd, 4));
  assert.ok(cases >= 400, `${cases} cases`);
  assert.ok(worst < 2000, `slowest mutated definition took ${worst.toFixed(0)} ms`);
});

test('hostile definitions: deep nesting, alias bombs, huge strings and odd shapes come back in bounded time', async () => {
  const s = await service();
  const rnd = prng(7);
  for (const [name, text] of HOSTILE) {
    if (process.env.FUZZ_DEBUG) console.log('hostile', name);
    const fileName = path.join(examplesRoot, 'callouts', name.startsWith('json') ? 'Hostile.callout.json' : 'Hostile.callout.yaml');
    const ms = exercise(s, name, fileName, text, rnd, 3);
    if (process.env.FUZZ_DEBUG) console.log(name, ms.toFixed(0), 'ms');
    assert.ok(ms < 5000, `${name}: ${ms.toFixed(0)} ms`);
  }
});
