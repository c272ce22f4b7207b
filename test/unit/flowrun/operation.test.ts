// Send Test Callout from a registration's operation: where the lenses go (monolithic XML, decomposed schema
// file), and the send — required inputs asked for, headers and path parameters sent, the mock answering a chosen
// declared status from the registration's schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mapSecretResolver } from '../../../server/src/core/callout/secrets';
import { loadFlowSendProject } from '../../../server/src/core/flowrun/project';
import { operationLocations, registrationFileOf, sendOperation } from '../../../server/src/core/flowrun/operation';
import { nodeFs } from '../../../server/src/core/project/fs';
import { repoRoot } from '../helpers';

const SENDFLOW = path.join(repoRoot, 'test', 'fixtures', 'sendflow');
const ORDER_API = path.join(SENDFLOW, 'force-app', 'main', 'default', 'externalServiceRegistrations', 'OrderApi.externalServiceRegistration-meta.xml');
const ESR_PROJECT = path.join(repoRoot, 'test', 'fixtures', 'esr-project');
const LOYALTY_DIR = path.join(ESR_PROJECT, 'force-app', 'main', 'default', 'externalServiceRegistrations');

test('monolithic registration: one lens per operation, at its operationId inside the escaped schema', () => {
  const text = fs.readFileSync(ORDER_API, 'utf8');
  const ops = operationLocations(ORDER_API, text);
  assert.deepEqual(ops.map((o) => [o.operation, o.method, o.path]), [['createOrder', 'POST', '/customers/{customerId}/orders']]);
  assert.ok(text.slice(ops[0].offset).startsWith('operationId&quot;:&quot;createOrder&quot;'));
});

test('decomposed registration: lenses in the schema file at each operationId; the XML without a schema gets none it cannot place', () => {
  const yamlFile = path.join(LOYALTY_DIR, 'LoyaltyCloud.yaml');
  const xmlFile = path.join(LOYALTY_DIR, 'LoyaltyCloud.externalServiceRegistration-meta.xml');
  const yaml = fs.readFileSync(yamlFile, 'utf8');
  const ops = operationLocations(yamlFile, yaml, fs.readFileSync(xmlFile, 'utf8'));
  assert.ok(ops.length >= 3, `operations: ${ops.map((o) => o.operation).join(', ')}`);
  for (const o of ops.filter((x) => ['getMember', 'redeemPoints'].includes(x.operation))) {
    assert.ok(yaml.slice(o.offset).startsWith(`operationId: ${o.operation}`), `${o.operation} at ${JSON.stringify(yaml.slice(o.offset, o.offset + 30))}`);
  }
  assert.equal(registrationFileOf(yamlFile), xmlFile);
  assert.deepEqual(operationLocations(xmlFile, fs.readFileSync(xmlFile, 'utf8')), []);
});

test('send: required path and header inputs missing → nothing sent, named; given → the mock answers the chosen declared status', async () => {
  const { project } = await loadFlowSendProject(SENDFLOW, nodeFs);
  const base = { project, file: ORDER_API, operation: 'createOrder', readFile: nodeFs.readFile, options: { secrets: mapSecretResolver({}), environment: 'mock' } };
  const missing = await sendOperation(base);
  assert.equal(missing.error, undefined);
  assert.deepEqual(missing.missing, ['customerId', 'channel']);
  assert.equal(missing.callout, undefined);
  assert.match(missing.notSent ?? '', /no value for customerId, channel/);

  const sent = await sendOperation({ ...base, given: { customerId: 'C-77', channel: 'salesforce' }, status: 404 });
  assert.equal(sent.error, undefined, sent.notSent);
  assert.equal(sent.callout?.response?.status, 404);
  assert.match(sent.callout!.request.url, /\/customers\/C-77\/orders$/);
  assert.deepEqual(sent.callout!.request.headers.find((h) => h.name.toLowerCase() === 'channel')?.value, 'salesforce');
  assert.deepEqual(sent.inputs.map((i) => [i.name, i.source]), [['customerId', 'given'], ['channel', 'given']]);
  assert.ok(sent.notes.some((n) => /body: the sample built from the registration's schema/.test(n)));

  const last = await sendOperation({ ...base, last: { customerId: 'C-9', channel: 'web', body: '{"orderNumber":"00000107","amount":250}' } });
  assert.equal(last.callout?.response?.status, 201);
  assert.deepEqual(JSON.parse(last.callout!.request.body!), { orderNumber: '00000107', amount: 250 });
  assert.deepEqual(last.inputs.map((i) => i.source), ['last values used', 'last values used', 'last values used']);

  const undeclared = await sendOperation({ ...base, given: { customerId: 'C-77', channel: 'x' }, status: 418 });
  assert.equal(undeclared.callout, undefined);
  assert.match(undeclared.notSent ?? '', /declares no 418 response/);
});

test('an operation the registration does not declare, or a file outside the project, is an error that says so', async () => {
  const { project } = await loadFlowSendProject(SENDFLOW, nodeFs);
  const r = await sendOperation({ project, file: ORDER_API, operation: 'deleteOrder', readFile: nodeFs.readFile, options: { secrets: mapSecretResolver({}) } });
  assert.match(r.error ?? '', /OrderApi declares no operation deleteOrder \(it has createOrder\)/);
  const outside = await sendOperation({ project, file: '/tmp/Other.externalServiceRegistration-meta.xml', operation: 'x', readFile: nodeFs.readFile, options: { secrets: mapSecretResolver({}) } });
  assert.match(outside.error ?? '', /is not a registration of this project/);
});
