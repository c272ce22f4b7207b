// Send from a flow: when the body is a value the flow computes before the action (so it must be asked), the
// prompt starts from the definition's sample request body (its merge fields filled from test.inputs, others
// kept as written), or from the body the registration's operation is imported with. Nothing is sent meanwhile.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { mapSecretResolver } from '../../../server/src/core/callout';
import { requestBodySample } from '../../../server/src/core/callout/request';
import { loadFlowSendProject } from '../../../server/src/core/flowrun/project';
import { sendFromFlow } from '../../../server/src/core/flowrun/send';
import { nodeFs } from '../../../server/src/core/project/fs';
import { def } from '../callout/helpers';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

async function missingBody(root: string, flowFile: string, element: string) {
  const text = readFileSync(flowFile, 'utf8');
  const loaded = await loadFlowSendProject(root, nodeFs);
  return sendFromFlow({ project: loaded.project, flow: { file: flowFile, text }, element, readFile: nodeFs.readFile, options: { secrets: mapSecretResolver({}), environment: 'mock' } });
}

test('the demo flow (body built by an Assignment): the prompt starts from the definition\'s body, filled from test.inputs', async () => {
  const root = path.join(repoRoot, 'examples');
  const r = await missingBody(root, path.join(root, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml'), 'Create_CRM_Lead');
  assert.equal(r.error, undefined);
  assert.deepEqual(r.missing, ['body']);
  assert.equal(r.callout, undefined, 'nothing sent');
  assert.deepEqual(r.samples, { body: JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.com', company: 'Analytical Engines', leadSource: 'Web' }) });
});

test('a registration\'s operation: the prompt starts from the body it is imported with', async () => {
  const root = path.join(repoRoot, 'test/fixtures/sendflow');
  const r = await missingBody(root, path.join(root, 'force-app/main/default/flows/Order_Sync.flow-meta.xml'), 'Send_Order');
  assert.equal(r.error, undefined);
  assert.deepEqual(r.missing, ['customerId', 'body']);
  assert.deepEqual(Object.keys(r.samples ?? {}), ['body'], 'only the body starts from a sample (customerId is a path parameter)');
  // The registration's schema: orderNumber (string) and amount (number).
  assert.deepEqual(Object.keys(JSON.parse(r.samples!.body) as object), ['orderNumber', 'amount']);
});

test('requestBodySample: merge fields test.inputs fill are filled (whole ones keep their JSON type), others kept as written', () => {
  const d = def(`name: Orders
namedCredential: Api
method: POST
path: /orders
request:
  body:
    sku: "{!$Record.Sku__c}"
    qty: "{!$Record.Qty__c}"
    note: "for {!$Record.Name} at {!$Record.Phone}"
    lines: [{ code: A1 }]
responses:
  2XX:
    sample: { id: x }
test:
  inputs: { $Record.Qty__c: 2, $Record.Name: Ada }
`);
  assert.deepEqual(requestBodySample(d), { sku: '{!$Record.Sku__c}', qty: 2, note: 'for Ada at {!$Record.Phone}', lines: [{ code: 'A1' }] });
  assert.equal(requestBodySample(def('name: G\nnamedCredential: Api\nmethod: GET\npath: /g\nresponses:\n  2XX:\n    sample: { a: 1 }\n')), undefined);
});
