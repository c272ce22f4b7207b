// What the flow-run diagram draws: every element and connector of the flow as written, the connectors the
// run took, fault connectors, where the run stopped; big flows cut to the path and its neighbourhood.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildFlowModel } from '../../../server/src/core/flow/model';
import { DIAGRAM_NODE_CAP, flowDiagram, START_NODE } from '../../../server/src/core/flowrun/diagram';
import { runFlowFrom } from '../../../server/src/core/flowrun/run';
import { flow } from '../flow/helpers';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'sendflow', 'force-app', 'main', 'default', 'flows', 'Order_Sync.flow-meta.xml');
const orderSync = buildFlowModel(fs.readFileSync(FIXTURE, 'utf8'));
const RECORD = { Id: '801000000000001AAA', OrderNumber: '00000107', TotalAmount: 250, Customer_Number__c: 'C-77' };

function runOrder(status: number | 'timeout') {
  return runFlowFrom({
    model: orderSync, flowName: 'Order_Sync', element: 'Send_Order', responseKeys: ['201', '404'], inputs: { record: RECORD },
    response: { event: status === 'timeout' ? { kind: 'timeout' } : { kind: 'status', status }, body: status === 201 ? { id: 'ORD-1', etaDays: 2 } : { code: 'x' } },
  });
}

const taken = (d: ReturnType<typeof flowDiagram>) => d.edges.filter((e) => e.taken).map((e) => `${e.from}→${e.to}`);

test('Order_Sync 201: every element and connector drawn, the taken ones marked, the fault connector kept', () => {
  const d = flowDiagram(orderSync, 'Send_Order', runOrder(201));
  assert.equal(d.total, 8);
  assert.equal(d.omitted, 0);
  assert.deepEqual(d.nodes.map((n) => n.id).sort(), [START_NODE, 'Build_Request', 'Check_Response', 'Log_Fault', 'Log_Unexpected', 'Mark_Missing', 'Mark_Synced', 'Send_Order', 'Update_Order'].sort());
  assert.deepEqual(d.nodes.find((n) => n.id === START_NODE), { id: START_NODE, kind: 'start', label: 'Start: Order created', role: 'start' });
  assert.deepEqual(d.edges.find((e) => e.from === START_NODE), { from: START_NODE, to: 'Build_Request', kind: 'scheduledPath', label: 'Run Asynchronously', taken: false });
  assert.deepEqual(taken(d), ['Send_Order→Check_Response', 'Mark_Synced→Update_Order', 'Check_Response→Mark_Synced']);
  const roles = Object.fromEntries(d.nodes.map((n) => [n.id, n.role]));
  assert.equal(roles.Send_Order, 'action');
  assert.equal(roles.Check_Response, 'taken');
  assert.equal(roles.Mark_Missing, 'other');
  assert.equal(roles.Log_Fault, 'other');
  const fault = d.edges.filter((e) => e.kind === 'fault');
  assert.deepEqual(fault, [{ from: 'Send_Order', to: 'Log_Fault', kind: 'fault', label: 'Fault', taken: false }]);
  // Connector labels as Flow Builder writes them: outcome labels, the default outcome's label.
  assert.deepEqual(d.edges.filter((e) => e.from === 'Check_Response').map((e) => [e.to, e.kind, e.label]), [
    ['Log_Unexpected', 'default', 'Other Status'], ['Mark_Synced', 'outcome', 'Created'], ['Mark_Missing', 'outcome', 'Customer Not Found'],
  ]);
});

test('Order_Sync timeout: the fault connector is the taken one', () => {
  const d = flowDiagram(orderSync, 'Send_Order', runOrder('timeout'));
  assert.deepEqual(taken(d), ['Send_Order→Log_Fault']);
  assert.equal(d.nodes.find((n) => n.id === 'Log_Fault')?.role, 'taken');
});

test('the element where the run needs the org is the stop node, with the run\'s message; loops mark both connectors', () => {
  const text = flow([
    `<actionCalls><name>Call</name><label>Call</label><actionName>Fx.latest</actionName><actionType>externalService</actionType>
       <connector><targetReference>Each</targetReference></connector><storeOutputAutomatically>true</storeOutputAutomatically></actionCalls>`,
    `<loops><name>Each</name><label>Each Quote</label><collectionReference>Call.2XX.quotes</collectionReference>
       <nextValueConnector><targetReference>Count</targetReference></nextValueConnector><noMoreValuesConnector><targetReference>Lookup</targetReference></noMoreValuesConnector></loops>`,
    `<assignments><name>Count</name><label>Count</label><assignmentItems><assignToReference>n</assignToReference><operator>Add</operator><value><numberValue>1</numberValue></value></assignmentItems>
       <connector><targetReference>Each</targetReference></connector></assignments>`,
    `<recordLookups><name>Lookup</name><label>Lookup</label><object>Account</object><getFirstRecordOnly>true</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically></recordLookups>`,
    `<variables><name>n</name><dataType>Number</dataType><scale>0</scale><value><numberValue>0</numberValue></value></variables>`,
  ].join('\n'), { start: '<connector><targetReference>Call</targetReference></connector>' });
  const model = buildFlowModel(text);
  const run = runFlowFrom({ model, flowName: 'Fx', element: 'Call', responseKeys: ['2XX'], response: { event: { kind: 'status', status: 200 }, body: { quotes: [1, 2] } } });
  assert.equal(run.end.kind, 'needs-org');
  const d = flowDiagram(model, 'Call', run);
  const stop = d.nodes.find((n) => n.role === 'stop');
  assert.equal(stop?.id, 'Lookup');
  assert.equal(stop?.stop, 'needs-org');
  assert.match(stop?.stopMessage ?? '', /needs the org/);
  assert.deepEqual(taken(d).sort(), ['Call→Each', 'Count→Each', 'Each→Count', 'Each→Lookup']);
  assert.deepEqual(d.edges.filter((e) => e.from === 'Each').map((e) => e.label), ['For Each Item', 'After Last Item']);
  assert.deepEqual(d.edges.find((e) => e.from === START_NODE), { from: START_NODE, to: 'Call', kind: 'start', label: undefined, taken: false });
});

test('a flow over the cap draws the path and its nearest elements, and says how many it left out', () => {
  // Call → A0 → A1 → … → A399: the run walks all of it; the diagram draws the first part.
  const n = 400;
  const parts = [`<actionCalls><name>Call</name><label>Call</label><actionName>Fx.latest</actionName><actionType>externalService</actionType><connector><targetReference>A0</targetReference></connector></actionCalls>`];
  for (let i = 0; i < n; i++) parts.push(`<assignments><name>A${i}</name><label>A${i}</label>${i + 1 < n ? `<connector><targetReference>A${i + 1}</targetReference></connector>` : ''}</assignments>`);
  const model = buildFlowModel(flow(parts.join('\n'), { start: '<connector><targetReference>Call</targetReference></connector>' }));
  const run = runFlowFrom({ model, flowName: 'Big', element: 'Call', responseKeys: ['2XX'], response: { event: { kind: 'status', status: 200 }, body: {} } });
  const d = flowDiagram(model, 'Call', run);
  assert.equal(d.total, n + 1);
  assert.equal(d.nodes.filter((x) => x.id !== START_NODE).length, DIAGRAM_NODE_CAP);
  assert.equal(d.omitted, n + 1 - DIAGRAM_NODE_CAP);
  // The drawn part is the start of the path, without holes; no edge points at an element not drawn.
  const ids = new Set(d.nodes.map((x) => x.id));
  assert.ok(ids.has('Call') && ids.has('A0') && ids.has(`A${DIAGRAM_NODE_CAP - 2}`));
  assert.ok(!ids.has(`A${DIAGRAM_NODE_CAP - 1}`));
  for (const e of d.edges) assert.ok(ids.has(e.from) && ids.has(e.to), `${e.from}→${e.to}`);
});

test('without a run (the send stopped before it) the flow is drawn with nothing taken', () => {
  const d = flowDiagram(orderSync, 'Send_Order');
  assert.equal(taken(d).length, 0);
  assert.equal(d.nodes.find((x) => x.id === 'Send_Order')?.role, 'action');
  assert.equal(d.nodes.filter((x) => x.role === 'taken' || x.role === 'stop').length, 0);
});
