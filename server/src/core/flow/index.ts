// Flow metadata (`*.flow-meta.xml`, `*.flow`) in the language service: validate (XML syntax + flow rules),
// complete, hover, go to definition and the outline, over one FlowStore (store.ts) that owns every parse and
// derivation. The model, graph and analysis live beside this file.
import type { CompletionEntry, DocumentInput, HoverResult } from '../language';
import type { Problem } from '../model/problem';
import type { ProjectView } from './projectView';
import { maxFileMB, refuseContent } from '../model/content';
import { parseXml } from '../parse/xml';
import { FlowAnalysis } from './analysis';
import { completeFlow } from './complete';
import { definitionInFlow, type DefinitionTarget } from './definition';
import { hoverFlow } from './hover';
import { buildFlowModel } from './model';
import type { FlowStore, FlowTextChange } from './store';
import { flowSymbols, type FlowSymbol } from './symbols';
import { definitionStartAt, type DefinitionStart } from './startDefinition';
import { validateFlowText, type FlowValidateOptions } from './validate';

export type { FlowValidateOptions } from './validate';
export type { DefinitionTarget } from './definition';
export type { FlowSymbol } from './symbols';
export type { FlowTextChange } from './store';
export type { DefinitionStart } from './startDefinition';

/** Binary or over the size limit (model/content.ts): not parsed, so no editor feature has anything to say. */
const refused = (doc: DocumentInput, project?: ProjectView) => !!refuseContent('flow', doc.source ?? doc.text, maxFileMB(project?.maxFileSizeMB));

export type FlowLanguage = ReturnType<typeof flowLanguageOf>;

/**
 * The flow features over `store` (the language service's). Without a store every call parses the text
 * itself and keeps nothing (tests, one-off tools).
 */
export function flowLanguageOf(store?: FlowStore) {
  const analyse = (doc: DocumentInput, project?: ProjectView) =>
    store ? store.analysis(doc.text, project, store.parse(doc.uri, doc.text)) : new FlowAnalysis(doc.text, project, buildFlowModel(doc.text, parseXml(doc.text)));
  return {
    /**
     * The editor changed an open flow by one edit (`change`: [start, end) of the text it had became `text`'s
     * part): the store's parse is patched from it, without comparing the texts or joining the new one.
     * Later calls with the same text (validation, the project index) find that parse.
     */
    didChange(uri: string, text: string, change: FlowTextChange): void {
      store?.parse(uri, text, change);
    },
    /** The editor closed the document: its parse is dropped (a model shared with another key stays there). */
    close(uri: string): void {
      store?.forget(uri);
    },
    validate(doc: DocumentInput, options: FlowValidateOptions): Problem[] {
      return validateFlowText(doc.text, { ...options, store }, doc.uri);
    },
    complete(doc: DocumentInput, offset: number, project?: ProjectView): CompletionEntry[] {
      return refused(doc, project) ? [] : completeFlow(analyse(doc, project), offset);
    },
    hover(doc: DocumentInput, offset: number, project?: ProjectView): HoverResult | undefined {
      return refused(doc, project) ? undefined : hoverFlow(analyse(doc, project), offset);
    },
    /** Where the thing at `offset` is declared: a flow element/resource (same file), a callout definition or an ESR. */
    definition(doc: DocumentInput, offset: number, project?: ProjectView): DefinitionTarget | undefined {
      return refused(doc, project) ? undefined : definitionInFlow(analyse(doc, project), offset, doc.fileName);
    },
    /** The HTTP callout action at `offset` that has no callout definition yet: what "New Callout Definition from this Flow Action" starts from. */
    definitionStart(doc: DocumentInput, offset: number, project?: ProjectView): DefinitionStart | undefined {
      return definitionStartAt(analyse(doc, project), offset);
    },
    /** The outline: start, elements (with screen fields, outcomes… inside), resources. */
    symbols(doc: DocumentInput, project?: ProjectView): FlowSymbol[] {
      return refused(doc, project) ? [] : flowSymbols(analyse(doc, project));
    },
  };
}

/** The flow features without a store: each call parses on its own and nothing is kept. */
export const flowLanguage = flowLanguageOf();
