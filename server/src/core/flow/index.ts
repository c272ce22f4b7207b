// Flow metadata (`*.flow-meta.xml`, `*.flow`) in the language service: validate, complete, hover.
// Today: XML syntax. The flow model, graph and callout lint extend this module.
import type { CompletionEntry, DocumentInput, HoverResult } from '../language';
import { applySeverities, type Problem, type RuleSeverities } from '../model/problem';
import { parseXml } from '../parse/xml';
import type { ProjectIndex } from '../project/index';

export interface FlowValidateOptions {
  project?: ProjectIndex;
  severities?: RuleSeverities;
  isCancelled?: () => boolean;
}

export const flowLanguage = {
  validate(doc: DocumentInput, options: FlowValidateOptions): Problem[] {
    const xml = parseXml(doc.text);
    const problems: Problem[] = xml.syntaxErrors.map((e) => ({ ...e, code: 'xml-syntax', severity: 'error' as const }));
    if (!xml.root && !problems.length) problems.push({ offset: 0, length: 1, code: 'xml-syntax', severity: 'error', message: 'This file has no <Flow> element. A flow file is the XML Salesforce retrieves: <Flow xmlns="http://soap.sforce.com/2006/04/metadata">…</Flow>.' });
    return applySeverities(problems, options.severities);
  },
  complete(_doc: DocumentInput, _offset: number, _project?: ProjectIndex): CompletionEntry[] {
    return [];
  },
  hover(_doc: DocumentInput, _offset: number, _project?: ProjectIndex): HoverResult | undefined {
    return undefined;
  },
};
