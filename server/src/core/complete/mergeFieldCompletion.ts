// Completion after `{!`: globals, `$Record.` fields with their types, members of globals, flow resources.
// Works on half-typed text: an unclosed `{!` (the editor's auto-closed `}` after the cursor is replaced, so it
// is never doubled), an unterminated quoted string (the closing quote is typed with a field).
import type { CompletionEntry } from '../language';
import { FLOW_GLOBALS, findGlobal } from '../model/globals';
import type { ReferenceScope } from '../model/references';
import { nameEnd } from './typing';

export interface OpenMergeField {
  /** The reference typed so far (`$Record.Em`). */
  typed: string;
  /** Where the reference starts (after `{!` and spaces). */
  start: number;
  /** Where the name under the cursor ends (identifier characters after the cursor). */
  nameEnd: number;
  /** Where a complete leaf replaces up to: past the name and the `}` right after it when there is one. */
  leafEnd: number;
}

/** When the cursor is inside an unclosed `{!…` on this line, the reference typed so far. */
export function openMergeField(text: string, offset: number): OpenMergeField | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  const open = line.lastIndexOf('{!');
  if (open === -1 || line.indexOf('}', open) !== -1) return undefined;
  const typed = line.slice(open + 2);
  if (!/^[\s$A-Za-z0-9_.]*$/.test(typed)) return undefined;
  const end = nameEnd(text, offset);
  const close = /^\s*\}/.exec(text.slice(end, end + 40));
  return {
    typed: typed.trimStart(),
    start: lineStart + open + 2 + (typed.length - typed.trimStart().length),
    nameEnd: end,
    leafEnd: close ? end + close[0].length : end,
  };
}

/** Types whose values have members to pick after a dot: the entry stops at the name. */
function hasMembers(r: { dataType?: string; apexClass?: string; objectType?: string; isCollection: boolean }): boolean {
  return !!r.apexClass || !!r.objectType || r.dataType === 'SObject' || r.dataType === 'Apex';
}

/**
 * The entries for the reference typed so far. `closeQuote` is the quote that ends the string the merge field
 * sits in when it is not closed on the line (see quoteToClose): a leaf closes `}` and then that quote.
 */
export function completeMergeField(mf: OpenMergeField, scope: ReferenceScope, closeQuote = ''): CompletionEntry[] {
  const { typed, start } = mf;
  const dot = typed.lastIndexOf('.');
  const head = dot === -1 ? '' : typed.slice(0, dot);
  const from = dot === -1 ? start : start + dot + 1;
  const partial = { offset: from, length: mf.nameEnd - from };
  const leafRange = { offset: from, length: mf.leafEnd - from };
  const leaf = (label: string) => `${label}}${closeQuote}`;
  const out: CompletionEntry[] = [];
  if (dot === -1) {
    for (const g of FLOW_GLOBALS) out.push({ label: g.name, kind: 'global', detail: 'Flow global', documentation: g.doc, replace: partial, sortText: `2${g.name}` });
    for (const r of scope.flow?.resources.values() ?? []) {
      const members = hasMembers(r) && !r.isCollection;
      out.push({
        label: r.name, kind: 'variable', detail: `${r.kind}: ${r.apexClass ?? r.objectType ?? r.dataType ?? ''}${r.isCollection ? ' (collection)' : ''}`,
        documentation: `Resource of flow ${scope.flow!.name}.`, sortText: `1${r.name}`,
        ...(members ? { replace: partial } : { insertText: leaf(r.name), replace: leafRange }),
      });
    }
    return out;
  }
  if (head === '$Record' || head === '$Record__Prior') {
    const object = scope.recordObject;
    const fields = object ? scope.project?.fieldsOf(object) : undefined;
    for (const f of fields?.values() ?? []) {
      out.push({ label: f.name, kind: 'field', detail: `${object}.${f.name}: ${f.type}`, documentation: f.standard ? `Standard field of ${object}.` : `Custom field (objects/${object}/fields/${f.name}.field-meta.xml).`, insertText: leaf(f.name), replace: leafRange });
    }
    return out;
  }
  const g = findGlobal(head);
  if (g?.members) for (const [name, type] of Object.entries(g.members)) out.push({ label: name, kind: 'field', detail: `${g.name}.${name}: ${type}`, insertText: leaf(name), replace: leafRange });
  return out;
}
