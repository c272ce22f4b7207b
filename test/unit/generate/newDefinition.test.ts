// "New Callout Definition": what the command writes validates clean in a real project, for every method.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { checkServiceName, NEW_DEFINITION_METHODS, newDefinitionYaml } from '../../../server/src/core/generate/newDefinition';
import { validateCalloutText } from '../../../server/src/core/validate/callout';
import { demoProject, examplesRoot } from '../helpers';

test('a new definition validates with zero problems for each method', async () => {
  const project = await demoProject();
  for (const method of NEW_DEFINITION_METHODS) {
    const text = newDefinitionYaml({ name: 'OrderStatus', method, namedCredential: 'ExternalCRM' });
    const problems = validateCalloutText(text, path.join(examplesRoot, 'callouts', 'OrderStatus.callout.yaml'), { project });
    assert.deepEqual(problems.map((p) => `${p.code}: ${p.message}`), [], `${method}:\n${text}`);
    assert.match(text, /^namedCredential: ExternalCRM$/m);
    assert.match(text, new RegExp(`^method: ${method}$`, 'm'));
    assert.equal(/^request:/m.test(text), ['POST', 'PUT', 'PATCH'].includes(method), 'a body only where Flow sends one');
  }
});

test('a new definition from a flow action keeps its operation and says where it came from', async () => {
  const project = await demoProject();
  const text = newDefinitionYaml({ name: 'Billing', method: 'GET', namedCredential: 'OpenMeteo', operation: 'getInvoice', path: 'invoices', origin: 'Started from flow action Billing.getInvoice (Invoice_Flow).' });
  assert.match(text, /^# Started from flow action Billing\.getInvoice/);
  assert.match(text, /^operation: getInvoice$/m);
  assert.match(text, /^path: \/invoices$/m);
  assert.deepEqual(validateCalloutText(text, path.join(examplesRoot, 'callouts', 'Billing.callout.yaml'), { project }).map((p) => p.message), []);
});

test('service names are checked as the External Service rules say', () => {
  assert.equal(checkServiceName('OrderStatus'), undefined);
  assert.match(checkServiceName('order status')!, /OrderStatus|orderstatus/i);
  assert.match(checkServiceName('1Orders')!, /starting with a letter/);
  assert.match(checkServiceName('')!, /Enter a name/);
});
