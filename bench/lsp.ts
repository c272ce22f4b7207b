// A small LSP client for the keystroke bench: starts the bundled server (dist/server-cli.js --stdio) and talks
// to it through vscode-jsonrpc's stream reader/writer. Diagnostics are awaited by URI + version.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { ProjectIndexed } from '../server/src/protocol';
import { repoRoot } from './lib';

/** What the bench answers to workspace/configuration: validation on, no debounce (so the work is measured). */
export const BENCH_SETTINGS = { validation: { enable: true, debounceMs: 0 }, rules: {} };

export interface BenchServer {
  /** Sends didChange and resolves when diagnostics for that version arrive. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams>;
  open(file: string, text: string, languageId: string): Promise<{ uri: string; diagnostics: PublishDiagnosticsParams }>;
  stop(): Promise<void>;
}

/** `nodeArgs` go before the script (e.g. `--cpu-prof` for bench/profile.ts). */
export async function startBenchServer(workspace: string, nodeArgs: string[] = []): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, 'dist', 'server-cli.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters = new Map<string, (p: PublishDiagnosticsParams) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const key = `${p.uri}@${p.version}`;
    const w = waiters.get(key);
    if (w) {
      waiters.delete(key);
      w(p);
    }
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => BENCH_SETTINGS));
  connection.onRequest('client/registerCapability', () => null);
  const indexed = new Promise<void>((resolve) => connection.onNotification(ProjectIndexed, () => resolve()));
  connection.listen();
  const rootUri = pathToFileURL(workspace).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: false } } },
  });
  await connection.sendNotification('initialized', {});
  await withTimeout(indexed, 30000, () => `the server did not report ${ProjectIndexed.method} for ${workspace}. stderr: ${stderr}`);

  const waitFor = (uri: string, version: number): Promise<PublishDiagnosticsParams> =>
    withTimeout(new Promise<PublishDiagnosticsParams>((resolve) => waiters.set(`${uri}@${version}`, resolve)), 30000, () => `no diagnostics for ${uri} version ${version}. stderr: ${stderr}`);

  return {
    async open(file, text, languageId) {
      const uri = pathToFileURL(file).toString();
      const got = waitFor(uri, 1);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return { uri, diagnostics: await got };
    },
    async change(uri, version, changes) {
      const got = waitFor(uri, version);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
      return got;
    },
    async stop() {
      try {
        await withTimeout(connection.sendRequest('shutdown'), 3000, () => 'shutdown timed out');
        await connection.sendNotification('exit');
      } catch {
        /* gone already */
      }
      connection.dispose();
      // Give the server a moment to exit by itself (a --cpu-prof profile is written on a normal exit).
      if (child.exitCode === null) await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { child.kill(); resolve(); }, 5000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
      });
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, why: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(why())), ms);
    }),
  ]);
}
