// `flow-callout validate` on the references fixture (test/fixtures/references): child relationships on
// $Record, screen actions and globals with the org's custom fields are silent; their typos are reported at
// exact positions, and only those decide the exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flowCallout, repoRoot } from './flowCallout';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'references');
const flows = path.join(fixture, 'force-app', 'main', 'default', 'flows');

interface Reported {
  file: string;
  problems: { offset: number; length: number; code: string; severity: string; message: string; line: number; column: number }[];
}

test('validate: the valid reference shapes are silent, their typos are errors at exact positions', () => {
  const r = flowCallout(['validate', '.', '--format', 'json'], { cwd: fixture });
  assert.equal(r.code, 1, r.stderr);
  const files = JSON.parse(r.stdout) as Reported[];
  const found = files.flatMap((f) => f.problems.map((p) => {
    const text = fs.readFileSync(f.file, 'utf8');
    return `${path.basename(f.file)}:${p.line}:${p.column} ${p.code} ${text.slice(p.offset, p.offset + p.length)}`;
  })).sort();
  const at = (file: string, anchor: string, needle: string) => {
    const text = fs.readFileSync(path.join(flows, file), 'utf8');
    const offset = text.indexOf(anchor) + anchor.indexOf(needle);
    const before = text.slice(0, offset).split('\n');
    return `${file}:${before.length}:${before[before.length - 1].length + 1}`;
  };
  assert.deepEqual(found, [
    `${at('Account_Search_Typos.flow-meta.xml', 'SearchAccountAction.Results.matchingAcounts', 'matchingAcounts')} flow-unresolved-reference matchingAcounts`,
    `${at('Implementation_Plans_Typos.flow-meta.xml', '{!$Setup.Rate_Settings__c.Margn__c}', 'Margn__c')} flow-unresolved-reference Margn__c`,
    `${at('Implementation_Plans_Typos.flow-meta.xml', '{!$User.Profile_IDs__c}', 'Profile_IDs__c')} flow-unresolved-reference Profile_IDs__c`,
    `${at('Implementation_Plans_Typos.flow-meta.xml', '$Record.Plan__r<', 'Plan__r')} flow-record-field Plan__r`,
  ].sort());
  const rel = files.flatMap((f) => f.problems).find((p) => p.code === 'flow-record-field');
  assert.match(rel?.message ?? '', /Did you mean "Plans__r"\?/);
  assert.equal(rel?.severity, 'warning');

  // The flows holding only valid shapes pass on their own.
  const clean = flowCallout(['validate', 'force-app/main/default/flows/Implementation_Plans_Sync.flow-meta.xml', 'force-app/main/default/flows/Account_Search_Screen.flow-meta.xml'], { cwd: fixture });
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /2 file\(s\) checked: 0 error\(s\), 0 warning\(s\)/);
});
