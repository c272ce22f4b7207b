// `flow-callout validate --workers N` (cli/validateWorkers.ts) gives byte for byte the output of one thread:
// JSON, SARIF and text, on a project with subflow chains, definitions, unresolved references, a binary flow,
// an ignored file and a broken flow.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flowCallout, repoRoot } from './flowCallout';
import { FLOWS, wholeProject } from './reachProject';
import { binaryBytes } from '../binaryFiles';

let dir: string;

before(() => {
  dir = wholeProject('{ "calloutActions": ["dfsle__*"], "ignore": ["force-app/main/default/flows/Ignored_*.flow-meta.xml"] }');
  const flows = path.join(dir, FLOWS);
  const base = fs.readFileSync(path.join(repoRoot, 'test/fixtures/flows/Lead_Callout_Problems.flow-meta.xml'), 'utf8');
  const pricing = fs.readFileSync(path.join(flows, 'Opportunity_Pricing.flow-meta.xml'), 'utf8');
  for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(flows, `Problems_${i}.flow-meta.xml`), base.replace(/<label>[^<]*<\/label>/, `<label>Problems ${i}</label>`));
  for (let i = 0; i < 5; i++) {
    const next = i === 4 ? 'Fetch_Exchange_Rates' : `Chain_${i + 1}`;
    fs.writeFileSync(path.join(flows, `Chain_${i}.flow-meta.xml`), pricing.replace('<flowName>Fetch_Exchange_Rates</flowName>', `<flowName>${next}</flowName>`));
  }
  fs.writeFileSync(path.join(flows, 'Ignored_One.flow-meta.xml'), '<Flow><broken');
  fs.writeFileSync(path.join(flows, 'Garbage.flow-meta.xml'), binaryBytes(20_000, 3));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('validate with 1 worker and with 3 workers: the same JSON, SARIF and text, byte for byte', () => {
  for (const format of ['json', 'sarif', 'text']) {
    const one = flowCallout(['validate', '.', '--format', format, '--workers', '1'], { cwd: dir });
    const three = flowCallout(['validate', '.', '--format', format, '--workers', '3'], { cwd: dir });
    assert.equal(three.stderr, '');
    assert.equal(three.code, one.code);
    assert.equal(three.stdout, one.stdout, `--format ${format}`);
    if (format === 'json') {
      const results = JSON.parse(one.stdout) as { file: string; problems: { code: string }[] }[];
      const codes = new Set(results.flatMap((r) => r.problems.map((p) => p.code)));
      // The checks that read other flows, definitions and metadata all ran, and the refusals are there.
      for (const code of ['flow-sync-callout', 'flow-unresolved-reference', 'binary-content', 'xml-syntax']) assert.ok(codes.has(code), `${code} in ${[...codes].join(', ')}`);
      assert.ok(results.some((r) => r.file.endsWith('Chain_0.flow-meta.xml') && r.problems.some((p) => p.code === 'flow-sync-callout')));
      assert.ok(!results.some((r) => r.file.includes('Ignored_One')));
    }
  }
  assert.equal(flowCallout(['validate', '.', '--workers', '0'], { cwd: dir }).code, 2);
});
