// The project stamp an analysis state is keyed by (flow/carry.ts) is made once per project version, not once
// per analysis (walking every flow summary per analysis made a CLI run quadratic in flows). These tests check
// that the memo follows every change the analysis reads: a changed flow summary, a definition removed and
// restored, a map set directly — and that a change the stamp does not read keeps the analyses' state.
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

test('the analysis state is kept while the project does not change, and made again when a flow summary changes', async () => {
  const { store, project, model } = await setup();
  const first = store.states.stateFor(model, project);
  assert.equal(store.states.stateFor(model, project), first, 'no change: the same state');
  const version = project.version;
  // Another flow whose output variables are part of the stamp (screen actions read them).
  const other = path.join(examplesRoot, 'force-app/main/default/flows/Stamp_Other.flow-meta.xml');
  project.update(other, flow(output('result', 'String')));
  assert.ok(project.version > version);
  const second = store.states.stateFor(model, project);
  assert.notEqual(second, first, 'a new flow summary: a new state');
  assert.notEqual(second.projectStamp, first.projectStamp);
  assert.equal(store.states.stateFor(model, project), second);
  // The same flow's outputs changed: its summary is a new object, so the stamp moves again.
  project.update(other, flow(output('result', 'Number')));
  const third = store.states.stateFor(model, project);
  assert.notEqual(third, second);
  project.remove(other);
  assert.notEqual(store.states.stateFor(model, project), third, 'a flow removed: a new state');
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
