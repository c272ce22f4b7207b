// The Test Callout panel: one webview, reused, for every send — from a definition, a registration's operation or
// a flow action (then the flow run — diagram, mapped outputs, path, record writes — is a part of the same page,
// media/flowrun/). Strict CSP (webviewHtml.ts), data only by postMessage, response bodies rendered as text, its
// state restored after a reload by a serializer. The host side routes the panel's actions and marks a result
// stale when the flow, registration or definition it came from changes — in an editor or on disk.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isFromPanelMessage, PANEL_VIEW_TYPE, type FromPanelMessage, type PanelState, type StaleWhat, type ToPanelMessage } from './messages';
import { webviewHtml } from './webviewHtml';

export type PanelListener = (message: unknown) => void;

export interface PanelActions {
  resend(state: PanelState): void;
  copyCurl(state: PanelState): void;
  saveSample(state: PanelState): void;
  openFlow(state: PanelState): void;
  openDefinition(state: PanelState): void;
  saveInputs(state: PanelState): void;
  revealElement(state: PanelState, element: string): void;
}

/** A file the shown result was made from, and its text then (to tell a real change from a save or a touch). */
interface Source {
  uri: vscode.Uri;
  what: StaleWhat;
  /** The open document's version when the result was shown. */
  version?: number;
  /** The text when the result was shown (the editor's when open, else the file's); undefined until read. */
  text?: Promise<string | undefined>;
}

export class ResultPanel implements vscode.Disposable {
  private static current: ResultPanel | undefined;
  private state: PanelState | undefined;
  private ready = false;
  private disposed = false;
  private queue: ToPanelMessage[] = [];
  private sources: Source[] = [];
  private watchers: vscode.Disposable[] = [];
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
      // Edited in an editor after the send: what the panel shows may no longer be what the files say.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const source = this.sourceOf(e.document.uri);
        if (source && (source.version === undefined || e.document.version > source.version)) this.markStale(source.what);
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
    if (state?.result || state?.flowRun) ResultPanel.current.showResult(state);
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
    const run = state.flowRun?.result;
    this.panel.title = vscode.l10n.t('Test Callout: {0}', run ? `${run.flow} › ${run.element}` : state.result?.definition.action ?? '');
    this.watch(state);
    this.post({ type: 'result', state });
  }

  notice(text: string): void {
    this.post({ type: 'notice', text });
  }

  /** The files the result was made from: the flow and the registration/definition its action calls, or the definition. */
  private watch(state: PanelState): void {
    for (const w of this.watchers.splice(0)) w.dispose();
    const sources: Source[] = [];
    const add = (uri: vscode.Uri, what: StaleWhat) => {
      if (sources.some((s) => sameFile(s.uri, uri))) return;
      const open = vscode.workspace.textDocuments.find((d) => sameFile(d.uri, uri));
      sources.push({ uri, what, version: open?.version, text: open ? Promise.resolve(open.getText()) : readText(uri) });
    };
    const kindOf = (file: string): StaleWhat => /\.externalServiceRegistration-meta\.xml$|\.(json|ya?ml)$/i.test(file) && !/\.callout\.(json|ya?ml)$/i.test(file) ? 'registration' : 'definition';
    if (state.flowRun) {
      add(vscode.Uri.parse(state.uri), 'flow');
      const op = state.flowRun.result.operation?.file;
      if (op) add(vscode.Uri.file(op), kindOf(op));
    } else add(vscode.Uri.parse(state.uri), state.registration ? 'registration' : 'definition');
    this.sources = state.stale ? [] : sources;
    // Changed on disk only (a checkout, another tool): a watcher per file, comparing the text with the text then
    // (a save of the same text, or a touch, is not a change).
    for (const s of this.sources) {
      if (s.uri.scheme !== 'file') continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(s.uri.fsPath)), path.basename(s.uri.fsPath)));
      const changed = () => void this.changedOnDisk(s);
      this.watchers.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    }
  }

  private async changedOnDisk(source: Source): Promise<void> {
    if (!this.sources.includes(source)) return;
    // A dirty editor keeps its text over the disk's: that text is what a send would use.
    if (vscode.workspace.textDocuments.some((d) => d.isDirty && sameFile(d.uri, source.uri))) return;
    const [before, now] = await Promise.all([source.text, readText(source.uri)]);
    if (before !== now && this.sources.includes(source)) this.markStale(source.what);
  }

  private sourceOf(uri: vscode.Uri): Source | undefined {
    return this.sources.find((s) => sameFile(s.uri, uri));
  }

  private markStale(what: StaleWhat): void {
    if (!this.state || this.state.stale) return;
    this.state = { ...this.state, stale: what };
    this.sources = [];
    for (const w of this.watchers.splice(0)) w.dispose();
    this.post({ type: 'stale', what });
  }

  private post(message: ToPanelMessage): void {
    if (!this.ready && message.type !== 'notice') {
      // Until the script says it is ready, keep only the latest content message (a stale mark is in the state).
      if (message.type !== 'stale') this.queue = [message];
      else if (this.state) this.queue = [{ type: 'result', state: this.state }];
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
      case 'saveInputs': this.actions.saveInputs(state); break;
      case 'reveal': this.actions.revealElement(state, message.element); break;
      case 'rendered': break;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ResultPanel.current === this) ResultPanel.current = undefined;
    this.panel.dispose();
    for (const d of [...this.watchers.splice(0), ...this.disposables.splice(0)]) d.dispose();
  }
}

function sameFile(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.scheme === 'file' && b.scheme === 'file' ? path.normalize(a.fsPath).toLowerCase() === path.normalize(b.fsPath).toLowerCase() : a.toString() === b.toString();
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
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
  return {
    enableScripts: true, retainContextWhenHidden: false, enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media', 'panel'), vscode.Uri.joinPath(extensionUri, 'media', 'flowrun'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const at = (...p: string[]) => vscode.Uri.joinPath(extensionUri, ...p);
  return webviewHtml(webview, {
    title: 'Test Callout',
    styles: [at('media', 'panel', 'panel.css'), at('media', 'flowrun', 'flowrun.css')],
    // The diagram (dagre, ~55 KB) and the flow-run sections load with the page; panel.js last, it renders.
    scripts: [at('dist', 'webview', 'flow-diagram.js'), at('media', 'flowrun', 'flowrun.js'), at('media', 'panel', 'panel.js')],
    placeholder: vscode.l10n.t('Send a test callout — from a definition, a registration\'s operation or a flow action — to see the response as the flow will see it.'),
  });
}

/** Restores the panel after a window reload from the state the webview saved with setState. */
export function registerPanelSerializer(extensionUri: vscode.Uri, listeners: Set<PanelListener>, actions: PanelActions): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      const s = state as PanelState | undefined;
      ResultPanel.revive(panel, extensionUri, listeners, actions, s && typeof s === 'object' && ('result' in s || 'flowRun' in s) ? s : undefined);
    },
  });
}
