// Apex actions that make HTTP callouts count as callouts for the flow rules (fault path, synchronous path,
// loops, uncommitted DML); Apex actions that do not, or that hand the callout to another transaction, do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readApexClass, blankCommentsAndStrings } from '../../../server/src/core/project/apex';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { assignment, expectFlowRanges, flow, leadTrigger, validateFlow, variable } from './helpers';

const CALLS_OUT = `public with sharing class GetWeather {
    @InvocableMethod(label='Get weather' callout=true)
    public static List<String> run(List<String> cities) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:OpenMeteo/v1/forecast');
        req.setMethod('GET');
        HttpResponse res = new Http().send(req);
        return new List<String>{ res.getBody() };
    }
}`;
const NO_CALLOUT = `public class FormatName {
    // new HttpRequest() was removed
    @InvocableMethod public static List<String> run(List<String> names) {
        System.debug('new Http() is not called here');
        return names;
    }
}`;
const FUTURE = `public class QueueSync {
    @InvocableMethod public static void run(List<Id> ids) { sendLater(ids); }
    @future(callout=true) static void sendLater(List<Id> ids) { new Http().send(new HttpRequest()); }
}`;
const TEST_CLASS = `@isTest private class GetWeatherTest { static void t() { new Http(); } }`;

function project(): ProjectIndex {
  const p = new ProjectIndex('/virtual', { summarizeFlow });
  for (const [name, text] of [['GetWeather', CALLS_OUT], ['FormatName', NO_CALLOUT], ['QueueSync', FUTURE], ['GetWeatherTest', TEST_CLASS]]) {
    p.update(`/virtual/force-app/main/default/classes/${name}.cls`, text);
  }
  return p;
}

function apexAction(name: string, actionName: string, opts: { next?: string; fault?: string } = {}): string {
  return `    <actionCalls>
        <name>${name}</name>
        <label>Step</label>
        <actionName>${actionName}</actionName>
        <actionType>apex</actionType>
${opts.next ? `        <connector><targetReference>${opts.next}</targetReference></connector>\n` : ''}${opts.fault ? `        <faultConnector><targetReference>${opts.fault}</targetReference></faultConnector>\n` : ''}        <flowTransactionModel>CurrentTransaction</flowTransactionModel>
    </actionCalls>`;
}

const FAULT = assignment('Log_Fault');
const VARS = variable('msg');

test('the index reads which Apex classes are invocable and call out, ignoring comments, strings, tests and @future', () => {
  const p = project();
  const w = p.apexClasses.get('GetWeather')!;
  assert.equal(w.invocable, true);
  assert.equal(w.callsOut, true);
  assert.equal(w.evidence, 'new HttpRequest() (line 4)');
  assert.equal(p.apexClasses.get('FormatName')!.callsOut, false, 'a comment and a string are not code');
  assert.equal(p.apexClasses.get('QueueSync')!.callsOut, false, '@future(callout=true) runs in another transaction');
  assert.equal(p.apexClasses.get('GetWeatherTest')!.callsOut, false);
  assert.equal(readApexClass('X', 'X.cls', "public class X { String u = 'callout:Crm/leads'; }").evidence, 'a callout: endpoint (line 1)');
  assert.equal(blankCommentsAndStrings("a /* b\nc */ 'd\\'e' // f\ng"), "a     \n     '    '     \ng");
  p.remove('/virtual/force-app/main/default/classes/GetWeather.cls');
  assert.equal(p.apexClasses.has('GetWeather'), false);
});

test('flow-missing-fault-path: an Apex action that calls out, named with its evidence; none for other Apex actions', () => {
  const body = [apexAction('⟦First⟧', 'GetWeather', { next: 'Second' }), apexAction('Second', 'FormatName', { next: 'Third' }), apexAction('Third', 'QueueSync'), FAULT, VARS].join('\n');
  const [p] = expectFlowRanges(flow(body), 'flow-missing-fault-path', project());
  assert.match(p.message, /First calls Apex GetWeather, which makes HTTP callouts \(new HttpRequest\(\) \(line 4\)\), without a fault connector/);
});

test('Apex callouts on the synchronous path, in a loop and after DML are reported; case-insensitive names', () => {
  const sync = flow([apexAction('⟦Call⟧', 'getweather', { fault: 'Log_Fault' }), FAULT, VARS].join('\n'), { start: leadTrigger('Call') });
  expectFlowRanges(sync, 'flow-sync-callout', project());
  const asyncPath = flow([apexAction('Call', 'GetWeather', { fault: 'Log_Fault' }), FAULT, VARS].join('\n'), { start: leadTrigger(undefined, 'Call') });
  assert.deepEqual(validateFlow(asyncPath, project()).filter((p) => p.code === 'flow-sync-callout'), []);
  const dml = `    <recordCreates><name>First</name><label>Create</label><connector><targetReference>Call</targetReference></connector><inputReference>msg</inputReference></recordCreates>`;
  expectFlowRanges(flow([dml, apexAction('⟦Call⟧', 'GetWeather', { fault: 'Log_Fault' }), FAULT, VARS].join('\n')), 'flow-callout-after-dml', project());
});

test('Apex actions are not checked as External Services (no unknown-action or parameter findings)', () => {
  const problems = validateFlow(flow([apexAction('First', 'GetWeather', { fault: 'Log_Fault' }), apexAction('Other', 'NotInProject'), FAULT, VARS].join('\n')), project());
  assert.deepEqual(problems.filter((p) => /^flow-(unknown-action|action-input|action-output|output-type|missing-fault-path)$/.test(p.code)).map((p) => p.code), []);
});
