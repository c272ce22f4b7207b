// The language server: thin LSP handlers over the pure language service. Platform pieces (timers, file
// access) come in through `runtime`, so the same server runs in VS Code (IPC) and any editor (stdio).
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocuments, TextDocumentSyncKind,
  type CodeAction, type Command,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_DOCUMENTS, ServerDocument } from './document';
import type { SourceText } from '../core/flow/source';
import { URI } from './uri';
import { documentKind, type DocumentInput } from '../core/language';
import { classifyFile, ESR_SCHEMA_GLOB, flowNameOf, PROJECT_FILES_GLOB } from '../core/project/fileKinds';
import type { RuntimeEnvironment } from './runtime';
import { getLanguageService } from '../core/service';
import type { FlowReadingPass } from '../core/session';
import { DEFAULT_SETTINGS, INDEXING_PROGRESS_TITLE, ProjectIndexed, type ServerSettings } from '../protocol';
import { toCodeActions, toCompletionItem, toDiagnostic, toDocumentSymbols, toHover, toLocation } from './convert';
import { SETTINGS_FILE } from '../core/project/settings';
import * as path from 'node:path';
import { formatError, runSafe, runSafeAsync } from './runner';
import { DiagnosticsScheduler } from './diagnostics';
import { registerCustomHandlers } from './custom';
import { VERSION } from '../version';

export type { RuntimeEnvironment } from './runtime';

export function startServer(connection: Connection, runtime: RuntimeEnvironment): void {
  // Like TextDocument, but a large document keeps its text in a buffer edited in place (document.ts).
  const documents: TextDocuments<TextDocument> = new TextDocuments(SERVER_DOCUMENTS);
  const log = (msg: string) => connection.console.log(msg);
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
  process.on('unhandledRejection', (e) => connection.console.error(formatError('Unhandled rejection', e)));

  let settings: ServerSettings = DEFAULT_SETTINGS;
  let root: string | undefined;
  let canPullConfig = false;
  let canWatch = false;
  let canShowProgress = false;
  /** Settled when the first index (all but the flows not open) is in: documents opened before wait for it. */
  let firstIndexDone: () => void = () => undefined;
  let firstIndex: Promise<void> = Promise.resolve();
  let firstIndexSettled = true;
  // The one door to the core: the service owns the project session (its index, which flows are read, which open
  // documents have the flows they read); this file keeps the LSP plumbing around it.
  const service = getLanguageService({ fs: runtime.fs });
  const session = service.session;

  // `source`: the document's pieces, so the checks that read only its first characters (binary content) do not
  // join an edited text into one string on every keystroke.
  const input = (doc: TextDocument): DocumentInput => ({ uri: doc.uri, fileName: URI.toFsPath(doc.uri), text: doc.getText(), version: doc.version, source: piecesOf(doc) });
  const diagnostics = new DiagnosticsScheduler(connection, runtime, (doc, isCancelled) => {
    if (!settings.validation.enable) return [];
    return service.validate(input(doc), { severities: settings.rules, isCancelled });
  }, () => settings.validation.debounceMs, log);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    root = folder ? URI.toFsPath(folder) : undefined;
    if (root) {
      firstIndexSettled = false;
      firstIndex = new Promise<void>((resolve) => (firstIndexDone = resolve));
    }
    canPullConfig = !!params.capabilities.workspace?.configuration;
    canWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canShowProgress = !!params.capabilities.window?.workDoneProgress;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['.', '!', ':', ' ', '"', '{', '<', '>'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.extract'] },
      },
      serverInfo: { name: 'Flow Callout Studio language server', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfig) connection.client.register(DidChangeConfigurationNotification.type, { section: 'flowCallout' }).catch(() => undefined);
    if (canWatch) {
      connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: PROJECT_FILES_GLOB },
          // Decomposed registrations' schemas (X.yaml beside X.externalServiceRegistration-meta.xml; classifyFile).
          { globPattern: ESR_SCHEMA_GLOB }],
      }).catch(() => undefined);
    }
    await refreshSettings();
    await reindex();
  });

  async function refreshSettings(): Promise<void> {
    if (!canPullConfig) return;
    try {
      const [cfg] = (await connection.workspace.getConfiguration([{ section: 'flowCallout' }])) as Partial<{ validation: Partial<ServerSettings['validation']>; rules: ServerSettings['rules'] }>[];
      settings = {
        validation: { ...DEFAULT_SETTINGS.validation, ...(cfg?.validation ?? {}) },
        rules: { ...(cfg?.rules ?? {}) },
      };
    } catch (e) {
      log(formatError('Could not read the flowCallout settings; using defaults', e));
    }
  }

  /** Tells the client what the index holds (the status bar item's counts); after indexing and after file changes. */
  function announce() {
    const held = session.counts();
    if (root && held) connection.sendNotification(ProjectIndexed, { root, counts: held.counts, errors: held.errors });
    return held?.counts;
  }

  /**
   * Lazy indexing. The index is loaded with every file but the flows read (definitions, registrations,
   * credentials, fields, Apex: what any document's checks read), flows only listed. The open documents get
   * their diagnostics first, once the flows they read (their subflows and flow actions, transitively) are in;
   * the other flows are read in the background, in chunks, under a window/workDoneProgress; when the last one
   * is in, `flows` is put in walk order (ProjectIndex.finishFlows: the same index an eager load gives),
   * ProjectIndexed is sent and every open document is checked again (the project-wide checks: callouts
   * reached through subflows, unknown subflows). FLOW_CALLOUT_EAGER_INDEX=1 reads every flow before any
   * diagnostics (to bisect a suspected lazy-indexing bug). Owners: the session (core/session.ts) owns the index,
   * which flows are read and which open documents have theirs (readFlowsFor); this file owns the background
   * loop and its progress (one pass per index: a new reindex() leaves the old pass to stop at its next chunk).
   */
  async function reindex(): Promise<void> {
    if (!root) return;
    const started = Date.now();
    const eager = process.env.FLOW_CALLOUT_EAGER_INDEX === '1';
    let pass: FlowReadingPass | undefined;
    try {
      await session.load(root, { flows: eager ? 'read' : 'defer', definitions: eager ? 'eager' : 'lazy' });
      pass = session.remainingFlows();
      for (const doc of documents.all()) await readFlowsFor(doc);
      log(`Indexed ${root} in ${Date.now() - started} ms${session.unreadFlowCount ? ` (${session.unreadFlowCount} flows still to read, in the background)` : ''}`);
      await publishSettingsProblems(path.join(root, SETTINGS_FILE));
    } catch (e) {
      log(formatError(`Could not index the project at ${root}`, e));
    }
    firstIndexSettled = true;
    firstIndexDone();
    revalidateAll(documents.all());
    if (pass?.current) await readRemainingFlows(pass, started);
  }

  /**
   * Diagnostics for `doc` once what they read is in: not from a half-read project while the first index is
   * loading (they would be withdrawn a moment later), and, while flows are read in the background, only after
   * the flows this document reads (ensureFlowsFor, once per document and index).
   */
  function schedule(doc: TextDocument, delay?: number): void {
    if (firstIndexSettled && !session.waitsForFlows(doc.uri)) {
      diagnostics.schedule(doc, delay);
      return;
    }
    void (async () => {
      await firstIndex;
      if (session.waitsForFlows(doc.uri)) await readFlowsFor(doc);
      if (documents.get(doc.uri) === doc) diagnostics.schedule(doc, delay);
    })();
  }

  function revalidateAll(docs: TextDocument[]): void {
    for (const d of docs) schedule(d);
  }

  /** The flows an open document's checks read, before its diagnostics (lazy indexing: reindex). */
  async function readFlowsFor(doc: TextDocument): Promise<void> {
    try {
      await session.readFlowsFor(input(doc));
    } catch (e) {
      log(formatError(`Could not read the flows ${doc.uri} refers to`, e));
    }
  }

  const FLOW_CHUNK = 25;
  async function readRemainingFlows(pass: FlowReadingPass, started: number): Promise<void> {
    const total = pass.total;
    const progress = total && canShowProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin(INDEXING_PROGRESS_TITLE, 0, `${total} flows`);
    try {
      // False once every flow is read, or when a newer reindex() replaced the index (its own pass owns it now).
      while (await pass.readNext(FLOW_CHUNK)) {
        progress?.report(Math.round((100 * pass.done) / total), `${pass.done} of ${total} flows`);
        // Let requests and edits in between chunks.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (!pass.finish()) return;
      log(`Indexed every flow of ${root} in ${Date.now() - started} ms: ${JSON.stringify(announce())}`);
      for (const [file, err] of session.indexErrors()) log(`Could not read ${file}: ${err}`);
      if (total) revalidateAll(documents.all());
    } catch (e) {
      log(formatError(`Could not index the flows of ${root}`, e));
    } finally {
      progress?.done();
    }
  }

  /**
   * `.flowcallout.json` is not one of the client's documents (VS Code's JSON support edits it, with
   * schemas/flowcallout.schema.json): its problems are pushed whenever the file is read, so a misspelt rule or
   * severity shows as an error in the file instead of being ignored.
   */
  async function publishSettingsProblems(file: string, text?: string): Promise<void> {
    const uri = URI.fromFsPath(file);
    try {
      const content = text ?? ((await runtime.fs.exists(file)) ? await runtime.fs.readFile(file) : undefined);
      if (content === undefined) {
        connection.sendDiagnostics({ uri, diagnostics: [] });
        return;
      }
      const doc = TextDocument.create(uri, 'json', 0, content);
      connection.sendDiagnostics({ uri, diagnostics: service.validate({ uri, fileName: file, text: content }).map((p) => toDiagnostic(doc, p)) });
    } catch (e) {
      log(formatError(`Could not check ${file}`, e));
    }
  }

  connection.onDidChangeConfiguration(async () => {
    await refreshSettings();
    revalidateAll(documents.all());
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    if (!session.loaded) return;
    let touched = false;
    for (const change of params.changes) {
      const file = URI.toFsPath(change.uri);
      const kind = classifyFile(file);
      if (!kind) continue;
      touched = true;
      if (kind === 'project') {
        await reindex();
        return;
      }
      if (change.type === FileChangeType.Deleted) {
        session.fileDeleted(file);
        if (kind === 'settings') await publishSettingsProblems(file);
      } else {
        const error = await session.fileChanged(file, documents.get(change.uri)?.getText());
        if (error) log(`Could not read ${file}: ${error}`);
        if (kind === 'settings') await publishSettingsProblems(file);
      }
    }
    if (touched) {
      announce();
      revalidateAll(documents.all());
    }
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => {
    const file = URI.toFsPath(e.document.uri);
    const kind = documentKind(file);
    // A flow typed in: its parse is patched from the change itself (the big text is never compared or joined).
    const change = (e.document as ServerDocument).lastChange;
    // Binary or past the size limit (core/model/content.ts): not parsed; validation reports why.
    if (kind === 'flow' && change && !service.refusal(input(e.document))) {
      try {
        service.didChange(e.document.uri, file, e.document.getText(), change);
      } catch (err) {
        log(formatError(`Could not patch the parse of ${e.document.uri}`, err));
      }
    }
    schedule(e.document);
    // Keep the index in step with unsaved edits of files other documents depend on (definitions, registrations,
    // fields, Apex classes, flows, .flowcallout.json); when what they read changed, re-check the other open
    // documents (debounced like any edit).
    if (session.editorChanged(file, e.document.getText(), piecesOf(e.document))) {
      revalidateAll(documents.all().filter((d) => d.uri !== e.document.uri));
    }
  });
  documents.onDidClose(async (e) => {
    const uri = e.document.uri;
    diagnostics.clear(uri);
    session.forgetDocument(uri);
    // A closed document keeps nothing: its parses go, and the index falls back to the file on disk (the
    // unsaved text it had is gone), or forgets a document that was never saved.
    service.close(uri);
    // Opened again meanwhile: the editor's text is what counts.
    if (await session.documentClosed(URI.toFsPath(uri), () => !documents.get(uri))) revalidateAll(documents.all());
  });

  connection.onCompletion((params, token) => runSafe(log, () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const offset = doc.offsetAt(params.position);
    const entries = service.complete(input(doc), offset);
    const text = doc.getText();
    const word = /[A-Za-z0-9_$.]*$/.exec(text.slice(Math.max(0, offset - 200), offset))![0];
    return { isIncomplete: false, items: entries.map((e) => toCompletionItem(doc, e, { offset: offset - word.length, length: word.length })) };
  }, null, `Completion failed for ${params.textDocument.uri}`, token));

  connection.onHover((params, token) => runSafe(log, () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const h = service.hover(input(doc), doc.offsetAt(params.position));
    return h ? toHover(doc, h) : null;
  }, null, `Hover failed for ${params.textDocument.uri}`, token));

  // Go to definition in flow XML: reference → declaration; actionName/callout output → definition or ESR file.
  connection.onDefinition((params, token) => runSafe(log, () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const target = service.definition(input(doc), doc.offsetAt(params.position));
    return target ? toLocation(doc, target) : null;
  }, null, `Definition failed for ${params.textDocument.uri}`, token));

  // Outline of a flow: start, elements (screen fields, outcomes inside), resources.
  connection.onDocumentSymbol((params, token) => runSafe(log, () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || documentKind(URI.toFsPath(doc.uri)) !== 'flow') return null;
    return toDocumentSymbols(doc, service.symbols(input(doc)));
  }, null, `Outline failed for ${params.textDocument.uri}`, token));

  connection.onCodeAction((params, token) => runSafe(log, () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const actions: (CodeAction | Command)[] = params.context.diagnostics.flatMap((d) => toCodeActions(doc, d));
    // On an HTTP callout action in a flow that has no definition yet: start one (the client's command asks the rest).
    {
      const start = service.definitionStart(input(doc), doc.offsetAt(params.range.start));
      if (start) {
        const title = 'New Callout Definition from this Flow Action';
        const flowName = flowNameOf(URI.toFsPath(doc.uri));
        actions.push({
          title, kind: CodeActionKind.RefactorExtract,
          command: { title, command: 'flowCallout.newCalloutDefinition', arguments: [null, { name: start.service, operation: start.operation, origin: `Started from flow action ${start.element} (${start.service}.${start.operation}) in flow ${flowName}.` }] },
        });
      }
    }
    return actions;
  }, [], `Code actions failed for ${params.textDocument.uri}`, token));

  registerCustomHandlers(connection, { documents, service, log, runSafeAsync });

  documents.listen(connection);
  connection.listen();
}

function piecesOf(doc: TextDocument): SourceText | undefined {
  return doc instanceof ServerDocument ? doc.pieces : undefined;
}
