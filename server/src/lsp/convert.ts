// Core results (offsets) → LSP objects (ranges), made once here at the edge: every offset becomes a position
// through toRange, which reads the document's own line table (LF, CR LF and a lone CR each end a line, as in
// the editor), so diagnostics, completion, hover, fixes, definition and outline agree on every line ending.
import {
  CodeAction, CodeActionKind, CompletionItemKind, DiagnosticSeverity, DiagnosticTag, InsertTextFormat, MarkupKind, SymbolKind,
  TextEdit, type CompletionItem, type Diagnostic, type DocumentSymbol, type Hover, type Location, type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DefinitionTarget, FlowSymbol } from '../core/flow';
import type { CompletionEntry, HoverResult } from '../core/language';
import type { FixData, Problem } from '../core/model/problem';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import { URI } from './uri';

/** The one offset → range conversion. */
export function toRange(doc: TextDocument, offset: number, length: number): Range {
  return { start: doc.positionAt(offset), end: doc.positionAt(offset + length) };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

export function toDiagnostic(doc: TextDocument, p: Problem): Diagnostic {
  const d: Diagnostic = {
    range: toRange(doc, p.offset, p.length),
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
        : toRange(doc, r.offset ?? 0, r.length);
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
    textEdit: TextEdit.replace(toRange(doc, r.offset, r.length), e.insertText ?? e.label),
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
  return item;
}

export function toHover(doc: TextDocument, h: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: toRange(doc, h.offset, h.length) };
}

/**
 * Where go-to-definition leads: a range in this document, or the start of another project file (the target's
 * offset is in that file's text, which the server does not hold as a document).
 */
export function toLocation(doc: TextDocument, target: DefinitionTarget): Location {
  if (target.file === URI.toFsPath(doc.uri)) return { uri: doc.uri, range: toRange(doc, target.offset, target.length) };
  return { uri: URI.fromFsPath(target.file), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

const SYMBOL_KIND: Record<FlowSymbol['kind'], SymbolKind> = {
  event: SymbolKind.Event, function: SymbolKind.Function, variable: SymbolKind.Variable, constant: SymbolKind.Constant,
  field: SymbolKind.Field, namespace: SymbolKind.Namespace,
};

/** A flow's outline (start, elements with what is inside them, resources). */
export function toDocumentSymbols(doc: TextDocument, symbols: FlowSymbol[]): DocumentSymbol[] {
  const convert = (s: FlowSymbol): DocumentSymbol => ({
    name: s.name, detail: s.detail, kind: SYMBOL_KIND[s.kind], range: toRange(doc, s.offset, s.length),
    selectionRange: toRange(doc, s.selectionOffset, s.selectionLength), children: s.children?.map(convert),
  });
  return symbols.map(convert);
}

/** Quick fixes carried in a diagnostic's `data`. */
export function toCodeActions(doc: TextDocument, diagnostic: Diagnostic): CodeAction[] {
  const fix = diagnostic.data as FixData | undefined;
  if (!fix || typeof fix !== 'object') return [];
  const edit = (offset: number, length: number, newText: string) => ({
    changes: { [doc.uri]: [TextEdit.replace(toRange(doc, offset, length), newText)] },
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
