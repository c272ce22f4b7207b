// One outcome model (model/outcome.ts): for 201, a declared 404, an undeclared 418 and a timeout, the model,
// the Send Test Callout panel (path + outputs), the Apex-types preview, flow hover and the fault-path lint
// all say the same thing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flowOutputs, flowPath } from '../../../server/src/core/callout/outputs';
import { describeOperation } from '../../../server/src/core/flow/hover';
import { resolveAction } from '../../../server/src/core/flow/operations';
import { previewApexTypes } from '../../../server/src/core/generate/apexTypes';
import { declaredErrorKeys, describeOutcomes, matchResponseKey, outcomeOf, type CalloutEvent } from '../../../server/src/core/model/outcome';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { def } from '../callout/helpers';
import { action, flow, validateFlow, variable } from './helpers';

const ORDERS = `name: Orders
namedCredential: OrdersApi
operation: createOrder
method: POST
path: /orders
body:
  sample: { sku: A1, qty: 2 }
responses:
  2XX:
    sample: { id: ord-1, status: open }
  404:
    sample: { error: no_such_sku, detail: unknown product }
`;

function project(): ProjectIndex {
  const p = new ProjectIndex('/virtual', { summarizeFlow });
  p.update('/virtual/callouts/Orders.callout.yaml', ORDERS);
  return p;
}

const CASES: { name: string; event: CalloutEvent; path: 'normal' | 'fault'; output?: string }[] = [
  { name: '201', event: { kind: 'status', status: 201 }, path: 'normal', output: '2XX' },
  { name: '404 declared', event: { kind: 'status', status: 404 }, path: 'normal', output: '404Exc' },
  { name: '418 undeclared', event: { kind: 'status', status: 418 }, path: 'fault' },
  { name: 'timeout', event: { kind: 'timeout' }, path: 'fault' },
];

test('the model: 2XX continues, a declared 404 continues with 404Exc, an undeclared 418 and a timeout fault', () => {
  const keys = ['2XX', '404'];
  for (const c of CASES) {
    const o = outcomeOf(c.event, keys);
    assert.equal(o.path, c.path, c.name);
    assert.equal(o.output, c.output, c.name);
    assert.deepEqual(o.outputs, c.output ? ['responseCode', c.output] : [], c.name);
  }
  assert.deepEqual(matchResponseKey(['2XX', '4XX', '404', 'default'], 404), { key: '404', matchedBy: 'exact' });
  assert.deepEqual(matchResponseKey(['2XX', '4XX', 'default'], 409), { key: '4XX', matchedBy: 'range' });
  assert.deepEqual(matchResponseKey(['2XX', 'default'], 503), { key: 'default', matchedBy: 'default' });
  assert.equal(matchResponseKey(['2XX'], 503), undefined);
  assert.equal(outcomeOf({ kind: 'connection' }, keys).path, 'fault');
  assert.deepEqual(declaredErrorKeys(['2XX', '404', '5XX', 'default']), ['404', '5XX']);
});

test('every surface agrees with the model for 201, declared 404, undeclared 418 and a timeout', () => {
  const d = def(ORDERS);
  const keys = d.responses().map((r) => r.key);
  const preview = previewApexTypes(d);
  const op = resolveAction(project(), 'Orders.createOrder');
  assert.equal(op.status, 'ok');
  const hover = describeOperation((op as { op: Parameters<typeof describeOperation>[0] }).op);
  assert.ok(hover.includes(describeOutcomes(keys)), hover);

  for (const c of CASES) {
    const model = outcomeOf(c.event, keys);
    // Panel: the path and the matched output.
    const panel = c.event.kind === 'status'
      ? flowPath(d, 'Orders.createOrder', c.event.status, '', '{"error":"x"}', undefined)
      : flowPath(d, 'Orders.createOrder', undefined, '', '', { code: 'timeout', message: 'timed out' });
    assert.equal(panel.kind === 'fault' ? 'fault' : 'normal', model.path, `panel path for ${c.name}`);
    assert.equal(panel.reason, model.reason, `panel reason for ${c.name}`);
    if (panel.kind === 'fault') assert.match(panel.faultMessage ?? '', /^An error occurred while calling Orders\.createOrder/);
    if (c.event.kind === 'status') {
      const outputs = flowOutputs(d, c.event.status, { error: 'x' });
      assert.equal(outputs.key && (/^2/.test(outputs.key) ? outputs.key : `${outputs.key}Exc`), model.output, `panel outputs for ${c.name}`);
    }
    // Apex-types preview: the output the model names is listed, and its note says the same path.
    if (model.output) {
      const out = preview.outputs.find((o) => o.name === model.output);
      assert.ok(out, `preview lists ${model.output}`);
      if (model.error) assert.match(out!.note ?? '', model.path === 'normal' ? /continues on its normal path/ : /faults/, `preview note for ${c.name}`);
    }
    // Hover: what the model says about this event.
    if (model.output && model.error) assert.match(hover, model.path === 'normal' ? /404 → the flow continues on its normal path with responseCode and 404Exc set/ : /404 → the action faults/);
  }
  assert.match(hover, /a response with a status ≥ 300 it does not declare, a timeout or a connection failure → the fault path/);
  assert.match(preview.outputs.find((o) => o.name === 'defaultExc')!.note!, /the action faults/);

  // Lint: without a fault connector, the message names what faults (the undeclared 418, the timeout) —
  // and not the declared 404, which the Decision on responseCode handles.
  const p = project();
  const branching = flow([
    action('Create_Order', { actionName: 'Orders.createOrder', next: 'Check', inner: '        <storeOutputAutomatically>true</storeOutputAutomatically>' }),
    `    <decisions><name>Check</name><label>Check</label><defaultConnectorLabel>Other</defaultConnectorLabel>
        <rules><name>Not_Found</name><conditionLogic>and</conditionLogic>
            <conditions><leftValueReference>Create_Order.responseCode</leftValueReference><operator>EqualTo</operator><rightValue><numberValue>404</numberValue></rightValue></conditions>
            <label>Not found</label></rules></decisions>`,
    variable('msg'),
  ].join('\n'), { start: '<connector><targetReference>Create_Order</targetReference></connector>' });
  const lint = validateFlow(branching, p).find((x) => x.code === 'flow-missing-fault-path');
  assert.ok(lint, 'missing fault path reported');
  assert.equal(lint!.severity, 'warning');
  assert.match(lint!.message, /a response with a status ≥ 300 it does not declare, a timeout or a connection failure can still fault the flow/);
});

test('a registration the project lacks: the missing fault path does not claim every status ≥ 300 faults (it may declare some)', () => {
  const lone = flow([action('Call_Vendor', { actionName: 'VendorApi.lookup' }), variable('msg')].join('\n'), { start: '<connector><targetReference>Call_Vendor</targetReference></connector>' });
  const lint = validateFlow(lone, project()).find((x) => x.code === 'flow-missing-fault-path');
  assert.ok(lint, 'a timeout or a connection failure faults whatever the registration declares: still reported');
  assert.equal(lint!.severity, 'error');
  assert.match(lint!.message, /without a fault connector: a timeout, a connection failure or a status ≥ 300 the registration does not declare stops the flow/);
});
