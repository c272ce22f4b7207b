// Binary and huge files through the real server: on disk (the workspace scan, a watched-file change) and
// opened in the editor, each opened one gets one diagnostic; the server answers every request without an
// error and keeps checking the rest of the project. Speed and memory are in the benchmark, not asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, startServer, type TestServer } from './client';
import { mostlyTextBinary, writeBinary } from '../binaryFiles';

async function openRefused(server: TestServer, file: string, text: string, code: string): Promise<void> {
  const uri = pathToFileURL(file).toString();
  const pending = server.diagnostics(uri, 1, 60_000);
  await server.open(file, text, file.endsWith('.xml') ? 'flow-metadata-xml' : 'flow-callout-yaml');
  const diags = await pending;
  assert.deepEqual(diags.map((d) => d.code), [code], file);
  assert.deepEqual(diags[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  // Every feature answers (with nothing) instead of parsing the bytes.
  const at = { textDocument: { uri }, position: { line: 0, character: 3 } };
  assert.equal(await server.connection.sendRequest('textDocument/hover', at), null);
  assert.deepEqual((await server.connection.sendRequest('textDocument/completion', at) as { items: unknown[] }).items, []);
  if (file.endsWith('.xml')) {
    assert.deepEqual(await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.equal(await server.connection.sendRequest('textDocument/definition', at), null);
  }
  // An edit keeps it refused (the flow parse is never patched from binary text).
  const edited = server.diagnostics(uri, 2, 60_000);
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '<' }] });
  assert.deepEqual((await edited).map((d) => d.code), [code]);
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

test('3 MB and 50 MB binary flows and callout definitions: one diagnostic each, the server stays up', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-lsp-binary-'));
  fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true, filter: (src) => !/node_modules|\.sfdx/.test(src) });
  const flows = path.join(dir, 'force-app', 'main', 'default', 'flows');
  // On disk from the start: the workspace scan meets them.
  const onDisk = [
    path.join(flows, 'Garbage3.flow-meta.xml'), path.join(flows, 'Garbage50.flow-meta.xml'),
    path.join(dir, 'callouts', 'Garbage3.callout.yaml'), path.join(dir, 'callouts', 'Garbage50.callout.yaml'),
  ];
  for (const f of onDisk) writeBinary(f, /50/.test(path.basename(f)) ? 50 : 3);
  const server = await startServer(dir);
  try {
    await openRefused(server, onDisk[0], fs.readFileSync(onDisk[0], 'utf8'), 'binary-content');
    await openRefused(server, onDisk[2], fs.readFileSync(onDisk[2], 'utf8'), 'binary-content');
    await openRefused(server, path.join(flows, 'Packed50.flow-meta.xml'), mostlyTextBinary(50), 'file-too-large');
    await openRefused(server, path.join(dir, 'callouts', 'Packed50.callout.yaml'), mostlyTextBinary(50), 'file-too-large');

    // A watched-file change of the 50 MB file: the server does not read it.
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(onDisk[1]).toString(), type: 2 }] });

    // The rest of the project is still checked: the demo flow resolves its callout and has no error.
    const demo = path.join(flows, 'Lead_To_External_CRM.flow-meta.xml');
    const pending = server.diagnostics(pathToFileURL(demo).toString(), 1);
    await server.open(demo, fs.readFileSync(demo, 'utf8'), 'flow-metadata-xml');
    assert.deepEqual((await pending).filter((d) => d.severity === 1), []);
    assert.equal(server.process.exitCode, null);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
