// The file-name conventions in one place (core/project/fileKinds.ts) and the one sfdx-project.json reader.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calloutFileStem, classifyFile, esrNameOf, flowNameOf, isCalloutFile, isEsrFile, isFlowFile, metadataNameOf } from '../../server/src/core/project/fileKinds';
import { parseSfdxProject, readSfdxProject } from '../../server/src/core/project/sfdxProject';
import { documentKind } from '../../server/src/core/language';

test('callout definitions, flows and registrations by name', () => {
  for (const f of ['callouts/Crm.callout.yaml', 'C:\\p\\Crm.callout.yml', 'Crm.CALLOUT.JSON']) assert.ok(isCalloutFile(f), f);
  for (const f of ['Crm.yaml', 'Crm.callout.yaml.bak', 'callout.json']) assert.ok(!isCalloutFile(f), f);
  for (const f of ['flows/Order_Sync.flow-meta.xml', 'flows/Order_Sync.flow']) assert.ok(isFlowFile(f), f);
  assert.ok(!isFlowFile('Order_Sync.flowDefinition-meta.xml'));
  assert.ok(isEsrFile('esr/Crm.externalServiceRegistration-meta.xml'));
  assert.equal(flowNameOf('force-app/main/default/flows/Order_Sync.flow-meta.xml'), 'Order_Sync');
  assert.equal(flowNameOf('C:\\x\\Order_Sync.flow'), 'Order_Sync');
  assert.equal(calloutFileStem('/p/callouts/ExternalCrm.callout.json'), 'ExternalCrm');
  assert.equal(esrNameOf('/p/Crm.externalServiceRegistration-meta.xml'), 'Crm');
  assert.equal(metadataNameOf('/p/namedCredentials/Crm.namedCredential-meta.xml', 'namedCredential'), 'Crm');
});

test('classifyFile and documentKind agree on callouts and flows', () => {
  assert.equal(classifyFile('/p/sfdx-project.json'), 'project');
  assert.equal(classifyFile('/p/.flowcallout.json'), 'settings');
  assert.equal(classifyFile('/p/force-app/main/default/objects/Lead/fields/Score__c.field-meta.xml'), 'field');
  assert.equal(classifyFile('/p/elsewhere/Score__c.field-meta.xml'), undefined);
  assert.equal(classifyFile('/p/classes/CrmSync.cls'), 'apex');
  for (const [f, kind] of [['a/X.callout.yaml', 'callout'], ['a/X.flow-meta.xml', 'flow'], ['a/X.txt', undefined]] as const) {
    assert.equal(classifyFile(f), kind);
    assert.equal(documentKind(f), kind ?? 'other');
  }
});

test('sfdx-project.json: package directories, the default one, the API version', () => {
  const p = parseSfdxProject(JSON.stringify({ packageDirectories: [{ path: 'base' }, { path: 'app', default: true }, { nopath: 1 }], sourceApiVersion: '62.0' }));
  assert.deepEqual(p, { packageDirectories: ['base', 'app'], defaultPackageDir: 'app', apiVersion: '62.0' });
  assert.deepEqual(parseSfdxProject('{"packageDirectories":[{"path":"only"}]}'), { packageDirectories: ['only'], defaultPackageDir: 'only', apiVersion: undefined });
  assert.throws(() => parseSfdxProject('{ not json'));
  assert.deepEqual(readSfdxProject('{ not json'), { packageDirectories: [], defaultPackageDir: 'force-app' });
  assert.deepEqual(readSfdxProject(undefined), { packageDirectories: [], defaultPackageDir: 'force-app' });
  assert.equal(parseSfdxProject('null').defaultPackageDir, 'force-app');
});
