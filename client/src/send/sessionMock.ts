// The built-in mock of this window: one loopback server for the session, on the port of the setting
// flowCallout.mock.port (0: a free one), serving the workspace's callout definitions as they are now (an open
// editor's text over the file) — and, for the length of a send, the sent definition first. `npm start` sets
// the port in its demo copy and prints this server's URL, so the URL printed is the one Send Test Callout uses.
import * as vscode from 'vscode';
import type { CalloutDefinition } from '../../../server/src/core/model/definition';
import type { MockServer } from '../../../server/src/core/callout/mock';
import { loadEngine } from './loadEngine';

export const MOCK_PORT_SETTING = 'mock.port';
const CALLOUT_GLOB = '**/*.callout.{yaml,yml,json}';

export class SessionMock implements vscode.Disposable {
  private server: Promise<MockServer> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`flowCallout.${MOCK_PORT_SETTING}`)) void this.stop();
    }));
  }

  /** The configured port (0: any free port). */
  static port(): number {
    const p = vscode.workspace.getConfiguration('flowCallout').get<number>(MOCK_PORT_SETTING, 0);
    return Number.isInteger(p) && p >= 0 && p <= 65535 ? p : 0;
  }

  /** The URL when the mock is running. */
  url: string | undefined;

  /** The running mock, started on first use; rejects with a message naming the setting when the port is taken. */
  ensure(): Promise<MockServer> {
    if (!this.server) {
      const port = SessionMock.port();
      this.server = loadEngine().startMockServer({ definitions: () => this.definitions(), port }).then(
        (server) => {
          this.url = server.url;
          this.output.info(`[mock] the built-in mock serves the workspace's callout definitions on ${server.url}${port ? ` (setting flowCallout.${MOCK_PORT_SETTING})` : ''}`);
          return server;
        },
        (e: unknown) => {
          this.server = undefined;
          const code = (e as { code?: string }).code;
          throw new Error(code === 'EADDRINUSE'
            ? vscode.l10n.t('The built-in mock could not listen on 127.0.0.1:{0}: the port is in use. Change the setting flowCallout.{1} (0: any free port), or stop what uses the port.', port, MOCK_PORT_SETTING)
            : vscode.l10n.t('The built-in mock could not start on loopback ({0}).', (e as Error).message));
        },
      );
    }
    return this.server;
  }

  private async definitions(): Promise<CalloutDefinition[]> {
    const { CalloutDefinition, parseCalloutText } = loadEngine();
    const files = await vscode.workspace.findFiles(CALLOUT_GLOB, '**/node_modules/**', 500);
    const defs: CalloutDefinition[] = [];
    for (const uri of files) {
      try {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        const text = open?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const def = new CalloutDefinition({ fileName: uri.fsPath, text, tree: parseCalloutText(text, uri.fsPath) });
        if (def.name && def.responses().length) defs.push(def);
      } catch {
        // An unreadable file is not served; the editor reports it.
      }
    }
    return defs;
  }

  private async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.url = undefined;
    await server?.then((s) => s.close(), () => undefined);
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
