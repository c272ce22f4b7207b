// A minimal LSP client over stdio for tests: starts the bundled server and speaks JSON-RPC through
// vscode-jsonrpc's stream reader/writer.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ProjectIndexed } from '../../server/src/protocol';

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface TestServer {
  connection: MessageConnection;
  process: ChildProcess;
  /** Resolves with the next diagnostics for `uri` (optionally at `version`). */
  diagnostics(uri: string, version?: number, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Every publishDiagnostics as it arrives (a connection has one handler per notification: this is it). */
  onDiagnostics(listener: (p: PublishDiagnosticsParams) => void): { dispose(): void };
  open(file: string, text: string, languageId?: string): Promise<{ uri: string; version: number }>;
  change(uri: string, text: string, version: number): Promise<void>;
  stop(): Promise<void>;
  stderr: () => string;
}

export interface StartOptions {
  /** The server's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Documents opened right after `initialized`, before the project index is complete (as an editor restoring tabs). */
  open?: { file: string; text: string; languageId: string }[];
  /** Announce window.workDoneProgress (the server may then report indexing progress). */
  workDoneProgress?: boolean;
}

export interface StartedServer extends TestServer {
  /** Every publishDiagnostics and the project-index notifications, in arrival order. */
  history: ({ kind: 'diagnostics'; params: PublishDiagnosticsParams } | { kind: 'indexed' } | { kind: 'progress'; value: { kind: string; title?: string; percentage?: number } })[];
}

export async function startServer(workspace: string, settings: unknown = { validation: { enable: true, debounceMs: 0 }, rules: {} }, options: StartOptions = {}): Promise<StartedServer> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server-cli.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
  const history: StartedServer['history'] = [];
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters: { uri: string; version?: number; resolve: (d: Diagnostic[]) => void }[] = [];
  const latest = new Map<string, PublishDiagnosticsParams>();
  const listeners = new Set<(p: PublishDiagnosticsParams) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    history.push({ kind: 'diagnostics', params: p });
    latest.set(p.uri, p);
    for (const l of listeners) l(p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && (w.version === undefined || p.version === w.version)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('window/workDoneProgress/create', () => null);
  // $/progress for a token this client has no handler for (the server's indexing progress).
  connection.onUnhandledProgress((p) => history.push({ kind: 'progress', value: p.value as { kind: string; title?: string; percentage?: number } }));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const rootUri = pathToFileURL(workspace).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }],
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } },
      ...(options.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
    },
  });
  const indexed = new Promise<void>((resolve) => connection.onNotification(ProjectIndexed, () => {
    history.push({ kind: 'indexed' });
    resolve();
  }));
  await connection.sendNotification('initialized', {});
  for (const d of options.open ?? []) {
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(d.file).toString(), languageId: d.languageId, version: 1, text: d.text } });
  }
  await indexed;
  return {
    history,
    connection,
    process: child,
    stderr: () => stderr,
    onDiagnostics(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    diagnostics(uri, version, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}@${version} in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ uri, version, resolve: (d) => { clearTimeout(timer); resolve(d); } });
      });
    },
    async open(file, text, languageId = 'flow-callout-yaml') {
      const uri = pathToFileURL(file).toString();
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return { uri, version: 1 };
    },
    async change(uri, text, version) {
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification('exit');
      } catch {
        /* already gone */
      }
      connection.dispose();
      child.kill();
    },
  };
}
