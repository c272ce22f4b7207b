// YAML re-parse of only the top-level entries an edit touches (parse/yaml.ts reparseYamlTree) against a full
// parse of the same text: the same tree (values, raw numbers, every offset), the same syntax errors and the
// same diagnostics, through chains of random edits on the examples and a large definition. Where it cannot
// be sure (errors, anchors, a key off the line start…) it must decline and leave the text to a full parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlTree, reparseYamlTree } from '../../server/src/core/parse/yaml';
import { parseCalloutText, type ParsedTree, type ValueNode } from '../../server/src/core/parse';
import { validateCalloutDocument } from '../../server/src/core/validate/callout';
import type { ProjectIndex } from '../../server/src/core/project/index';
import { demoProject, examplesRoot } from './helpers';
import { prng } from './calloutFuzzCases';

function plain(n: ValueNode | undefined): unknown {
  if (!n) return n;
  if (n.type === 'object') return { t: 'object', o: n.offset, l: n.length, p: n.properties.map((p) => [p.key, p.keyOffset, p.keyLength, plain(p.value)]) };
  if (n.type === 'array') return { t: 'array', o: n.offset, l: n.length, i: n.items.map(plain) };
  return { t: n.type, o: n.offset, l: n.length, v: n.value, r: n.raw };
}

function links(n: ValueNode | undefined): void {
  if (n?.type === 'object') for (const p of n.properties) {
    assert.equal(p.parent, n);
    assert.equal(p.value?.parent, n);
    assert.equal(p.value?.property, p);
    links(p.value);
  }
  if (n?.type === 'array') for (const i of n.items) {
    assert.equal(i.parent, n);
    links(i);
  }
}

const fileName = path.join(examplesRoot, 'callouts', 'Incremental.callout.yaml');

/** A large definition: the ExternalCrmLeads example with a many-record 2XX sample, in block style. */
function bigDefinition(records: number): string {
  const base = fs.readFileSync(path.join(examplesRoot, 'callouts', 'ExternalCrmLeads.callout.yaml'), 'utf8').replace(/\n*$/, '\n');
  const items = Array.from({ length: records }, (_, i) => [
    `          - id: C-${String(i).padStart(6, '0')}`,
    `            name: Customer ${i}`,
    `            score: ${(i * 37) % 100}`,
    `            active: ${i % 3 !== 0}`,
    '            tags:',
    '              - inbound',
    `              - segment-${i % 7}`,
  ].join('\n')).join('\n');
  return base.replace(/^responses:\n/m, `responses:\n  '201':\n    sample:\n      page: 1\n      items:\n${items}\n`);
}

const TYPED = ['a', 'Z', ' ', ':', ': ', '#', '"', "'", '\n', '\n  ', '- ', '[', '{', '}', '&x ', '*x', '|', '>', '1.5', 'null', '\t', 'name: Again\n', 'extra: 1\n'];

/** The next version: a character typed, a run deleted, a line duplicated or removed, somewhere in the text. */
function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const k = rnd();
  if (k < 0.45) return text.slice(0, at) + TYPED[Math.floor(rnd() * TYPED.length)] + text.slice(at);
  if (k < 0.75) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 6));
  const lines = text.split('\n');
  const l = Math.floor(rnd() * lines.length);
  if (k < 0.88) lines.splice(l, 0, lines[Math.floor(rnd() * lines.length)]);
  else lines.splice(l, 1);
  return lines.join('\n');
}

function check(prev: ParsedTree, text: string, project: ProjectIndex, label: string): { tree: ParsedTree; reused: boolean } {
  const full = parseYamlTree(text);
  const inc = reparseYamlTree(prev, text);
  if (!inc) return { tree: full, reused: false };
  assert.deepEqual(inc.syntaxErrors, full.syntaxErrors, `${label}: syntax errors differ`);
  assert.deepEqual(plain(inc.root), plain(full.root), `${label}: tree differs`);
  links(inc.root);
  assert.deepEqual(validateCalloutDocument({ fileName, text, tree: inc }, { project }), validateCalloutDocument({ fileName, text, tree: full }, { project }), `${label}: diagnostics differ`);
  assert.equal(!!inc.reusable, !!full.reusable, `${label}: reusable differs`);
  return { tree: inc, reused: true };
}

test('re-parsing the edited top-level entries gives the full parse, through chains of random edits', async () => {
  const project = await demoProject();
  const rnd = prng(20261204);
  const dir = path.join(examplesRoot, 'callouts');
  const bases = [...fs.readdirSync(dir).filter((f) => /\.callout\.ya?ml$/.test(f)).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')), bigDefinition(40)];
  let reused = 0;
  let declined = 0;
  for (const [b, base] of bases.entries()) {
    for (let chain = 0; chain < 16; chain++) {
      let text = base;
      let tree = parseYamlTree(text);
      assert.ok(tree.reusable, `base ${b} is a plain block mapping`);
      for (let step = 0; step < 25; step++) {
        const next = edit(text, rnd);
        if (next === text) continue;
        const r = check(tree, next, project, `base ${b} chain ${chain} step ${step}`);
        if (r.reused) reused++;
        else declined++;
        if (r.tree.syntaxErrors.length && rnd() < 0.8) {
          // Most typos are fixed right away: back to the last clean version (its tree was consumed: parse it again).
          tree = parseYamlTree(text);
          continue;
        }
        text = next;
        tree = r.tree;
      }
    }
  }
  assert.ok(reused >= 200, `${reused} edits re-used the previous tree`);
  assert.ok(declined >= 100, `${declined} edits were declined`);
});

test('typing in a big definition re-uses the previous tree; the previous tree is consumed', () => {
  let text = bigDefinition(200);
  let tree = parseCalloutText(text, fileName);
  const at = text.indexOf('description:') + 'description:'.length;
  for (const [i, ch] of [...' typed here'].entries()) {
    const next = text.slice(0, at + i) + ch + text.slice(at + i);
    const inc = reparseYamlTree(tree, next);
    assert.ok(inc, `typing ${JSON.stringify(ch)} re-used the tree`);
    assert.equal(tree.reusable, undefined, 'the previous tree cannot be used twice');
    assert.equal(reparseYamlTree(tree, next), undefined);
    assert.deepEqual(plain(inc.root), plain(parseYamlTree(next).root));
    text = next;
    tree = inc;
  }
});

test('declines what it cannot mirror: anchors and aliases, directives, errors, edits before the first key', () => {
  const base = 'name: A\nmethod: GET\npath: /x\n';
  const cases: [string, string][] = [
    [base, 'name: A\nmethod: &m GET\npath: /x\n'],
    ['name: &n A\nmethod: GET\nother: *n\n', 'name: &n A\nmethod: POST\nother: *n\n'],
    ['%YAML 1.2\n---\nname: A\nmethod: GET\n', '%YAML 1.2\n---\nname: A\nmethod: POST\n'],
    [base, 'name: A\nmethod: [GET\npath: /x\n'],
    [base, '# c\nname: A\nmethod: GET\npath: /x\n'],
    [base, 'name: A\nmethod: GET\nname: B\npath: /x\n'],
    [base, 'name: A\n method: GET\npath: /x\n'],
  ];
  for (const [before, after] of cases) {
    const prev = parseYamlTree(before);
    assert.equal(reparseYamlTree(prev, after), undefined, JSON.stringify(after));
  }
  assert.equal(parseYamlTree('a: &x 1\nb: *x\n').reusable, undefined);
  assert.equal(parseYamlTree('{a: 1}\n').reusable, undefined);
  assert.equal(parseYamlTree('a: [1\n').reusable, undefined);
});
