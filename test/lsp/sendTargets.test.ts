// ListSendTargets (protocol.ts) through the protocol: what Send Test Callout offers when no definition is open —
// the project's callout definitions, then the External Service actions of its flows, from the server's index.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { ListSendTargets } from '../../server/src/protocol';
import { repoRoot, startServer, type TestServer } from './client';

const examples = path.join(repoRoot, 'examples');
let server: TestServer;

before(async () => {
  server = await startServer(examples);
});
after(async () => {
  await server?.stop();
});

test('the demo project: three definitions in path order, then the flow action that calls ExternalCrmLeads', async () => {
  const targets = await server.connection.sendRequest(ListSendTargets, {});
  assert.deepEqual(targets.filter((t) => t.kind === 'definition').map((t) => [t.path, t.name, t.detail]), [
    ['callouts/AddressValidation.callout.yaml', 'AddressValidation.verifyAddress', 'POST /v2/verify'],
    ['callouts/ExternalCrmLeads.callout.yaml', 'ExternalCrmLeads.createLead', 'POST /api/v1/leads'],
    ['callouts/WeatherForecast.callout.yaml', 'WeatherForecast.getForecast', 'GET /v1/forecast'],
  ]);
  const flow = path.join(examples, 'force-app', 'main', 'default', 'flows', 'Lead_To_External_CRM.flow-meta.xml');
  assert.deepEqual(targets.filter((t) => t.kind === 'flowAction'), [{
    kind: 'flowAction', uri: pathToFileURL(flow).toString(), path: 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml',
    name: 'Create_CRM_Lead', element: 'Create_CRM_Lead', detail: 'ExternalCrmLeads.createLead in flow Lead_To_External_CRM',
  }]);
});
