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
import { ProjectIndex } from '../core/project/index';
import { CalloutDefinition } from '../core/model/definition';
import { classifyFile, ESR_SCHEMA_GLOB, flowNameOf, PROJECT_FILES_GLOB } from '../core/project/fileKinds';
import type { RuntimeEnvironment } from './runtime';
import { getLanguageService } from '../core/service';
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

  let project: ProjectIndex | undefined;
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let root: string | undefined;
  let canPullConfig = false;
  let canWatch = false;
  let canShowProgress = false;
  /** Settled when the first index (all but the flows not open) is in: documents opened before wait for it. */
  let firstIndexDone: () => void = () => undefined;
  let firstIndex: Promise<void> = Promise.resolve();
  let firstIndexSettled = true;
  /** Open documents whose flows (ensureFlowsFor) were read into the current index. */
  const ensured = new Set<string>();
  const service = getLanguageService({ project: () => project });

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
  function announce(index: ProjectIndex) {
    const counts = {
      namedCredentials: index.namedCredentials.size, externalCredentials: index.externalCredentials.size, esrs: index.esrs.size,
      flows: index.flows.size, callouts: index.callouts.size, objects: index.objectFields.size,
    };
    if (root) connection.sendNotification(ProjectIndexed, { root, counts, errors: index.indexErrors.size });
    return counts;
  }

  /**
   * Lazy indexing. The index is loaded with every file but the flows read (definitions, registrations,
   * credentials, fields, Apex: what any document's checks read), flows only listed. The open documents get
   * their diagnostics first, once the flows they read (their subflows and flow actions, transitively) are in;
   * the other flows are read in the background, in chunks, under a window/workDoneProgress; when the last one
   * is in, `flows` is put in walk order (ProjectIndex.finishFlows: the same index an eager load gives),
   * ProjectIndexed is sent and every open document is checked again (the project-wide checks: callouts
   * reached through subflows, unknown subflows). FLOW_CALLOUT_EAGER_INDEX=1 reads every flow before any
   * diagnostics (to bisect a suspected lazy-indexing bug). Owners: this function owns the background pass
   * (one per index: a new reindex() leaves the old one to stop at its next chunk); the index owns which flows
   * are read; a document opened meanwhile waits only for the flows it reads (ensureFlowsFor).
   */
  async function reindex(): Promise<void> {
    if (!root) return;
    const started = Date.now();
    const eager = process.env.FLOW_CALLOUT_EAGER_INDEX === '1';
    let index: ProjectIndex | undefined;
    try {
      index = await ProjectIndex.load(root, runtime.fs, { summarizeFlow: service.summarizeFlow }, { flows: eager ? 'read' : 'defer' });
      project = index;
      ensured.clear();
      for (const doc of documents.all()) await ensureFlowsFor(index, doc);
      log(`Indexed ${root} in ${Date.now() - started} ms${index.unreadFlowCount ? ` (${index.unreadFlowCount} flows still to read, in the background)` : ''}`);
      await publishSettingsProblems(path.join(root, SETTINGS_FILE));
    } catch (e) {
      log(formatError(`Could not index the project at ${root}`, e));
    }
    firstIndexSettled = true;
    firstIndexDone();
    revalidateAll(documents.all());
    if (index && project === index) await readRemainingFlows(index, started);
  }

  /**
   * Diagnostics for `doc` once what they read is in: not from a half-read project while the first index is
   * loading (they would be withdrawn a moment later), and, while flows are read in the background, only after
   * the flows this document reads (ensureFlowsFor, once per document and index).
   */
  function schedule(doc: TextDocument, delay?: number): void {
    if (firstIndexSettled && (!project?.unreadFlowCount || ensured.has(doc.uri))) {
      diagnostics.schedule(doc, delay);
      return;
    }
    void (async () => {
      await firstIndex;
      if (project?.unreadFlowCount && !ensured.has(doc.uri)) await ensureFlowsFor(project, doc);
      if (documents.get(doc.uri) === doc) diagnostics.schedule(doc, delay);
    })();
  }

  function revalidateAll(docs: TextDocument[]): void {
    for (const d of docs) schedule(d);
  }

  /** The flows an open document's checks read, before its diagnostics (lazy indexing: reindex). */
  async function ensureFlowsFor(index: ProjectIndex, doc: TextDocument): Promise<void> {
    if (!index.unreadFlowCount) return;
    const file = URI.toFsPath(doc.uri);
    const kind = documentKind(file);
    try {
      if (kind === 'flow') {
        const summary = service.summarizeFlow(file, doc.getText());
        await index.readFlowsNamed([summary.name, ...summary.actionCalls.filter((a) => a.actionType === 'flow').map((a) => a.actionName ?? ''), ...subflowNames(doc.getText())], runtime.fs);
      } else if (kind === 'callout') {
        const flow = new CalloutDefinition(service.parseCallout(input(doc))).flow;
        await index.readFlowsNamed([], runtime.fs, flow ? [flow] : []);
      }
    } catch (e) {
      log(formatError(`Could not read the flows ${doc.uri} refers to`, e));
    }
    if (index === project) ensured.add(doc.uri);
  }

  const FLOW_CHUNK = 25;
  async function readRemainingFlows(index: ProjectIndex, started: number): Promise<void> {
    const files = index.unreadFlows();
    const progress = files.length && canShowProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin(INDEXING_PROGRESS_TITLE, 0, `${files.length} flows`);
    try {
      for (let i = 0; i < files.length; i += FLOW_CHUNK) {
        if (project !== index) return; // re-indexed meanwhile: that pass owns the index now
        await index.readFlows(files.slice(i, i + FLOW_CHUNK), runtime.fs);
        progress?.report(Math.round((100 * Math.min(files.length, i + FLOW_CHUNK)) / files.length), `${Math.min(files.length, i + FLOW_CHUNK)} of ${files.length} flows`);
        // Let requests and edits in between chunks.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (project !== index) return;
      index.finishFlows();
      log(`Indexed every flow of ${root} in ${Date.now() - started} ms: ${JSON.stringify(announce(index))}`);
      for (const [file, err] of index.indexErrors) log(`Could not read ${file}: ${err}`);
      if (files.length) revalidateAll(documents.all());
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
    if (!project) return;
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
        project.remove(file);
        if (kind === 'settings') await publishSettingsProblems(file);
      } else {
        const open = documents.get(change.uri);
        if (open) project.update(file, open.getText());
        else await project.reload(file, runtime.fs);
        const error = project.indexErrors.get(file);
        if (error) log(`Could not read ${file}: ${error}`);
        if (kind === 'settings') await publishSettingsProblems(file);
      }
    }
    if (touched) {
      announce(project);
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
    const metadata = classifyFile(file);
    if (project && metadata && metadata !== 'project') {
      const before = dependencyState(project);
      project.update(file, e.document.getText(), piecesOf(e.document));
      if (!sameState(dependencyState(project), before)) revalidateAll(documents.all().filter((d) => d.uri !== e.document.uri));
    }
  });
  documents.onDidClose(async (e) => {
    const uri = e.document.uri;
    diagnostics.clear(uri);
    ensured.delete(uri);
    // A closed document keeps nothing: its parses go, and the index falls back to the file on disk (the
    // unsaved text it had is gone), or forgets a document that was never saved.
    service.close(uri);
    const file = URI.toFsPath(uri);
    if (!project || documentKind(file) === 'other' || !classifyFile(file)) return;
    const exists = await runtime.fs.exists(file);
    if (documents.get(uri)) return; // opened again meanwhile: the editor's text is what counts
    if (exists) await project.reload(file, runtime.fs);
    else project.remove(file);
    revalidateAll(documents.all());
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

  registerCustomHandlers(connection, { documents, service, project: () => project, log, runSafeAsync });

  documents.listen(connection);
  connection.listen();
}

/** The flows a flow's subflow elements name (all of them, reachable or not: a superset of what its checks read). */
function subflowNames(text: string): string[] {
  return [...text.matchAll(/<flowName>\s*([^<\s]+)\s*<\/flowName>/g)].map((m) => m[1]);
}

function piecesOf(doc: TextDocument): SourceText | undefined {
  return doc instanceof ServerDocument ? doc.pieces : undefined;
}

/**
 * What other documents read of the project: the analysed kinds' generation, rule severities, and the flows'
 * summaries (the same objects while an edit leaves a flow's model alone). Compared before and after an edit.
 */
function dependencyState(project: ProjectIndex): unknown[] {
  return [project.generation, JSON.stringify(project.ruleSeverities), ...project.flows.values()];
}

function sameState(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
