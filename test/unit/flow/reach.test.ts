// What the callout rules follow beyond a flow's own elements (issue 15 items 6, 9, 10, 11): subflows
// (transitively, cycle-safe, the chain as related information), Apex helper classes and callout=true, the
// standard actions Salesforce documents as callouts and .flowcallout.json calloutActions; and unreachable
// callout actions, which get one info instead of callout-rule errors. Each false shape stays silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { action, assignment, expectFlowRanges, flow, leadTrigger, validateFlow, variable } from './helpers';

const ROOT = '/virtual/pricing';
const FLOWS = `${ROOT}/force-app/main/default/flows`;
const CLASSES = `${ROOT}/force-app/main/default/classes`;
const VARS = variable('msg');
const FAULT = assignment('Log_Fault');

function subflow(name: string, flowName: string, next?: string): string {
  return `    <subflows>
        <name>${name}</name>
        <label>${name.replace(/[⟦⟧]/g, '').replace(/_/g, ' ')}</label>
        <locationX>0</locationX>
        <locationY>0</locationY>
${next ? `        <connector><targetReference>${next}</targetReference></connector>\n` : ''}        <flowName>${flowName}</flowName>
    </subflows>`;
}

function apexAction(name: string, actionName: string, opts: { next?: string; tx?: string; type?: string } = {}): string {
  return `    <actionCalls>
        <name>${name}</name>
        <label>Step</label>
        <actionName>${actionName}</actionName>
        <actionType>${opts.type ?? 'apex'}</actionType>
${opts.next ? `        <connector><targetReference>${opts.next}</targetReference></connector>\n` : ''}        <faultConnector><targetReference>Log_Fault</targetReference></faultConnector>
        <flowTransactionModel>${opts.tx ?? 'CurrentTransaction'}</flowTransactionModel>
    </actionCalls>`;
}

const DML = (next: string) => `    <recordCreates><name>Save_Quote</name><label>Save Quote</label><connector><targetReference>${next}</targetReference></connector><inputReference>msg</inputReference></recordCreates>`;

/** Subflows of a pricing project: one calls out, one wraps it, one is clean, two call each other. */
const TEXTS = new Map<string, string>();
function pricingProject(settings?: string): ProjectIndex {
  const p = new ProjectIndex(ROOT, { summarizeFlow });
  const put = (name: string, body: string, first = 'First') => {
    const text = flow(body, { start: `<connector><targetReference>${first}</targetReference></connector>` });
    TEXTS.set(name, text);
    p.update(`${FLOWS}/${name}.flow-meta.xml`, text);
  };
  put('Fetch_Exchange_Rates', [assignment('First', 'Get_Rates'), action('Get_Rates', { actionName: 'RatesApi.getLatest', fault: 'Log_Fault' }), FAULT, VARS].join('\n'));
  put('Price_Wrapper', [assignment('First', 'Call_Rates'), subflow('Call_Rates', 'Fetch_Exchange_Rates'), VARS].join('\n'));
  put('Format_Quote', [assignment('First'), VARS].join('\n'));
  put('Ping_A', [subflow('First', 'Ping_B')].join('\n'));
  put('Ping_B', [subflow('First', 'Ping_A')].join('\n'));
  // The callout in this subflow is not connected: it never runs.
  put('Draft_Rates', [assignment('First'), action('Get_Rates_Old', { actionName: 'RatesApi.getLatest', fault: 'Log_Fault' }), FAULT, VARS].join('\n'));
  put('Uses_Missing', [subflow('First', 'pkg__Vendor_Lookup')].join('\n'));
  if (settings !== undefined) p.update(`${ROOT}/.flowcallout.json`, settings);
  return p;
}

test('flow-sync-callout follows subflows transitively and reports the chain on the outer subflow element', () => {
  const p = pricingProject();
  const src = flow([subflow('⟦Price_Opportunity⟧', 'Price_Wrapper', 'Format'), subflow('Format', 'Format_Quote', 'Ping'), subflow('Ping', 'Ping_A'), VARS].join('\n'), { start: leadTrigger('Price_Opportunity') });
  const [finding] = expectFlowRanges(src, 'flow-sync-callout', p);
  assert.match(finding.message, /^Price_Opportunity runs subflow Price_Wrapper, which makes an HTTP callout \(Price_Wrapper → Fetch_Exchange_Rates → Get_Rates\), on the synchronous path/);
  // Each hop at the element's <name> text in that subflow's file (0-based line and character).
  const at = (flowName: string, element: string) => {
    const lines = TEXTS.get(flowName)!.split('\n');
    const line = lines.findIndex((l) => l.includes(`<name>${element}</name>`));
    return [line, lines[line].indexOf(element), element.length];
  };
  assert.deepEqual(finding.related?.map((r) => [r.file?.replace(FLOWS + '/', ''), r.line, r.character, r.length, r.message]), [
    ['Price_Wrapper.flow-meta.xml', ...at('Price_Wrapper', 'Call_Rates'), 'Price_Wrapper: Call_Rates runs subflow Fetch_Exchange_Rates'],
    ['Fetch_Exchange_Rates.flow-meta.xml', ...at('Fetch_Exchange_Rates', 'Get_Rates'), 'Fetch_Exchange_Rates: Get_Rates makes an HTTP callout (External Service action RatesApi.getLatest)'],
  ]);
});

test('subflows that reach no callout, cycles, unreachable callouts inside a subflow and the asynchronous path stay silent', () => {
  const p = pricingProject();
  const quiet = flow([subflow('Format', 'Format_Quote', 'Ping'), subflow('Ping', 'Ping_A', 'Draft'), subflow('Draft', 'Draft_Rates'), subflow('Later', 'Price_Wrapper'), VARS].join('\n'), { start: leadTrigger('Format', 'Later') });
  const problems = validateFlow(quiet, p);
  assert.deepEqual(problems.filter((x) => x.severity === 'error' || x.severity === 'warning').map((x) => `${x.code}: ${x.message}`), []);
});

test('flow-callout-in-loop and flow-callout-after-dml count a callout reached through a subflow', () => {
  const p = pricingProject();
  const loop = `    <loops><name>First</name><label>Each</label><collectionReference>items</collectionReference><iterationOrder>Asc</iterationOrder><nextValueConnector><targetReference>Price_Each</targetReference></nextValueConnector></loops>`;
  const items = variable('items', 'String').replace('<isCollection>false', '<isCollection>true');
  expectFlowRanges(flow([loop, subflow('⟦Price_Each⟧', 'Price_Wrapper', 'First'), items, VARS].join('\n')), 'flow-callout-in-loop', p);
  const afterDml = flow([DML('Price'), subflow('⟦Price⟧', 'Fetch_Exchange_Rates'), VARS].join('\n'), { start: '<connector><targetReference>Save_Quote</targetReference></connector>' });
  const [dml] = expectFlowRanges(afterDml, 'flow-callout-after-dml', p);
  assert.equal(dml.severity, 'error');
  assert.match(dml.message, /^Price runs subflow Fetch_Exchange_Rates, which makes an HTTP callout \(Fetch_Exchange_Rates → Get_Rates\), and can run after Save_Quote/);
  // A screen flow calling an autolaunched subflow: the subflow runs the action (a non-screen flow, C6), but
  // that reading is not confirmed in an org — a warning.
  const screen = flow([DML('Price'), subflow('⟦Price⟧', 'Fetch_Exchange_Rates'), VARS].join('\n'), { processType: 'Flow', start: '<connector><targetReference>Save_Quote</targetReference></connector>' });
  assert.equal(expectFlowRanges(screen, 'flow-callout-after-dml', p)[0].severity, 'warning');
});

test('a subflow\'s own Transaction Control counts: NewTransaction (and Automatic on an action that declares its callout) commits the caller\'s pending work first', () => {
  const p = new ProjectIndex(ROOT, { summarizeFlow });
  const put = (name: string, tx: string, opts: { apex?: boolean } = {}) => p.update(`${FLOWS}/${name}.flow-meta.xml`, flow([
    opts.apex ? apexAction('Get_Rates', 'RatesClient', { tx }) : action('Get_Rates', { actionName: 'RatesApi.getLatest', fault: 'Log_Fault', tx }), FAULT, VARS,
  ].join('\n'), { start: '<connector><targetReference>Get_Rates</targetReference></connector>' }));
  put('Rates_New', 'NewTransaction');
  put('Rates_Decide', 'Automatic');
  put('Rates_Current', 'CurrentTransaction');
  // An Apex action whose class is in the project, calls out, and has no callout=true: "decide" does not commit for it.
  p.update(`${CLASSES}/RatesClient.cls`, 'public class RatesClient {\n  @InvocableMethod(label=\'Rates\')\n  public static List<String> run(List<String> x) {\n    new Http().send(new HttpRequest());\n    return x;\n  }\n}\n');
  put('Rates_Apex_Decide', 'Automatic', { apex: true });
  const afterDml = (sub: string) => flow([DML('Price'), subflow('⟦Price⟧', sub), VARS].join('\n'), { start: '<connector><targetReference>Save_Quote</targetReference></connector>' });
  expectFlowRanges(afterDml('Rates_New').replace(/[⟦⟧]/g, ''), 'flow-callout-after-dml', p);
  expectFlowRanges(afterDml('Rates_Decide').replace(/[⟦⟧]/g, ''), 'flow-callout-after-dml', p);
  assert.equal(expectFlowRanges(afterDml('Rates_Current'), 'flow-callout-after-dml', p)[0].severity, 'error');
  assert.equal(expectFlowRanges(afterDml('Rates_Apex_Decide'), 'flow-callout-after-dml', p)[0].severity, 'error');
  // In a loop: each call of a NewTransaction action is a transaction of its own, so the 100-callout limit does not add up.
  const loop = `    <loops><name>First</name><label>Each</label><collectionReference>items</collectionReference><iterationOrder>Asc</iterationOrder><nextValueConnector><targetReference>Price_Each</targetReference></nextValueConnector></loops>`;
  const items = variable('items', 'String').replace('<isCollection>false', '<isCollection>true');
  const inLoop = (sub: string) => flow([loop, subflow('⟦Price_Each⟧', sub, 'First'), items, VARS].join('\n'));
  expectFlowRanges(inLoop('Rates_New').replace(/[⟦⟧]/g, ''), 'flow-callout-in-loop', p);
  expectFlowRanges(inLoop('Rates_Current'), 'flow-callout-in-loop', p);
  // On a record-triggered flow's run-immediately path there is no Transaction Control (flow-sync-callout reports it).
  const sync = flow([subflow('⟦Price_Opportunity⟧', 'Rates_New'), VARS].join('\n'), { start: leadTrigger('Price_Opportunity') });
  expectFlowRanges(sync, 'flow-sync-callout', p);
});

test('flow-unknown-subflow: one info for a subflow missing from the project on the synchronous path only', () => {
  const p = pricingProject();
  const src = flow([subflow('⟦Vendor⟧', 'pkg__Vendor_Lookup', 'Wrapped'), subflow('⟦Wrapped⟧', 'Uses_Missing'), subflow('Later', 'pkg__Vendor_Lookup'), VARS].join('\n'), { start: leadTrigger('Vendor', 'Later') });
  const found = expectFlowRanges(src, 'flow-unknown-subflow', p);
  assert.deepEqual(found.map((f) => f.severity), ['info', 'info']);
  assert.match(found[0].message, /Vendor runs subflow pkg__Vendor_Lookup, which is not in this project/);
  assert.match(found[1].message, /Wrapped runs subflow pkg__Vendor_Lookup \(through Uses_Missing → pkg__Vendor_Lookup\)/);
  // Not record-triggered: nothing to say.
  assert.deepEqual(validateFlow(flow([subflow('First', 'pkg__Vendor_Lookup'), VARS].join('\n')), p).filter((x) => x.code === 'flow-unknown-subflow'), []);
});

const HTTP_UTIL = `public with sharing class HttpUtil {
    public static HttpResponse send(HttpRequest req) {
        Http h = new Http();
        return h.send(req);
    }
    public static String encode(String s) { return EncodingUtil.urlEncode(s, 'UTF-8'); }
}`;
const BOX_CLIENT = `public class BoxClient {
    public String createFolder(String name) {
        HttpRequest req = buildRequest(name);
        return HttpUtil.send(req).getBody();
    }
    private HttpRequest buildRequest(String name) { return null; }
    public static String label(String name) { return HttpUtil.encode(name); }
}`;
const CREATE_FOLDER = `public class CreateFolderAction {
    @InvocableMethod(label='Create folder')
    public static List<String> run(List<String> names) {
        BoxClient client = new BoxClient();
        return new List<String>{ client.createFolder(names[0]) };
    }
}`;
const CREATE_FOLDER_COMMITS = CREATE_FOLDER.replace("@InvocableMethod(label='Create folder')", "@InvocableMethod(label='Create folder' callout=true)").replace('class CreateFolderAction', 'class CreateFolderCommits');
const LABEL_ONLY = `public class FolderLabel {
    @InvocableMethod public static List<String> run(List<String> names) { return new List<String>{ BoxClient.label(names[0]) }; }
}`;
const LATER = `public class SyncLater {
    @InvocableMethod public static void run(List<Id> ids) { Deferred.go(ids); }
}`;
const DEFERRED = `public class Deferred {
    @future(callout=true) public static void go(List<Id> ids) { HttpUtil.send(new HttpRequest()); }
}`;
const LOOP_A = `public class LoopA { @InvocableMethod public static void run(List<Id> ids) { LoopB.step(); } public static void back() { LoopB.step(); } }`;
const LOOP_B = `public class LoopB { public static void step() { LoopA.back(); } }`;

function apexProject(): ProjectIndex {
  const p = pricingProject('{ "calloutActions": ["dfsle__*", "box__CreateFolder_v2"] }');
  for (const [name, text] of Object.entries({ HttpUtil: HTTP_UTIL, BoxClient: BOX_CLIENT, CreateFolderAction: CREATE_FOLDER, CreateFolderCommits: CREATE_FOLDER_COMMITS, FolderLabel: LABEL_ONLY, SyncLater: LATER, Deferred: DEFERRED, LoopA: LOOP_A, LoopB: LOOP_B })) {
    p.update(`${CLASSES}/${name}.cls`, text);
  }
  return p;
}

test('an Apex action calls out through helper classes (3 levels: action → BoxClient → HttpUtil), method by method', () => {
  const p = apexProject();
  const src = flow([apexAction('⟦First⟧', 'CreateFolderAction', { next: 'Label' }), apexAction('Label', 'FolderLabel', { next: 'Later' }), apexAction('Later', 'SyncLater', { next: 'Loop' }), apexAction('Loop', 'LoopA'), FAULT, VARS].join('\n'), { start: leadTrigger('First') });
  const [finding] = expectFlowRanges(src, 'flow-sync-callout', p);
  assert.match(finding.message, /^First makes an HTTP callout on the synchronous path/);
  const faults = validateFlow(src.replace(/<faultConnector>.*<\/faultConnector>\n/, '').replace(/[⟦⟧]/g, ''), p).filter((x) => x.code === 'flow-missing-fault-path');
  assert.match(faults[0].message, /calls Apex CreateFolderAction, which makes HTTP callouts \(BoxClient\.createFolder\(\) → HttpUtil\.send\(\) → new Http\(\) \(HttpUtil\.cls line 3\)\)/);
});

test('C6: in a screen flow letting the flow decide, DML before an Apex callout fails unless its @InvocableMethod has callout=true', () => {
  const p = apexProject();
  const start = '<connector><targetReference>Save_Quote</targetReference></connector>';
  const without = flow([DML('Create'), apexAction('⟦Create⟧', 'CreateFolderAction', { tx: 'Automatic' }), FAULT, VARS].join('\n'), { processType: 'Flow', start });
  const [f] = expectFlowRanges(without, 'flow-callout-after-dml', p);
  assert.match(f.message, /Salesforce commits first only for an action whose @InvocableMethod has callout=true, and CreateFolderAction's has not/);
  assert.match(f.message, /add callout=true to CreateFolderAction's @InvocableMethod/);
  const withModifier = flow([DML('Create'), apexAction('Create', 'CreateFolderCommits', { tx: 'Automatic' }), FAULT, VARS].join('\n'), { processType: 'Flow', start });
  expectFlowRanges(withModifier, 'flow-callout-after-dml', p);
  // From Winter '26 autolaunched flows let the flow decide too (Help "How Flows Run in Transactions", fact TX-1):
  // callout=true commits first there as well; without it the callout still meets the pending work.
  const autolaunched = (cls: string, name: string) => flow([DML('Create'), apexAction(name, cls, { tx: 'Automatic' }), FAULT, VARS].join('\n'), { start });
  expectFlowRanges(autolaunched('CreateFolderCommits', 'Create'), 'flow-callout-after-dml', p);
  const [a] = expectFlowRanges(autolaunched('CreateFolderAction', '⟦Create⟧'), 'flow-callout-after-dml', p);
  assert.match(a.message, /Its Transaction Control lets the flow decide, but Salesforce commits first only for an action whose @InvocableMethod has callout=true/);
  assert.match(a.message, /add callout=true to CreateFolderAction's @InvocableMethod with Transaction Control "Let the flow decide"/);
});

test('standard actions documented as callouts (Send Slack Message) and .flowcallout.json calloutActions count as callouts', () => {
  const p = apexProject();
  const src = flow([
    apexAction('⟦Tell_Slack⟧', 'slackPostMessage', { type: 'slackPostMessage', next: 'Email' }),
    apexAction('Email', 'emailSimple', { type: 'emailSimple', next: 'Envelope' }),
    apexAction('⟦Envelope⟧', 'dfsle__SendEnvelope', { next: 'Folder' }),
    apexAction('⟦Folder⟧', 'box__CreateFolder_v2', { type: 'apex', next: 'Other' }),
    apexAction('Other', 'acme__Lookup'),
    FAULT, VARS,
  ].join('\n'), { start: leadTrigger('Tell_Slack') });
  expectFlowRanges(src, 'flow-sync-callout', p);
  // Without the settings, the package actions are unknown, not callouts.
  expectFlowRanges(src.replace(/⟦(Envelope|Folder)⟧/g, '$1'), 'flow-sync-callout', pricingProject());
});

test('an action no connector reaches gets no callout-rule error, only one info naming every such action', () => {
  const p = pricingProject();
  // An InvalidDraft flow: the start has no connector.
  const src = flow([action('⟦Get_Rates⟧', { actionName: 'RatesApi.getLatest' }), action('Get_More', { actionName: 'RatesApi.getLatest', next: 'Get_Rates' }), DML('Get_Rates'), VARS].join('\n'), { start: leadTrigger() });
  const [note] = expectFlowRanges(src, 'flow-unreachable-callout', p);
  assert.equal(note.severity, 'info');
  assert.match(note.message, /^Get_Rates and Get_More make HTTP callouts but are not reached by any connector from Start/);
  assert.deepEqual(validateFlow(src.replace(/[⟦⟧]/g, ''), p).filter((x) => /flow-(sync-callout|missing-fault-path|callout-in-loop|callout-after-dml)/.test(x.code)), []);
  // Connected, the same actions are checked.
  const connected = src.replace(/[⟦⟧]/g, '').replace('<object>Lead</object>', '<connector><targetReference>Get_More</targetReference></connector>\n        <object>Lead</object>');
  const codes = new Set(validateFlow(connected, p).map((x) => x.code));
  assert.ok(codes.has('flow-sync-callout') && codes.has('flow-missing-fault-path') && !codes.has('flow-unreachable-callout'), [...codes].join());
});

test('C6: a screen flow action saved before Transaction Control (no flowTransactionModel) is read like Automatic', () => {
  const p = apexProject();
  const start = '<connector><targetReference>Save_Quote</targetReference></connector>';
  const old = (actionName: string) => flow([DML('Create'), apexAction('Create', actionName).replace(/ *<flowTransactionModel>.*\n/, ''), FAULT, VARS].join('\n'), { processType: 'Flow', start });
  assert.ok(!old('CreateFolderCommits').includes('flowTransactionModel'));
  assert.deepEqual(validateFlow(old('CreateFolderCommits'), p).filter((x) => x.code === 'flow-callout-after-dml'), []);
  assert.equal(validateFlow(old('CreateFolderAction'), p).filter((x) => x.code === 'flow-callout-after-dml').length, 1);
});

// Help "Flow Orchestration Background Steps": "An orchestration run processes a background step asynchronously
// when the step's underlying flow contains 1 or more Action, Subflow, or Wait elements." A background step whose
// flow calls out therefore never runs while the triggering record is being saved: following it into the
// orchestration's transaction would be a false flow-sync-callout.
test('a record-triggered orchestration: a background step whose flow calls out is not a callout on the save', () => {
  const stage = `    <orchestratedStages>
        <name>Price_Stage</name>
        <label>Price</label>
        <locationX>0</locationX>
        <locationY>0</locationY>
        <exitConditionLogic>and</exitConditionLogic>
        <stageSteps>
            <name>Fetch_Rates_Step</name>
            <actionName>Fetch_Exchange_Rates</actionName>
            <actionType>stepBackground</actionType>
            <entryConditionLogic>and</entryConditionLogic>
            <label>Fetch Rates</label>
            <requiresAsyncProcessing>false</requiresAsyncProcessing>
        </stageSteps>
    </orchestratedStages>`;
  const src = flow(stage, { processType: 'Orchestrator', start: leadTrigger('Price_Stage') });
  const found = validateFlow(src, pricingProject()).filter((p) => /^flow-(sync-callout|unknown-subflow|callout-in-loop|callout-after-dml)$|^internal$/.test(p.code));
  assert.deepEqual(found.map((p) => p.code), []);
  // The same flow called as a subflow on the save is reported (the project is the same).
  expectFlowRanges(flow(subflow('⟦First⟧', 'Fetch_Exchange_Rates'), { start: leadTrigger('First') }), 'flow-sync-callout', pricingProject());
});
