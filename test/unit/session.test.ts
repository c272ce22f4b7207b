// The project session (core/session.ts): the one owner of a language service's project state. It reads an open
// document's flows first and the rest in passes (a finished pass gives the eager index), a newer load ends an
// old pass, file changes go through it, and two language services in one process share no project state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService } from '../../server/src/core/service';
import { nodeFs } from '../../server/src/core/project/fs';
import { projectOperations, resolveAction } from '../../server/src/core/flow/operations';
import { buildFlowModel } from '../../server/src/core/flow/model';
import { FLOWS, reachProject } from '../cli/reachProject';
import { examplesRoot } from './helpers';

let dir: string;
const FILLERS = 6;

before(() => {
  dir = reachProject('{}');
  const pricing = fs.readFileSync(path.join(dir, FLOWS, 'Opportunity_Pricing.flow-meta.xml'), 'utf8');
  // Chain_0 → Chain_1 → Chain_2 → Fetch_Exchange_Rates (which calls out), and flows nobody runs.
  for (let i = 0; i < 3; i++) {
    const next = i === 2 ? 'Fetch_Exchange_Rates' : `Chain_${i + 1}`;
    fs.writeFileSync(path.join(dir, FLOWS, `Chain_${i}.flow-meta.xml`), pricing.replace('<flowName>Fetch_Exchange_Rates</flowName>', `<flowName>${next}</flowName>`));
  }
  for (let i = 0; i < FILLERS; i++) fs.writeFileSync(path.join(dir, FLOWS, `Filler_${i}.flow-meta.xml`), pricing.replace('<flowName>Fetch_Exchange_Rates</flowName>', '<flowName>Not_Here</flowName>'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const flowDoc = (name: string) => {
  const file = path.join(dir, FLOWS, `${name}.flow-meta.xml`);
  return { uri: `file://${file}`, fileName: file, text: fs.readFileSync(file, 'utf8') };
};
const codes = (problems: { code: string; offset: number }[]) => problems.map((p) => `${p.code}@${p.offset}`);

test('an open flow\'s subflows are read first; the remaining flows in passes; a finished pass is the eager index', async () => {
  const eager = getLanguageService({ fs: nodeFs });
  await eager.session.load(dir, { flows: 'read' });
  const lazy = getLanguageService({ fs: nodeFs });
  await lazy.session.load(dir, { flows: 'defer' });
  const all = lazy.session.unreadFlowCount;
  assert.equal(all, 3 + 3 + FILLERS, 'every flow file listed (reachProject\'s three, the chain, the fillers), none read');
  assert.equal(lazy.session.index!.flows.size, 0);

  const chain = flowDoc('Chain_0');
  assert.equal(lazy.session.waitsForFlows(chain.uri), true);
  await lazy.session.readFlowsFor(chain);
  assert.equal(lazy.session.waitsForFlows(chain.uri), false);
  const read = [...lazy.session.index!.flows.keys()].sort();
  assert.deepEqual(read, ['Chain_0', 'Chain_1', 'Chain_2', 'Fetch_Exchange_Rates'], 'its own flow and the subflows it runs, transitively; nothing else');
  // With those in, its diagnostics are already the eager ones (the callout reached through three subflows).
  assert.deepEqual(codes(lazy.validate(chain)), codes(eager.validate(chain)));
  assert.ok(codes(eager.validate(chain)).length > 0, 'the fixture has findings to compare');

  const pass = lazy.session.remainingFlows()!;
  assert.equal(pass.total, all - read.length);
  let chunks = 0;
  while (await pass.readNext(2)) chunks++;
  assert.equal(chunks, Math.ceil(pass.total / 2));
  assert.equal(pass.done, pass.total);
  assert.equal(pass.finish(), true);
  assert.equal(lazy.session.unreadFlowCount, 0);
  assert.deepEqual([...lazy.session.index!.flows.keys()], [...eager.session.index!.flows.keys()], 'the walk order an eager load gives');
  assert.deepEqual([...lazy.session.indexErrors().keys()], [...eager.session.indexErrors().keys()]);
  for (const name of ['Chain_0', 'Filler_3', 'Opportunity_Pricing']) assert.deepEqual(lazy.validate(flowDoc(name)), eager.validate(flowDoc(name)), name);
});

test('a newer load ends the pass over the old index; the document waits again for the new one', async () => {
  const service = getLanguageService({ fs: nodeFs });
  await service.session.load(dir, { flows: 'defer' });
  const chain = flowDoc('Chain_0');
  await service.session.readFlowsFor(chain);
  const old = service.session.remainingFlows()!;
  assert.equal(await old.readNext(1), true);
  const oldIndex = service.session.index;
  await service.session.load(dir, { flows: 'defer' });
  assert.notEqual(service.session.index, oldIndex);
  assert.equal(old.current, false);
  assert.equal(await old.readNext(1), false, 'nothing read into the replaced index');
  assert.equal(old.done, 1);
  assert.equal(old.finish(), false);
  assert.equal(service.session.waitsForFlows(chain.uri), true, 'the new index has not read its flows yet');
  service.session.forgetDocument(chain.uri);
});

test('two language services in one process: an unsaved edit in one changes its diagnostics only; closing it falls back to disk', async () => {
  const a = getLanguageService({ fs: nodeFs });
  const b = getLanguageService({ fs: nodeFs });
  await a.session.load(examplesRoot);
  await b.session.load(examplesRoot);
  const flowFile = path.join(examplesRoot, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml');
  const flow = { uri: `file://${flowFile}`, fileName: flowFile, text: fs.readFileSync(flowFile, 'utf8') };
  const before = codes(a.validate(flow));
  assert.deepEqual(codes(b.validate(flow)), before);
  assert.ok(!before.some((c) => c.startsWith('flow-unknown-action')), before.join());

  // A's editor renames the operation the flow calls (unsaved): A's flow now calls an unknown operation; B's does not.
  const definition = path.join(examplesRoot, 'callouts/ExternalCrmLeads.callout.yaml');
  const text = fs.readFileSync(definition, 'utf8');
  assert.match(text, /^operation: createLead$/m);
  assert.equal(a.session.editorChanged(definition, text.replace(/^operation: createLead$/m, 'operation: createLeadRenamed')), true, 'what the flow reads changed');
  assert.ok(codes(a.validate(flow)).some((c) => c.startsWith('flow-unknown-action')), codes(a.validate(flow)).join());
  assert.deepEqual(codes(b.validate(flow)), before);
  assert.equal(a.session.index!.callouts.get('ExternalCrmLeads')!.operation, 'createLeadRenamed');
  assert.equal(b.session.index!.callouts.get('ExternalCrmLeads')!.operation, 'createLead');
  assert.equal(a.sendTargets().find((t) => t.kind === 'definition' && t.file === definition)?.name, 'ExternalCrmLeads.createLeadRenamed');
  assert.equal(b.sendTargets().find((t) => t.kind === 'definition' && t.file === definition)?.name, 'ExternalCrmLeads.createLead');

  // Reopened before the disk check: the editor's text stays. Closed for good: the file on disk again.
  assert.equal(await a.session.documentClosed(definition, () => false), false);
  assert.equal(a.session.index!.callouts.get('ExternalCrmLeads')!.operation, 'createLeadRenamed');
  assert.equal(await a.session.documentClosed(definition, () => true), true);
  assert.deepEqual(codes(a.validate(flow)), before);

  // A watched file deleted and created again, in A only.
  a.session.fileDeleted(definition);
  assert.equal(a.session.index!.callouts.has('ExternalCrmLeads'), false);
  assert.equal(b.session.index!.callouts.has('ExternalCrmLeads'), true);
  assert.equal(await a.session.fileChanged(definition), undefined, 'read again without an index error');
  assert.deepEqual(codes(a.validate(flow)), before);
  assert.equal(a.session.editorChanged(path.join(examplesRoot, 'README.md'), 'not a project file'), false);
});

test('derived state lives with its owner: each index its own operations, replaced with their entry; a model its own name list', async () => {
  const a = getLanguageService({ fs: nodeFs });
  const b = getLanguageService({ fs: nodeFs });
  await a.session.load(examplesRoot);
  await b.session.load(examplesRoot);
  const opsA = projectOperations(a.session.index!);
  const opsB = projectOperations(b.session.index!);
  assert.ok(opsA.length > 0);
  assert.deepEqual(opsA.map((o) => `${o.service}.${o.operation}`), opsB.map((o) => `${o.service}.${o.operation}`));
  opsA.forEach((op, i) => {
    assert.equal(projectOperations(a.session.index!)[i], op, 'derived once per entry in its index');
    assert.notEqual(opsB[i], op, 'the other index derived its own');
  });
  const lead = resolveAction(a.session.index!, 'ExternalCrmLeads.createLead');
  assert.equal(lead.status, 'ok');
  const definition = path.join(examplesRoot, 'callouts/ExternalCrmLeads.callout.yaml');
  a.session.editorChanged(definition, fs.readFileSync(definition, 'utf8').replace(/^operation: createLead$/m, 'operation: createLead2'));
  const renamed = resolveAction(a.session.index!, 'ExternalCrmLeads.createLead2');
  assert.ok(renamed.status === 'ok' && lead.status === 'ok' && renamed.op !== lead.op, 'a replaced summary gets its operations derived again');
  assert.equal(resolveAction(b.session.index!, 'ExternalCrmLeads.createLead').status, 'ok');

  const model = buildFlowModel(flowDoc('Chain_0').text);
  const names = model.names.declared();
  assert.ok(names.includes('Log_Fault'), names.join());
  assert.equal(model.names.declared(), names, 'listed once per model');
  assert.notEqual(buildFlowModel(flowDoc('Chain_0').text).names.declared(), names, 'another model lists its own');
  model.names.set('added', { ...model.names.get('log_fault')!, name: 'Added' });
  assert.ok(model.names.declared().includes('Added'), 'a changed map lists again');
});

test('a session without file access says what to pass', async () => {
  await assert.rejects(getLanguageService().session.load(dir), /getLanguageService\(\{ fs \}\)/);
});
