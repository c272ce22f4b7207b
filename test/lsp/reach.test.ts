// Through the language server: a callout reached through a subflow is reported on the outer flow's subflow
// element with the chain as relatedInformation (locations in the subflow's file), and a misspelt rule in
// .flowcallout.json is an error diagnostic pushed for that file when it changes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type TestServer } from './client';
import { FLOWS, reachProject } from '../cli/reachProject';

let dir: string;
let server: TestServer;

before(async () => {
  dir = reachProject('{ "calloutActions": ["dfsle__*"] }');
  server = await startServer(dir);
});
after(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a subflow callout on the synchronous path: the error on the subflow element, the chain as related information', async () => {
  const file = path.join(dir, FLOWS, 'Opportunity_Pricing.flow-meta.xml');
  const text = fs.readFileSync(file, 'utf8');
  const pending = server.diagnostics(pathToFileURL(file).toString());
  await server.open(file, text, 'flow-metadata-xml');
  const sync = (await pending).filter((d) => d.code === 'flow-sync-callout');
  const lines = text.split('\n');
  const at = (name: string) => {
    const line = lines.findIndex((l) => l.includes(`<name>${name}</name>`));
    const character = lines[line].indexOf(name);
    return { start: { line, character }, end: { line, character: character + name.length } };
  };
  assert.deepEqual(sync.map((d) => d.range), [at('Send_Envelope'), at('Sync_Folder'), at('Price_Opportunity')]);
  assert.match(sync[1].message, /^Sync_Folder makes an HTTP callout on the synchronous path/);
  const viaSubflow = sync[2];
  assert.equal(viaSubflow.severity, 1);
  assert.deepEqual(viaSubflow.relatedInformation, [{
    location: { uri: pathToFileURL(path.join(dir, FLOWS, 'Fetch_Exchange_Rates.flow-meta.xml')).toString(), range: { start: { line: 4, character: 14 }, end: { line: 4, character: 23 } } },
    message: 'Fetch_Exchange_Rates: Get_Rates makes an HTTP callout (External Service action RatesApi.getLatest)',
  }]);
});

test('.flowcallout.json: an unknown rule id is an error diagnostic in that file, pushed when it changes', async () => {
  const file = path.join(dir, '.flowcallout.json');
  fs.writeFileSync(file, '{\n  "rules": { "flow-sync-calout": "off" }\n}\n');
  const uri = pathToFileURL(file).toString();
  // The next diagnostics for the file that are not empty (an earlier push of the valid file may still be on its way).
  const pending = (async () => {
    for (let i = 0; i < 3; i++) {
      const got = await server.diagnostics(uri);
      if (got.length) return got;
    }
    return [];
  })();
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  const [d, ...rest] = await pending;
  assert.equal(rest.length, 0);
  assert.equal(d.severity, 1);
  assert.equal(d.code, 'settings');
  assert.deepEqual(d.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 31 } });
  assert.match(d.message, /Unknown rule "flow-sync-calout" \(did you mean "flow-sync-callout"\?\)/);
  // Fixed: the diagnostics are cleared.
  fs.writeFileSync(file, '{ "rules": { "flow-sync-callout": "warning" } }\n');
  const cleared = server.diagnostics(uri);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  assert.deepEqual(await cleared, []);
});
