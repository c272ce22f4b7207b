// GetCalloutContext (protocol.ts) through the protocol: the bundled server answers a definition's credential
// metadata and calling flow from its index, with the editor's unsaved text winning over the file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { GetCalloutContext } from '../../server/src/protocol';
import { repoRoot, startServer, type TestServer } from './client';

const examples = path.join(repoRoot, 'examples');
let server: TestServer;

before(async () => {
  server = await startServer(examples);
});
after(async () => {
  await server?.stop();
});

test('the context of ExternalCrmLeads: named credential, external credential, the flow that calls it', async () => {
  const file = path.join(examples, 'callouts', 'ExternalCrmLeads.callout.yaml');
  const ctx = await server.connection.sendRequest(GetCalloutContext, { uri: pathToFileURL(file).toString() });
  assert.ok(ctx);
  assert.equal(ctx.definition.fileName, file);
  assert.equal(ctx.definition.text, readFileSync(file, 'utf8'));
  assert.equal(ctx.namedCredential?.url, 'https://api.example-crm.com');
  assert.deepEqual(ctx.namedCredential?.customHeaders, [{ name: 'X-Api-Key', value: '{!$Credential.ExternalCRM.apiKey}' }]);
  assert.equal(ctx.externalCredential?.protocol, 'Custom');
  assert.ok(ctx.flow?.file.endsWith(path.join('flows', 'Lead_To_External_CRM.flow-meta.xml')));
  assert.match(ctx.flow!.text, /<actionName>ExternalCrmLeads\.createLead<\/actionName>/);
});

test('unsaved editor text wins; a file that is not a callout definition gets null', async () => {
  const file = path.join(examples, 'callouts', 'WeatherForecast.callout.yaml');
  const text = readFileSync(file, 'utf8').replace('path: /v1/forecast', 'path: /v2/forecast');
  const { uri } = await server.open(file, text);
  const ctx = await server.connection.sendRequest(GetCalloutContext, { uri });
  assert.match(ctx!.definition.text, /path: \/v2\/forecast/);
  assert.equal(ctx!.namedCredential?.url, 'https://api.open-meteo.com');
  assert.equal(ctx!.flow, undefined);
  const none = await server.connection.sendRequest(GetCalloutContext, { uri: pathToFileURL(path.join(examples, 'sfdx-project.json')).toString() });
  assert.equal(none, null);
});
