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

// Apex reports an HTTP status as the response's status code, never as an exception; a timeout or a connection
// failure is a CalloutException, and only an exception the Apex lets out faults the flow. A shipment tracker
// whose helper catches the callout's failures returns them as outputs: no fault path is needed for them.
const TRACKER = `public with sharing class TrackShipment {
    public class Result { @InvocableVariable public String status; @InvocableVariable public String error; }
    @InvocableMethod(label='Track shipment')
    public static List<Result> run(List<String> trackingNumbers) {
        Result r = CarrierClient.track(trackingNumbers[0]);
        return new List<Result>{ r };
    }
}`;
const carrierClient = (handler: string, catchType = 'Exception') => `public with sharing class CarrierClient {
    public static TrackShipment.Result track(String trackingNumber) {
        TrackShipment.Result r = new TrackShipment.Result();
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Carrier/v2/track/' + trackingNumber);
        req.setMethod('GET');
        try {
            HttpResponse res = new Http().send(req);
            r.status = res.getStatusCode() == 200 ? res.getBody() : null;
        } catch (${catchType} e) {
            ${handler}
        }
        return r;
    }
}`;
const GUARDED_CALLER = `public with sharing class TrackShipmentSafely {
    @InvocableMethod(label='Track shipment safely')
    public static List<TrackShipment.Result> run(List<String> trackingNumbers) {
        TrackShipment.Result r;
        try {
            r = CarrierClient.track(trackingNumbers[0]);
        } catch (CalloutException e) {
            r = new TrackShipment.Result();
            r.error = e.getMessage();
        }
        return new List<TrackShipment.Result>{ r };
    }
}`;
const OWN_SEND_UNGUARDED = `public with sharing class PingCarrier {
    @InvocableMethod(label='Ping carrier')
    public static List<Integer> run(List<String> ids) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Carrier/v2/ping');
        try {
            req.setBody(JSON.serialize(ids));
        } catch (Exception e) {
            System.debug(e.getMessage());
        }
        return new List<Integer>{ new Http().send(req).getStatusCode() };
    }
}`;

function trackerProject(client: string, extra: [string, string][] = []): ProjectIndex {
  const p = new ProjectIndex('/virtual', { summarizeFlow });
  for (const [name, text] of [['TrackShipment', TRACKER], ['CarrierClient', client], ...extra]) {
    p.update(`/virtual/force-app/main/default/classes/${name}.cls`, text);
  }
  return p;
}

test('flow-missing-fault-path on an Apex action names CalloutException, never an HTTP status, as what faults the flow', () => {
  const [p] = expectFlowRanges(flow([apexAction('⟦First⟧', 'GetWeather'), FAULT, VARS].join('\n')), 'flow-missing-fault-path', project());
  assert.equal(p.severity, 'error');
  assert.match(p.message, /a callout timeout or connection failure \(a CalloutException the Apex does not catch\) stops the flow/);
  assert.doesNotMatch(p.message, /status/);
});

test('flow-missing-fault-path: callout failures caught in a helper class are an info note naming the catch', () => {
  const src = flow([apexAction('⟦First⟧', 'TrackShipment'), FAULT, VARS].join('\n'));
  const [p] = expectFlowRanges(src, 'flow-missing-fault-path', trackerProject(carrierClient('r.error = e.getMessage();')));
  assert.equal(p.severity, 'info');
  assert.match(p.message, /caught in Apex \(CarrierClient\.track\(\), CarrierClient\.cls line 10\), so they come back in the action's outputs/);
  // The same with `catch (System.CalloutException e)`.
  const [q] = expectFlowRanges(src, 'flow-missing-fault-path', trackerProject(carrierClient('r.error = e.getMessage();', 'System.CalloutException')));
  assert.equal(q.severity, 'info');
});

test('flow-missing-fault-path: a catch that throws again, or catches another type, still lets the failure fault the flow', () => {
  const src = flow([apexAction('⟦First⟧', 'TrackShipment'), FAULT, VARS].join('\n'));
  for (const client of [
    carrierClient("throw new AuraHandledException('Carrier unavailable: ' + e.getMessage());"),
    carrierClient('r.error = e.getMessage();', 'JSONException'),
  ]) {
    const [p] = expectFlowRanges(src, 'flow-missing-fault-path', trackerProject(client));
    assert.equal(p.severity, 'error', p.message);
  }
  // A try/catch elsewhere in the method does not cover a send outside it.
  const [own] = expectFlowRanges(flow([apexAction('⟦First⟧', 'PingCarrier'), FAULT, VARS].join('\n')), 'flow-missing-fault-path',
    trackerProject(carrierClient('throw e;'), [['PingCarrier', OWN_SEND_UNGUARDED]]));
  assert.equal(own.severity, 'error');
});

test('flow-missing-fault-path: the invocable method catching around the helper call counts; an uncaught path wins', () => {
  const throwing = carrierClient('throw e;');
  const [p] = expectFlowRanges(flow([apexAction('⟦First⟧', 'TrackShipmentSafely'), FAULT, VARS].join('\n')), 'flow-missing-fault-path',
    trackerProject(throwing, [['TrackShipmentSafely', GUARDED_CALLER]]));
  assert.equal(p.severity, 'info');
  assert.match(p.message, /TrackShipmentSafely\.run\(\), TrackShipmentSafely\.cls line 7/);
  // The unguarded TrackShipment calls the same throwing helper: an error.
  const [q] = expectFlowRanges(flow([apexAction('⟦First⟧', 'TrackShipment'), FAULT, VARS].join('\n')), 'flow-missing-fault-path',
    trackerProject(throwing, [['TrackShipmentSafely', GUARDED_CALLER]]));
  assert.equal(q.severity, 'error');
});

test('flow-sync-callout: an Apex action that catches its callout failures is still refused on the save, and says so', () => {
  const src = flow([apexAction('⟦First⟧', 'TrackShipment', { fault: 'Log_Fault' }), FAULT, VARS].join('\n'), { start: leadTrigger('First') });
  const [p] = expectFlowRanges(src, 'flow-sync-callout', trackerProject(carrierClient('r.error = e.getMessage();')));
  assert.match(p.message, /the callout never runs \(the Apex catches the CalloutException: CarrierClient\.track\(\), CarrierClient\.cls line 10, so the save goes on without it\)/);
  const [q] = expectFlowRanges(src, 'flow-sync-callout', trackerProject(carrierClient('throw e;')));
  assert.match(q.message, /so the flow fails/);
});
