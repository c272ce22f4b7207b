// Validation of one callout definition: syntax, schema, then every Salesforce rule through the one rule runner
// (rules/runner.ts: each guarded, so one failing rule costs its own findings only).
import { CalloutDefinition, type CalloutDocument } from '../model/definition';
import { applySeverities, dedupeProblems, type Problem, type RuleSeverities } from '../model/problem';
import { collectSampleFields, sampleShape, type SampleShape } from '../model/samples';
import { parseCalloutText } from '../parse';
import type { ProjectIndex } from '../project/index';
import { CALLOUT_RULES } from '../rules/callout';
import { runRules } from '../rules/runner';
import { validateSchema } from './schema';

/** Above this size a definition is not checked (a callout definition is a few KB). */
export const MAX_DEFINITION_SIZE = 5 * 1024 * 1024;

export interface ValidateOptions {
  project?: ProjectIndex;
  severities?: RuleSeverities;
  /** Checked between rules; validation stops early when it returns true. */
  isCancelled?: () => boolean;
}

/**
 * `previous`: the same document's last parse, whose tree the new one may partly re-use (YAML: the top-level
 * entries the edit did not touch); it is consumed — do not use it afterwards.
 */
export function parseCalloutDocument(text: string, fileName: string, previous?: CalloutDocument): CalloutDocument {
  return { fileName, text, tree: parseCalloutText(text, fileName, previous && previous.fileName === fileName ? previous.tree : undefined) };
}

export function validateCalloutDocument(doc: CalloutDocument, options: ValidateOptions = {}): Problem[] {
  const { text, tree } = doc;
  if (text.length > MAX_DEFINITION_SIZE) {
    return [{ offset: 0, length: 1, code: 'callout-too-large', severity: 'warning', message: `This file is ${(text.length / 1048576).toFixed(1)} MB; callout definitions over 5 MB are not checked. Keep large samples in a smaller representative form.` }];
  }
  const problems: Problem[] = tree.syntaxErrors.map((e) => ({ ...e, code: `${tree.flavour}-syntax`, severity: 'error' as const }));
  const root = tree.root;
  if (!root || root.type !== 'object') {
    if (!problems.length) {
      problems.push({ offset: root?.offset ?? 0, length: Math.max(1, root?.length ?? 1), code: 'schema', severity: 'error', message: 'A callout definition is a mapping with name, namedCredential, method, path and responses. Start from the "callout definition" snippet.' });
    }
    return problems;
  }
  problems.push(...validateSchema(tree));
  const def = new CalloutDefinition(doc);
  const fields = collectSampleFields(def);
  let shape: SampleShape | undefined;
  const shapeOf = () => (shape ??= sampleShape(def));
  runRules(CALLOUT_RULES, (report) => ({ def, text, fields, sampleShape: shapeOf, project: options.project, report }), problems, options);
  return applySeverities(dedupeProblems(problems), options.severities).map((p) => clampToText(p, text.length));
}

/** Every range inside the text (a parser's end-of-input node or a rule's estimate must not point past it). */
function clampToText(p: Problem, textLength: number): Problem {
  if (p.offset >= 0 && p.offset + p.length <= textLength) return p;
  const offset = Math.min(Math.max(0, p.offset), textLength);
  return { ...p, offset, length: Math.max(0, Math.min(p.length, textLength - offset)) };
}

export function validateCalloutText(text: string, fileName: string, options: ValidateOptions = {}): Problem[] {
  return validateCalloutDocument(parseCalloutDocument(text, fileName), options);
}
