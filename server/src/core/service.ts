// The language service facade: one object of feature functions over the pure core, and the one door the
// language server and the CLI use. It owns the flow store (core/flow/store.ts: every flow parse and
// derivation), the callout parse cache and the project session (core/session.ts: the project index, lazy flow
// reading, file changes). Nothing here imports `vscode` or the LSP connection.
import { completeCallout } from './complete/callout';
import { hoverCallout } from './hover/callout';
import { documentKind, type CompletionEntry, type DocumentInput, type HoverResult } from './language';
import { CalloutDefinition, type CalloutDocument } from './model/definition';
import { maxFileMB, refuseContent } from './model/content';
import type { Problem, RuleSeverities } from './model/problem';
import type { ProjectIndex } from './project/index';
import { parseCalloutDocument, validateCalloutDocument } from './validate/callout';
import { flowLanguageOf, type DefinitionStart, type DefinitionTarget, type FlowSymbol, type FlowTextChange } from './flow';
import { FlowStore, type FlowStoreOptions } from './flow/store';
import { validateSettingsText } from './validate/settings';
import { internalProblem } from './rules/runner';
import type { FlowSummarizer } from './project/flowSummary';
import type { ProjectFs } from './project/fs';
import { ProjectSession } from './session';
import { contextFromProject, type CalloutContext } from './callout/context';
import { sendTargets, type ProjectSendTarget } from './callout/targets';

export interface LanguageServiceParams {
  /**
   * A project index owned elsewhere (tests that build one by hand; undefined for a single file). Without it the
   * service reads its own session's index (`session.load`).
   */
  project?: () => ProjectIndex | undefined;
  /** The session's file access (the server's runtime fs, the CLI's). */
  fs?: ProjectFs;
  /**
   * The session's index parses callout definitions through this service's cache (keyed by path), so the index
   * and validation share one parse per definition (the CLI, which checks files by path).
   */
  shareCalloutParses?: boolean;
  /** The flow store's options (default: incremental unless FLOW_CALLOUT_NO_INCREMENTAL=1, 8 models kept). */
  flowStore?: FlowStoreOptions;
}

export interface LanguageService {
  validate(doc: DocumentInput, options?: { severities?: RuleSeverities; isCancelled?: () => boolean }): Problem[];
  complete(doc: DocumentInput, offset: number): CompletionEntry[];
  hover(doc: DocumentInput, offset: number): HoverResult | undefined;
  /** Parsed callout definition (cached by the caller per URI + version). */
  parseCallout(doc: DocumentInput): CalloutDocument;
  /** A definition file's parse from this service's cache, keyed by its path (pass it to ProjectIndex.load as parseCallout). */
  parseCalloutFile(file: string, text: string): CalloutDocument;
  /** The project index's flow summaries from this service's flow parses (pass it to ProjectIndex.load). */
  summarizeFlow: FlowSummarizer;
  /** The editor changed an open document by one edit (a flow's parse is patched from it). */
  didChange(uri: string, fileName: string, text: string, change: FlowTextChange | undefined): void;
  /** The document was closed: what was kept for it is dropped. */
  didClose(uri: string): void;
  /** Where the thing at `offset` is declared (flows: an element/resource, a callout definition or an ESR). */
  definition(doc: DocumentInput, offset: number): DefinitionTarget | undefined;
  /** The HTTP callout action at `offset` of a flow that has no callout definition yet (New Callout Definition…). */
  definitionStart(doc: DocumentInput, offset: number): DefinitionStart | undefined;
  /** The outline of a flow (start, elements with what is inside them, resources); empty for other kinds. */
  symbols(doc: DocumentInput): FlowSymbol[];
  /** This service's flow store (tests, the CLI's parse counts). */
  readonly flowStore: FlowStore;
  /** Why this document is not checked (binary content, over the size limit: model/content.ts), or undefined. */
  refusal(doc: DocumentInput): Problem | undefined;
  /** The document was closed: what was parsed from it is released. */
  close(uri: string): void;
  /** The project this service reads: its index, lazy flow reading and file changes (core/session.ts). */
  readonly session: ProjectSession;
  /** Send Test Callout's project context of one definition (its credential, calling flow) from the project. */
  calloutContext(definition: { text: string; fileName: string }, readFile: (file: string) => Promise<string>): Promise<CalloutContext>;
  /** Every callout definition and flow External Service action of the project (Send Test Callout's pick list). */
  sendTargets(): ProjectSendTarget[];
}

export function getLanguageService(params: LanguageServiceParams = {}): LanguageService {
  const flowStore = new FlowStore(params.flowStore);
  const flowLanguage = flowLanguageOf(flowStore);
  const cache = new Map<string, { version?: number; text: string; parsed: CalloutDocument }>();
  const parseCallout = (doc: DocumentInput): CalloutDocument => {
    const hit = cache.get(doc.uri);
    if (hit && hit.text === doc.text) return hit.parsed;
    // The previous version's tree is handed over (and consumed): YAML re-parses only the entries an edit touched.
    const parsed = parseCalloutDocument(doc.text, doc.fileName, hit?.parsed);
    cache.set(doc.uri, { version: doc.version, text: doc.text, parsed });
    if (cache.size > 200) cache.delete(cache.keys().next().value as string);
    return parsed;
  };
  const parseCalloutFile = (file: string, text: string) => parseCallout({ uri: file, fileName: file, text });
  const session = new ProjectSession({
    fs: params.fs, summarizeFlow: flowStore.summarize, parseCallout,
    indexParseCallout: params.shareCalloutParses ? parseCalloutFile : undefined,
  });
  const project = (): ProjectIndex | undefined => (params.project ? params.project() : session.index);
  const severities = (extra?: RuleSeverities): RuleSeverities => ({ ...(project()?.ruleSeverities as RuleSeverities | undefined), ...extra });
  const validateByKind = (doc: DocumentInput, options: { severities?: RuleSeverities; isCancelled?: () => boolean }): Problem[] => {
    switch (documentKind(doc.fileName)) {
      case 'callout':
        return validateCalloutDocument(parseCallout(doc), { project: project(), severities: severities(options.severities), isCancelled: options.isCancelled });
      case 'flow':
        return flowLanguage.validate(doc, { project: project(), severities: severities(options.severities), isCancelled: options.isCancelled });
      case 'settings':
        // Not subject to its own severities: a broken settings file must stay visible.
        return validateSettingsText(doc.text);
      default:
        return [];
    }
  };
  const refusal = (doc: DocumentInput): Problem | undefined => {
    const kind = documentKind(doc.fileName);
    return kind === 'flow' || kind === 'callout' ? refuseContent(kind, doc.source ?? doc.text, maxFileMB(project()?.maxFileSizeMB)) : undefined;
  };
  return {
    parseCallout,
    parseCalloutFile,
    session,
    calloutContext: (definition, readFile) => contextFromProject(project(), definition, readFile),
    sendTargets: () => {
      const index = project();
      return index ? sendTargets(index) : [];
    },
    summarizeFlow: flowStore.summarize,
    flowStore,
    refusal,
    didChange(uri, fileName, text, change) {
      if (change && documentKind(fileName) === 'flow') flowLanguage.didChange(uri, text, change);
    },
    didClose(uri) {
      flowStore.forget(uri);
      cache.delete(uri);
    },
    close(uri) {
      flowStore.forget(uri);
      cache.delete(uri);
    },
    definition(doc, offset) {
      return documentKind(doc.fileName) === 'flow' ? flowLanguage.definition(doc, offset, project()) : undefined;
    },
    definitionStart(doc, offset) {
      return documentKind(doc.fileName) === 'flow' ? flowLanguage.definitionStart(doc, offset, project()) : undefined;
    },
    symbols(doc) {
      return documentKind(doc.fileName) === 'flow' ? flowLanguage.symbols(doc, project()) : [];
    },
    validate(doc, options = {}) {
      try {
        // Files the project's .flowcallout.json `ignore` globs name are not checked.
        const index = project();
        if (index?.settings.isIgnored(doc.fileName, index.root) && documentKind(doc.fileName) !== 'settings') return [];
        const refused = refusal(doc);
        if (refused) return [refused];
        return validateByKind(doc, options);
      } catch (e) {
        return [internalProblem(e)];
      }
    },
    complete(doc, offset) {
      if (refusal(doc)) return [];
      switch (documentKind(doc.fileName)) {
        case 'callout':
          return completeCallout(new CalloutDefinition(parseCallout(doc)), offset, project());
        case 'flow':
          return flowLanguage.complete(doc, offset, project());
        default:
          return [];
      }
    },
    hover(doc, offset) {
      if (refusal(doc)) return undefined;
      switch (documentKind(doc.fileName)) {
        case 'callout':
          return hoverCallout(new CalloutDefinition(parseCallout(doc)), offset, project());
        case 'flow':
          return flowLanguage.hover(doc, offset, project());
        default:
          return undefined;
      }
    },
  };
}
