// The outline of a flow: the start element, then its elements and resources grouped by kind, each with the
// span of its XML element and the range of its API name.
import type { FlowAnalysis } from './analysis';
import { KIND_LABELS } from './resolve';

export interface FlowSymbol {
  name: string;
  /** `Action`, `Decision`, `variable`… */
  detail: string;
  kind: 'event' | 'function' | 'variable' | 'constant' | 'field' | 'namespace';
  offset: number;
  length: number;
  selectionOffset: number;
  selectionLength: number;
  children?: FlowSymbol[];
}

const RESOURCE_KIND: Record<string, FlowSymbol['kind']> = { variable: 'variable', formula: 'variable', constant: 'constant', textTemplate: 'constant', choice: 'constant', dynamicChoiceSet: 'constant', stage: 'constant' };

export function flowSymbols(analysis: FlowAnalysis): FlowSymbol[] {
  const { model } = analysis;
  const out: FlowSymbol[] = [];
  const start = model.start.el;
  if (start) {
    const what = [model.start.object, model.start.triggerType].filter(Boolean).join(' · ') || model.processType || '';
    out.push({ name: 'Start', detail: what, kind: 'event', offset: start.offset, length: start.length, selectionOffset: start.offset, selectionLength: Math.min(start.length, 7) });
  }
  const inside = new Map<string, FlowSymbol[]>();
  for (const n of model.names.values()) {
    if (!n.owner || n.owner === n.name) continue;
    const list = inside.get(n.owner) ?? [];
    list.push({ name: n.name, detail: KIND_LABELS[n.kind] ?? n.kind, kind: 'field', offset: n.el.offset, length: n.el.length, selectionOffset: n.nameEl.textOffset, selectionLength: n.nameEl.textLength });
    inside.set(n.owner, list);
  }
  for (const e of model.elements.values()) {
    const inner = inside.get(e.name) ?? [];
    const op = e.kind === 'actionCalls' ? analysis.operationOf(e.name) : undefined;
    out.push({
      name: e.name, detail: op ? `Action · ${op.service}.${op.operation}` : KIND_LABELS[e.kind] ?? e.kind, kind: 'function',
      offset: e.el.offset, length: e.el.length, selectionOffset: e.nameEl.textOffset, selectionLength: e.nameEl.textLength,
      children: inner.length ? inner : undefined,
    });
  }
  for (const r of model.resources.values()) {
    const type = r.dataType === 'Apex' && r.apexClass ? r.apexClass : r.dataType === 'SObject' && r.objectType ? r.objectType : r.dataType;
    out.push({
      name: r.name, detail: `${KIND_LABELS[r.kind] ?? r.kind}${type ? ` · ${type}` : ''}${r.isCollection ? ' collection' : ''}`, kind: RESOURCE_KIND[r.kind] ?? 'variable',
      offset: r.el.offset, length: r.el.length, selectionOffset: r.nameEl.textOffset, selectionLength: r.nameEl.textLength,
    });
  }
  return out;
}
