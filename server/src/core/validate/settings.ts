// Checks a `.flowcallout.json`: its JSON, its shape against schemas/flowcallout.schema.json (ajv), and every
// rule id and severity against what the tools know. A value the tools would not apply is an error that lists
// the valid values: a misspelt rule id or severity is never silently ignored.
import type { ErrorObject } from 'ajv';
import settingsSchema from '../../../../schemas/flowcallout.schema.json';
import { parseJsonTree } from '../parse/json';
import { findNodeAtPointer, getProperty, toValue, type ValueNode } from '../parse/tree';
import { dedupeProblems, type Problem } from '../model/problem';
import { closest } from '../model/similar';
import { coreRuleCatalog } from '../rules/catalog';
import { SETTINGS_FILE, SEVERITY_VALUES } from '../project/settings';
import { schemaValidator } from './schemaValidators';

const KEYS = Object.keys((settingsSchema as { properties: Record<string, unknown> }).properties).filter((k) => k !== '$schema');

export function validateSettingsText(text: string): Problem[] {
  const tree = parseJsonTree(text);
  const problems: Problem[] = tree.syntaxErrors.map((e) => ({
    offset: e.offset, length: Math.max(1, e.length), code: 'json-syntax', severity: 'error' as const,
    message: `${e.message} ${SETTINGS_FILE} is read as JSON (comments allowed); until this is fixed the CLI and the editor use the default rule severities.`,
  }));
  const root = tree.root;
  if (!root) return problems;
  const err = (node: { offset: number; length: number }, message: string) => problems.push({ offset: node.offset, length: Math.max(1, node.length), code: 'settings', severity: 'error', message });

  // Rule ids and severities first, with their own messages (ajv's enum message cannot name the rule).
  const rules = root.type === 'object' ? getProperty(root, 'rules')?.value : undefined;
  const reported = new Set<ValueNode | string>();
  if (rules?.type === 'object') {
    const ids = coreRuleCatalog().map((r) => r.id);
    for (const p of rules.properties) {
      if (!ids.includes(p.key)) {
        const near = closest(p.key, ids);
        err({ offset: p.keyOffset, length: p.keyLength }, `Unknown rule "${p.key}"${near ? ` (did you mean "${near}"?)` : ''}: it is not applied. Valid rule ids: ${ids.join(', ')} (\`flow-callout rules\` describes each).`);
        reported.add(`/rules/${escapePointer(p.key)}`);
      }
      const v = p.value;
      if (v && !(v.type === 'string' && (SEVERITY_VALUES as unknown[]).includes(v.value))) {
        const shown = v.type === 'string' ? `"${String(v.value)}"` : v.type;
        err(v, `Severity ${shown} for rule "${p.key}" is not one of ${SEVERITY_VALUES.map((s) => `"${s}"`).join(', ')}: the rule keeps its default severity until this is fixed.`);
        reported.add(`/rules/${escapePointer(p.key)}`);
      }
    }
  }

  const validate = schemaValidator('settings');
  if (!validate(toValue(root))) {
    for (const e of validate.errors ?? []) {
      if (reported.has(e.instancePath) || [...reported].some((r) => typeof r === 'string' && e.instancePath.startsWith(r + '/'))) continue;
      const at = findNodeAtPointer(root, e.instancePath).node ?? root;
      const { node, message } = describe(e, at);
      err(node, message);
    }
  }
  return dedupeProblems(problems).sort((a, b) => a.offset - b.offset);
}

function describe(e: ErrorObject, node: ValueNode): { node: { offset: number; length: number }; message: string } {
  const params = e.params as Record<string, unknown>;
  const where = e.instancePath ? `"${e.instancePath.slice(1).replace(/\//g, '.')}"` : SETTINGS_FILE;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const p = getProperty(node, key);
      const near = closest(key, KEYS);
      return {
        node: p ? { offset: p.keyOffset, length: p.keyLength } : node,
        message: `Unknown key "${key}" in ${where}${near ? ` (did you mean "${near}"?)` : ''}: it is not read. Valid keys: ${KEYS.join(', ')}.`,
      };
    }
    case 'type':
      return { node, message: `${where} must be ${params.type === 'array' ? 'an array' : `a ${String(params.type)}`}${e.instancePath === '/calloutActions' || e.instancePath === '/ignore' ? ' of strings' : ''}.` };
    case 'exclusiveMinimum':
      return { node, message: `${where} must be a number of megabytes above 0.` };
    case 'minLength':
      return { node, message: `${where} is empty: give an action name or glob.` };
    case 'uniqueItems':
      return { node, message: `${where} lists the same entry twice (items ${String(params.j)} and ${String(params.i)}).` };
    default:
      return { node, message: `${where} ${e.message ?? 'is not valid'}.` };
  }
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
