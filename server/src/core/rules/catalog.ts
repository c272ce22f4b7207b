// Every rule id with its default severity, doc and source: what `flow-callout rules`, SARIF and the
// `.flowcallout.json` check (validate/settings.ts) read.
import { CALLOUT_RULES } from './callout';
import { FLOW_RULES } from './flow';
import type { RuleMeta } from './types';

export const BUILT_IN_RULES: RuleMeta[] = [
  { id: 'schema', defaultSeverity: 'error', doc: 'The definition does not match schemas/callout.schema.json.', source: 'schemas/callout.schema.json' },
  { id: 'yaml-syntax', defaultSeverity: 'error', doc: 'YAML syntax error.', source: 'YAML 1.2' },
  { id: 'json-syntax', defaultSeverity: 'error', doc: 'JSON syntax error.', source: 'RFC 8259' },
  { id: 'xml-syntax', defaultSeverity: 'error', doc: 'XML syntax error.', source: 'XML 1.0' },
  { id: 'binary-content', defaultSeverity: 'error', doc: 'A flow or callout definition holds binary content, not UTF-8 text; nothing in it is checked.', source: 'server/src/core/model/content.ts' },
  { id: 'file-too-large', defaultSeverity: 'warning', doc: 'A file over the size limit ("maxFileSizeMB" in .flowcallout.json, default 10) is not checked.', source: 'server/src/core/model/content.ts' },
  { id: 'settings', defaultSeverity: 'error', doc: 'A value in .flowcallout.json that is not one the tools accept (unknown rule id, severity or key).', source: 'schemas/flowcallout.schema.json' },
];

/** Built-in checks, then the callout-definition rules, then the flow rules. */
export function coreRuleCatalog(): RuleMeta[] {
  const meta = ({ id, defaultSeverity, doc, source }: RuleMeta): RuleMeta => ({ id, defaultSeverity, doc, source });
  return [...BUILT_IN_RULES, ...CALLOUT_RULES.map(meta), ...FLOW_RULES.map(meta)];
}
