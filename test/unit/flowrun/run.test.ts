// The flow run after a callout: outputs mapped to variables, the path by element (Decisions, Assignments,
// record writes, stops), on the Order_Sync fixture and on small flows built here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildFlowModel } from '../../../server/src/core/flow/model';
import { runFlowFrom, type FlowRunRequest } from '../../../server/src/core/flowrun/run';
import { flow, variable } from '../flow/helpers';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'sendflow', 'force-app', 'main', 'default', 'flows', 'Order_Sync.flow-meta.xml');
const orderSync = buildFlowModel(fs.readFileSync(FIXTURE, 'utf8'));
const KEYS = ['201', '404'];
const RECORD = { Id: '801000000000001AAA', OrderNumber: '00000107', TotalAmount: 250, Customer_Number__c: 'C-77' };

function run(over: Partial<FlowRunRequest> & Pick<FlowRunRequest, 'response'>) {
  return runFlowFrom({ model: orderSync, flowName: 'Order_Sync', element: 'Send_Order', responseKeys: KEYS, inputs: { record: RECORD }, ...over });
}

test('201: outputs land in the mapped variables; Decision → Created → Mark_Synced → Update_Order with field values', () => {
  const r = run({ response: { event: { kind: 'status', status: 201 }, body: { id: 'ORD-1042', status: 'accepted', etaDays: 3 } } });
  assert.equal(r.outcome.path, 'normal');
  assert.equal(r.outcome.output, '201');
  assert.deepEqual(r.outputs.map((o) => [o.output, o.variable, o.flowType]), [
    ['responseCode', 'statusCode', 'Number'],
    ['201', 'createdOrder', 'Apex ExternalService__OrderApi_Order'],
    ['404Exc', 'notFound', 'Apex ExternalService__OrderApi_Problem'],
  ]);
  assert.equal(r.outputs[0].value, 201);
  assert.deepEqual(r.outputs[1].value, { id: 'ORD-1042', status: 'accepted', etaDays: 3 });
  assert.equal(r.outputs[2].value, null);
  assert.equal(r.outputs[2].note, 'not set by this response');
  // status is returned but the flow reads only createdOrder.id and createdOrder.etaDays (in a formula).
  assert.deepEqual(r.unused.map((u) => u.output), ['201.status']);
  assert.deepEqual(r.path.map((s) => [s.element, s.via]), [
    ['Send_Order', 'start'], ['Check_Response', 'connector'], ['Mark_Synced', 'outcome Created'], ['Update_Order', 'connector'],
  ]);
  const decision = r.path[1].decision!;
  assert.equal(decision.outcome, 'Created');
  assert.deepEqual(decision.rules[0].conditions.map((c) => [c.left, c.result]), [['statusCode', true], ['createdOrder.id', true]]);
  assert.deepEqual(r.path[2].assignments!.map((a) => [a.target, a.after]), [['syncStatus', 'Synced'], ['syncNote', 'Created as ORD-1042']]);
  assert.equal(r.writes.length, 1);
  assert.deepEqual(r.writes[0], {
    element: 'Update_Order', label: 'Update Order', operation: 'update', object: undefined, target: 'the record in $Record',
    fields: [{ field: 'Sync_Status__c', value: 'Synced' }, { field: 'External_Order_Id__c', value: 'ORD-1042' }, { field: 'Sync_Note__c', value: 'Created as ORD-1042' }],
  });
  assert.equal(r.end.kind, 'finished');
});

test('declared 404: the flow continues on its normal path, 404Exc set, Decision → Customer_Not_Found', () => {
  const r = run({ response: { event: { kind: 'status', status: 404 }, body: { code: 'customer_not_found', detail: 'No customer C-77' } } });
  assert.equal(r.outcome.path, 'normal');
  assert.equal(r.outcome.output, '404Exc');
  assert.deepEqual(r.outputs.find((o) => o.variable === 'notFound')?.value, { code: 'customer_not_found', detail: 'No customer C-77' });
  assert.equal(r.outputs.find((o) => o.variable === 'createdOrder')?.note, 'not set by this response');
  // The flow never reads notFound's fields: they are returned, not used.
  assert.deepEqual(r.unused.map((u) => u.output).sort(), ['404Exc.code', '404Exc.detail']);
  assert.deepEqual(r.path.map((s) => s.element), ['Send_Order', 'Check_Response', 'Mark_Missing', 'Update_Order']);
  const rules = r.path[1].decision!.rules;
  assert.equal(rules[0].result, false);
  assert.equal(rules[1].result, true);
  assert.deepEqual(r.writes[0].fields, [
    { field: 'Sync_Status__c', value: 'Customer unknown' }, { field: 'External_Order_Id__c', value: null }, { field: 'Sync_Note__c', value: 'Created as' },
  ]);
});

test('undeclared 500 and a timeout take the fault connector: Log_Fault writes an approximate $Flow.FaultMessage', () => {
  for (const event of [{ kind: 'status' as const, status: 500 }, { kind: 'timeout' as const }]) {
    const r = run({ response: { event, body: 'oops', faultMessage: 'An error occurred while calling OrderApi.createOrder: Read timed out' } });
    assert.equal(r.outcome.path, 'fault');
    assert.deepEqual(r.path.map((s) => [s.element, s.via]), [['Send_Order', 'start'], ['Log_Fault', 'fault connector']]);
    const msg = r.writes[0].fields.find((f) => f.field === 'Message__c')!.value as { unknown: string };
    assert.match(msg.unknown, /approximately "An error occurred while calling OrderApi.createOrder: Read timed out"/);
    assert.deepEqual(r.writes[0].fields.find((f) => f.field === 'Record_Id__c')!.value, RECORD.Id);
    assert.equal(r.writes[0].operation, 'create');
    assert.equal(r.writes[0].object, 'Integration_Log__c');
    assert.deepEqual(r.outputs.map((o) => o.note), ['not set by this response', 'not set by this response', 'not set by this response']);
  }
});

test('an unexpected 2XX with no declared match goes to the default outcome; the text template fills from the response and $Record', () => {
  const r = run({ response: { event: { kind: 'status', status: 202 }, body: '' } });
  assert.deepEqual(r.path.map((s) => [s.element, s.via]), [['Send_Order', 'start'], ['Check_Response', 'connector'], ['Log_Unexpected', 'default outcome']]);
  assert.equal(r.path[1].decision!.label, 'Other Status');
  assert.deepEqual(r.writes[0].fields, [{ field: 'Message__c', value: 'Order service answered 202 for order 00000107' }]);
});

test('without $Record the path still runs where it can and says unknown where it cannot', () => {
  const r = run({ inputs: {}, response: { event: { kind: 'status', status: 202 }, body: '' } });
  const msg = r.writes[0].fields[0].value as { unknown: string };
  assert.match(msg.unknown, /\$Record is not given/);
});

test('without a fault connector an undeclared status is an unhandled fault', () => {
  const text = fs.readFileSync(FIXTURE, 'utf8').replace(/<faultConnector>[\s\S]*?<\/faultConnector>/, '');
  const r = runFlowFrom({ model: buildFlowModel(text), flowName: 'Order_Sync', element: 'Send_Order', responseKeys: KEYS, response: { event: { kind: 'connection' } } });
  assert.equal(r.end.kind, 'unhandled-fault');
  assert.equal(r.path.length, 1);
});

// ---- small flows: automatic outputs, formulas, loops, stops, custom logic ----------------------------

const AUTO = flow([
  `<actionCalls><name>Get_Rates</name><label>Get Rates</label><actionName>Fx.latest</actionName><actionType>externalService</actionType>
     <connector><targetReference>Check</targetReference></connector><faultConnector><targetReference>Read_Config</targetReference></faultConnector>
     <storeOutputAutomatically>true</storeOutputAutomatically></actionCalls>`,
  `<decisions><name>Check</name><label>Check</label><defaultConnector><targetReference>Read_Config</targetReference></defaultConnector>
     <rules><name>Usable</name><conditionLogic>1 AND (2 OR NOT 3)</conditionLogic>
       <conditions><leftValueReference>Get_Rates.responseCode</leftValueReference><operator>LessThan</operator><rightValue><numberValue>300</numberValue></rightValue></conditions>
       <conditions><leftValueReference>Get_Rates.2XX.base</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>usd</stringValue></rightValue></conditions>
       <conditions><leftValueReference>Get_Rates.2XX.provider</leftValueReference><operator>StartsWith</operator><rightValue><stringValue>ECB</stringValue></rightValue></conditions>
       <connector><targetReference>Each_Rate</targetReference></connector><label>Usable</label></rules></decisions>`,
  `<loops><name>Each_Rate</name><label>Each Rate</label><collectionReference>Get_Rates.2XX.quotes</collectionReference><iterationOrder>Asc</iterationOrder>
     <nextValueConnector><targetReference>Sum</targetReference></nextValueConnector><noMoreValuesConnector><targetReference>Read_Config</targetReference></noMoreValuesConnector></loops>`,
  `<assignments><name>Sum</name><label>Sum</label>
     <assignmentItems><assignToReference>total</assignToReference><operator>Add</operator><value><elementReference>Each_Rate.rate</elementReference></value></assignmentItems>
     <assignmentItems><assignToReference>codes</assignToReference><operator>Add</operator><value><elementReference>Each_Rate.code</elementReference></value></assignmentItems>
     <connector><targetReference>Each_Rate</targetReference></connector></assignments>`,
  `<recordLookups><name>Read_Config</name><label>Read Config</label><object>Fx_Config__c</object><filters><field>Base__c</field><operator>EqualTo</operator><value><elementReference>Get_Rates.2XX.base</elementReference></value></filters>
     <getFirstRecordOnly>true</getFirstRecordOnly><queriedFields>Id</queriedFields><queriedFields>Margin__c</queriedFields><storeOutputAutomatically>true</storeOutputAutomatically></recordLookups>`,
  `<formulas><name>doubled</name><dataType>Number</dataType><expression>{!total} * 2</expression><scale>2</scale></formulas>`,
  variable('total', 'Number', '<scale>4</scale><value><numberValue>0</numberValue></value>'),
  `<variables><name>codes</name><dataType>String</dataType><isCollection>true</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>`,
].join('\n'), { start: '<connector><targetReference>Get_Rates</targetReference></connector>' });

test('automatic outputs: custom condition logic, a Loop over the response list, Add to a number and a collection, then Get Records stops', () => {
  const model = buildFlowModel(AUTO);
  const body = { base: 'USD', provider: 'FED', quotes: [{ code: 'EUR', rate: 0.92 }, { code: 'GBP', rate: 0.79 }], timestamp: 1 };
  const r = runFlowFrom({ model, flowName: 'Fx', element: 'Get_Rates', responseKeys: ['2XX'], response: { event: { kind: 'status', status: 200 }, body } });
  // Read references through automatic output are the mapped outputs; timestamp is never read.
  assert.deepEqual(r.outputs.map((o) => o.variable).sort(), ['Get_Rates.2XX.base', 'Get_Rates.2XX.provider', 'Get_Rates.2XX.quotes', 'Get_Rates.responseCode']);
  assert.deepEqual(r.unused.map((u) => u.output), ['2XX.timestamp']);
  // "USD" equals "usd": text compares case-insensitively in Decisions.
  assert.equal(r.path[1].decision!.outcome, 'Usable');
  assert.deepEqual(r.path.map((s) => s.element), ['Get_Rates', 'Check', 'Each_Rate', 'Sum', 'Each_Rate', 'Sum', 'Each_Rate', 'Read_Config']);
  assert.deepEqual(r.path.filter((s) => s.element === 'Sum').map((s) => s.assignments![0].after), [0.92, 0.92 + 0.79]);
  assert.deepEqual(r.path[5].assignments![1].after, ['EUR', 'GBP']);
  assert.equal(r.end.kind, 'needs-org');
  assert.equal(r.end.element, 'Read_Config');
  assert.deepEqual(r.end.reads, ['object: Fx_Config__c', 'where Base__c EqualTo "USD"', 'fields: Id, Margin__c']);
});

test('a Decision that reads an unknown value stops with the reason instead of guessing a branch', () => {
  const model = buildFlowModel(AUTO);
  const r = runFlowFrom({ model, flowName: 'Fx', element: 'Get_Rates', responseKeys: ['2XX'], response: { event: { kind: 'status', status: 200 }, body: { base: 'EUR', provider: null } } });
  // 1 is true, 2 is false, 3 (StartsWith on null) is false → NOT 3 true → Usable; quotes is absent → null → no items.
  assert.equal(r.path[1].decision!.outcome, 'Usable');
  assert.equal(r.path[2].detail, 'No more items (0 iterated).');
  const unknownBase = runFlowFrom({ model: buildFlowModel(AUTO.replace('Get_Rates.2XX.base</leftValueReference>', '$User.Country</leftValueReference>')), flowName: 'Fx', element: 'Get_Rates', responseKeys: ['2XX'], response: { event: { kind: 'status', status: 200 }, body: { provider: 'ECB daily' } } });
  assert.equal(unknownBase.end.kind, 'unknown');
  assert.match(unknownBase.end.message, /\$User comes from the org/);
});

test('a formula reads the run\'s values through formulon; a value set before the callout by an element not run is unknown', () => {
  const text = flow([
    `<assignments><name>First</name><label>First</label><assignmentItems><assignToReference>total</assignToReference><operator>Assign</operator><value><numberValue>5</numberValue></value></assignmentItems><connector><targetReference>Call</targetReference></connector></assignments>`,
    `<actionCalls><name>Call</name><label>Call</label><actionName>Fx.latest</actionName><actionType>externalService</actionType><connector><targetReference>Use</targetReference></connector>
       <outputParameters><assignToReference>rate</assignToReference><name>2XX</name></outputParameters></actionCalls>`,
    `<assignments><name>Use</name><label>Use</label>
       <assignmentItems><assignToReference>label</assignToReference><operator>Assign</operator><value><elementReference>shown</elementReference></value></assignmentItems>
       <assignmentItems><assignToReference>other</assignToReference><operator>Assign</operator><value><elementReference>fromTotal</elementReference></value></assignmentItems></assignments>`,
    `<formulas><name>shown</name><dataType>String</dataType><expression>IF({!rate} &gt; 1, "up " &amp; TEXT({!rate}), "down")</expression></formulas>`,
    `<formulas><name>fromTotal</name><dataType>Number</dataType><expression>{!total} + 1</expression><scale>0</scale></formulas>`,
    variable('rate', 'Number', '<scale>2</scale>'), variable('label'), variable('other', 'Number'), variable('total', 'Number'),
  ].join('\n'));
  const r = runFlowFrom({ model: buildFlowModel(text), flowName: 'F', element: 'Call', responseKeys: ['2XX'], response: { event: { kind: 'status', status: 200 }, body: 1.5 } });
  const items = r.path[1].assignments!;
  assert.equal(items[0].after, 'up 1.5');
  assert.match((items[1].after as { unknown: string }).unknown, /total is set by First before the callout/);
});
