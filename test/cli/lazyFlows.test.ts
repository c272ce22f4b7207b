// `flow-callout validate` reads each flow when its turn comes, with the flows its checks read
// (cli/validateShare.ts). Its findings must be those of an index that read every flow first
// (FLOW_CALLOUT_EAGER_INDEX=1): on a project with subflow chains, screen actions running flows, a subflow
// named in another case, a flow name held by two package directories, definitions linked to flows,
// unresolved references, a binary flow, a broken flow and an ignored file — and on the shared corpus.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusRoot, flowCallout, repoRoot } from './flowCallout';
import { FLOWS, wholeProject } from './reachProject';
import { binaryBytes } from '../binaryFiles';

let dir: string;
const EAGER = { ...process.env, FLOW_CALLOUT_EAGER_INDEX: '1' };
const LAZY = { ...process.env, FLOW_CALLOUT_EAGER_INDEX: '' };

before(() => {
  // With screen actions running flows (their Results read the called flow's outputs) and object fields.
  dir = wholeProject('{ "ignore": ["force-app/main/default/flows/Ignored_*.flow-meta.xml"] }');
  const flows = path.join(dir, FLOWS);
  const pricing = fs.readFileSync(path.join(flows, 'Opportunity_Pricing.flow-meta.xml'), 'utf8');
  const rates = fs.readFileSync(path.join(flows, 'Fetch_Exchange_Rates.flow-meta.xml'), 'utf8');
  // A chain whose last link names its subflow in another case (flow names are case-insensitive).
  for (let i = 0; i < 4; i++) {
    const next = i === 3 ? 'FETCH_EXCHANGE_RATES' : `Chain_${i + 1}`;
    fs.writeFileSync(path.join(flows, `Chain_${i}.flow-meta.xml`), pricing.replace('<flowName>Fetch_Exchange_Rates</flowName>', `<flowName>${next}</flowName>`));
  }
  // Checked before the flows it calls (walk order), and a subflow no flow file has.
  fs.writeFileSync(path.join(flows, 'AAA_Calls_Later.flow-meta.xml'), pricing.replace('<flowName>Fetch_Exchange_Rates</flowName>', '<flowName>Chain_3</flowName>'));
  fs.writeFileSync(path.join(flows, 'Calls_Nothing_Known.flow-meta.xml'), pricing.replace('<flowName>Fetch_Exchange_Rates</flowName>', '<flowName>No_Such_Flow</flowName>'));
  // The same flow name in a second package directory (the later one in the walk holds it): no callout there.
  const other = path.join(dir, 'other-app', 'main', 'default', 'flows');
  fs.mkdirSync(other, { recursive: true });
  fs.writeFileSync(path.join(other, 'Fetch_Exchange_Rates.flow-meta.xml'), rates.replace(/<actionCalls>[\s\S]*?<\/actionCalls>/, '').replace('<targetReference>Get_Rates</targetReference>', '<targetReference>Log_Fault</targetReference>'));
  fs.writeFileSync(path.join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }, { path: 'other-app' }], sourceApiVersion: '62.0' }));
  fs.writeFileSync(path.join(flows, 'Ignored_One.flow-meta.xml'), '<Flow><broken');
  fs.writeFileSync(path.join(flows, 'Broken.flow-meta.xml'), '<Flow><label>x</label><subflows><name>S</name><flowName>Chain_0');
  fs.writeFileSync(path.join(flows, 'Garbage.flow-meta.xml'), binaryBytes(20_000, 3));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function both(args: string[], cwd: string): { lazy: ReturnType<typeof flowCallout>; eager: ReturnType<typeof flowCallout> } {
  return { lazy: flowCallout(args, { cwd, env: LAZY }), eager: flowCallout(args, { cwd, env: EAGER }) };
}

test('reading flows as they come gives what reading every flow first gives: JSON, SARIF and text, byte for byte', () => {
  for (const format of ['json', 'sarif', 'text']) {
    const { lazy, eager } = both(['validate', '.', '--format', format, '--workers', '1'], dir);
    assert.equal(lazy.stderr, '');
    assert.equal(lazy.code, eager.code);
    assert.equal(lazy.stdout, eager.stdout, `--format ${format}`);
  }
  // The project-wide checks ran: callouts through subflow chains, an unknown subflow, the refusals.
  const results = JSON.parse(both(['validate', '.', '--format', 'json', '--workers', '1'], dir).lazy.stdout) as { file: string; problems: { code: string; message: string }[] }[];
  const codes = (name: string) => results.find((r) => r.file.endsWith(`/${name}.flow-meta.xml`))?.problems.map((p) => p.code) ?? [];
  assert.ok(codes('Garbage').includes('binary-content'));
  assert.ok(codes('Broken').includes('xml-syntax'));
  assert.ok(!results.some((r) => r.file.includes('Ignored_One')));
  assert.ok(results.some((r) => r.problems.some((p) => p.message.includes('No_Such_Flow'))), 'the unknown subflow is reported');
  assert.ok(results.some((r) => r.file.endsWith('Account_Search_Typos.flow-meta.xml') && r.problems.some((p) => p.message.includes('has no output variable'))), 'a screen action read the called flow');
});

test('a path inside the project: only those files are checked, with the same findings as an eager read', () => {
  const { lazy, eager } = both(['validate', FLOWS, '--format', 'json', '--workers', '1'], dir);
  assert.equal(lazy.stdout, eager.stdout);
  const files = (JSON.parse(lazy.stdout) as { file: string }[]).map((r) => r.file);
  assert.ok(files.length > 5 && files.every((f) => f.includes(`${path.sep}flows${path.sep}`)));
});

test('the shared corpus of real projects: the same findings either way', () => {
  const { lazy, eager } = both(['validate', corpusRoot, '--format', 'json', '--workers', '1'], repoRoot);
  assert.equal(lazy.stderr, '');
  assert.equal(lazy.stdout, eager.stdout);
  assert.ok((JSON.parse(lazy.stdout) as unknown[]).length > 50);
});
