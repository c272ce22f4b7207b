// Core results (offsets) → LSP objects (ranges), made once here at the edge.
import {
  CodeAction, CodeActionKind, CompletionItemKind, DiagnosticSeverity, DiagnosticTag, InsertTextFormat, MarkupKind,
  TextEdit, type CompletionItem, type Diagnostic, type Hover,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionEntry, HoverResult } from '../core/language';
import type { FixData, Problem } from '../core/model/problem';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import { URI } from './uri';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

export function toDiagnostic(doc: TextDocument, p: Problem): Diagnostic {
  const d: Diagnostic = {
    range: { start: doc.positionAt(p.offset), end: doc.positionAt(p.offset + p.length) },
    severity: SEVERITY[p.severity],
    code: p.code,
    source: DIAGNOSTIC_SOURCE,
    message: p.message,
  };
  if (p.tags?.length) d.tags = p.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  if (p.fix) d.data = p.fix;
  if (p.related?.length) {
    d.relatedInformation = p.related.map((r) => {
      const range = r.file !== undefined
        ? { start: { line: r.line ?? 0, character: r.character ?? 0 }, end: { line: r.line ?? 0, character: (r.character ?? 0) + r.length } }
        : { start: doc.positionAt(r.offset ?? 0), end: doc.positionAt((r.offset ?? 0) + r.length) };
      return { location: { uri: r.file !== undefined ? URI.fromFsPath(r.file) : doc.uri, range }, message: r.message };
    });
  }
  return d;
}

const KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property, value: CompletionItemKind.Value, snippet: CompletionItemKind.Snippet,
  variable: CompletionItemKind.Variable, field: CompletionItemKind.Field, global: CompletionItemKind.Module,
  credential: CompletionItemKind.Reference, enum: CompletionItemKind.EnumMember, reference: CompletionItemKind.Reference,
  class: CompletionItemKind.Class, keyword: CompletionItemKind.Keyword,
};

export function toCompletionItem(doc: TextDocument, e: CompletionEntry, defaultRange: { offset: number; length: number }): CompletionItem {
  const r = e.replace ?? defaultRange;
  const item: CompletionItem = {
    label: e.label,
    kind: KIND[e.kind],
    detail: e.detail,
    sortText: e.sortText,
    filterText: e.filterText,
    textEdit: TextEdit.replace({ start: doc.positionAt(r.offset), end: doc.positionAt(r.offset + r.length) }, e.insertText ?? e.label),
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
  return item;
}

export function toHover(doc: TextDocument, h: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: { start: doc.positionAt(h.offset), end: doc.positionAt(h.offset + h.length) } };
}

/** Quick fixes carried in a diagnostic's `data`. */
export function toCodeActions(doc: TextDocument, diagnostic: Diagnostic): CodeAction[] {
  const fix = diagnostic.data as FixData | undefined;
  if (!fix || typeof fix !== 'object') return [];
  const edit = (offset: number, length: number, newText: string) => ({
    changes: { [doc.uri]: [TextEdit.replace({ start: doc.positionAt(offset), end: doc.positionAt(offset + length) }, newText)] },
  });
  switch (fix.kind) {
    case 'replace':
      return [{ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit(fix.offset, fix.length, fix.newText), isPreferred: true }];
    case 'replace-any':
      return fix.candidates.map((c, i) => ({ title: `${fix.titlePrefix} "${c}"`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit(fix.offset, fix.length, c), isPreferred: i === 0 }));
    case 'insert-lines':
      return [{ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit(fix.offset, 0, fix.text) }];
    case 'explain':
      return [{ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: fix.title, command: 'flowCallout.explain', arguments: [fix.title, fix.detail] } }];
  }
}
