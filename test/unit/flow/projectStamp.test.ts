// The project stamp an analysis state is keyed by (flow/carry.ts): its entries part (definitions, registrations,
// Apex classes, fields, settings) is made once per project version, not once per analysis, and its flows part
// reads only the flows the model's screen actions call (walking every flow summary whenever the version moved
// made a CLI run that reads flows one by one quadratic in flows). These tests check that the state follows every
// change the analysis reads: a called flow added, changed or removed, a definition removed and restored, a map
// set directly — and that a change the stamp does not read (another flow, a named credential) keeps it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FlowStore } from '../../../server/src/core/flow/store';
import { validateFlowText } from '../../../server/src/core/flow/validate';
import { nodeFs } from '../../../server/src/core/project/fs';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { examplesRoot } from '../helpers';
import { flow } from './helpers';

const output = (name: string, dataType: string) =>
  `    <variables><name>${name}</name><dataType>${dataType}</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>true</isOutput></variables>`;

const FLOW = path.join(examplesRoot, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml');
const DEFINITION = path.join(examplesRoot, 'callouts/ExternalCrmLeads.callout.yaml');

async function setup() {
  const store = new FlowStore({ incremental: true });
  const project = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow: store.summarize });
  const text = fs.readFileSync(FLOW, 'utf8');
  return { store, project, text, model: store.parse(FLOW, text) };
}

test('the analysis state is kept while the project does not change, and made again when a flow its screen actions call changes', async () => {
  const { store, project } = await setup();
  // A screen action calling Stamp_Other: its results are Stamp_Other's output variables (resolve.ts).
  const caller = path.join(examplesRoot, 'force-app/main/default/flows/Stamp_Caller.flow-meta.xml');
  const callerText = flow(`    <screens><name>First</name><label>S</label>
        <actions><name>Run_Other</name><actionName>Stamp_Other</actionName><actionType>flow</actionType><label>Run</label></actions>
        <fields><name>Shown</name><fieldText>{!Run_Other.Results.result}</fieldText><fieldType>DisplayText</fieldType></fields>
    </screens>`, { processType: 'Flow' });
  const model = store.parse(caller, callerText);
  const unresolved = () => validateFlowText(callerText, { project, store }, caller).filter((p) => p.code === 'flow-unresolved-reference').length;
  const first = store.states.stateFor(model, project);
  assert.equal(store.states.stateFor(model, project), first, 'no change: the same state');
  assert.equal(unresolved(), 0, 'a flow not in the project: its outputs are unknown, not missing');
  const version = project.version;
  // A flow no screen action of this model calls: the version moves, the state stays.
  project.update(path.join(examplesRoot, 'force-app/main/default/flows/Stamp_Unrelated.flow-meta.xml'), flow(output('result', 'String')));
  assert.ok(project.version > version);
  assert.equal(store.states.stateFor(model, project), first, 'an unrelated flow: the same state');
  // The called flow added, without the output the screen reads: a new state, and the reference is reported.
  const other = path.join(examplesRoot, 'force-app/main/default/flows/Stamp_Other.flow-meta.xml');
  project.update(other, flow(output('answer', 'String')));
  const second = store.states.stateFor(model, project);
  assert.notEqual(second, first, 'the called flow added: a new state');
  assert.notEqual(second.projectStamp, first.projectStamp);
  assert.equal(unresolved(), 1);
  assert.equal(store.states.stateFor(model, project), store.states.stateFor(model, project));
  // Its outputs changed (a summary is a new object, and its outputs differ): the stamp moves again.
  project.update(other, flow(output('result', 'Number')));
  const third = store.states.stateFor(model, project);
  assert.notEqual(third, second);
  assert.equal(unresolved(), 0);
  // The same outputs in a new summary (an edit elsewhere in the called flow): the state stays.
  project.update(other, flow(output('result', 'Number') + '\n    <description>edited</description>'));
  assert.equal(store.states.stateFor(model, project), third, 'same outputs: the same state');
  project.remove(other);
  assert.notEqual(store.states.stateFor(model, project), third, 'the called flow removed: a new state');
  assert.equal(unresolved(), 0);
});

test('a change the stamp does not read moves the version but keeps the state', async () => {
  const { store, project, model } = await setup();
  const first = store.states.stateFor(model, project);
  const version = project.version;
  project.update(path.join(examplesRoot, 'force-app/main/default/namedCredentials/Stamp.namedCredential-meta.xml'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata"><label>Stamp</label></NamedCredential>\n');
  assert.ok(project.version > version);
  assert.equal(store.states.stateFor(model, project), first);
});

test('a map of the index set directly (as tests build projects) also moves the version', async () => {
  const { store, project, model } = await setup();
  const first = store.states.stateFor(model, project);
  const def = project.callouts.get('ExternalCrmLeads')!;
  project.callouts.set('ExternalCrmLeads', { ...def });
  assert.notEqual(store.states.stateFor(model, project), first);
});

test('diagnostics through one store follow a definition removed and restored (memoised stamp)', async () => {
  const { store, project, text } = await setup();
  const check = () => validateFlowText(text, { project, store }, FLOW).map((p) => `${p.code}@${p.offset}`).sort();
  const before = check();
  project.remove(DEFINITION);
  const without = check();
  assert.notDeepEqual(without, before, 'without its definition the flow reads differently');
  project.update(DEFINITION, fs.readFileSync(DEFINITION, 'utf8'));
  assert.deepEqual(check(), before);
  // And the same as a store that never saw the change.
  const fresh = await setup();
  assert.deepEqual(validateFlowText(text, { project: fresh.project, store: fresh.store }, FLOW).map((p) => `${p.code}@${p.offset}`).sort(), before);
});
