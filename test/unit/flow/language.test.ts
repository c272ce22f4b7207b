// Completion, hover and go to definition in flow XML, on the demo project (ExternalCrmLeads callout
// definition, Lead fields) plus the BankService registration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flowLanguage } from '../../../server/src/core/flow';
import type { CompletionEntry } from '../../../server/src/core/language';
import { action, flow, leadTrigger, testProject, variable } from './helpers';

const CURSOR = '‸';

function at(src: string): { doc: { uri: string; fileName: string; text: string }; offset: number } {
  const offset = src.indexOf(CURSOR);
  assert.ok(offset >= 0, 'no cursor');
  const text = src.replace(CURSOR, '');
  return { doc: { uri: 'file:///f.flow-meta.xml', fileName: '/p/f.flow-meta.xml', text }, offset };
}

const labels = (entries: CompletionEntry[]) => entries.map((e) => e.label);

const BODY = (extra: string) => flow([
  action('Call_CRM', { fault: 'Fault', inner: '        <storeOutputAutomatically>true</storeOutputAutomatically>' }),
  `    <assignments><name>Fault</name><label>Fault</label>${extra}</assignments>`,
  variable('msg'),
  variable('created', 'Apex', '<apexClass>ExternalService__ExternalCrmLeads_createLead_OUT_2XX</apexClass>'),
  '    <variables><name>lead</name><dataType>SObject</dataType><isCollection>false</isCollection><objectType>Lead</objectType></variables>',
].join('\n'), { start: leadTrigger(undefined, 'Call_CRM') });

const item = (ref: string) => `<assignmentItems><assignToReference>msg</assignToReference><operator>Assign</operator><value><elementReference>${ref}</elementReference></value></assignmentItems>`;

test('completion of names: resources and elements with their types, and globals', async () => {
  const { doc, offset } = at(BODY(item('ms‸')));
  const entries = flowLanguage.complete(doc, offset, await testProject());
  const byLabel = new Map(entries.map((e) => [e.label, e]));
  assert.equal(byLabel.get('msg')?.detail, 'String');
  assert.equal(byLabel.get('created')?.detail, 'Apex ExternalService__ExternalCrmLeads_createLead_OUT_2XX');
  assert.equal(byLabel.get('Call_CRM')?.detail, 'Action ExternalCrmLeads.createLead');
  assert.equal(byLabel.get('$Record')?.detail, 'SObject Lead');
  assert.ok(byLabel.has('$Flow'));
  assert.deepEqual(byLabel.get('msg')?.replace, { offset: offset - 2, length: 2 });
});

test('completion after a dot: callout outputs, response fields, Apex-defined variables, $Record and record fields', async () => {
  const project = await testProject();
  const outputs = flowLanguage.complete(at(BODY(item('Call_CRM.‸'))).doc, at(BODY(item('Call_CRM.‸'))).offset, project);
  assert.deepEqual(labels(outputs), ['responseCode', '2XX', '4XXExc', '4XX', 'defaultExc']);
  assert.equal(outputs[1].detail, 'Apex-defined ExternalService__ExternalCrmLeads_createLead_OUT_2XX');
  const fields = at(BODY(item('Call_CRM.2XX.s‸')));
  const f = flowLanguage.complete(fields.doc, fields.offset, project);
  assert.deepEqual(labels(f), ['id', 'status', 'score', 'tags']);
  assert.deepEqual(f.map((e) => e.detail), ['String', 'String', 'Integer', 'collection of String']);
  assert.deepEqual(f[0].replace, { offset: fields.offset - 1, length: 1 });
  const apex = at(BODY(item('created.‸')));
  assert.deepEqual(labels(flowLanguage.complete(apex.doc, apex.offset, project)), ['id', 'status', 'score', 'tags']);
  const record = at(BODY(item('$Record.‸')));
  const recordFields = flowLanguage.complete(record.doc, record.offset, project);
  assert.ok(labels(recordFields).includes('Email') && labels(recordFields).includes('CRM_Score__c'));
  const lead = at(BODY(item('lead.Comp‸')));
  assert.ok(labels(flowLanguage.complete(lead.doc, lead.offset, project)).includes('Company'));
  const flowGlobal = at(BODY(item('$Flow.‸')));
  assert.ok(labels(flowLanguage.complete(flowGlobal.doc, flowGlobal.offset, project)).includes('FaultMessage'));
});

test('completion inside {!…} in formulas and text, and of connector targets (elements only)', async () => {
  const project = await testProject();
  const merge = at(BODY('') .replace('</Flow>', '<formulas><name>f</name><dataType>String</dataType><expression>"x" &amp; {!Call_CRM.2XX.‸}</expression></formulas></Flow>'));
  assert.deepEqual(labels(flowLanguage.complete(merge.doc, merge.offset, project)), ['id', 'status', 'score', 'tags']);
  const target = at(BODY('<connector><targetReference>Ca‸</targetReference></connector>'));
  assert.deepEqual(labels(flowLanguage.complete(target.doc, target.offset, project)).sort(), ['Call_CRM', 'Fault']);
});

test('completion of actionName and of an action\'s input and output names', async () => {
  const project = await testProject();
  const src = flow(`    <actionCalls><name>A</name><label>A</label><actionName>‸</actionName><actionType>externalService</actionType></actionCalls>`);
  const names = flowLanguage.complete(at(src).doc, at(src).offset, project);
  assert.ok(labels(names).includes('ExternalCrmLeads.createLead'));
  assert.ok(labels(names).includes('BankService.addAccount'));
  assert.ok(labels(names).includes('BankService.Get Balance'));
  assert.equal(names.find((n) => n.label === 'BankService.addAccount')?.detail, 'POST /accounts/{accountName}');
  const input = flow(`    <actionCalls><name>A</name><label>A</label><actionName>BankService.addAccount</actionName><actionType>externalService</actionType><inputParameters><name>acc‸</name></inputParameters></actionCalls>`);
  assert.deepEqual(labels(flowLanguage.complete(at(input).doc, at(input).offset, project)), ['accountName', 'accountType', 'note']);
  const output = flow(`    <actionCalls><name>A</name><label>A</label><actionName>BankService.addAccount</actionName><actionType>externalService</actionType><outputParameters><name>‸</name></outputParameters></actionCalls>`);
  assert.deepEqual(labels(flowLanguage.complete(at(output).doc, at(output).offset, project)), ['responseCode', '201', '409Exc', '409', 'defaultExc']);
});

test('hover: a reference shows its declaration and type; an output path its type; actionName the operation', async () => {
  const project = await testProject();
  const ref = at(BODY(item('cre‸ated')));
  const h = flowLanguage.hover(ref.doc, ref.offset, project);
  assert.match(h?.contents ?? '', /\*\*created\*\* · Apex ExternalService__ExternalCrmLeads_createLead_OUT_2XX/);
  assert.match(h?.contents ?? '', /variable, declared on line \d+/);
  assert.equal(ref.doc.text.slice(h!.offset, h!.offset + h!.length), 'created');
  const path = at(BODY(item('Call_CRM.2XX.sco‸re')));
  const hp = flowLanguage.hover(path.doc, path.offset, project);
  assert.match(hp?.contents ?? '', /\*\*Call_CRM\.2XX\.score\*\* · Integer/);
  assert.equal(path.doc.text.slice(hp!.offset, hp!.offset + hp!.length), 'score');
  const act = at(BODY('').replace('<actionName>ExternalCrmLeads.createLead</actionName>', '<actionName>ExternalCrm‸Leads.createLead</actionName>'));
  const ha = flowLanguage.hover(act.doc, act.offset, project);
  assert.match(ha?.contents ?? '', /POST \/api\/v1\/leads` via named credential \*\*ExternalCRM\*\*/);
  assert.match(ha?.contents ?? '', /Responses: 2XX, 4XX/);
});

test('hover on an action output\'s <name>: what it carries and when the flow gets it, from the outcome model', async () => {
  const project = await testProject();
  const bank = (name: string, actionName = 'BankService.addAccount') => at(flow(`    <actionCalls><name>A</name><label>A</label><actionName>${actionName}</actionName><actionType>externalService</actionType><outputParameters><assignToReference>x</assignToReference><name>${name}</name></outputParameters></actionCalls>`));
  const hover = (src: ReturnType<typeof bank>) => {
    const h = flowLanguage.hover(src.doc, src.offset, project);
    assert.ok(h, 'a hover');
    return h;
  };
  // BankService.addAccount declares 201 and 409 (registration XML).
  const created = bank('20‸1');
  const h201 = hover(created);
  assert.equal(created.doc.text.slice(h201.offset, h201.offset + h201.length), '201');
  assert.match(h201.contents, /^\*\*201\*\* · Apex-defined ExternalService__BankService_accountDetails · output of \*\*BankService\.addAccount\*\* \(`BankService\.externalServiceRegistration-meta\.xml`\)\n\nThe 201 response body\./);
  assert.match(h201.contents, /On the \*\*normal path\*\* for HTTP 201\. For example: HTTP 201 matches the declared 201 response: the flow continues on its normal path with responseCode and 201 set\./);
  assert.doesNotMatch(h201.contents, /fault path\*\*/);
  const h409 = hover(bank('409E‸xc')).contents;
  assert.match(h409, /The 409 response body \(declared error response\)/);
  assert.match(h409, /On the \*\*normal path\*\* for HTTP 409\. For example: HTTP 409 matches the declared 409 response: .*branch on responseCode in a Decision/);
  const code = hover(bank('‸responseCode')).contents;
  assert.match(code, /^\*\*responseCode\*\* · Integer/);
  assert.match(code, /On the \*\*normal path\*\* for HTTP 200–299, 409\./);
  const hidden = hover(bank('default‸Exc')).contents;
  assert.match(hidden, /On the \*\*fault path\*\* for HTTP 300–408, 410–599\. For example: HTTP 300 is 300 or more and the registration declares no 300, 3XX or default response: the action fails .*hidden defaultExc/);
  const unknown = hover(bank('2X‸X')).contents;
  assert.match(unknown, /^\*\*2XX\*\* · not an output of \*\*BankService\.addAccount\*\*.*\n\nIts outputs: `responseCode`, `201`, `409Exc`, `409`, `defaultExc`\./);
  // A range and a declared 4XX of a callout definition (ExternalCrmLeads: 2XX, 4XX).
  const crm = hover(bank('4XXE‸xc', 'ExternalCrmLeads.createLead')).contents;
  assert.match(crm, /output of \*\*ExternalCrmLeads\.createLead\*\* \(`ExternalCrmLeads\.callout\.yaml`\)/);
  assert.match(crm, /On the \*\*normal path\*\* for HTTP 400–499\. For example: HTTP 400 matches the declared 4XX response \(range\)/);
  // The registration is not in the project: say what to retrieve, claim nothing about its outputs.
  const missing = hover(bank('2X‸X', 'PaymentsApi.charge')).contents;
  assert.match(missing, /Its operation is not in this project, so what this output carries is not known here\. Retrieve the External Service registration \*\*PaymentsApi\*\*/);
  assert.doesNotMatch(missing, /path\*\*/);
  // Not an output name: an input's name gets no output hover.
  const input = at(flow(`    <actionCalls><name>A</name><label>A</label><actionName>BankService.addAccount</actionName><actionType>externalService</actionType><inputParameters><name>account‸Name</name><value><stringValue>x</stringValue></value></inputParameters></actionCalls>`));
  assert.equal(flowLanguage.hover(input.doc, input.offset, project), undefined);
});

test('definition: reference → its declaration; actionName and callout outputs → the callout definition file', async () => {
  const project = await testProject();
  const ref = at(BODY(item('ms‸g')));
  const d = flowLanguage.definition(ref.doc, ref.offset, project);
  assert.equal(d?.file, '/p/f.flow-meta.xml');
  assert.equal(ref.doc.text.slice(d!.offset, d!.offset + d!.length), 'msg');
  assert.match(ref.doc.text.slice(d!.offset - 40, d!.offset), /<variables><name>$/);
  const act = at(BODY('').replace('<actionName>ExternalCrmLeads.createLead</actionName>', '<actionName>ExternalCrmLeads.create‸Lead</actionName>'));
  assert.match(flowLanguage.definition(act.doc, act.offset, project)?.file ?? '', /ExternalCrmLeads\.callout\.yaml$/);
  const out = at(BODY(item('Call_CRM.2XX.i‸d')));
  assert.match(flowLanguage.definition(out.doc, out.offset, project)?.file ?? '', /ExternalCrmLeads\.callout\.yaml$/);
  // An action output's <outputParameters><name> → the definition or registration it comes from.
  const outputName = at(flow(`    <actionCalls><name>A</name><label>A</label><actionName>BankService.addAccount</actionName><actionType>externalService</actionType><outputParameters><assignToReference>x</assignToReference><name>4‸09Exc</name></outputParameters></actionCalls>`));
  assert.match(flowLanguage.definition(outputName.doc, outputName.offset, project)?.file ?? '', /BankService\.externalServiceRegistration-meta\.xml$/);
  const target = at(BODY('<connector><targetReference>Call_‸CRM</targetReference></connector>'));
  const dt = flowLanguage.definition(target.doc, target.offset, project);
  assert.equal(target.doc.text.slice(dt!.offset, dt!.offset + dt!.length), 'Call_CRM');
});

test('outline: start, elements with their inner names, resources with types', async () => {
  const project = await testProject();
  const decision = '    <decisions><name>Check</name><label>Check</label><rules><name>Yes</name><conditionLogic>and</conditionLogic><label>Yes</label></rules></decisions>';
  const text = flow([action('Call_CRM', { fault: 'Check' }), decision, variable('msg')].join('\n'), { start: leadTrigger(undefined, 'Call_CRM') });
  const symbols = flowLanguage.symbols({ uri: 'file:///o.flow-meta.xml', fileName: '/p/o.flow-meta.xml', text }, project);
  assert.deepEqual(symbols.map((s) => `${s.name}: ${s.detail}`), ['Start: Lead · RecordAfterSave', 'Call_CRM: Action · ExternalCrmLeads.createLead', 'Check: Decision', 'msg: variable · String']);
  const check = symbols[2];
  assert.deepEqual(check.children?.map((c) => `${c.name}: ${c.detail}`), ['Yes: decision outcome']);
  assert.equal(text.slice(check.selectionOffset, check.selectionOffset + check.selectionLength), 'Check');
  assert.ok(text.slice(check.offset, check.offset + check.length).startsWith('<decisions>'));
});
