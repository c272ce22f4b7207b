// "New Callout Definition from this Flow Action": offered inside an HTTP callout action that has no definition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { flowLanguage } from '../../../server/src/core/flow';
import { demoProject, examplesRoot } from '../helpers';

const file = path.join(examplesRoot, 'force-app', 'main', 'default', 'flows', 'Lead_To_External_CRM.flow-meta.xml');
const original = readFileSync(file, 'utf8');
const doc = (text: string) => ({ uri: 'file://' + file.replace('Lead_To', 'Start_Lead_To'), fileName: file, text });

test('inside an HTTP callout action whose service has no definition: service and operation to start from', async () => {
  const project = await demoProject();
  const text = original.replace('<actionName>ExternalCrmLeads.createLead</actionName>', '<actionName>BillingApi.getInvoice</actionName>');
  const at = (needle: string) => text.indexOf(needle);
  assert.deepEqual(flowLanguage.definitionStart(doc(text), at('<locationX>308'), project), { service: 'BillingApi', operation: 'getInvoice', element: 'Create_CRM_Lead' });
  assert.deepEqual(flowLanguage.definitionStart(doc(text), at('BillingApi.getInvoice') + 3, project)?.operation, 'getInvoice');
  // Outside any action element: nothing.
  assert.equal(flowLanguage.definitionStart(doc(text), at('<apiVersion>'), project), undefined);
});

test('not offered when the service already has a callout definition', async () => {
  const project = await demoProject();
  assert.equal(flowLanguage.definitionStart(doc(original), original.indexOf('<locationX>308'), project), undefined);
});
