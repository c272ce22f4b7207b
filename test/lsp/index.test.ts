// The project index after editor and file operations: closing an edited document without saving falls back
// to the file on disk; a document that was never saved is forgotten on close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, startServer, type TestServer } from './client';

const NOOP = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }];

/** The flow's diagnostic codes for its next version (an empty edit makes the server check it again). */
async function flowCodes(server: TestServer, uri: string, version: number): Promise<string[]> {
  const pending = server.diagnostics(uri, version);
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: NOOP });
  return (await pending).map((d) => String(d.code)).sort();
}

test('closing an edited callout definition without saving: the index falls back to the file on disk', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-lsp-index-'));
  fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true, filter: (src) => !/node_modules|\.sfdx/.test(src) });
  const server = await startServer(dir);
  try {
    const flowFile = path.join(dir, 'force-app', 'main', 'default', 'flows', 'Lead_To_External_CRM.flow-meta.xml');
    const flow = await server.open(flowFile, fs.readFileSync(flowFile, 'utf8'), 'flow-metadata-xml');
    const clean = await flowCodes(server, flow.uri, 2);
    assert.ok(!clean.includes('flow-unknown-action'), clean.join());

    // Rename the service in the editor (unsaved): the flow's action no longer resolves.
    const defFile = path.join(dir, 'callouts', 'ExternalCrmLeads.callout.yaml');
    const def = await server.open(defFile, fs.readFileSync(defFile, 'utf8'));
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: def.uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 6 }, end: { line: 2, character: 22 } }, text: 'RenamedCrmLeads' }],
    });
    assert.ok((await flowCodes(server, flow.uri, 3)).includes('flow-unknown-action'));

    // Closed without saving: the file on disk is what the project says again.
    // (The server checks the open documents again once the index has re-read the file.)
    const rechecked = server.diagnostics(flow.uri, 3);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: def.uri } });
    assert.deepEqual((await rechecked).map((d) => String(d.code)).sort(), clean);

    // A new definition that was never saved is forgotten when closed: the name it took is free again.
    const unsaved = path.join(dir, 'callouts', 'Unsaved.callout.yaml');
    const copy = fs.readFileSync(defFile, 'utf8');
    const opened = await server.open(unsaved, copy);
    const duplicate = await flowCodes(server, flow.uri, 4);
    const again = server.diagnostics(flow.uri, 4);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: opened.uri } });
    assert.deepEqual((await again).map((d) => String(d.code)).sort(), clean, `with the unsaved copy open: ${duplicate.join()}`);
    assert.equal(server.process.exitCode, null);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
