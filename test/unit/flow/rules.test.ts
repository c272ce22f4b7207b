// Each flow rule: a case that fires at exact ranges (⟦…⟧) and a case that does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FLOW_RULES } from '../../../server/src/core/rules/flow';
import { ruleCatalog } from '../../../server/src/cli/rulesCatalog';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateFlowText } from '../../../server/src/core/flow/validate';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { examplesRoot } from '../helpers';
import { action, assignment, expectFlowRanges, flow, leadTrigger, testProject, validateFlow, variable } from './helpers';

const FAULT = assignment('Log_Fault');
const VARS = [variable('msg'), variable('requestBody', 'Apex', '<apexClass>ExternalService__ExternalCrmLeads_createLead_IN_body</apexClass>')].join('\n');

test('every flow rule has an id, a severity, a doc line and a source, and is in the CLI catalog', () => {
  const ids = new Set<string>();
  const catalog = new Set(ruleCatalog().map((r) => r.id));
  for (const r of FLOW_RULES) {
    assert.match(r.id, /^flow-[a-z0-9-]+$/);
    assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
    ids.add(r.id);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(r.defaultSeverity));
    assert.ok(r.doc.length > 20 && r.source.length > 5, r.id);
    assert.ok(catalog.has(r.id), `${r.id} missing from the CLI catalog`);
  }
});

test('flow-sync-callout: a callout on the synchronous path of a record-triggered flow, also behind a decision', async () => {
  const project = await testProject();
  const decision = `    <decisions><name>Check</name><label>Check</label><defaultConnector><targetReference>Other</targetReference></defaultConnector>
        <rules><name>Yes</name><conditionLogic>and</conditionLogic><conditions><leftValueReference>$Record.Email</leftValueReference><operator>IsNull</operator><rightValue><booleanValue>false</booleanValue></rightValue></conditions><connector><targetReference>Call_CRM</targetReference></connector><label>Yes</label></rules></decisions>`;
  const body = [decision, action('⟦Call_CRM⟧', { fault: 'Log_Fault' }), action('⟦Other⟧', { fault: 'Log_Fault' }), FAULT, VARS].join('\n');
  const [p] = expectFlowRanges(flow(body, { start: leadTrigger('Check') }), 'flow-sync-callout', project);
  assert.match(p.message, /synchronous path/);
  assert.equal(p.fix?.kind, 'explain');
  assert.match(p.fix?.kind === 'explain' ? p.fix.detail : '', /AsyncAfterCommit/);
  // The same callouts on the asynchronous path are fine.
  expectFlowRanges(flow(body.replace(/⟦|⟧/g, ''), { start: leadTrigger(undefined, 'Check') }), 'flow-sync-callout', project);
});

test('flow-sync-callout: a before-save flow cannot call out at all', async () => {
  const start = leadTrigger('Call_CRM').replace('RecordAfterSave', 'RecordBeforeSave');
  const [p] = expectFlowRanges(flow([action('⟦Call_CRM⟧', { fault: 'Log_Fault' }), FAULT, VARS].join('\n'), { start }), 'flow-sync-callout', await testProject());
  assert.match(p.message, /before-save/);
});

test('flow-missing-fault-path: error without a fault connector, none with one', async () => {
  const project = await testProject();
  const [p] = expectFlowRanges(flow([action('⟦First⟧'), action('Second', { fault: 'Log_Fault' }), FAULT, VARS].join('\n')), 'flow-missing-fault-path', project);
  assert.equal(p.severity, 'error');
  assert.match(p.message, /First calls ExternalCrmLeads\.createLead without a fault connector/);
});

test('flow-missing-fault-path: a warning naming the decision when the flow branches on the response', async () => {
  const decision = `    <decisions><name>Created</name><label>Created</label>
        <rules><name>Ok</name><conditionLogic>and</conditionLogic><conditions><leftValueReference>First.responseCode</leftValueReference><operator>EqualTo</operator><rightValue><numberValue>201</numberValue></rightValue></conditions><label>Ok</label></rules></decisions>`;
  const src = flow([action('⟦First⟧', { next: 'Created', inner: '        <storeOutputAutomatically>true</storeOutputAutomatically>' }), decision, VARS].join('\n'));
  const [p] = expectFlowRanges(src, 'flow-missing-fault-path', await testProject());
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /Decision Created handles the declared error responses/);
});

test('flow-callout-in-loop: a callout behind a decision in the loop body, not one after the loop or on a way out', async () => {
  const loop = `    <loops><name>First</name><label>Each</label><collectionReference>leads</collectionReference><iterationOrder>Asc</iterationOrder>
        <nextValueConnector><targetReference>Has_Email</targetReference></nextValueConnector>
        <noMoreValuesConnector><targetReference>After_Loop</targetReference></noMoreValuesConnector></loops>`;
  const decision = `    <decisions><name>Has_Email</name><label>Has Email</label><defaultConnector><targetReference>First</targetReference></defaultConnector>
        <rules><name>Yes</name><conditionLogic>and</conditionLogic><conditions><leftValueReference>msg</leftValueReference><operator>IsNull</operator><rightValue><booleanValue>false</booleanValue></rightValue></conditions><connector><targetReference>In_Loop</targetReference></connector><label>Yes</label></rules>
        <rules><name>Stop</name><conditionLogic>and</conditionLogic><conditions><leftValueReference>msg</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>stop</stringValue></rightValue></conditions><connector><targetReference>Leave</targetReference></connector><label>Stop</label></rules></decisions>`;
  const body = [
    loop, decision, action('⟦In_Loop⟧', { next: 'First', fault: 'Log_Fault' }), action('After_Loop', { fault: 'Log_Fault' }),
    action('Leave', { fault: 'Log_Fault' }), FAULT, VARS, '    <variables><name>leads</name><dataType>SObject</dataType><isCollection>true</isCollection><objectType>Lead</objectType></variables>',
  ].join('\n');
  const [p] = expectFlowRanges(flow(body), 'flow-callout-in-loop', await testProject());
  assert.match(p.message, /once per item of loop First/);
});

test('flow-callout-after-dml: create then callout in one transaction; a Pause between commits', async () => {
  const project = await testProject();
  const create = (next: string) => `    <recordCreates><name>First</name><label>Create</label><connector><targetReference>${next}</targetReference></connector><inputReference>lead</inputReference></recordCreates>`;
  const pause = `    <waits><name>Pause</name><label>Pause</label><defaultConnectorLabel>Default</defaultConnectorLabel>
        <waitEvents><name>Resume</name><conditionLogic>and</conditionLogic><connector><targetReference>Call_CRM</targetReference></connector><eventType>AlarmEvent</eventType><label>Resume</label></waitEvents></waits>`;
  const lead = '    <variables><name>lead</name><dataType>SObject</dataType><isCollection>false</isCollection><objectType>Lead</objectType></variables>';
  const [p] = expectFlowRanges(flow([create('Prepare'), assignment('Prepare', 'Call_CRM'), action('⟦Call_CRM⟧', { fault: 'Log_Fault' }), FAULT, VARS, lead].join('\n')), 'flow-callout-after-dml', project);
  assert.match(p.message, /after First in the same transaction/);
  expectFlowRanges(flow([create('Pause'), pause, action('Call_CRM', { fault: 'Log_Fault' }), FAULT, VARS, lead].join('\n')), 'flow-callout-after-dml', project);
  // Screen flows with Transaction Control "Automatic" commit before the callout.
  expectFlowRanges(flow([create('Call_CRM'), action('Call_CRM', { fault: 'Log_Fault', tx: 'Automatic' }), FAULT, VARS, lead].join('\n'), { processType: 'Flow' }), 'flow-callout-after-dml', project);
});

test('flow-callout-in-loop: an action set to "Always start a new transaction" runs each call in its own transaction', async () => {
  // A screen flow syncing records one by one (Help "How Flows Run in Transactions", fact TX-3): each call commits
  // what came before and starts a new transaction, so 100 callouts per transaction never add up; "Let the flow
  // decide" only commits when work is pending, so it is still reported.
  const project = await testProject();
  const loop = `    <loops><name>First</name><label>Each</label><collectionReference>leads</collectionReference><iterationOrder>Asc</iterationOrder>
        <nextValueConnector><targetReference>Sync_Lead</targetReference></nextValueConnector>
        <noMoreValuesConnector><targetReference>Done</targetReference></noMoreValuesConnector></loops>`;
  const mark = '    <recordUpdates><name>Mark_Synced</name><label>Mark</label><connector><targetReference>First</targetReference></connector><inputReference>First</inputReference></recordUpdates>';
  const rest = [mark, assignment('Done'), FAULT, VARS, '    <variables><name>leads</name><dataType>SObject</dataType><isCollection>true</isCollection><objectType>Lead</objectType></variables>'];
  const body = (tx: string, name: string) => [loop, action(name, { next: 'Mark_Synced', fault: 'Log_Fault', tx }), ...rest].join('\n');
  expectFlowRanges(flow(body('NewTransaction', 'Sync_Lead'), { processType: 'Flow' }), 'flow-callout-in-loop', project);
  // Autolaunched flows have Transaction Control too from Winter '26.
  expectFlowRanges(flow(body('NewTransaction', 'Sync_Lead')), 'flow-callout-in-loop', project);
  const [p] = expectFlowRanges(flow(body('Automatic', '⟦Sync_Lead⟧'), { processType: 'Flow' }), 'flow-callout-in-loop', project);
  assert.match(p.message, /once per item of loop First/);
  expectFlowRanges(flow(body('CurrentTransaction', '⟦Sync_Lead⟧')), 'flow-callout-in-loop', project);
});

test('flow-callout-after-dml: from Winter \'26 an autolaunched flow\'s Transaction Control commits before the callout', async () => {
  // Help "How Flows Run in Transactions" (facts TX-1, TX-2): every flow type can start a new transaction before an
  // action; "Let the flow decide" does it for an action that declares a callout (an External Service does).
  const project = await testProject();
  const create = '    <recordCreates><name>First</name><label>Log Request</label><connector><targetReference>Call_CRM</targetReference></connector><inputReference>lead</inputReference></recordCreates>';
  const lead = '    <variables><name>lead</name><dataType>SObject</dataType><isCollection>false</isCollection><objectType>Lead</objectType></variables>';
  const src = (tx: string, name = 'Call_CRM') => flow([create, action(name, { fault: 'Log_Fault', tx }), FAULT, VARS, lead].join('\n'));
  expectFlowRanges(src('NewTransaction'), 'flow-callout-after-dml', project);
  expectFlowRanges(src('Automatic'), 'flow-callout-after-dml', project);
  const [p] = expectFlowRanges(src('CurrentTransaction', '⟦Call_CRM⟧'), 'flow-callout-after-dml', project);
  assert.equal(p.severity, 'error');
  assert.match(p.message, /To fix, set its Transaction Control to "Always start a new transaction" or "Let the flow decide"/);
  // On a record-triggered flow's asynchronous path the setting applies as well.
  const asyncPath = flow([create, action('Call_CRM', { fault: 'Log_Fault', tx: 'NewTransaction' }), FAULT, VARS, lead].join('\n'), { start: leadTrigger(undefined, 'First') });
  expectFlowRanges(asyncPath, 'flow-callout-after-dml', project);
});

test('flow-unknown-action: unknown service (warning near a known name, else info), unknown operation (on the operation)', async () => {
  const project = await testProject();
  const body = [
    action('First', { actionName: '⟦ExternalCrmLead⟧.createLead', fault: 'Log_Fault' }),
    action('Second', { actionName: 'ExternalCrmLeads.⟦createLeads⟧', fault: 'Log_Fault' }),
    action('Third', { actionName: 'BankService.addaccount', fault: 'Log_Fault', inner: '<inputParameters><name>accountName</name></inputParameters><inputParameters><name>accountType</name></inputParameters>' }),
    action('Fourth', { actionName: 'BankService.Get Balance', fault: 'Log_Fault' }),
    action('Fifth', { actionName: '⟦QuoteEngine⟧.generateQuote', fault: 'Log_Fault' }),
    FAULT, VARS,
  ].join('\n');
  const [service, operation, orgOnly] = expectFlowRanges(flow(body), 'flow-unknown-action', project);
  assert.equal(service.severity, 'warning');
  // No near name: the registration may live only in the org (missing metadata is not evidence) — an info note
  // naming what to retrieve.
  assert.equal(orgOnly.severity, 'info');
  assert.match(orgOnly.message, /sf project retrieve start -m ExternalServiceRegistration:QuoteEngine/);
  assert.deepEqual(service.fix?.kind === 'replace-any' ? service.fix.candidates : [], ['ExternalCrmLeads.createLead']);
  assert.equal(operation.severity, 'error');
  assert.deepEqual(operation.fix?.kind === 'replace-any' ? operation.fix.candidates : [], ['createLead']);
  // Without a project nothing can be checked.
  assert.equal(validateFlow(flow(body.replace(/⟦|⟧/g, ''))).filter((p) => p.code === 'flow-unknown-action').length, 0);
});

test('flow-action-input: an input the operation does not have, and required inputs left out', async () => {
  const inner = '        <inputParameters><name>⟦acountType⟧</name><value><stringValue>x</stringValue></value></inputParameters>';
  const body = [action('First', { actionName: '⟦BankService.addAccount⟧', fault: 'Log_Fault', inner }), FAULT, VARS].join('\n');
  const [missing, unknown] = expectFlowRanges(flow(body), 'flow-action-input', await testProject());
  assert.match(unknown.message, /no input "acountType"\. Did you mean "accountType"\?/);
  assert.match(missing.message, /required inputs accountName \(path\), accountType \(query\)/);
  const ok = '<inputParameters><name>accountName</name></inputParameters><inputParameters><name>accountType</name></inputParameters><inputParameters><name>note</name></inputParameters>';
  expectFlowRanges(flow([action('First', { actionName: 'BankService.addAccount', fault: 'Log_Fault', inner: ok }), FAULT, VARS].join('\n')), 'flow-action-input', await testProject());
});

test('flow-action-output: outputs must be responseCode, declared responses, <code>Exc or defaultExc', async () => {
  const out = (name: string, to: string) => `<outputParameters><assignToReference>${to}</assignToReference><name>${name}</name></outputParameters>`;
  const inner = [out('responseCode', 'code'), out('201', 'acct'), out('409Exc', 'acct'), out('defaultExc', 'msg'), out('⟦500Exc⟧', 'acct'), out('⟦2XX⟧', 'acct')].join('');
  const params = '<inputParameters><name>accountName</name></inputParameters><inputParameters><name>accountType</name></inputParameters>';
  const vars = [VARS, variable('code', 'Number'), variable('acct', 'Apex', '<apexClass>ExternalService__BankService_accountDetails</apexClass>')].join('\n');
  const [p] = expectFlowRanges(flow([action('First', { actionName: 'BankService.addAccount', fault: 'Log_Fault', inner: params + inner }), FAULT, vars].join('\n')), 'flow-action-output', await testProject());
  assert.match(p.message, /Its outputs: responseCode, 201, 409Exc, 409, defaultExc/);
});

test('flow-output-type: the receiving variable must have the output type and Apex class', async () => {
  const out = (name: string, to: string) => `<outputParameters><assignToReference>${to}</assignToReference><name>${name}</name></outputParameters>`;
  const inner = [out('responseCode', '⟦asText⟧'), out('2XX', 'created'), out('4XX', '⟦wrongClass⟧')].join('');
  const vars = [
    VARS, variable('asText'), variable('created', 'Apex', '<apexClass>ExternalService__ExternalCrmLeads_createLead_OUT_2XX</apexClass>'),
    variable('wrongClass', 'Apex', '<apexClass>ExternalService__ExternalCrmLeads_createLead_OUT_2XX</apexClass>'),
  ].join('\n');
  const [code, cls] = expectFlowRanges(flow([action('First', { fault: 'Log_Fault', inner }), FAULT, vars].join('\n')), 'flow-output-type', await testProject());
  assert.match(code.message, /it is a Integer; the variable is String/);
  assert.match(cls.message, /ExternalService__ExternalCrmLeads_createLead_OUT_4XX/);
  assert.equal(code.fix, undefined);
  assert.deepEqual(cls.fix?.kind === 'replace' ? cls.fix.newText : undefined, 'ExternalService__ExternalCrmLeads_createLead_OUT_4XX');
});

test('flow-unresolved-reference: references, targets, {!…} and callout output paths, with did-you-mean fixes', async () => {
  const formula = '    <formulas><name>greeting</name><dataType>String</dataType><expression>"Hi " &amp; {!⟦mgs⟧} &amp; {!First.2XX.⟦idd⟧} &amp; {!$Flow.CurrentDate}</expression></formulas>';
  const body = [
    action('First', { next: '⟦Nowhere⟧', fault: 'Log_Fault', inner: '        <storeOutputAutomatically>true</storeOutputAutomatically>' }),
    assignment('Log_Fault', undefined, '        <assignmentItems><assignToReference>⟦Missing_Var⟧</assignToReference><operator>Assign</operator><value><elementReference>First.2XX.score</elementReference></value></assignmentItems>\n'),
    formula, VARS,
  ].join('\n');
  const ps = expectFlowRanges(flow(body), 'flow-unresolved-reference', await testProject());
  assert.deepEqual(ps[2].fix?.kind === 'replace-any' ? ps[2].fix.candidates : [], ['msg']);
  assert.deepEqual(ps[3].fix?.kind === 'replace-any' ? ps[3].fix.candidates : [], ['id']);
});

test('flow-unresolved-reference: a field read from a collection output (lists are reached through a Loop)', async () => {
  const formula = '    <formulas><name>f</name><dataType>String</dataType><expression>{!First.2XX.tags} &amp; {!First.2XX.tags.⟦first⟧}</expression></formulas>';
  const loop = '    <loops><name>Each_Tag</name><label>Each</label><collectionReference>First.2XX.tags</collectionReference><iterationOrder>Asc</iterationOrder></loops>';
  const body = [action('First', { next: 'Each_Tag', fault: 'Log_Fault', inner: '        <storeOutputAutomatically>true</storeOutputAutomatically>' }), loop, FAULT, formula, VARS].join('\n');
  const [p] = expectFlowRanges(flow(body), 'flow-unresolved-reference', await testProject());
  assert.match(p.message, /"First\.2XX\.tags" is a collection \(collection of String\); a reference cannot read "first" from it\. Loop over First\.2XX\.tags/);
});

test('flow-unresolved-reference: ESR output paths use Apex-encoded names; globals; screen fields and outcomes resolve', async () => {
  const screen = `    <screens><name>Ask</name><label>Ask</label><fields><name>Section</name><fieldType>RegionContainer</fieldType><fields><name>Col</name><fieldType>Region</fieldType><fields><name>Amount_Input</name><fieldType>InputField</fieldType></fields></fields></fields><connector><targetReference>First</targetReference></connector></screens>`;
  const formula = '    <formulas><name>f</name><dataType>String</dataType><expression>TEXT({!First.2XX.z0date}) &amp; {!First.2XX.⟦date⟧} &amp; {!Amount_Input} &amp; {!$User.Id} &amp; {!⟦$Flw⟧.CurrentDate} &amp; {!$Flow.⟦CurrentDat⟧} &amp; {!$Flow.Unknown_But_Maybe_New} &amp; {!$Label.Anything}</expression></formulas>';
  const body = [screen, action('First', { actionName: 'BankService.Get Balance', fault: 'Log_Fault', inner: '<storeOutputAutomatically>true</storeOutputAutomatically>' }), FAULT, formula, VARS].join('\n');
  expectFlowRanges(flow(body, { processType: 'Flow', start: '<connector><targetReference>Ask</targetReference></connector>' }), 'flow-unresolved-reference', await testProject());
});

test('flow-record-field: $Record fields of the trigger object, custom ones against the project', async () => {
  const formula = '    <formulas><name>f</name><dataType>String</dataType><expression>{!$Record.⟦Emial⟧} &amp; {!$Record.⟦CRM_Scor__c⟧} &amp; {!$Record.CRM_Score__c} &amp; {!$Record.Owner.Name} &amp; {!$Record.ns__Other__c} &amp; {!$Record.PartnerAccountId}</expression></formulas>';
  const body = [action('First', { fault: 'Log_Fault' }), FAULT, formula, VARS].join('\n');
  const [typo, custom] = expectFlowRanges(flow(body, { start: leadTrigger(undefined, 'First') }), 'flow-record-field', await testProject());
  assert.deepEqual(typo.fix?.kind === 'replace-any' ? typo.fix.candidates[0] : undefined, 'Email');
  assert.match(custom.message, /Lead has no field "CRM_Scor__c" in this project\. Did you mean "CRM_Score__c"\?/);
  assert.deepEqual([typo.severity, custom.severity], ['error', 'warning']);
});

test('flow-hardcoded-url: org URLs anywhere, endpoints where an action input takes them; not in descriptions', async () => {
  const body = [
    '    <constants><name>endpoint</name><dataType>String</dataType><value><stringValue>⟦https://api.example.com/v1/leads⟧</stringValue></value></constants>',
    '    <actionCalls><name>Post_Lead</name><label>Post</label><actionName>RestClient</actionName><actionType>apex</actionType><inputParameters><name>endpointUrl</name><value><elementReference>endpoint</elementReference></value></inputParameters></actionCalls>',
    '    <textTemplates><name>t</name><text>Open ⟦https://acme.lightning.force.com/lightning/r/Lead/⟧{!$Record.Id}/view or https://example.com/help</text></textTemplates>',
    '    <description>Docs at https://developer.salesforce.com/docs</description>',
    action('First', { fault: 'Log_Fault' }), FAULT, VARS,
  ].join('\n');
  const [endpoint, org] = expectFlowRanges(flow(body), 'flow-hardcoded-url', await testProject());
  assert.match(endpoint.message, /named credential/);
  assert.match(org.message, /org URL/);
});

test('flow-hardcoded-id: 15/18-character record Ids in values (18 checked by checksum)', async () => {
  const body = [
    '    <constants><name>owner</name><dataType>String</dataType><value><stringValue>⟦005Dn000006GuG4IAK⟧</stringValue></value></constants>',
    '    <constants><name>rt</name><dataType>String</dataType><value><stringValue>⟦012000000000abc⟧</stringValue></value></constants>',
    '    <constants><name>notId</name><dataType>String</dataType><value><stringValue>005Dn000006GuG4XXX</stringValue></value></constants>',
    '    <constants><name>word</name><dataType>String</dataType><value><stringValue>AUTO_LAYOUT_CANVAS LightningFlowBuilder</stringValue></value></constants>',
    '    <formulas><name>f</name><dataType>Boolean</dataType><expression>{!$User.Id} = "⟦005Dn000006GuG4⟧"</expression></formulas>',
    action('First', { fault: 'Log_Fault' }), FAULT, VARS,
  ].join('\n');
  expectFlowRanges(flow(body), 'flow-hardcoded-id', await testProject());
});

test('severities: off and overrides apply to flow rules', async () => {
  const project = await testProject();
  const text = flow([action('First'), VARS].join('\n'));
  assert.equal(validateFlowText(text, { project, severities: { 'flow-missing-fault-path': 'off' } }).filter((p) => p.code === 'flow-missing-fault-path').length, 0);
  assert.equal(validateFlowText(text, { project, severities: { 'flow-missing-fault-path': 'info' } }).find((p) => p.code === 'flow-missing-fault-path')?.severity, 'info');
});

test('the demo flow Lead_To_External_CRM is clean', async () => {
  const text = fs.readFileSync(path.join(examplesRoot, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml'), 'utf8');
  assert.deepEqual(validateFlow(text, await testProject()).map((p) => `${p.code}: ${p.message}`), []);
});

test('flow-missing-fault-path: a quick fix connects the fault path to the element that records $Flow.FaultMessage', async () => {
  const handler = `    <assignments>
        <name>Log_Error</name>
        <label>Log Error</label>
        <assignmentItems><assignToReference>msg</assignToReference><operator>Assign</operator><value><elementReference>$Flow.FaultMessage</elementReference></value></assignmentItems>
    </assignments>`;
  const text = flow([action('First', { next: 'Log_Error' }), handler, VARS].join('\n'));
  const [p] = validateFlow(text, await testProject()).filter((x) => x.code === 'flow-missing-fault-path');
  assert.equal(p.fix?.kind, 'insert-lines');
  if (p.fix?.kind !== 'insert-lines') return;
  const fixed = text.slice(0, p.fix.offset) + p.fix.text + text.slice(p.fix.offset);
  assert.match(fixed, /<connector><targetReference>Log_Error<\/targetReference><\/connector>\n {8}<faultConnector>\n {12}<targetReference>Log_Error<\/targetReference>\n {8}<\/faultConnector>/);
  assert.deepEqual(validateFlow(fixed, await testProject()).filter((x) => x.code === 'flow-missing-fault-path' || x.code === 'xml-syntax'), []);
});

test('an ESR operation without operationId is named from method and path (getLatest), and its typed outputs resolve', async () => {
  const project = new ProjectIndex(undefined, { summarizeFlow });
  project.update('/p/externalServiceRegistrations/Rates.externalServiceRegistration-meta.xml', `<ExternalServiceRegistration xmlns="http://soap.sforce.com/2006/04/metadata"><label>Rates</label><namedCredential>Rates</namedCredential>
    <schema>{"swagger":"2.0","paths":{"/latest":{"get":{"parameters":[{"name":"base","in":"query","required":true,"type":"string"}],"responses":{"200":{"schema":{"$ref":"#/definitions/Quote"}}}}}},"definitions":{"Quote":{"type":"object","properties":{"rates":{"$ref":"#/definitions/Rates"},"date":{"type":"string"}}},"Rates":{"type":"object","properties":{"AUD":{"type":"string"}}}}}</schema><schemaType>OpenApi</schemaType></ExternalServiceRegistration>`);
  const body = [
    action('First', { actionName: 'Rates.getLatest', fault: 'Log_Fault', inner: '<inputParameters><name>base</name><value><stringValue>USD</stringValue></value></inputParameters><storeOutputAutomatically>true</storeOutputAutomatically>' }),
    FAULT, VARS,
    '    <formulas><name>aud</name><dataType>Currency</dataType><expression>VALUE({!First.200.rates.AUD}) + VALUE({!First.200.rates.⟦NZD⟧}) + VALUE({!First.200.z0date})</expression></formulas>',
  ].join('\n');
  expectFlowRanges(flow(body), 'flow-unresolved-reference', project);
  expectFlowRanges(flow(body.replace(/⟦|⟧/g, '')), 'flow-unknown-action', project);
});
