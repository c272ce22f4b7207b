// A dependency edited in the editor and not saved (here: an External Service registration) re-checks the
// open flows that read it: the index follows the unsaved text, and the other open documents are validated
// again (lsp/server.ts onDidChangeContent).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, startServer, type TestServer } from './client';

let dir: string;
let server: TestServer;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-lsp-dependents-'));
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'esr-project'), dir, { recursive: true });
  server = await startServer(dir);
});
after(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('editing an unsaved registration changes the diagnostics of an open flow that calls it, and undoing it restores them', async () => {
  const flowFile = path.join(dir, 'force-app/main/default/flows/Charge_Order.flow-meta.xml');
  const esrFile = path.join(dir, 'force-app/main/default/externalServiceRegistrations/PaymentGateway.externalServiceRegistration-meta.xml');
  const flowText = fs.readFileSync(flowFile, 'utf8');
  const esrText = fs.readFileSync(esrFile, 'utf8');
  const flowUri = pathToFileURL(flowFile).toString();
  const mentions = (d: { message: string }[]) => d.filter((x) => /refundCharge/.test(x.message));
  const first = server.diagnostics(flowUri);
  await server.open(flowFile, flowText, 'flow-metadata-xml');
  assert.deepEqual(mentions(await first), []);
  // The registration opened in the editor; its operation renamed but not saved.
  // Opening it reads it into the index again (same text): the flow is re-checked, with the same findings.
  const afterOpen = server.diagnostics(flowUri);
  const esr = await server.open(esrFile, esrText, 'xml');
  assert.deepEqual(mentions(await afterOpen), []);
  // Opening the registration may still have a re-check of the flow under way: wait for the publish that follows
  // the edit (at most a few publishes).
  const next = async (pending: Promise<{ message: string }[]>, want: (d: { message: string }[]) => boolean) => {
    let d = await pending;
    for (let i = 0; i < 4 && !want(d); i++) d = await server.diagnostics(flowUri).catch(() => d);
    return d;
  };
  const afterRename = server.diagnostics(flowUri);
  await server.change(esr.uri, esrText.replace(/refundCharge/g, 'reverseCharge'), 2);
  const renamed = await next(afterRename, (d) => mentions(d).length > 0);
  assert.ok(mentions(renamed).length >= 1, `a finding names the missing operation: ${JSON.stringify(renamed.map((d) => d.message))}`);
  // Undo (still unsaved): the flow is clean of it again.
  const afterUndo = server.diagnostics(flowUri);
  await server.change(esr.uri, esrText, 3);
  assert.deepEqual(mentions(await next(afterUndo, (d) => mentions(d).length === 0)), []);
  assert.equal(fs.readFileSync(esrFile, 'utf8'), esrText, 'nothing was saved');
});
