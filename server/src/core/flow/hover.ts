// Hover in flow XML: a reference shows its declaration and type; an action's actionName shows the operation
// (method, path, named credential, inputs, responses); an action output's `<outputParameters><name>` shows what
// that output carries and when the flow gets it (model/outcome.ts outcomesSetting).
import type { HoverResult } from '../language';
import type { FlowAnalysis } from './analysis';
import { locate } from './locate';
import { inputLocationLabel, type OperationInfo } from './operations';
import { KIND_LABELS, typeOfName } from './resolve';
import { describeShape } from './shapes';
import { describeOutcomes, outcomesSetting, outputNameOf } from '../model/outcome';
import type { CalloutAction } from './calloutAction';

export function hoverFlow(analysis: FlowAnalysis, offset: number): HoverResult | undefined {
  const at = locate(analysis, offset);
  if (!at) return undefined;
  if (at.kind === 'action') {
    const contents = at.op ? describeOperation(at.op) : `**${at.actionName}**\n\nNot found in this project's callout definitions or External Service registrations.`;
    return { contents, offset: at.offset, length: at.length };
  }
  if (at.kind === 'output') {
    const contents = describeActionOutput(at.name, at.callout, at.actionName);
    return contents ? { contents, offset: at.offset, length: at.length } : undefined;
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

/** `200–299, 404` for a sorted list of statuses. */
function statusRanges(statuses: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < statuses.length; i++) {
    let j = i;
    while (j + 1 < statuses.length && statuses[j + 1] === statuses[j] + 1) j++;
    parts.push(i === j ? String(statuses[i]) : `${statuses[i]}–${statuses[j]}`);
    i = j;
  }
  return parts.join(', ');
}

/**
 * Hover on an action output's name: what it carries (the operation's output, typed from the definition or the
 * registration) and when the flow gets it (the outcome model, status by status). An action that is not an
 * External Service callout, or whose operation is not in the project, gets what is known and nothing more.
 */
export function describeActionOutput(name: string, callout: CalloutAction | undefined, actionName: string | undefined): string | undefined {
  if (!callout || callout.actionType !== 'externalService') return undefined;
  const resolution = callout.resolution;
  if (resolution?.status !== 'ok') {
    if (resolution?.status === 'no-service' || resolution?.status === 'no-operation') {
      return `**${name}** · output of **${actionName ?? callout.actionName}**\n\nIts operation is not in this project, so what this output carries is not known here. Retrieve the External Service registration **${resolution.service}** (or add a callout definition for it) to see its outputs.`;
    }
    return undefined;
  }
  const op = resolution.op;
  const file = op.file.replace(/^.*[\\/]/, '');
  const output = op.outputs.find((o) => o.name === name);
  if (!output) {
    return `**${name}** · not an output of **${op.service}.${op.operation}** (\`${file}\`)\n\nIts outputs: ${op.outputs.map((o) => `\`${o.name}\``).join(', ')}.`;
  }
  const lines = [`**${name}** · ${output.shape ? describeShape(output.shape, op.apexClass) : 'not typed'} · output of **${op.service}.${op.operation}** (\`${file}\`)`, output.doc];
  // A declared error key's body is read as `<key>Exc`; the operation lists the key's own name as well.
  const asOutput = op.responses.includes(name) ? outputNameOf(name) : name;
  const ways = outcomesSetting(asOutput, op.responses);
  if (!ways.length) lines.push('No HTTP status sets it for the responses this operation declares.');
  for (const w of ways) {
    const where = w.outcome.path === 'fault' ? 'fault path' : 'normal path';
    lines.push(`On the **${where}** for HTTP ${statusRanges(w.statuses)}. For example: ${w.outcome.reason}`);
  }
  lines.push(`Outcome: ${describeOutcomes(op.responses)}`);
  return lines.join('\n\n');
}
