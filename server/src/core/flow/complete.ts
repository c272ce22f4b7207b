// Completion in flow XML: references and `{!…}` (resources, elements, globals, then members after a dot),
// connector targets (elements), actionName (`Service.operation` from callout definitions and ESRs), and an
// action's input/output parameter names.
import type { CompletionEntry } from '../language';
import { FLOW_GLOBALS } from '../model/globals';
import type { FlowAnalysis } from './analysis';
import { cursorContext } from './cursor';
import { membersOf } from './members';
import { inputLocationLabel, projectOperations, resolveAction } from './operations';
import { KIND_LABELS, typeOfName } from './resolve';
import { describeShape } from './shapes';
import { childText } from '../parse/xml';

const MAX_ENTRIES = 2000;

export function completeFlow(analysis: FlowAnalysis, offset: number): CompletionEntry[] {
  const ctx = cursorContext(analysis, offset);
  if (!ctx) return [];
  const { model, project } = analysis;
  switch (ctx.kind) {
    case 'reference':
    case 'merge': {
      const dot = ctx.prefix.lastIndexOf('.');
      if (dot > 0) {
        return membersOf(analysis, ctx.prefix.slice(0, dot)).slice(0, MAX_ENTRIES).map((m) => ({
          label: m.name, kind: 'field', detail: m.type, documentation: m.doc, replace: ctx.replace,
        }));
      }
      const target = ctx.kind === 'reference' && ctx.target;
      const out: CompletionEntry[] = [];
      for (const n of model.names.values()) {
        if (target && !model.elements.has(n.name)) continue;
        const resource = model.resources.has(n.name);
        out.push({
          label: n.name, kind: resource ? 'variable' : 'reference', detail: typeOfName(n, analysis),
          documentation: n.owner ? `${KIND_LABELS[n.kind] ?? n.kind} in ${n.owner}` : undefined, replace: ctx.replace,
          sortText: `${resource ? 0 : 1}${n.name}`,
        });
        if (out.length >= MAX_ENTRIES) break;
      }
      if (!target) {
        for (const g of FLOW_GLOBALS) {
          if (g.name.startsWith('$Record') && !model.start.object) continue;
          out.push({ label: g.name, kind: 'global', detail: g.name.startsWith('$Record') ? `SObject ${model.start.object}` : 'global variable', documentation: g.doc, replace: ctx.replace, sortText: `2${g.name}` });
        }
      }
      return out;
    }
    case 'actionName': {
      if (!project) return [];
      return projectOperations(project).map((op) => ({
        label: `${op.service}.${op.operation}`, kind: 'reference', detail: `${op.method} ${op.path}`,
        documentation: `${op.source === 'callout' ? 'Callout definition' : 'External Service registration'} \`${op.file.replace(/^.*[\\/]/, '')}\`${op.namedCredential ? ` · named credential ${op.namedCredential}` : ''}\n\nResponses: ${op.responses.join(', ') || 'none declared'}`,
        replace: ctx.replace,
      }));
    }
    case 'parameterName': {
      const actionName = ctx.element ? childText(ctx.element.el, 'actionName') : undefined;
      const r = project && actionName ? resolveAction(project, actionName) : undefined;
      if (r?.status !== 'ok') return [];
      const op = r.op;
      if (ctx.direction === 'input') {
        return op.inputs.map((i) => ({ label: i.name, kind: 'property', detail: `${inputLocationLabel(i.in)}${i.required ? ', required' : ''}${i.type ? ` · ${i.type}` : ''}`, replace: ctx.replace }));
      }
      return op.outputs.map((o) => ({ label: o.name, kind: 'property', detail: o.shape ? describeShape(o.shape, op.apexClass) : 'untyped', documentation: o.doc, replace: ctx.replace }));
    }
  }
}
