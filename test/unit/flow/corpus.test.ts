// Real flows: every corpus flow is analysed without error and with exactly the reviewed findings; mutated
// copies (truncated, tags deleted/duplicated, random bytes, deep nesting, entity expansion) never make a rule
// fail. A generated 1 MB flow validates clean. How long all this takes is the bench's (bench/budgets.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flowLanguage } from '../../../server/src/core/flow';
import { validateFlowText } from '../../../server/src/core/flow/validate';
import { generateFlow } from './generate';
import { testProject } from './helpers';
import { corpus, hostileFlows, LOL, mutations, rng } from './corpusCases';

/**
 * Reviewed by hand against each file: every finding is a real problem.
 * - missing fault paths: 10 of the 11 externalService actions have none (SOURCES.md); Bank_Account_Records
 *   branches on 409Exc, hence the warning variant;
 * - GenerateQuote's registration is created by Heroku AppLink and is not in the repo (an info note: retrieve it);
 * - BeautifyInvoiceData is used but not declared in the force-app copy of Case_Troubleshooter_Grounding;
 * - nepa_risk_factors_summary__c exists nowhere in the NEPA repo (used twice on that line; a warning, since a
 *   project may hold only some of an object's fields);
 * - the Ids and URLs are literal org Ids, org URLs and an API endpoint with its key in the path.
 */
const REVIEWED = [
  'flow-hardcoded-id Flow_OneView_Analyze_Display.flow-meta.xml:4244 0698c00000Ec4CDAAZ',
  'flow-hardcoded-id Hardcoded_Id.flow-meta.xml:63 005Dn000006GuG4IAK',
  'flow-hardcoded-url Get_Foreign_Exchange_Data.flow-meta.xml:42 https://v6.exchangerate-api.com/v6/73dbd0b41b4bf00008b4e469/latest/USD',
  'flow-hardcoded-url HardcodedUrl.flow-meta.xml:62 https://mydomain.sanbox.my.salesforce.com',
  'flow-hardcoded-url HardcodedUrl.flow-meta.xml:8 https://mydomain.sandbox.my.salesforce.com/',
  'flow-hardcoded-url Notify_Via_WebEx.flow-meta.xml:79 https://nosoftware-connect-9096-dev-ed.lightning.force.com/lightning/r/Case/',
  'flow-hardcoded-url Run_flow_in_Another_org.flow-meta.xml:17 https://mindful-otter-v5tqvy-dev-ed.my.salesforce.com',
  'flow-missing-fault-path Bank_Account_Records.flow-meta.xml:4 Add_Bank_Account',
  'flow-missing-fault-path Case_Troubleshooter_Grounding.flow-meta.xml:25 Get_Weather_Data',
  'flow-missing-fault-path Case_Troubleshooter_Grounding.flow-meta.xml:25 Get_Weather_Data',
  'flow-missing-fault-path GenerateQuoteTest.flow-meta.xml:4 Generate_Quote',
  'flow-missing-fault-path Get_Commitee_Notes.flow-meta.xml:4 Get_Meeting_Minutes',
  'flow-missing-fault-path Get_Committee_Minutes_V1.flow-meta.xml:5 Get_Meeting_Minutes',
  'flow-missing-fault-path Get_Committee_Notes_V1.flow-meta.xml:5 Get_Meeting_Minutes',
  'flow-missing-fault-path High_Bill_Ground_Information.flow-meta.xml:25 Get_Weather_Data',
  'flow-missing-fault-path Meeting_Minutes_Example_v1.flow-meta.xml:4 Get_New_Meeting_Minutes',
  'flow-missing-fault-path Prompt_High_Invoice_Ground_Information.flow-meta.xml:25 Get_Weather_Data',
  'flow-record-field NEPA_Slack_Risk_Alert.flow-meta.xml:152 nepa_risk_factors_summary__c',
  'flow-record-field NEPA_Slack_Risk_Alert.flow-meta.xml:152 nepa_risk_factors_summary__c',
  'flow-unknown-action GenerateQuoteTest.flow-meta.xml:8 GenerateQuote',
  'flow-unresolved-reference Case_Troubleshooter_Grounding.flow-meta.xml:54 BeautifyInvoiceData',
];

test('every corpus flow is analysed with exactly the reviewed findings, again the same on fresh text', async () => {
  const flows = await corpus();
  assert.ok(flows.length >= 85, `found ${flows.length} flows`);
  const findings: string[] = [];
  for (const f of flows) {
    for (const p of validateFlowText(f.text, { project: f.project })) {
      findings.push(`${p.code} ${path.basename(f.file)}:${f.text.slice(0, p.offset).split('\n').length} ${f.text.slice(p.offset, p.offset + p.length)}`);
    }
  }
  assert.deepEqual(findings.sort(), REVIEWED);
  // Again, as the editor sees it once the server has warmed up (fresh text objects, so nothing is cached).
  const again: number[] = flows.map((f) => validateFlowText(`${f.text} `, { project: f.project }).length);
  assert.equal(again.reduce((n, k) => n + k, 0), REVIEWED.length);
});

test('completion, hover and definition answer anywhere in every corpus flow without throwing', async () => {
  for (const f of await corpus()) {
    const doc = { uri: `file://${f.file}`, fileName: f.file, text: f.text };
    const step = Math.max(1, Math.floor(f.text.length / 60));
    for (let offset = 0; offset <= f.text.length; offset += step) {
      flowLanguage.complete(doc, offset, f.project);
      flowLanguage.hover(doc, offset, f.project);
      flowLanguage.definition(doc, offset, f.project);
    }
  }
});

test('mutated corpus flows: validation, completion and hover never throw', async () => {
  const random = rng(4);
  for (const f of await corpus()) {
    for (const text of mutations(f.text, random)) {
      const doc = { uri: 'file:///mutated.flow-meta.xml', fileName: 'mutated.flow-meta.xml', text };
      const problems = validateFlowText(text, { project: f.project });
      flowLanguage.complete(doc, Math.floor(text.length / 2), f.project);
      flowLanguage.hover(doc, Math.floor(text.length / 3), f.project);
      assert.ok(!problems.some((p) => p.code === 'internal'), `${path.basename(f.file)}: ${problems.find((p) => p.code === 'internal')?.message}`);
    }
  }
});

test('hostile documents: 10k-deep nesting, entity expansion, empty and non-flow XML', async () => {
  const project = await testProject();
  for (const text of hostileFlows()) {
    const problems = validateFlowText(text, { project });
    const doc = { uri: 'file:///h.flow-meta.xml', fileName: 'h.flow-meta.xml', text };
    flowLanguage.complete(doc, Math.floor(text.length / 2), project);
    flowLanguage.hover(doc, Math.floor(text.length / 2), project);
    assert.ok(!problems.some((p) => p.code === 'internal'), problems.map((p) => p.message).join('; '));
    assert.ok(problems.every((p) => p.offset >= 0 && p.offset + p.length <= Math.max(1, text.length)), 'ranges inside the text');
  }
  // Entities are never expanded: the formula keeps no expanded text.
  assert.ok(validateFlowText(LOL, { project }).length < 50);
});

test('a generated 1 MB flow validates clean, edit after edit', async () => {
  const project = await testProject();
  const text = generateFlow(1024 * 1024);
  for (let i = 0; i < 3; i++) {
    const problems = validateFlowText(text + ' '.repeat(i), { project }, 'file:///generated.flow-meta.xml');
    assert.deepEqual(problems.map((p) => p.code), []);
  }
});
