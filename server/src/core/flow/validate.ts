// Validation of one flow file: XML syntax, then every flow rule over the shared analysis through the one rule
// runner (rules/runner.ts: each rule guarded, so one failing rule costs its own findings only).
import { applySeverities, dedupeProblems, type Problem, type RuleSeverities } from '../model/problem';
import type { ProjectView } from './projectView';
import { FLOW_RULES } from '../rules/flow';
import { runRules } from '../rules/runner';
import { FlowAnalysis } from './analysis';
import { buildFlowModel, type FlowModel } from './model';
import { parseXml } from '../parse/xml';
import type { FlowStore } from './store';

export interface FlowValidateOptions {
  project?: ProjectView;
  severities?: RuleSeverities;
  isCancelled?: () => boolean;
  /** The language service's flow store (parse cache, shared analysis state); without it, a parse of its own. */
  store?: FlowStore;
}

/** Above this size a flow is only checked for XML syntax (the largest real flows are well under 2 MB). */
export const MAX_FLOW_SIZE = 16 * 1024 * 1024;

export function validateFlowText(text: string, options: FlowValidateOptions = {}, uri = ''): Problem[] {
  return validateFlowModel(options.store ? options.store.parse(uri, text) : buildFlowModel(text, parseXml(text)), options);
}

/** Validation of a parsed flow (validateFlowText takes it from the store's parse cache). */
export function validateFlowModel(model: FlowModel, options: FlowValidateOptions = {}): Problem[] {
  const text = model.text;
  const problems: Problem[] = model.xml.syntaxErrors.map((e) => ({ ...e, code: 'xml-syntax', severity: 'error' as const }));
  if (!model.root) {
    if (!problems.length) problems.push({ offset: 0, length: 1, code: 'xml-syntax', severity: 'error', message: 'This file has no <Flow> element. A flow file is the XML Salesforce retrieves: <Flow xmlns="http://soap.sforce.com/2006/04/metadata">…</Flow>.' });
    return applySeverities(problems, options.severities);
  }
  if (!model.isFlow) {
    const root = model.root;
    problems.push({ offset: root.offset + 1, length: Math.max(1, root.name.length), code: 'xml-syntax', severity: 'error', message: `The root element is <${root.name}>; a flow file's root is <Flow xmlns="http://soap.sforce.com/2006/04/metadata">.` });
    return applySeverities(problems, options.severities);
  }
  if (text.length > MAX_FLOW_SIZE) return applySeverities(problems, options.severities);
  const analysis = new FlowAnalysis(text, options.project, model, options.store?.states);
  runRules(FLOW_RULES, (report) => ({ analysis, report }), problems, options);
  return applySeverities(dedupeProblems(problems), options.severities);
}
