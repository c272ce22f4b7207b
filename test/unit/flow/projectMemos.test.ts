// What the flow analyses of one project share across flows, and how it follows the project: which actions
// make callouts (FlowAnalysis.classify, once per action and project stamp), the generated Apex types found
// while the definitions are parsed lazily (ApexTypeIndex, once per class and project version), and each
// model's graph, built once for its summary and its analyses (AnalysisStates.graphOf). Every answer must
// change as soon as the Apex class, the settings or the definition it came from changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService } from '../../../server/src/core/service';
import { nodeFs } from '../../../server/src/core/project/fs';
import { buildFlowGraph } from '../../../server/src/core/flow/graph';
import { examplesRoot } from '../helpers';
import { flow, variable } from './helpers';

const CLASS_FILE = path.join(examplesRoot, 'force-app/main/default/classes/LeadScorer.cls');
const SETTINGS_FILE = path.join(examplesRoot, '.flowcallout.json');
const CALLS_OUT = `public class LeadScorer {
    @InvocableMethod(label='Score lead' callout=true)
    public static List<Integer> run(List<Id> ids) {
        HttpResponse res = new Http().send(new HttpRequest());
        return new List<Integer>{ 1 };
    }
}`;
const NO_CALLOUT = `public class LeadScorer {
    @InvocableMethod(label='Score lead')
    public static List<Integer> run(List<Id> ids) { return new List<Integer>{ 1 }; }
}`;

const APEX_FLOW = flow(`    <actionCalls>
        <name>First</name>
        <label>Score</label>
        <actionName>LeadScorer</actionName>
        <actionType>apex</actionType>
        <flowTransactionModel>CurrentTransaction</flowTransactionModel>
    </actionCalls>`);

test('whether an action calls out is shared by the flows of a project and follows its Apex class and settings', async () => {
  const service = getLanguageService({ fs: nodeFs });
  await service.session.load(examplesRoot);
  const flowFile = path.join(examplesRoot, 'force-app/main/default/flows/Scoring.flow-meta.xml');
  let n = 0;
  // A new document each time: nothing carried from the previous check but what the project state shares.
  const faults = () => service.validate({ uri: `file:///scoring${n++}.flow-meta.xml`, fileName: flowFile, text: APEX_FLOW }).filter((p) => p.code === 'flow-missing-fault-path').map((p) => p.message);

  assert.deepEqual(faults(), [], 'no class in the project: not a callout');
  assert.equal(service.session.editorChanged(CLASS_FILE, CALLS_OUT), true);
  const first = faults();
  assert.equal(first.length, 1);
  assert.match(first[0], /calls Apex LeadScorer, which makes HTTP callouts \(new Http\(\) \(line 4\)\)/);
  assert.deepEqual(faults(), first, 'a second flow: the same answer');

  assert.equal(service.session.editorChanged(CLASS_FILE, NO_CALLOUT), true);
  assert.deepEqual(faults(), [], 'the class no longer calls out');

  // Declared in .flowcallout.json: a callout again, for the declared reason.
  service.session.editorChanged(SETTINGS_FILE, '{ "calloutActions": ["LeadScor*"] }');
  const declared = faults();
  assert.equal(declared.length, 1);
  assert.match(declared[0], /First calls Apex LeadScorer, which makes HTTP callouts \(in its class\), without a fault connector/);
  service.session.editorChanged(SETTINGS_FILE, '{}');
  assert.deepEqual(faults(), []);
});

test('a generated Apex type found among lazily parsed definitions follows an edit of the definition that keeps its name', async () => {
  const service = getLanguageService({ fs: nodeFs });
  await service.session.load(examplesRoot);
  const definition = path.join(examplesRoot, 'callouts/ExternalCrmLeads.callout.yaml');
  const yaml = fs.readFileSync(definition, 'utf8');
  const flowFile = path.join(examplesRoot, 'force-app/main/default/flows/Typed.flow-meta.xml');
  const text = flow(`${variable('lead', 'Apex', '<apexClass>ExternalService__ExternalCrmLeads_createLead_OUT_2XX</apexClass>')}
    <assignments>
        <name>First</name>
        <label>Read</label>
        <assignmentItems><assignToReference>msg</assignToReference><operator>Assign</operator><value><elementReference>lead.score</elementReference></value></assignmentItems>
    </assignments>
${variable('msg')}`);
  let n = 0;
  const unresolved = () => service.validate({ uri: `file:///typed${n++}.flow-meta.xml`, fileName: flowFile, text }).filter((p) => p.code === 'flow-unresolved-reference').map((p) => p.message);

  assert.deepEqual(unresolved(), [], 'score is a field of the 2XX sample');
  assert.deepEqual(unresolved(), []);
  // The sample's field renamed, the definition keeping its name (taken in place by the lazy definitions).
  assert.equal(service.session.editorChanged(definition, yaml.replace('score: 87', 'rating: 87')), true);
  const after = unresolved();
  assert.equal(after.length, 1);
  assert.match(after[0], /no field "score"/);
  assert.equal(await service.session.documentClosed(definition, () => true), true);
  assert.deepEqual(unresolved(), [], 'the file on disk again');
});

test('a flow summary and the analyses of the same model share one graph, with the same answers as a fresh one', async () => {
  const service = getLanguageService({ fs: nodeFs });
  await service.session.load(examplesRoot);
  const file = path.join(examplesRoot, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml');
  const text = fs.readFileSync(file, 'utf8');
  const model = service.flowStore.parse(file, text);
  const states = service.flowStore.states;
  const graph = states.graphOf(model);
  assert.equal(states.graphOf(model), graph, 'built once per model');
  assert.equal(service.flowStore.analysis(text, undefined, model).graph, graph, 'the analysis reads the same graph');
  const fresh = buildFlowGraph(model);
  for (const name of model.elements.keys()) {
    assert.equal(graph.isReachable(name), fresh.isReachable(name), name);
    assert.equal(graph.isSync(name), fresh.isSync(name), name);
    assert.equal(graph.asyncPathOf(name), fresh.asyncPathOf(name), name);
  }
});

test('a record field, also one read through a global, checked once per project generation follows a field added to the project', async () => {
  const service = getLanguageService({ fs: nodeFs });
  await service.session.load(examplesRoot);
  const fieldFile = path.join(examplesRoot, 'force-app/main/default/objects/Lead/fields/Lead_Rank__c.field-meta.xml');
  const flowFile = path.join(examplesRoot, 'force-app/main/default/flows/Ranked.flow-meta.xml');
  const text = flow(`${variable('msg')}
    <assignments>
        <name>First</name>
        <label>Read</label>
        <assignmentItems><assignToReference>msg</assignToReference><operator>Assign</operator><value><elementReference>$Record.Lead_Rank__c</elementReference></value></assignmentItems>
    </assignments>`, { start: '<connector><targetReference>First</targetReference></connector><object>Lead</object><recordTriggerType>Create</recordTriggerType><triggerType>RecordAfterSave</triggerType>' });
  let n = 0;
  const fieldProblems = () => service.validate({ uri: `file:///ranked${n++}.flow-meta.xml`, fileName: flowFile, text }).filter((p) => p.code === 'flow-record-field').map((p) => p.message);
  const missing = fieldProblems();
  assert.equal(missing.length, 1);
  assert.match(missing[0], /Lead has no field "Lead_Rank__c" in this project/);
  assert.deepEqual(fieldProblems(), missing, 'a second flow: the same answer');
  assert.equal(service.session.editorChanged(fieldFile, `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Lead_Rank__c</fullName>
    <label>Lead Rank</label>
    <type>Number</type>
</CustomField>
`), true);
  assert.deepEqual(fieldProblems(), [], 'the field is in the project now');

  // Through a global: $User's custom fields are checked once the project holds some of them.
  const userField = (name: string) => [path.join(examplesRoot, `force-app/main/default/objects/User/fields/${name}.field-meta.xml`),
    `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>${name}</fullName>\n    <label>${name}</label>\n    <type>Text</type>\n</CustomField>\n`] as const;
  const userText = text.replace('$Record.Lead_Rank__c', '$User.Desk_Code__c');
  const unresolved = () => service.validate({ uri: `file:///user${n++}.flow-meta.xml`, fileName: flowFile, text: userText }).filter((p) => p.code === 'flow-unresolved-reference').map((p) => p.message);
  assert.deepEqual(unresolved(), [], 'no custom field of User in the project: not checked');
  assert.equal(service.session.editorChanged(...userField('Region__c')), true);
  const unknown = unresolved();
  assert.equal(unknown.length, 1);
  assert.match(unknown[0], /User has no field "Desk_Code__c" in this project/);
  assert.deepEqual(unresolved(), unknown, 'a second flow: the same answer');
  assert.equal(service.session.editorChanged(...userField('Desk_Code__c')), true);
  assert.deepEqual(unresolved(), [], 'the field is in the project now');
});
