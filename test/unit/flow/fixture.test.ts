// The deliberately broken fixture flow: one finding per flow rule, at the expected places, against the
// examples/ project (ExternalCrmLeads callout definition, Lead fields).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateFlowText } from '../../../server/src/core/flow/validate';
import { FLOW_RULES } from '../../../server/src/core/rules/flow';
import { demoProject, repoRoot } from '../helpers';

const fixture = path.join(repoRoot, 'test/fixtures/flows/Lead_Callout_Problems.flow-meta.xml');

test('the problem fixture shows every flow rule once, at the expected text', async () => {
  const text = fs.readFileSync(fixture, 'utf8');
  const found = validateFlowText(text, { project: await demoProject() }).map(
    (p) => `${p.code} ${text.slice(0, p.offset).split('\n').length} ${text.slice(p.offset, p.offset + p.length)}`,
  );
  assert.deepEqual(found.sort(), [
    'flow-action-input 21 sorce',
    'flow-action-output 49 3XX',
    'flow-callout-after-dml 54 Send_After_Update',
    'flow-callout-in-loop 30 Send_Each_Lead',
    'flow-hardcoded-id 90 005Dn000006GuG4IAK',
    'flow-hardcoded-url 83 https://acme-crm.my.salesforce.com/services/apexrest/leads',
    'flow-missing-fault-path 7 Notify_CRM_Now',
    'flow-output-type 44 crmStatus',
    'flow-record-field 103 Emial',
    'flow-sync-callout 7 Notify_CRM_Now',
    'flow-unknown-action 58 createLeads',
    'flow-unread-error-response 30 Send_Each_Lead',
    'flow-unread-error-response 7 Notify_CRM_Now',
    'flow-unresolved-reference 145 reqBdy',
    'flow-unresolved-reference 75 FaultMesage',
  ]);
  assert.deepEqual(new Set(found.map((f) => f.split(' ')[0])), new Set(FLOW_RULES.map((r) => r.id)));
});
