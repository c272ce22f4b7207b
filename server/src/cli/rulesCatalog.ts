// Every rule the CLI and docs know about, with id, default severity, doc and source.
import { CALLOUT_RULES } from '../core/rules/callout';
import { FLOW_RULES } from '../core/rules/flow';
import type { RuleMeta } from '../core/rules/types';

const BUILT_IN: RuleMeta[] = [
  { id: 'schema', defaultSeverity: 'error', doc: 'The definition does not match schemas/callout.schema.json.', source: 'schemas/callout.schema.json' },
  { id: 'yaml-syntax', defaultSeverity: 'error', doc: 'YAML syntax error.', source: 'YAML 1.2' },
  { id: 'json-syntax', defaultSeverity: 'error', doc: 'JSON syntax error.', source: 'RFC 8259' },
  { id: 'xml-syntax', defaultSeverity: 'error', doc: 'XML syntax error.', source: 'XML 1.0' },
  { id: 'binary-content', defaultSeverity: 'error', doc: 'A flow or callout definition holds binary content, not UTF-8 text; nothing in it is checked.', source: 'server/src/core/model/content.ts' },
  { id: 'file-too-large', defaultSeverity: 'warning', doc: 'A file over the size limit ("maxFileSizeMB" in .flowcallout.json, default 10) is not checked.', source: 'server/src/core/model/content.ts' },
];

const extra: RuleMeta[] = [];

/** Lets other rule families (flow lint) add their rules to the catalog. */
export function registerRuleMeta(rules: RuleMeta[]): void {
  extra.push(...rules);
}

export function ruleCatalog(): RuleMeta[] {
  const meta = ({ id, defaultSeverity, doc, source }: RuleMeta): RuleMeta => ({ id, defaultSeverity, doc, source });
  return [...BUILT_IN, ...CALLOUT_RULES.map(meta), ...FLOW_RULES.map(meta), ...extra];
}
