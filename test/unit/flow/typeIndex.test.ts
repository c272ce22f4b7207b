// The generated Apex types index (ExternalService__<Service>_<Type> → shape) is state owned by an object, not a
// module: each ApexTypeIndex keeps its own, a flow store's analyses share the store's, two stores (two language
// services) share nothing, and an index rebuilds when a callout definition is replaced.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { FlowAnalysis } from '../../../server/src/core/flow/analysis';
import { FlowStore } from '../../../server/src/core/flow/store';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { ApexTypeIndex } from '../../../server/src/core/flow/typeIndex';
import { scopeOf } from '../../../server/src/core/model/references';
import { nodeFs } from '../../../server/src/core/project/fs';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { examplesRoot } from '../helpers';
import { action, flow, variable } from './helpers';

const CREATED = 'ExternalService__ExternalCrmLeads_createLead_OUT_2XX';
const definitionFile = path.join(examplesRoot, 'callouts', 'ExternalCrmLeads.callout.yaml');

const fieldsOf = (index: ApexTypeIndex, project: ProjectIndex) => [...(index.find(project, CREATED)?.shape.fields?.keys() ?? [])];

test('an index finds the generated types, keeps them while the project is unchanged, and rebuilds when a definition is replaced', async () => {
  const project = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow });
  const index = new ApexTypeIndex();
  assert.deepEqual(fieldsOf(index, project), ['id', 'status', 'score', 'tags']);
  assert.equal(index.find(project, CREATED.toLowerCase())?.apexClass, CREATED);
  assert.equal(index.find(project, 'ExternalService__Nothing_Here'), undefined);
  assert.equal(index.find(undefined, CREATED), undefined);
  const first = index.typesOf(project);
  assert.equal(index.typesOf(project), first, 'kept by its owner while nothing it reads changed');
  // Another owner builds its own (nothing is shared through the module).
  const other = new ApexTypeIndex();
  assert.notEqual(other.typesOf(project), first);
  assert.deepEqual([...other.typesOf(project).keys()], [...first.keys()]);

  // The definition edited (an unsaved edit reaches the index the same way): a new field in the 2XX sample.
  const text = readFileSync(definitionFile, 'utf8').replace('sample: { id: L-000123, status: created,', 'sample: { id: L-000123, status: created, region: emea,');
  project.update(definitionFile, text);
  assert.notEqual(index.typesOf(project), first);
  assert.deepEqual(fieldsOf(index, project), ['id', 'status', 'region', 'score', 'tags']);
});

test('a flow store\'s analyses share its index; another store, an analysis outside a store and a merge-field scope own theirs', async () => {
  const project = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow });
  const text = (name: string) => flow([action('First', { actionName: 'ExternalCrmLeads.createLead' }), variable(name, 'Apex', `<apexClass>${CREATED}</apexClass>`)].join('\n'));
  const storeA = new FlowStore();
  const storeB = new FlowStore();
  const a1 = storeA.analysis(text('created'), project);
  const a2 = storeA.analysis(text('other'), project);
  const b = storeB.analysis(text('created'), project);
  const alone = new FlowAnalysis(text('created'), project);
  assert.equal(a1.apexTypes, a2.apexTypes);
  assert.equal(a1.apexTypes, storeA.states.apexTypes);
  assert.notEqual(b.apexTypes, a1.apexTypes);
  assert.notEqual(alone.apexTypes, a1.apexTypes);
  assert.notEqual(scopeOf(project, 'Lead', undefined).apexTypes, a1.apexTypes);
  // Each resolves the Apex-typed variable's fields through its own index.
  for (const analysis of [a1, b, alone]) {
    const r = analysis.resolve({ path: 'created.score', kind: 'reference' });
    assert.equal(r.ok, true, r.ok ? '' : r.message);
  }
  assert.equal(a1.resolve({ path: 'created.scroe', kind: 'reference' }).ok, false);
});
