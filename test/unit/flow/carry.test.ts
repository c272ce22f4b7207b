// An analysis that starts from the previous version's (flow/carry.ts: graph, callouts, sites, resolutions
// kept across a patch) must equal a fresh analysis of the same text: the same problems, sites, text leaves,
// failures, callout actions, graph answers and resolutions — through long random sequences of typing,
// renaming, re-typing, pasting and deleting elements, syntax errors and undo, edits composed without an
// analysis between them (typing during the debounce), and project changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FlowAnalysis } from '../../../server/src/core/flow/analysis';
import { FlowStore } from '../../../server/src/core/flow/store';
import { buildFlowModel } from '../../../server/src/core/flow/model';
import { validateFlowModel, validateFlowText } from '../../../server/src/core/flow/validate';
import { parseXml, type XmlElement } from '../../../server/src/core/parse/xml';
import { nodeFs } from '../../../server/src/core/project/fs';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { corpusRoot, examplesRoot } from '../helpers';
import { randomEdit, rng } from './edits';
import { action, flow, leadTrigger, testProject, variable } from './helpers';

/** The store the differential tests patch and carry through (a fresh analysis never uses it). */
const store = new FlowStore({ incremental: true });

function snapshot(a: FlowAnalysis): Record<string, string[]> {
  const g = a.graph;
  const names = [...a.model.elements.keys()];
  return {
    sites: a.sites.map((s) => `${s.kind} ${s.path} @${s.offset} <${s.el.name}>`),
    textLeaves: a.textLeaves.map((l) => `<${l.name}> @${l.offset}`),
    failures: a.failures.map((f) => `${f.site.path} @${f.site.offset} ${JSON.stringify(f.failure)}`),
    callouts: a.callouts.map((c) => `${c.element.name} ${c.actionName} ${c.actionNameEl?.textOffset} ${c.resolution?.status}`),
    graph: names.map((n) => `${n} ${g.isSync(n)} ${g.asyncPathOf(n)} ${g.loopsAround(n).join(',')} ${g.uncommittedDmlBefore(n)} ${g.isReachable(n)}`),
    resolutions: a.sites.map((s) => {
      const r = a.resolve(s);
      return r.ok ? `ok ${r.type} ${r.detail} ${r.decl ? `${r.decl.name}:${r.decl.kind}@${r.decl.nameEl.textOffset}` : ''} ${r.shape?.kind}` : JSON.stringify(r);
    }),
  };
}

/** Every leaf text a rename, retype or reference fix rewrites; the model, callouts and resolution read most of them. */
const SEMANTIC = ['name', 'elementReference', 'leftValueReference', 'assignToReference', 'targetReference', 'dataType', 'objectType', 'actionName', 'actionType', 'storeOutputAutomatically', 'isCollection', 'apexClass', 'stringValue', 'label', 'object', 'triggerType'];

function semanticEdit(text: string, random: () => number): string {
  const all: XmlElement[] = [];
  const stack = [parseXml(text).root!];
  while (stack.length) {
    const e = stack.pop()!;
    if (!e.children.length && SEMANTIC.includes(e.name)) all.push(e);
    stack.push(...e.children);
  }
  if (!all.length) return text;
  const leaf = all[Math.floor(random() * all.length)];
  const same = all.filter((l) => l.name === leaf.name && l !== leaf);
  const raw = text.slice(leaf.contentOffset, leaf.contentEnd);
  const options = [
    raw + 'X',
    raw.slice(0, -1),
    same.length ? same[Math.floor(random() * same.length)].text : raw,
    raw === 'true' ? 'false' : raw === 'false' ? 'true' : '',
    ['String', 'Number', 'SObject', 'Apex', 'Boolean'][Math.floor(random() * 5)],
    `${raw} {!${same.length ? same[0].text : '$Record.Name'}}`,
  ];
  return text.slice(0, leaf.contentOffset) + options[Math.floor(random() * options.length)] + text.slice(leaf.contentEnd);
}

interface Case {
  file: string;
  project: ProjectIndex;
}

async function loadCase(root: string, file: string): Promise<Case> {
  return { file: path.join(root, file), project: await ProjectIndex.load(root, nodeFs, { summarizeFlow }) };
}

/** Random edits of `file`, each version analysed through the cache (carried) and from scratch; both must agree. */
function runSequence(c: Case, seed: number, steps: number, mutateProject?: (step: number) => void): void {
  const random = rng(seed);
  const key = `file:///carry/${seed}/${path.basename(c.file)}`;
  let text = fs.readFileSync(c.file, 'utf8');
  let previous = text;
  validateFlowText(text, { project: c.project, store }, key);
  for (let step = 0; step < steps; step++) {
    mutateProject?.(step);
    // Typing during the debounce: a few versions are parsed (the project index reads each) before one is analysed.
    const burst = random() < 0.25 ? 2 + Math.floor(random() * 3) : 1;
    for (let i = 0; i < burst; i++) {
      const r = random();
      const next = r < 0.08 ? previous : r < 0.5 ? semanticEdit(text, random) : randomEdit(text, random);
      previous = text;
      text = next;
      if (i < burst - 1) store.parse(key, text);
    }
    const model = store.parse(key, text);
    const fresh = buildFlowModel(text);
    const where = `${path.basename(c.file)} seed ${seed} step ${step}`;
    assert.deepEqual(validateFlowModel(model, { project: c.project, store }), validateFlowModel(fresh, { project: c.project }), `problems, ${where}`);
    const a = snapshot(store.analysis(text, c.project, model));
    const b = snapshot(new FlowAnalysis(text, c.project, fresh));
    for (const k of Object.keys(b)) assert.deepEqual(a[k], b[k], `${k}, ${where}`);
    // A broken file does not stay broken for long: the next edit undoes it.
    if (fresh.xml.syntaxErrors.length) text = previous;
  }
}

test('carried analyses equal fresh ones on the demo flow (callouts, fields) through random edits', async () => {
  const c = await loadCase(examplesRoot, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml');
  for (const seed of [1, 2, 3]) runSequence(c, seed, 150);
});

test('carried analyses equal fresh ones on corpus flows (callouts, ESRs, record fields, unresolved references)', async () => {
  const cases = [
    ['SFDC-Assets__SF-ExternalServiceFromFlow', 'force-app/main/default/flows/Bank_Account_Records.flow-meta.xml'],
    ['SFDC-Assets__PSA-NEPA-Permitting', 'force-app/main/default/flows/NEPA_Slack_Risk_Alert.flow-meta.xml'],
    ['SFDC-Assets__gen-ai-demo', 'force-app/main/default/flows/Case_Troubleshooter_Grounding.flow-meta.xml'],
  ];
  for (const [repo, file] of cases) {
    const c = await loadCase(path.join(corpusRoot, repo), file);
    runSequence(c, 7, 120);
  }
});

test('carried analyses equal fresh ones while the project changes under them (fields, callout definitions)', async () => {
  const c = await loadCase(examplesRoot, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml');
  const fieldFile = path.join(examplesRoot, 'force-app/main/default/objects/Lead/fields/Added_In_Test__c.field-meta.xml');
  const callout = [...c.project.callouts.values()][0];
  const calloutText = fs.readFileSync(callout.file, 'utf8');
  runSequence(c, 11, 80, (step) => {
    if (step === 20) c.project.update(fieldFile, '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Added_In_Test__c</fullName><type>Text</type></CustomField>');
    if (step === 40) c.project.remove(fieldFile);
    if (step === 50) c.project.update(callout.file, calloutText.replace(/^name: .*$/m, 'name: RenamedInTest'));
    if (step === 65) c.project.update(callout.file, calloutText);
  });
});

test('typing in a value keeps the graph, callouts and resolutions; a rename keeps the other leaves\' sites', async () => {
  const c = await loadCase(examplesRoot, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml');
  const key = 'file:///carry/identity.flow-meta.xml';
  const text = fs.readFileSync(c.file, 'utf8');
  const before = store.analysis(text, c.project, store.parse(key, text));
  void before.failures;
  const graph = before.graph;
  const callouts = before.callouts;
  const sites = before.sites;
  const at = text.indexOf('<label>Create CRM Lead') + '<label>Create'.length;
  const typed = text.slice(0, at) + 'd' + text.slice(at);
  const after = store.analysis(typed, c.project, store.parse(key, typed));
  assert.equal(after.graph, graph);
  assert.equal(after.callouts, callouts);
  assert.deepEqual(after.sites.map((s) => s.el), sites.map((s) => s.el));
  assert.deepEqual(snapshot(after), snapshot(new FlowAnalysis(typed, c.project)));
  // Renaming an element: the model is rebuilt, but only that leaf's sites are collected again.
  const name = typed.indexOf('<targetReference>Store_External_Id') + '<targetReference>Store'.length;
  const renamed = typed.slice(0, name) + 'X' + typed.slice(name);
  const third = store.analysis(renamed, c.project, store.parse(key, renamed));
  assert.notEqual(third.graph, graph);
  assert.equal(third.sites.filter((s) => sites.includes(s)).length, sites.length - 1);
  assert.deepEqual(snapshot(third), snapshot(new FlowAnalysis(renamed, c.project)));
  assert.ok(third.failures.some((f) => f.site.path === 'StoreX_External_Id'));
});

test('every leaf resolution reads, retyped one at a time, gives what a fresh analysis gives', async () => {
  const project = await testProject();
  const text = flow([
    action('Call_CRM', { next: 'Use', fault: 'Use', inner: '        <storeOutputAutomatically>true</storeOutputAutomatically>' }),
    `    <assignments><name>Use</name><label>Use</label>${[
      'Call_CRM.2XX.bogus', 'Call_CRM.2XX.id', 'lead.Emial', 'lead.Email', 'created.bogus', '$Record.Emial', 'msg.length', 'Nothing',
    ].map((r) => `<assignmentItems><assignToReference>msg</assignToReference><operator>Assign</operator><value><elementReference>${r}</elementReference></value></assignmentItems>`).join('')}</assignments>`,
    variable('msg'),
    variable('created', 'Apex', '<apexClass>ExternalService__ExternalCrmLeads_createLead_OUT_2XX</apexClass>'),
    '    <variables><name>lead</name><dataType>SObject</dataType><isCollection>false</isCollection><objectType>Lead</objectType></variables>',
  ].join('\n'), { start: leadTrigger('Call_CRM') });
  const edits: [string, string][] = [
    ['<storeOutputAutomatically>true', '<storeOutputAutomatically>false'], ['<storeOutputAutomatically>false', '<storeOutputAutomatically>true'],
    ['<objectType>Lead', '<objectType>Account'], ['<objectType>Account', '<objectType>Lead'],
    ['<isCollection>false</isCollection><objectType>', '<isCollection>true</isCollection><objectType>'],
    ['<isCollection>true</isCollection><objectType>', '<isCollection>false</isCollection><objectType>'],
    ['OUT_2XX</apexClass>', 'OUT_2XXy</apexClass>'], ['OUT_2XXy</apexClass>', 'OUT_2XX</apexClass>'],
    ['<dataType>SObject', '<dataType>String'], ['<dataType>String</dataType><isCollection>false</isCollection><objectType>', '<dataType>SObject</dataType><isCollection>false</isCollection><objectType>'],
    ['ExternalCrmLeads.createLead', 'ExternalCrmLeads.createLeads'], ['ExternalCrmLeads.createLeads', 'ExternalCrmLeads.createLead'],
    ['<actionType>externalService', '<actionType>apex'], ['<actionType>apex', '<actionType>externalService'],
    ['<object>Lead', '<object>Contact'], ['<object>Contact', '<object>Lead'],
    ['<name>Nothin', '<name>Nothin'], ['<name>msg<', '<name>Nothing<'], ['<name>Nothing<', '<name>msg<'],
    ['<name>Call_CRM<', '<name>Call_CRX<'], ['<name>Call_CRX<', '<name>Call_CRM<'],
    // The same changes as pasted markup (children re-parsed, the model rebuilt, outcomes kept only by key).
    ['<storeOutputAutomatically>true</storeOutputAutomatically>', ''], ['<actionType>externalService</actionType>', '<actionType>externalService</actionType><storeOutputAutomatically>true</storeOutputAutomatically>'],
    ['<objectType>Lead</objectType>', '<objectType>Account</objectType>'], ['<objectType>Account</objectType>', '<objectType>Lead</objectType>'],
  ];
  const key = 'file:///carry/leaves.flow-meta.xml';
  let current = text;
  validateFlowText(current, { project, store }, key);
  for (const [from, to] of edits) {
    if (!current.includes(from)) continue;
    current = current.replace(from, to);
    const model = store.parse(key, current);
    const fresh = buildFlowModel(current);
    assert.deepEqual(validateFlowModel(model, { project, store }), validateFlowModel(fresh, { project }), `problems after ${from} → ${to}`);
    const a = snapshot(store.analysis(current, project, model));
    const b = snapshot(new FlowAnalysis(current, project, fresh));
    for (const k of Object.keys(b)) assert.deepEqual(a[k], b[k], `${k} after ${from} → ${to}`);
  }
});
