// Completion after `{!`: globals, `$Record.` fields with their types, members of globals, flow resources.
import type { CompletionEntry } from '../language';
import { FLOW_GLOBALS, findGlobal } from '../model/globals';
import type { ReferenceScope } from '../model/references';

/** When the cursor is inside an unclosed `{!…` on this line, the reference typed so far. */
export function openMergeField(text: string, offset: number): { typed: string; start: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  const open = line.lastIndexOf('{!');
  if (open === -1 || line.indexOf('}', open) !== -1) return undefined;
  const typed = line.slice(open + 2);
  if (!/^[\s$A-Za-z0-9_.]*$/.test(typed)) return undefined;
  return { typed: typed.trimStart(), start: lineStart + open + 2 + (typed.length - typed.trimStart().length) };
}

export function completeMergeField(typed: string, start: number, scope: ReferenceScope): CompletionEntry[] {
  const dot = typed.lastIndexOf('.');
  const head = dot === -1 ? '' : typed.slice(0, dot);
  const replace = { offset: start + dot + 1, length: typed.length - dot - 1 };
  const out: CompletionEntry[] = [];
  if (dot === -1) {
    for (const g of FLOW_GLOBALS) out.push({ label: g.name, kind: 'global', detail: 'Flow global', documentation: g.doc, replace: { offset: start, length: typed.length }, sortText: `2${g.name}` });
    for (const r of scope.flow?.resources.values() ?? []) {
      out.push({ label: r.name, kind: 'variable', detail: `${r.kind}: ${r.apexClass ?? r.dataType ?? ''}${r.isCollection ? ' (collection)' : ''}`, documentation: `Resource of flow ${scope.flow!.name}.`, replace: { offset: start, length: typed.length }, sortText: `1${r.name}` });
    }
    return out;
  }
  if (head === '$Record' || head === '$Record__Prior') {
    const object = scope.recordObject;
    const fields = object ? scope.project?.fieldsOf(object) : undefined;
    for (const f of fields?.values() ?? []) {
      out.push({ label: f.name, kind: 'field', detail: `${object}.${f.name}: ${f.type}`, documentation: f.standard ? `Standard field of ${object}.` : `Custom field (objects/${object}/fields/${f.name}.field-meta.xml).`, replace });
    }
    return out;
  }
  const g = findGlobal(head);
  if (g?.members) for (const [name, type] of Object.entries(g.members)) out.push({ label: name, kind: 'field', detail: `${g.name}.${name}: ${type}`, replace });
  return out;
}
