// Hover in flow XML: a reference shows its declaration and type; an action's actionName shows the operation
// (method, path, named credential, inputs, responses).
import type { HoverResult } from '../language';
import type { FlowAnalysis } from './analysis';
import { locate } from './locate';
import { inputLocationLabel, type OperationInfo } from './operations';
import { KIND_LABELS, typeOfName } from './resolve';
import { describeShape } from './shapes';
import { describeOutcomes } from '../model/outcome';

export function hoverFlow(analysis: FlowAnalysis, offset: number): HoverResult | undefined {
  const at = locate(analysis, offset);
  if (!at) return undefined;
  if (at.kind === 'action') {
    const contents = at.op ? describeOperation(at.op) : `**${at.actionName}**\n\nNot found in this project's callout definitions or External Service registrations.`;
    return { contents, offset: at.offset, length: at.length };
  }
  const r = at.resolution;
  if (!r.ok) return { contents: `**${at.path}**\n\n${r.message}`, offset: at.offset, length: at.length };
  const lines = [`**${at.path}**${r.type ? ` · ${r.type}` : ''}`];
  if (r.decl && at.segment === 0) {
    const type = typeOfName(r.decl, analysis);
    lines[0] = `**${at.path}** · ${type}`;
    const label = KIND_LABELS[r.decl.kind] ?? r.decl.kind;
    const line = analysis.text.slice(0, r.decl.nameEl.offset).split('\n').length;
    lines.push(`${label}${r.decl.owner ? ` in ${r.decl.owner}` : ''}, declared on line ${line}.`);
    const op = r.decl.kind === 'actionCalls' ? analysis.operationOf(r.decl.name) : undefined;
    if (op) lines.push(`Calls ${op.service}.${op.operation} (${op.method} ${op.path}).`);
  } else if (r.detail) {
    lines.push(r.detail);
  }
  return { contents: lines.join('\n\n'), offset: at.offset, length: at.length };
}

export function describeOperation(op: OperationInfo): string {
  const file = op.file.replace(/^.*[\\/]/, '');
  const lines = [
    `**${op.service}.${op.operation}** — ${op.source === 'callout' ? 'callout definition' : 'External Service registration'} \`${file}\``,
    `\`${op.method} ${op.path}\`${op.namedCredential ? ` via named credential **${op.namedCredential}**` : ''}`,
  ];
  if (op.inputs.length) lines.push(`Inputs: ${op.inputs.map((i) => `\`${i.name}\` (${inputLocationLabel(i.in)}${i.required ? ', required' : ''})`).join(', ')}`);
  lines.push(`Outputs: ${op.outputs.filter((o) => o.shape).map((o) => `\`${o.name}\` ${describeShape(o.shape, op.apexClass)}`).join(', ')}`);
  lines.push(`Responses: ${op.responses.join(', ') || 'none declared (the body comes back in `default` as a String)'}`);
  lines.push(`Outcome: ${describeOutcomes(op.responses)}`);
  return lines.join('\n\n');
}
