// The flow-run panel: what a flow does after its callout (send from a flow). One webview, reused; strict CSP
// (default-src 'none', the script by nonce, styles and script only from media/flowrun); data by postMessage;
// DOM built by createElement/textContent in media/flowrun/flowrun.js. Messages: to the panel `result`; from it
// `ready`, `rendered {summary}`, `reveal {element}`, `saveInputs`. Listeners (the test API) see both directions.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { FlowDiagram } from '../../../server/src/core/flowrun/diagram';
import type { FlowSendResult } from '../../../server/src/core/flowrun/send';

export type FlowRunListener = (message: unknown) => void;

export interface FlowRunState {
  result: FlowSendResult;
  /** The flow as a picture, with the run's path (server/src/core/flowrun/diagram.ts); absent when the flow cannot be read. */
  diagram?: FlowDiagram;
  uri: string;
  environment: string;
  /** The flow document's version the send read; an edit after it marks the result stale. */
  version?: number;
}

export interface FlowRunActions {
  revealElement(name: string): void;
  saveInputs(): void;
}

/** What the panel rendered, for tests. */
export interface FlowRunRendered {
  status: number | null;
  outputs: string[];
  unused: string[];
  path: string[];
  outcomes: string[];
  writes: string[];
  end: string | null;
  /** What the diagram drew (media/flowrun: the render's summary), null without one. */
  diagram: { nodes: number; edges: number; taken: string[]; takenEdges: string[]; faultEdges: number; stop: string | null; omitted: number; width: number; height: number } | null;
}

export const FLOW_RUN_VIEW_TYPE = 'flowCallout.flowRun';

export class FlowRunPanel implements vscode.Disposable {
  private static current: FlowRunPanel | undefined;
  private ready = false;
  private pending: FlowRunState | undefined;
  private shown: FlowRunState | undefined;
  private stale = false;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly listeners: Set<FlowRunListener>, private actions: FlowRunActions, extensionUri: vscode.Uri) {
    panel.webview.html = html(panel.webview, extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      // The flow changed since the send: what the panel shows may no longer be what the flow does.
      // So did the registration or definition the action calls: the request and the response shapes may differ.
      vscode.workspace.onDidChangeTextDocument((e) => {
        const s = this.shown;
        if (!s || this.stale || e.contentChanges.length === 0) return;
        const isFlow = e.document.uri.toString() === s.uri;
        const op = s.result.operation?.file;
        const isOperation = !!op && e.document.uri.fsPath.toLowerCase() === op.toLowerCase();
        if (!isFlow && !isOperation) return;
        if (isFlow && s.version !== undefined && e.document.version <= s.version) return;
        this.stale = true;
        const message = { type: 'stale', what: isFlow ? 'flow' : /\.externalServiceRegistration-meta\.xml$/i.test(op ?? '') ? 'registration' : 'definition' };
        void this.panel.webview.postMessage(message);
        deliver(this.listeners, 'toPanel', message);
      }),
    );
  }

  static show(extensionUri: vscode.Uri, listeners: Set<FlowRunListener>, actions: FlowRunActions): FlowRunPanel {
    if (FlowRunPanel.current) {
      FlowRunPanel.current.actions = actions;
      FlowRunPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return FlowRunPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(FLOW_RUN_VIEW_TYPE, vscode.l10n.t('Flow Run'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media', 'flowrun'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')], enableFindWidget: true,
    });
    FlowRunPanel.current = new FlowRunPanel(panel, listeners, actions, extensionUri);
    return FlowRunPanel.current;
  }

  showResult(state: FlowRunState): void {
    this.shown = state;
    this.stale = false;
    this.panel.title = vscode.l10n.t('Flow Run: {0} › {1}', state.result.flow, state.result.element);
    if (!this.ready) {
      this.pending = state;
      return;
    }
    this.post({ type: 'result', state });
  }

  private post(message: { type: 'result'; state: FlowRunState }): void {
    void this.panel.webview.postMessage(message);
    deliver(this.listeners, 'toPanel', message);
  }

  private receive(m: unknown): void {
    const msg = m as { type?: unknown; element?: unknown } | null;
    if (!msg || typeof msg.type !== 'string' || !['ready', 'rendered', 'reveal', 'saveInputs'].includes(msg.type)) return;
    deliver(this.listeners, 'fromPanel', msg as object);
    if (msg.type === 'ready') {
      this.ready = true;
      if (this.pending) this.post({ type: 'result', state: this.pending });
      this.pending = undefined;
    } else if (msg.type === 'reveal' && typeof msg.element === 'string') this.actions.revealElement(msg.element);
    else if (msg.type === 'saveInputs') this.actions.saveInputs();
  }

  dispose(): void {
    if (FlowRunPanel.current === this) FlowRunPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function deliver(listeners: Set<FlowRunListener>, direction: 'toPanel' | 'fromPanel', message: object): void {
  for (const l of listeners) {
    try {
      l({ direction, panel: 'flowRun', ...message });
    } catch {
      // A listener's failure must not break the panel.
    }
  }
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'flowrun', f)).toString();
  const csp = `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('flowrun.css')}">
<title>Flow Run</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="empty">${vscode.l10n.t('Send a test callout from a flow action to see what the flow does next.')}</p></main>
<script nonce="${nonce}" src="${webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'flow-diagram.js')).toString()}"></script>
<script nonce="${nonce}" src="${media('flowrun.js')}"></script>
</body>
</html>`;
}
