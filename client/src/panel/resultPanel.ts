// The result panel: one webview, reused, with a strict CSP (default-src 'none'; the script by nonce; styles
// and script only from media/panel), data only by postMessage, and its state restored after a reload by a
// serializer. The host side routes the panel's actions (re-send, copy as cURL, save as sample, open flow).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isFromPanelMessage, PANEL_VIEW_TYPE, type FromPanelMessage, type PanelState, type ToPanelMessage } from './messages';

export type PanelListener = (message: unknown) => void;

export interface PanelActions {
  resend(state: PanelState): void;
  copyCurl(state: PanelState): void;
  saveSample(state: PanelState): void;
  openFlow(state: PanelState): void;
  openDefinition(state: PanelState): void;
}

export class ResultPanel implements vscode.Disposable {
  private static current: ResultPanel | undefined;
  private state: PanelState | undefined;
  private ready = false;
  private disposed = false;
  private queue: ToPanelMessage[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly listeners: Set<PanelListener>,
    private readonly actions: PanelActions,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = panelHtml(panel.webview, extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'callout-file.svg');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      // A hidden webview loses its page (its context is not retained) and the messages posted to it: hold them
      // until the page, loaded again when shown, says it is ready.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
  }

  /** Shows (or creates) the panel beside the editor. */
  static show(extensionUri: vscode.Uri, listeners: Set<PanelListener>, actions: PanelActions): ResultPanel {
    if (ResultPanel.current) {
      ResultPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return ResultPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, vscode.l10n.t('Test Callout'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(extensionUri));
    ResultPanel.current = new ResultPanel(panel, extensionUri, listeners, actions);
    return ResultPanel.current;
  }

  /** Re-attaches a panel VS Code restored after a reload, with the state the webview saved. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, listeners: Set<PanelListener>, actions: PanelActions, state: PanelState | undefined): ResultPanel {
    ResultPanel.current?.dispose();
    ResultPanel.current = new ResultPanel(panel, extensionUri, listeners, actions);
    if (state?.result) ResultPanel.current.showResult(state);
    return ResultPanel.current;
  }

  static get active(): ResultPanel | undefined {
    return ResultPanel.current;
  }

  get currentState(): PanelState | undefined {
    return this.state;
  }

  sending(action: string, environment: string): void {
    this.panel.title = vscode.l10n.t('Test Callout: {0}', action);
    this.post({ type: 'sending', action, environment });
  }

  showResult(state: PanelState): void {
    this.state = state;
    this.panel.title = vscode.l10n.t('Test Callout: {0}', state.result.definition.action);
    this.post({ type: 'result', state });
  }

  notice(text: string): void {
    this.post({ type: 'notice', text });
  }

  private post(message: ToPanelMessage): void {
    if (!this.ready && message.type !== 'notice') {
      // Until the script says it is ready, keep only the latest content message.
      this.queue = [message];
      return;
    }
    void this.panel.webview.postMessage(message);
    deliver(this.listeners, 'toPanel', message);
  }

  private receive(m: unknown): void {
    if (!isFromPanelMessage(m)) return;
    deliver(this.listeners, 'fromPanel', m);
    const message: FromPanelMessage = m;
    if (message.type === 'ready') {
      this.ready = true;
      // Every load of the page gets the current result (it restores the one it saved, which may be older).
      const pending: ToPanelMessage[] = this.queue.length ? this.queue : this.state ? [{ type: 'result', state: this.state }] : [];
      this.queue = [];
      for (const p of pending) this.post(p);
      return;
    }
    const state = this.state;
    if (!state) return;
    switch (message.type) {
      case 'resend': this.actions.resend(state); break;
      case 'copyCurl': this.actions.copyCurl(state); break;
      case 'saveSample': this.actions.saveSample(state); break;
      case 'openFlow': this.actions.openFlow(state); break;
      case 'openDefinition': this.actions.openDefinition(state); break;
      case 'rendered': break;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ResultPanel.current === this) ResultPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function deliver(listeners: Set<PanelListener>, direction: 'toPanel' | 'fromPanel', message: object): void {
  for (const l of listeners) {
    try {
      l({ direction, ...message });
    } catch {
      // A test listener's failure must not break the panel.
    }
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media', 'panel')], retainContextWhenHidden: false, enableFindWidget: true };
}

function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel', f)).toString();
  const csp = `default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; font-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('panel.css')}">
<title>Test Callout</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="empty-state">${vscode.l10n.t('Send a test callout to see the response as the flow will see it.')}</p></main>
<script nonce="${nonce}" src="${media('panel.js')}"></script>
</body>
</html>`;
}

/** Restores the panel after a window reload from the state the webview saved with setState. */
export function registerPanelSerializer(extensionUri: vscode.Uri, listeners: Set<PanelListener>, actions: PanelActions): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      const s = state as PanelState | undefined;
      ResultPanel.revive(panel, extensionUri, listeners, actions, s && typeof s === 'object' && 'result' in s ? s : undefined);
    },
  });
}
