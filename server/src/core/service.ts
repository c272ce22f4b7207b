// The language service facade: one object of feature functions over the pure core. Dependencies (the
// project index) come in as params; nothing here imports `vscode` or the LSP connection.
import { completeCallout } from './complete/callout';
import { hoverCallout } from './hover/callout';
import { documentKind, type CompletionEntry, type DocumentInput, type HoverResult } from './language';
import { CalloutDefinition, type CalloutDocument } from './model/definition';
import { maxFileMB, refuseContent } from './model/content';
import type { Problem, RuleSeverities } from './model/problem';
import type { ProjectIndex } from './project/index';
import { parseCalloutDocument, validateCalloutDocument } from './validate/callout';
import { flowLanguage } from './flow';
import { summarizeFlow } from './flow/summary';
import type { FlowSummarizer } from './project/flowSummary';

export interface LanguageServiceParams {
  /** The current project index (undefined for a single file). */
  project: () => ProjectIndex | undefined;
}

export interface LanguageService {
  validate(doc: DocumentInput, options?: { severities?: RuleSeverities; isCancelled?: () => boolean }): Problem[];
  complete(doc: DocumentInput, offset: number): CompletionEntry[];
  hover(doc: DocumentInput, offset: number): HoverResult | undefined;
  /** Parsed callout definition (cached by the caller per URI + version). */
  parseCallout(doc: DocumentInput): CalloutDocument;
  /** The project index's flow summaries from this service's flow parses (pass it to ProjectIndex.load). */
  summarizeFlow: FlowSummarizer;
  /** Why this document is not checked (binary content, over the size limit: model/content.ts), or undefined. */
  refusal(doc: DocumentInput): Problem | undefined;
  /** The document was closed: what was parsed from it is released. */
  close(uri: string): void;
}

export function getLanguageService(params: LanguageServiceParams): LanguageService {
  const cache = new Map<string, { version?: number; text: string; parsed: CalloutDocument }>();
  const parseCallout = (doc: DocumentInput): CalloutDocument => {
    const hit = cache.get(doc.uri);
    if (hit && hit.text === doc.text) return hit.parsed;
    const parsed = parseCalloutDocument(doc.text, doc.fileName);
    cache.set(doc.uri, { version: doc.version, text: doc.text, parsed });
    if (cache.size > 200) cache.delete(cache.keys().next().value as string);
    return parsed;
  };
  const severities = (extra?: RuleSeverities): RuleSeverities => ({ ...(params.project()?.ruleSeverities as RuleSeverities | undefined), ...extra });
  const validateByKind = (doc: DocumentInput, options: { severities?: RuleSeverities; isCancelled?: () => boolean }): Problem[] => {
    switch (documentKind(doc.fileName)) {
      case 'callout':
        return validateCalloutDocument(parseCallout(doc), { project: params.project(), severities: severities(options.severities), isCancelled: options.isCancelled });
      case 'flow':
        return flowLanguage.validate(doc, { project: params.project(), severities: severities(options.severities), isCancelled: options.isCancelled });
      default:
        return [];
    }
  };
  const refusal = (doc: DocumentInput): Problem | undefined => {
    const kind = documentKind(doc.fileName);
    return kind === 'flow' || kind === 'callout' ? refuseContent(kind, doc.text, maxFileMB(params.project()?.maxFileSizeMB)) : undefined;
  };
  return {
    parseCallout,
    summarizeFlow,
    refusal,
    close(uri) {
      cache.delete(uri);
      flowLanguage.close(uri);
    },
    validate(doc, options = {}) {
      try {
        const refused = refusal(doc);
        if (refused) return [refused];
        return validateByKind(doc, options);
      } catch (e) {
        return [{ offset: 0, length: 1, code: 'internal', severity: 'warning', message: `This file could not be checked (${(e as Error).message.slice(0, 160)}). Simplify its structure, or report the problem with the file attached.` }];
      }
    },
    complete(doc, offset) {
      if (refusal(doc)) return [];
      switch (documentKind(doc.fileName)) {
        case 'callout':
          return completeCallout(new CalloutDefinition(parseCallout(doc)), offset, params.project());
        case 'flow':
          return flowLanguage.complete(doc, offset, params.project());
        default:
          return [];
      }
    },
    hover(doc, offset) {
      if (refusal(doc)) return undefined;
      switch (documentKind(doc.fileName)) {
        case 'callout':
          return hoverCallout(new CalloutDefinition(parseCallout(doc)), offset, params.project());
        case 'flow':
          return flowLanguage.hover(doc, offset, params.project());
        default:
          return undefined;
      }
    },
  };
}
