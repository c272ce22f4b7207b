// The one reference resolver (flow/resolve.ts) on the shapes Salesforce accepts and their typos: child
// relationships on $Record, screen actions, global variables with the org's custom fields. Each class: the
// valid shape silent, the typo reported at its exact range — in the fixture project on disk
// (test/fixtures/references) and in small flows written here; and callout-definition merge fields get the
// same answers as flow references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FlowAnalysis } from '../../../server/src/core/flow/analysis';
import { flowLanguage } from '../../../server/src/core/flow';
import { resolveReference, scopeOf } from '../../../server/src/core/model/references';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { nodeFs } from '../../../server/src/core/project/fs';
import { expectRanges, repoRoot } from '../helpers';
import { expectFlowRanges, flow, validateFlow } from './helpers';

const fixtureRoot = path.join(repoRoot, 'test', 'fixtures', 'references');
const flowsDir = path.join(fixtureRoot, 'force-app', 'main', 'default', 'flows');
let loaded: Promise<ProjectIndex> | undefined;
const fixture = () => (loaded ??= ProjectIndex.load(fixtureRoot, nodeFs, { summarizeFlow }));
const readFlow = (name: string) => fs.readFileSync(path.join(flowsDir, `${name}.flow-meta.xml`), 'utf8');

/** Marks `needle` inside the first occurrence of `anchor` (both literal). */
function mark(text: string, anchor: string, needle: string): string {
  const at = text.indexOf(anchor);
  assert.ok(at >= 0, `anchor ${anchor}`);
  const inner = anchor.indexOf(needle);
  assert.ok(inner >= 0, `needle ${needle} in ${anchor}`);
  const start = at + inner;
  return `${text.slice(0, start)}⟦${needle}⟧${text.slice(start + needle.length)}`;
}

const REFERENCE_CODES = ['flow-record-field', 'flow-unresolved-reference'];

test('fixture: the valid shapes are silent (child relationship, screen actions, globals with custom fields)', async () => {
  const project = await fixture();
  for (const name of ['Implementation_Plans_Sync', 'Account_Search_Screen', 'Search_Accounts']) {
    const problems = validateFlow(readFlow(name), project).filter((p) => REFERENCE_CODES.includes(p.code) || p.code === 'internal');
    assert.deepEqual(problems.map((p) => p.message), [], name);
  }
});

test('fixture: the typos are reported at their exact ranges, with relationship and output names offered', async () => {
  const project = await fixture();
  let typos = readFlow('Implementation_Plans_Typos');
  typos = mark(typos, '<inputReference>$Record.Plan__r<', 'Plan__r');
  const [rel] = expectFlowRanges(typos, 'flow-record-field', project);
  assert.match(rel.message, /Implementation__c has no relationship "Plan__r" in this project\. Did you mean "Plans__r"\?/);
  // A warning, not an error: the lookup defining Plan__r could sit on an object the project has not retrieved.
  assert.equal(rel.severity, 'warning');
  assert.deepEqual(rel.fix?.kind === 'replace-any' ? rel.fix.candidates : [], ['Plans__r']);

  typos = readFlow('Implementation_Plans_Typos');
  typos = mark(typos, '{!$User.Profile_IDs__c}', 'Profile_IDs__c');
  typos = mark(typos, '{!$Setup.Rate_Settings__c.Margn__c}', 'Margn__c');
  const [user, setup] = expectFlowRanges(typos, 'flow-unresolved-reference', project);
  assert.match(user.message, /User has no field "Profile_IDs__c" in this project\. Did you mean "Profile_ID__c"\?.*retrieve it \(sf project retrieve start -m CustomField:User\.Profile_IDs__c\)/);
  assert.match(setup.message, /Rate_Settings__c has no field "Margn__c" in this project\. Did you mean "Margin__c"\?/);
  // Warnings: the project may hold only some of the object's fields (REF5).
  assert.deepEqual([user.severity, setup.severity], ['warning', 'warning']);

  const screen = mark(readFlow('Account_Search_Typos'), 'SearchAccountAction.Results.matchingAcounts', 'matchingAcounts');
  const [out] = expectFlowRanges(screen, 'flow-unresolved-reference', project);
  assert.match(out.message, /Flow Search_Accounts has no output variable "matchingAcounts"\. Did you mean "matchingAccounts"\?/);
});

const implementationTrigger = '<connector><targetReference>First</targetReference></connector><object>Implementation__c</object><recordTriggerType>Update</recordTriggerType><triggerType>RecordAfterSave</triggerType>';
const formula = (expression: string) => `    <formulas><name>f</name><dataType>String</dataType><expression>${expression}</expression></formulas>`;
const update = (inputReference: string) => `    <recordUpdates><name>First</name><label>First</label><inputAssignments><field>Phase__c</field><value><stringValue>Done</stringValue></value></inputAssignments><inputReference>${inputReference}</inputReference></recordUpdates>`;

test('flow-record-field: child relationships of project lookups; unknown __r only as a near miss of a relationship', async () => {
  const project = await fixture();
  const body = [update('$Record.Plans__r'), formula('{!$Record.Plans__r} &amp; {!$Record.⟦Plan__r⟧} &amp; {!$Record.Unrelated_Children__r} &amp; {!$Record.Statsu__c}')].join('\n');
  // `Statsu__c` is a custom field the project's objects/Implementation__c/fields does not hold: still reported,
  // as a warning (the project may hold only the fields it changed).
  const src = body.replace('{!$Record.Statsu__c}', '{!$Record.⟦Statsu__c⟧}');
  const [typo, field] = expectFlowRanges(flow(src, { start: implementationTrigger }), 'flow-record-field', project);
  assert.deepEqual(typo.fix?.kind === 'replace-any' ? typo.fix.candidates[0] : undefined, 'Plans__r');
  assert.deepEqual([typo.severity, field.severity], ['warning', 'warning']);
  assert.deepEqual(field.fix?.kind === 'replace-any' ? field.fix.candidates[0] : undefined, 'Status__c');
});

test('flow-record-field: standard child relationships of standard objects; did-you-mean offers them; objects the project lacks say nothing', async () => {
  const project = await fixture();
  const account = '<connector><targetReference>First</targetReference></connector><object>Account</object><recordTriggerType>Update</recordTriggerType><triggerType>RecordAfterSave</triggerType>';
  const body = [update('$Record.Contacts'), formula('{!$Record.Opportunities} &amp; {!$Record.Cases} &amp; {!$Record.Tasks} &amp; {!$Record.⟦Contactz⟧} &amp; {!$Record.Anything__c}')].join('\n');
  const [plural] = expectFlowRanges(flow(body, { start: account }), 'flow-record-field', project);
  assert.match(plural.message, /Account has no field or relationship "Contactz"\. Did you mean "Contacts"\?/);
  // Asset: no field table shipped, none in the project — nothing is known, nothing is said.
  const asset = account.replace('<object>Account</object>', '<object>Asset</object>');
  expectFlowRanges(flow([update('$Record.Work_Orders__r'), formula('{!$Record.Serial__c} &amp; {!$Record.Whatever}')].join('\n'), { start: asset }), 'flow-record-field', project);
});

test('globals: $User/$Organization/$Profile fields, $Setup and $CustomMetadata fields, $Label/$Permission; unknowable when not retrieved', async () => {
  const project = await fixture();
  const body = formula([
    '{!$User.Profile_ID__c}', '{!$User.Email}', '{!$User.Profile.Name}', '{!$User.⟦Emial⟧}', '{!$User.⟦Profile_IDs__c⟧}',
    '{!$Organization.Region__c}', '{!$Profile.Name}', '{!$UserRole.DeveloperName}', '{!$Label.Any_Label}', '{!$Permission.Any_Permission}',
    '{!$Setup.Rate_Settings__c.Margin__c}', '{!$Setup.Rate_Settings__c.⟦Margn__c⟧}', '{!$Setup.Unretrieved_Settings__c.Any__c}',
    '{!$CustomMetadata.Phase_Map__mdt.Default.Phase__c}',
  ].join(' &amp; '));
  expectFlowRanges(flow(`${update('$Record.Plans__r')}\n${body}`, { start: implementationTrigger }), 'flow-unresolved-reference', project);
  // Without the project: the User custom field is unknowable (no "did you mean ProfileId"), a standard typo still found.
  const bare = formula('{!$User.Profile_ID__c} &amp; {!$User.Department__c} &amp; {!$User.⟦Emial⟧}');
  expectFlowRanges(flow(`${update('x')}\n${bare}\n    <variables><name>x</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>`), 'flow-unresolved-reference');
});

test('screen actions: Results against the called flow\'s outputs, IsSuccess/InProgress/ErrorMessage; a flow not in the project is not checked', async () => {
  const project = await fixture();
  const screen = (refs: string) => `    <screens><name>First</name><label>S</label>
        <actions><name>SearchAccountAction</name><actionName>Search_Accounts</actionName><actionType>flow</actionType><label>Search</label></actions>
        <actions><name>External_Action</name><actionName>Not_In_Project</actionName><actionType>flow</actionType><label>Other</label></actions>
        <fields><name>Shown</name><fieldText>${refs}</fieldText><fieldType>DisplayText</fieldType></fields>
    </screens>`;
  const refs = [
    '{!SearchAccountAction.Results.matchingAccounts}', '{!SearchAccountAction.IsSuccess}', '{!SearchAccountAction.InProgress}',
    '{!SearchAccountAction.ErrorMessage}', '{!External_Action.Results.anything}', '{!SearchAccountAction.Results.⟦searchTerm⟧}',
    '{!SearchAccountAction.⟦IsSucess⟧}', '{!SearchAccountAction.Results}',
  ].join(' ');
  const [input, state] = expectFlowRanges(flow(screen(refs), { processType: 'Flow' }), 'flow-unresolved-reference', project);
  // searchTerm is an input of Search_Accounts, not an output: only output variables are results.
  assert.match(input.message, /Flow Search_Accounts has no output variable "searchTerm"\.[^]*Its output variables: matchingAccounts/);
  assert.match(state.message, /Did you mean "IsSuccess"\?/);
});

test('one resolver: a callout definition linked to the flow gets the same answers as the flow\'s own references', async () => {
  const project = await fixture();
  const text = readFlow('Implementation_Plans_Sync');
  const analysis = new FlowAnalysis(text, project);
  const scope = scopeOf(project, undefined, 'force-app/main/default/flows/Implementation_Plans_Sync.flow-meta.xml');
  assert.equal(scope.recordObject, 'Implementation__c');
  const paths = [
    '$Record.Plans__r', '$Record.Plan__r', '$Record.Status__c', '$Record.Statsu__c', '$Record.Owner.Name', '$Record.Unrelated__r',
    '$User.Profile_ID__c', '$User.Profile_IDs__c', '$User.Emial', '$User.Department__c', '$Usr.Email', '$Flow.CurrentDat', '$Flow.Newer_Member',
    '$Setup.Rate_Settings__c.Margn__c', '$Setup.Rate_Settings__c.Margin__c', '$Label.Anything', '$Permission.Manage_Implementations',
    '$CustomMetadata.Phase_Map__mdt.Default.Phase__c', 'Plan_Phase', 'Plan_Phas', 'Update_Plans',
  ];
  for (const p of paths) {
    const inFlow = analysis.resolve({ path: p, kind: 'reference' });
    const inCallout = resolveReference(p, scope);
    assert.equal(inCallout.ok, inFlow.ok, p);
    if (inFlow.ok || inCallout.ok) continue;
    const segmentOffset = p.split('.').slice(0, inFlow.segment).reduce((n, s) => n + s.length + 1, 0);
    assert.equal(inCallout.segmentOffset, segmentOffset, p);
    assert.equal(inCallout.suggestion, inFlow.candidates[0], p);
    if (p.startsWith('$')) assert.equal(inCallout.message, inFlow.message, p);
  }
  // And through the callout rule itself, at exact ranges.
  const def = `name: Phases\nnamedCredential: Cred\nmethod: POST\npath: /phases\nflow: force-app/main/default/flows/Implementation_Plans_Sync.flow-meta.xml\nrequest:\n  body:\n    profile: "{!$User.Profile_ID__c}"\n    wrong: "{!$User.⟦Profile_IDs__c⟧}"\n    status: "{!$Record.Status__c}"\n    phase: "{!Plan_Phase}"\n    rel: "{!$Record.⟦Plan__r⟧}"\nresponses: { 2XX: { sample: {} } }\n`;
  const [user, rel] = expectRanges(def, 'callout-merge-field', { project, fileName: path.join(fixtureRoot, 'callouts', 'Phases.callout.yaml') });
  assert.match(user.message, /Did you mean "Profile_ID__c"\?/);
  assert.match(rel.message, /Did you mean "Plans__r"\?/);
  assert.deepEqual([user.severity, rel.severity], ['warning', 'warning']);
});

test('completion after a screen action, its Results and $User offers what the resolver accepts', async () => {
  const project = await fixture();
  const text = readFlow('Account_Search_Screen');
  const labels = (prefix: string) => {
    const anchor = '{!SearchAccountAction.ErrorMessage}';
    const edited = text.replace(anchor, `{!${prefix}}`);
    const offset = edited.indexOf(`{!${prefix}}`) + 2 + prefix.length;
    const doc = { uri: 'file:///Account_Search_Screen.flow-meta.xml', fileName: 'Account_Search_Screen.flow-meta.xml', text: edited };
    return flowLanguage.complete(doc, offset, project).map((e) => e.label);
  };
  assert.deepEqual(labels('SearchAccountAction.').sort(), ['ErrorMessage', 'InProgress', 'IsSuccess', 'Results']);
  assert.deepEqual(labels('SearchAccountAction.Results.'), ['matchingAccounts']);
  assert.ok(labels('$User.').includes('Profile_ID__c'));
});
