// External Service header/form inputs (reference C1) and decomposed registrations (C14) over stdio: the
// server's index reads X.yaml beside X.externalServiceRegistration-meta.xml, flags a required header left out
// and a misspelt form parameter at exact ranges, and re-checks open flows when the schema file changes.
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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-lsp-esr-'));
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'esr-project'), dir, { recursive: true });
  server = await startServer(dir);
});
after(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const position = (text: string, offset: number) => {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
};
const range = (text: string, needle: string, from = 0) => {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, needle);
  return { start: position(text, at), end: position(text, at + needle.length) };
};

test('a required header left out and a misspelt form parameter, against a decomposed registration; fixed by editing the schema file', async () => {
  const file = path.join(dir, 'force-app/main/default/flows/Redeem_Points.flow-meta.xml');
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).toString();
  const first = server.diagnostics(uri);
  await server.open(file, text, 'flow-metadata-xml');
  const diags = (await first).filter((d) => d.code === 'flow-action-input');
  assert.deepEqual(diags.map((d) => [d.range, d.severity]), [
    [range(text, 'LoyaltyCloud.getMember'), 1],
    [range(text, 'rewardCod'), 1],
  ]);
  assert.match(diags[0].message, /required input pin \(header\) of LoyaltyCloud\.getMember/);
  assert.match(diags[1].message, /Did you mean "rewardCode"\?/);

  // The schema file changes on disk (the header is made optional): the open flow is re-checked.
  const yaml = path.join(dir, 'force-app/main/default/externalServiceRegistrations/LoyaltyCloud.yaml');
  fs.writeFileSync(yaml, fs.readFileSync(yaml, 'utf8').replace('          required: true\n          description: The member', '          required: false\n          description: The member'));
  // A publish already on its way for the open (a debounced re-check) may come first under load: wait for the
  // one that follows the change, failing if none does within the time limit.
  const fixed = [range(text, 'rewardCod')];
  let seen: unknown = 'no publish';
  const changed = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`the open flow was not re-checked after the schema change; last: ${JSON.stringify(seen)}`)); }, 10000);
    const sub = server.onDiagnostics((p) => {
      if (p.uri !== uri) return;
      seen = p.diagnostics.filter((d) => d.code === 'flow-action-input').map((d) => d.range);
      if (JSON.stringify(seen) !== JSON.stringify(fixed)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(yaml).toString(), type: 2 }] });
  await changed;
});
