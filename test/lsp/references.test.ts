// The references fixture (test/fixtures/references) through the language server: the valid shapes (child
// relationships on $Record, screen actions, globals with the org's custom fields) get no diagnostics, their
// typos get one each at the exact range — in flows and in a callout definition linked to a flow.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot, startServer, type TestServer } from './client';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'references');
const flows = path.join(fixture, 'force-app', 'main', 'default', 'flows');
let server: TestServer;

before(async () => {
  server = await startServer(fixture);
});
after(async () => {
  await server?.stop();
});

const position = (text: string, offset: number) => {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
};
const rangeOf = (text: string, anchor: string, needle: string) => {
  const start = text.indexOf(anchor) + anchor.indexOf(needle);
  assert.ok(text.includes(anchor), anchor);
  return { start: position(text, start), end: position(text, start + needle.length) };
};

async function diagnosticsOf(file: string, text: string, languageId: string) {
  const pending = server.diagnostics('file://' + file);
  await server.open(file, text, languageId);
  return pending;
}

test('flows: valid child relationships, screen actions and globals are silent', async () => {
  for (const name of ['Implementation_Plans_Sync', 'Account_Search_Screen']) {
    const file = path.join(flows, `${name}.flow-meta.xml`);
    const diags = await diagnosticsOf(file, readFileSync(file, 'utf8'), 'flow-metadata-xml');
    assert.deepEqual(diags.map((d) => `${d.code}: ${d.message}`), [], name);
  }
});

test('flows: the typos are reported at their exact ranges', async () => {
  const typos = path.join(flows, 'Implementation_Plans_Typos.flow-meta.xml');
  const text = readFileSync(typos, 'utf8');
  const diags = await diagnosticsOf(typos, text, 'flow-metadata-xml');
  const byCode = (code: string) => diags.filter((d) => d.code === code).map((d) => d.range);
  assert.deepEqual(byCode('flow-record-field'), [rangeOf(text, '$Record.Plan__r<', 'Plan__r')]);
  assert.equal(diags.find((d) => d.code === 'flow-record-field')?.severity, 2);
  assert.deepEqual(byCode('flow-unresolved-reference'), [
    rangeOf(text, '{!$User.Profile_IDs__c}', 'Profile_IDs__c'), rangeOf(text, '{!$Setup.Rate_Settings__c.Margn__c}', 'Margn__c'),
  ]);
  assert.equal(diags.length, 3, JSON.stringify(diags));

  const screen = path.join(flows, 'Account_Search_Typos.flow-meta.xml');
  const screenText = readFileSync(screen, 'utf8');
  const screenDiags = await diagnosticsOf(screen, screenText, 'flow-metadata-xml');
  assert.deepEqual(screenDiags.map((d) => d.range), [rangeOf(screenText, 'SearchAccountAction.Results.matchingAcounts', 'matchingAcounts')]);
  assert.match(screenDiags[0].message, /Did you mean "matchingAccounts"\?/);
});

test('a callout definition linked to the flow: the same resolver answers its merge fields', async () => {
  const file = path.join(fixture, 'callouts', 'Phases.callout.yaml');
  const text = 'name: Phases\nnamedCredential: Cred\nmethod: POST\npath: /phases\nflow: force-app/main/default/flows/Implementation_Plans_Sync.flow-meta.xml\n'
    + 'request:\n  body:\n    profile: "{!$User.Profile_ID__c}"\n    wrong: "{!$User.Profile_IDs__c}"\n    plans: "{!$Record.Plans__r}"\n    rel: "{!$Record.Plan__r}"\n    phase: "{!Plan_Phase}"\n'
    + 'responses: { 2XX: { sample: {} } }\n';
  const diags = (await diagnosticsOf(file, text, 'flow-callout-yaml')).filter((d) => d.code === 'callout-merge-field');
  assert.deepEqual(diags.map((d) => d.range), [rangeOf(text, '{!$User.Profile_IDs__c}', 'Profile_IDs__c'), rangeOf(text, '{!$Record.Plan__r}', 'Plan__r')]);
  assert.match(diags[1].message, /Did you mean "Plans__r"\?/);
});
