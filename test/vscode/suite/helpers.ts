// Helpers for the suites that run inside the extension host. Everything waits on events (diagnostics
// changes, the client's ready promise, panel messages) with a bound on how long; nothing sleeps.
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'flow-callout-studio.flow-callout-studio';
export const SOURCE = 'flow-callout';

/** What the extension's activate() returns for tests (see client/src/extension.ts). */
export interface FlowCalloutTestApi {
  client: { state?: number; stop?(): Promise<void>; start?(): Promise<void> } & Record<string, unknown>;
  ready: Promise<void>;
  onPanelMessage(listener: (message: unknown) => void): vscode.Disposable;
  lastResult?: unknown;
  /** Stored secret references (names only). */
  secretNames(): string[];
  /** The URL of the built-in mock while it runs. */
  mockUrl?(): string | undefined;
  /** Milliseconds activate() measured for itself. */
  activationMs?: number;
  /** The Testing view's controller and a way to run its tests and read the outcomes. */
  tests: {
    controller: vscode.TestController;
    discover(): Promise<void>;
    run(items?: vscode.TestItem[]): Promise<Map<string, { state: string; messages: string[]; output?: string }>>;
  };
}

export function extension(): vscode.Extension<FlowCalloutTestApi> {
  const ext = vscode.extensions.getExtension<FlowCalloutTestApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** Activates the extension (if the event has not already) and waits until its language client is ready. */
export async function activeApi(): Promise<FlowCalloutTestApi> {
  const api = await extension().activate();
  assert.ok(api, 'activate() returned no test API');
  await withTimeout(api.ready, 20_000, 'the language client to be ready');
  return api;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return folder.uri;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

export function extensionRoot(): string {
  return process.env.FLOW_CALLOUT_EXTENSION_ROOT ?? extension().extensionPath;
}

export async function withTimeout<T>(promise: Thenable<T>, ms: number, what: string, detail?: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}${detail ? `\n${detail()}` : ''}`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(promise), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Our diagnostics for a document right now. */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function describeDiagnostics(list: readonly vscode.Diagnostic[]): string {
  if (list.length === 0) return '  (no diagnostics)';
  return list
    .map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${vscode.DiagnosticSeverity[d.severity]} [${codeOf(d)}] ${d.message}`)
    .join('\n');
}

/**
 * Resolves with the document's diagnostics (ours) once `accept` holds for them: checked now and on every
 * `languages.onDidChangeDiagnostics` for the URI.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  ms = 15_000,
): Promise<vscode.Diagnostic[]> {
  let subscription: vscode.Disposable | undefined;
  const settled = new Promise<vscode.Diagnostic[]>((resolve) => {
    const check = () => {
      const current = ourDiagnostics(uri);
      if (accept(current)) {
        subscription?.dispose();
        resolve(current);
        return true;
      }
      return false;
    };
    if (check()) return;
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
  });
  return withTimeout(settled, ms, `${what} on ${path.basename(uri.path)}`, () => `current:\n${describeDiagnostics(ourDiagnostics(uri))}`).finally(
    () => subscription?.dispose(),
  );
}

export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Replaces the whole text of an open document (unsaved; the server validates the editor's text). */
export async function setText(editor: vscode.TextEditor, text: string): Promise<void> {
  const document = editor.document;
  const all = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const applied = await editor.edit((b) => b.replace(all, text));
  assert.ok(applied, 'edit was not applied');
}

/** Position just after the first occurrence of `needle` in the document (0-based line/character). */
export function positionAfter(document: vscode.TextDocument, needle: string): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" not found in ${path.basename(document.uri.path)}`);
  return document.positionAt(offset + needle.length);
}

/** Reverts unsaved changes (so no save prompt appears) and closes every editor. */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && !d.isUntitled)) {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Watches the result panels' messages from now on. `rendered(id)` resolves when a panel has rendered that result.
 * A test that makes a panel waits for it before closing editors: in the browser test host every webview is served
 * from one origin and shares one service worker, and a webview closed while its page loads leaves that worker
 * waiting (up to its 30 s resource timeout) on requests nobody will answer — the next webview's page does not load
 * until then. (VS Code desktop gives each webview an origin of its own.)
 */
export function watchPanels(api: FlowCalloutTestApi): vscode.Disposable & { seen: { direction: string; type: string; resultId?: string; panel?: string }[]; rendered(resultId: string, what: string, ms?: number): Promise<unknown> } {
  type Message = { direction: string; type: string; resultId?: string; panel?: string };
  const seen: Message[] = [];
  const waiting = new Set<(m: Message) => void>();
  const sub = api.onPanelMessage((m) => {
    seen.push(m as Message);
    for (const w of waiting) w(m as Message);
  });
  return {
    seen,
    rendered(resultId, what, ms = 20_000) {
      let check: (m: Message) => void = () => undefined;
      const done = new Promise<Message>((resolve) => {
        check = (m) => {
          if (m.direction === 'fromPanel' && m.type === 'rendered' && m.resultId === resultId) resolve(m);
        };
        waiting.add(check);
        for (const m of seen) check(m);
      });
      return withTimeout(done, ms, what, () => `messages seen: ${seen.map((m) => `${m.direction}:${m.type}`).join(', ')}`).finally(() => waiting.delete(check));
    },
    dispose: () => sub.dispose(),
  };
}
