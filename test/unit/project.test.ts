import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ProjectIndex } from '../../server/src/core/project/index';
import { summarizeFlow } from '../../server/src/core/flow/summary';
import { nodeFs } from '../../server/src/core/project/fs';
import { corpusRoot, demoProject } from './helpers';

test('the demo project is indexed: credentials, fields, flows, callouts', async () => {
  const p = await demoProject();
  assert.deepEqual(p.packageDirectories, ['force-app']);
  assert.equal(p.namedCredentials.get('ExternalCRM')?.url, 'https://api.example-crm.com');
  assert.equal(p.namedCredentials.get('ExternalCRM')?.externalCredential, 'ExternalCRM');
  assert.equal(p.namedCredentials.get('OpenMeteo')?.url, 'https://api.open-meteo.com');
  assert.deepEqual(p.externalCredentials.get('ExternalCRM')?.principals, ['CrmIntegration']);
  assert.equal(p.fieldsOf('Lead')?.get('External_Id__c')?.type, 'Text');
  assert.equal(p.fieldsOf('Lead')?.get('Email')?.type, 'Email');
  assert.equal(p.flows.get('Lead_To_External_CRM')?.object, 'Lead');
  assert.equal(p.callouts.get('ExternalCrmLeads')?.operation, 'createLead');
  assert.equal(p.indexErrors.size, 0);
});

test('updates and removals keep the index in step', async () => {
  const p = new ProjectIndex('/tmp/x', { summarizeFlow });
  p.update('/tmp/x/force-app/namedCredentials/A.namedCredential-meta.xml', '<NamedCredential><endpoint>https://a</endpoint></NamedCredential>');
  assert.equal(p.namedCredentials.get('A')?.url, 'https://a');
  p.remove('/tmp/x/force-app/namedCredentials/A.namedCredential-meta.xml');
  assert.equal(p.namedCredentials.size, 0);
  p.update('/tmp/x/force-app/namedCredentials/B.namedCredential-meta.xml', '<NamedCredential><broken');
  assert.ok(p.namedCredentials.has('B'), 'a broken file is still indexed by name');
});

test('every named credential, external credential, ESR and flow of the corpus is indexed without error', async () => {
  assert.ok(existsSync(corpusRoot), `the corpus must be beside the project at ${corpusRoot} (../shared/corpus)`);
  const p = await ProjectIndex.load(corpusRoot, nodeFs, { summarizeFlow });
  assert.ok(p.namedCredentials.size >= 9, `named credentials: ${p.namedCredentials.size}`);
  assert.ok(p.externalCredentials.size >= 3);
  assert.ok(p.esrs.size >= 10, `ESRs: ${p.esrs.size}`);
  assert.ok(p.flows.size >= 80, `flows: ${p.flows.size}`);
  assert.deepEqual([...p.indexErrors.entries()].filter(([f]) => /namedCredential|externalCredential|externalServiceRegistration|flow-meta/.test(f)), []);
  const bank = p.esrs.get('BankService')!;
  assert.equal(bank.namedCredential, 'Bank');
  assert.ok(bank.operations.some((o) => o.name === 'addAccount' || o.name.toLowerCase() === 'addaccount'), JSON.stringify(bank.operations.map((o) => o.name)));
  assert.equal(p.namedCredentials.get('Bank')?.url, 'https://th-external-services.herokuapp.com');
  void path;
});
