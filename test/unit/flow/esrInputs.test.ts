// External Service operations' inputs (reference C1): path, query, header and form parameters and the body,
// `$ref`'d parameters, request bodies and responses; decomposed registrations (C14: the schema in a sibling
// X.yaml). The fixture project test/fixtures/esr-project has one Swagger 2 registration (inline schema) and
// one decomposed OpenAPI 3 registration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flowLanguage } from '../../../server/src/core/flow';
import { projectOperations, resolveAction } from '../../../server/src/core/flow/operations';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { nodeFs } from '../../../server/src/core/project/fs';
import { repoRoot } from '../helpers';
import { action, assignment, expectFlowRanges, flow, variable } from './helpers';

export const esrProjectRoot = path.join(repoRoot, 'test', 'fixtures', 'esr-project');
const ESR_DIR = path.join(esrProjectRoot, 'force-app', 'main', 'default', 'externalServiceRegistrations');
let loaded: Promise<ProjectIndex> | undefined;
const esrProject = () => (loaded ??= ProjectIndex.load(esrProjectRoot, nodeFs, { summarizeFlow }));

const FAULT = assignment('Log_Fault');
const VARS = variable('msg');
const input = (name: string, value = 'x') => `<inputParameters><name>${name}</name><value><stringValue>${value}</stringValue></value></inputParameters>`;
const call = (actionName: string, inner: string) => [action('First', { actionName, fault: 'Log_Fault', inner: `        ${inner}` }), FAULT, VARS].join('\n');

test('every input of an operation: path, query, header, form parameters and the body, with $refs resolved', async () => {
  const ops = new Map(projectOperations(await esrProject()).map((o) => [`${o.service}.${o.operation}`, o]));
  const sig = (key: string) => ops.get(key)!.inputs.map((i) => `${i.name}:${i.in}${i.required ? '!' : ''}${i.type ? `:${i.type}` : ''}`);
  assert.deepEqual(sig('PaymentGateway.createCharge'), ['X-Merchant-Id:header!:string', 'Idempotency-Key:header!:string', 'charge:body!']);
  assert.deepEqual(sig('PaymentGateway.getCharge'), ['chargeId:path!:string', 'X-Merchant-Id:header!:string', 'expand:query:string']);
  assert.deepEqual(sig('PaymentGateway.refundCharge'), ['chargeId:path!:string', 'X-Merchant-Id:header!:string', 'amount:formData!:integer', 'reason:formData:string']);
  // OpenAPI 3, decomposed: a header, a form requestBody's properties, a $ref'd requestBody.
  assert.deepEqual(sig('LoyaltyCloud.getMember'), ['memberId:path!:string', 'pin:header!:string', 'X-Channel:header:string']);
  assert.deepEqual(sig('LoyaltyCloud.redeemPoints'), ['memberId:path!:string', 'points:formData!:integer', 'rewardCode:formData:string']);
  assert.deepEqual(sig('LoyaltyCloud.enrollMember'), ['X-Channel:header:string', 'body:body!']);

  const create = ops.get('PaymentGateway.createCharge')!;
  assert.equal(create.method, 'POST');
  assert.equal(create.path, '/charges');
  assert.equal(create.basePath, '/v1');
  assert.equal(create.requestPath, '/v1/charges');
  assert.equal(create.server, 'https://api.paymentgateway.example.com/v1');
  assert.equal(create.namedCredential, 'PaymentGateway');
  assert.equal(create.contentType, 'application/json');
  const body = create.inputs.find((i) => i.in === 'body')!;
  assert.deepEqual(body.schema?.required, ['amount', 'currency']);
  assert.equal(body.shape?.typeName, 'ChargeRequest');
  assert.deepEqual((create.inputs[0].schema as { description?: string }).description ?? create.inputs[0].description, 'The merchant account charged.');
  assert.equal(ops.get('PaymentGateway.refundCharge')!.contentType, 'application/x-www-form-urlencoded');
  assert.deepEqual(ops.get('PaymentGateway.refundCharge')!.inputs.find((i) => i.name === 'reason')!.schema?.enum, ['duplicate', 'fraudulent', 'requested_by_customer']);

  const member = ops.get('LoyaltyCloud.getMember')!;
  assert.equal(member.requestPath, '/api/v2/members/{memberId}');
  assert.match(member.schemaFile ?? '', /externalServiceRegistrations[\\/]LoyaltyCloud\.yaml$/);
  assert.equal(member.description, 'One member with their tier and balance.');
  // $ref'd responses (components/responses) are typed like inline ones.
  assert.equal(member.outputs.find((o) => o.name === '404Exc')?.shape?.typeName, 'Problem');
  assert.equal(ops.get('LoyaltyCloud.redeemPoints')!.contentType, 'application/x-www-form-urlencoded');
  assert.equal(ops.get('LoyaltyCloud.enrollMember')!.inputs.find((i) => i.in === 'body')?.shape?.typeName, 'NewMember');
});

test('flow-action-input: headers and form parameters set by the flow are accepted (no false error)', async () => {
  const project = await esrProject();
  const clean = [
    call('PaymentGateway.createCharge', [input('X-Merchant-Id'), input('Idempotency-Key'), '<inputParameters><name>charge</name><value><elementReference>msg</elementReference></value></inputParameters>'].join('')),
  ];
  for (const body of clean) expectFlowRanges(flow(body), 'flow-action-input', project);
  expectFlowRanges(flow(call('PaymentGateway.refundCharge', input('chargeId') + input('X-Merchant-Id') + input('amount', '500') + input('reason', 'duplicate'))), 'flow-action-input', project);
  expectFlowRanges(flow(call('LoyaltyCloud.getMember', input('memberId') + input('pin', '1234') + input('X-Channel', 'web'))), 'flow-action-input', project);
  expectFlowRanges(flow(call('LoyaltyCloud.redeemPoints', input('memberId') + input('points', '200'))), 'flow-action-input', project);
  // The Apex-encoded name of a header (how a generated invocable action may spell it) is accepted too.
  expectFlowRanges(flow(call('PaymentGateway.getCharge', input('chargeId') + input('Xx2dMerchantx2dId'))), 'flow-action-input', project);
});

test('flow-action-input: a required header left out, a misspelt form parameter — at exact ranges, listing every input', async () => {
  const project = await esrProject();
  const [missing] = expectFlowRanges(flow(call('⟦LoyaltyCloud.getMember⟧', input('memberId'))), 'flow-action-input', project);
  assert.match(missing.message, /does not set the required input pin \(header\) of LoyaltyCloud\.getMember/);

  const [missingPoints, typo] = expectFlowRanges(flow(call('⟦LoyaltyCloud.redeemPoints⟧', input('memberId') + '<inputParameters><name>⟦pointz⟧</name><value><numberValue>5</numberValue></value></inputParameters>')), 'flow-action-input', project);
  assert.match(typo.message, /has no input "pointz"\. Did you mean "points"\? Its inputs: memberId \(path, required\), points \(form, required\), rewardCode \(form\)\./);
  assert.match(missingPoints.message, /required input points \(form\)/);

  const [header] = expectFlowRanges(flow(call('⟦PaymentGateway.createCharge⟧', input('X-Merchant-Id') + input('charge'))), 'flow-action-input', project);
  assert.match(header.message, /required input Idempotency-Key \(header\) of PaymentGateway\.createCharge/);
  const [unknown] = expectFlowRanges(flow(call('PaymentGateway.getCharge', input('chargeId') + input('X-Merchant-Id') + input('⟦expnd⟧'))), 'flow-action-input', project);
  assert.match(unknown.message, /Did you mean "expand"\? Its inputs: chargeId \(path, required\), X-Merchant-Id \(header, required\), expand \(query\)\./);
  assert.doesNotMatch(unknown.message, /none/);
});

test('flow-action-input: an input spelt with other letter case is a warning naming the declared spelling, not an error', async () => {
  const project = await esrProject();
  // A path parameter declared "memberId", set as "MemberId": the required input is not reported missing as well.
  const [p] = expectFlowRanges(flow(call('LoyaltyCloud.getMember', input('⟦MemberId⟧') + input('pin', '1234'))), 'flow-action-input', project);
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /declares this input as "memberId", not "MemberId"\. Whether Flow matches input names regardless of case is not documented/);
  assert.equal(p.fix?.kind, 'replace-any');
  // A name that is not there in any case stays an error.
  const [q] = expectFlowRanges(flow(call('LoyaltyCloud.getMember', input('memberId') + input('pin', '1234') + input('⟦channel⟧'))), 'flow-action-input', project);
  assert.equal(q.severity, 'error');
});

test('decomposed registration: the sibling schema is read, re-read when it changes, and dropped when deleted', async () => {
  const xml = fs.readFileSync(path.join(ESR_DIR, 'LoyaltyCloud.externalServiceRegistration-meta.xml'), 'utf8');
  const yaml = fs.readFileSync(path.join(ESR_DIR, 'LoyaltyCloud.yaml'), 'utf8');
  const dir = '/virtual/force-app/main/default/externalServiceRegistrations';
  const project = new ProjectIndex('/virtual', { summarizeFlow });
  // The schema first, then the registration: either order pairs them.
  project.update(`${dir}/LoyaltyCloud.yaml`, yaml);
  project.update(`${dir}/LoyaltyCloud.externalServiceRegistration-meta.xml`, xml);
  assert.equal(resolveAction(project, 'LoyaltyCloud.getMember').status, 'ok');
  const typo = flow(call('LoyaltyCloud.getMember', input('memberId') + input('pin') + input('⟦pinn⟧')));
  expectFlowRanges(typo, 'flow-action-input', project);

  // Edited: the header renamed in the schema file → the flow's `pin` is now unknown.
  project.update(`${dir}/LoyaltyCloud.yaml`, yaml.replace('- name: pin', '- name: memberPin'));
  const [, renamed] = expectFlowRanges(flow(call('⟦LoyaltyCloud.getMember⟧', input('memberId') + input('⟦pin⟧'))), 'flow-action-input', project);
  assert.match(renamed.message, /no input "pin"\. Its inputs: memberId \(path, required\), memberPin \(header, required\), X-Channel \(header\)\./);

  // Deleted: nothing left to check against — say nothing rather than guess.
  project.remove(`${dir}/LoyaltyCloud.yaml`);
  assert.equal(resolveAction(project, 'LoyaltyCloud.getMember').status, 'unchecked');
  expectFlowRanges(flow(call('LoyaltyCloud.getMember', input('whatever'))), 'flow-action-input', project);

  // A YAML file that is not beside a registration is not a schema of anything.
  const other = new ProjectIndex('/virtual', { summarizeFlow });
  other.update(`${dir}/Unrelated.yaml`, yaml);
  assert.equal(other.esrs.size, 0);
  // An inline <schema> wins over a stray sibling.
  const inline = new ProjectIndex('/virtual', { summarizeFlow });
  inline.update(`${dir}/PaymentGateway.yaml`, yaml);
  inline.update(`${dir}/PaymentGateway.externalServiceRegistration-meta.xml`, fs.readFileSync(path.join(ESR_DIR, 'PaymentGateway.externalServiceRegistration-meta.xml'), 'utf8'));
  assert.equal(inline.esrs.get('PaymentGateway')?.schemaFile, undefined);
  assert.deepEqual(projectOperations(inline).map((o) => o.operation), ['createCharge', 'getCharge', 'refundCharge']);
});

test('completion and hover of an action list its header and form inputs', async () => {
  const project = await esrProject();
  const src = flow(`    <actionCalls><name>A</name><label>A</label><actionName>LoyaltyCloud.redeemPoints</actionName><actionType>externalService</actionType><inputParameters><name>‸</name></inputParameters></actionCalls>`);
  const offset = src.indexOf('‸');
  const doc = { uri: 'file:///f.flow-meta.xml', fileName: '/p/f.flow-meta.xml', text: src.replace('‸', '') };
  assert.deepEqual(flowLanguage.complete(doc, offset, project).map((e) => `${e.label} · ${e.detail}`), [
    'memberId · path, required · string', 'points · form, required · integer', 'rewardCode · form · string',
  ]);
  const get = flow(`    <actionCalls><name>A</name><label>A</label><actionName>LoyaltyCloud.getMember</actionName><actionType>externalService</actionType></actionCalls>`);
  const hover = flowLanguage.hover({ ...doc, text: get }, get.indexOf('getMember'), project);
  assert.match(hover?.contents ?? '', /Inputs: `memberId` \(path, required\), `pin` \(header, required\), `X-Channel` \(header\)/);
});

test('a definition imported from the project\'s own Custom registration does not hide it: flows call the registration', async () => {
  // Fact ESR-13: `import esr` of a Custom (uploaded Swagger 2) registration writes a same-named definition for test
  // callouts; flows still call the registration, whose body input keeps its declared name (`trackingRequest`).
  const root = path.join(esrProjectRoot, 'tmp-imported-copy');
  const p = new ProjectIndex(root, { summarizeFlow });
  const schema = JSON.stringify({
    swagger: '2.0', info: { title: 'Shipment Tracker', version: '1.0' },
    paths: { '/track': { post: {
      operationId: 'trackShipment',
      parameters: [
        { name: 'carrier', in: 'query', required: true, type: 'string' },
        { name: 'trackingRequest', in: 'body', required: true, schema: { type: 'object', properties: { trackingNumber: { type: 'string' } } } },
      ],
      responses: { 200: { description: 'Where the parcel is', schema: { type: 'object', properties: { status: { type: 'string' } } } } },
    } } },
  }).replace(/"/g, '&quot;');
  p.update(path.join(root, 'force-app/main/default/externalServiceRegistrations/ShipmentTracker.externalServiceRegistration-meta.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<ExternalServiceRegistration xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>ShipmentTracker</label>
    <namedCredentialReference>Shipment_Tracker</namedCredentialReference>
    <registrationProviderType>Custom</registrationProviderType>
    <schema>${schema}</schema>
    <schemaType>OpenApi</schemaType>
    <status>Complete</status>
</ExternalServiceRegistration>
`);
  const definition = (providerType: string) => `name: ShipmentTracker
namedCredential: Shipment_Tracker
operation: trackShipment
method: POST
path: /track
query:
  carrier: { type: String, required: true }
request:
  body:
    trackingNumber: 1Z999AA10123456784
responses:
  "200":
    sample:
      status: In transit
registration:
  name: ShipmentTracker
  operation: trackShipment
  providerType: ${providerType}
`;
  const file = path.join(root, 'callouts/ShipmentTracker.callout.yaml');
  const body = (inputs: string) => call('ShipmentTracker.trackShipment', `${input('carrier', 'UPS')}${inputs}`);
  p.update(file, definition('Custom'));
  expectFlowRanges(flow(body('<inputParameters><name>trackingRequest</name><value><elementReference>msg</elementReference></value></inputParameters>')), 'flow-action-input', p);
  const resolved = resolveAction(p, 'ShipmentTracker.trackShipment');
  assert.equal(resolved.status, 'ok');
  assert.deepEqual(resolved.status === 'ok' ? resolved.op.inputs.map((i) => `${i.name}:${i.in}`) : [], ['carrier:query', 'trackingRequest:body']);
  // A definition that is the source of its registration (imported from a SchemaInferred one, or written here) is
  // what the flow is checked against: there the body input is `body`.
  p.update(file, definition('SchemaInferred'));
  expectFlowRanges(flow(body('<inputParameters><name>⟦trackingRequest⟧</name><value><elementReference>msg</elementReference></value></inputParameters>')), 'flow-action-input', p);
});
