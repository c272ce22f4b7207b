// The server's open documents. They behave like vscode-languageserver-textdocument's TextDocument (line
// offsets updated per change, same positions, same text), with one difference in how the text is held.
//
// TextDocument keeps `before + change + after`, and its next update slices that, which makes V8 copy the
// whole text into one new string. For a 1 MB flow that is a fresh 2 MB allocation on every keystroke, placed
// in V8's large-object space — new memory each time, given back at the next collection; on machines where
// touching new pages is slow (virtual machines) the copy alone costs several milliseconds per keystroke, plus
// the collections it brings. Here the text is a SourceText (core/flow/source.ts): pieces shared between
// versions, cut at each edit. getText() chains them without copying, and the flow analysis reads them slice
// by slice — given the change (lastChange), it never needs the joined text on a keystroke.
import type { Position, Range, TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FlowTextChange } from '../core/flow/store';
import { SourceText } from '../core/flow/source';
import { computeLineOffsets, CR, LF, lineAt, offsetAt, positionAt } from '../core/parse/lines';

export class ServerDocument implements TextDocument {
  private source: SourceText;
  /** The text handed out for this version (getText()), made on first use. */
  private content: string | undefined;
  private lineOffsets: number[] | undefined;
  /** The one change that made this version from the text handed out for the previous one. */
  private change: FlowTextChange | undefined;

  constructor(readonly uri: string, readonly languageId: string, public version: number, text: string) {
    this.source = SourceText.of(text);
    this.content = text;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  /** The text as pieces (read a few characters of it without joining the whole text: model/content.ts). */
  get pieces(): SourceText {
    return this.source;
  }

  /** The edit from the previous version's text to this one's, when it was one incremental change. */
  get lastChange(): FlowTextChange | undefined {
    return this.change;
  }

  getText(range?: Range): string {
    if (!range) return (this.content ??= this.source.toString());
    // substring semantics, like TextDocument: a reversed range reads the same text.
    const a = this.offsetAt(range.start);
    const b = this.offsetAt(range.end);
    return this.source.slice(Math.min(a, b), Math.max(a, b));
  }

  // The one conversion (core/parse/lines.ts, also the CLI's). The start needs no line table (a refused 50 MB
  // file's one diagnostic sits there: no 200 ms line scan).
  positionAt(offset: number): Position {
    return positionAt(this.source, this.lines, offset);
  }

  offsetAt(position: Position): number {
    return offsetAt(this.source, this.getLineOffsets(), position);
  }

  private readonly lines = (): number[] => this.getLineOffsets();

  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    const previous = this.content;
    // The changes as one edit of the previous text (several cursors: the span from the first to the last).
    let span: { start: number; oldEnd: number; newEnd: number } | undefined;
    let incremental = previous !== undefined;
    for (const change of changes) {
      if (isIncremental(change)) {
        const range = wellFormed(change.range);
        const start = this.offsetAt(range.start);
        const end = this.offsetAt(range.end);
        const lineOffsets = this.getLineOffsets();
        const startLine = lineAt(lineOffsets, start);
        const endLine = lineAt(lineOffsets, end);
        // A CR LF pair split by the edit (typing between \r and \n) or joined by it (deleting what stood
        // between them, typing \r before a \n or \n after a \r) changes line breaks outside the changed
        // text: the line offsets are computed again from the text (rare), not patched.
        const splitPair = start > 0 && this.source.charCodeAt(start - 1) === CR && this.source.charCodeAt(end) === LF;
        this.source = this.source.edit(start, end, change.text);
        this.content = undefined;
        span = mergeSpan(span, start, end, change.text.length);
        const newEnd = start + change.text.length;
        const joinedPair = (start > 0 && this.source.charCodeAt(start - 1) === CR && this.source.charCodeAt(start) === LF)
          || (newEnd > 0 && this.source.charCodeAt(newEnd - 1) === CR && this.source.charCodeAt(newEnd) === LF);
        if (splitPair || joinedPair) {
          this.lineOffsets = undefined;
          continue;
        }
        // The lines the change replaced, then every later line shifted.
        const added = computeLineOffsets(change.text, false, start);
        let offsets = lineOffsets;
        if (endLine - startLine === added.length) {
          for (let i = 0; i < added.length; i++) offsets[i + startLine + 1] = added[i];
        } else if (added.length < 10000) {
          offsets.splice(startLine + 1, endLine - startLine, ...added);
        } else {
          offsets = this.lineOffsets = offsets.slice(0, startLine + 1).concat(added, offsets.slice(endLine + 1));
        }
        const diff = change.text.length - (end - start);
        if (diff !== 0) for (let i = startLine + 1 + added.length; i < offsets.length; i++) offsets[i] += diff;
      } else {
        this.source = SourceText.of(change.text);
        this.content = change.text;
        this.lineOffsets = undefined;
        incremental = false;
      }
    }
    this.change = incremental && span && previous !== undefined
      ? { previous, start: span.start, end: span.oldEnd, text: this.source.slice(span.start, span.newEnd) }
      : undefined;
    this.version = version;
  }

  private getLineOffsets(): number[] {
    return (this.lineOffsets ??= computeLineOffsets(this.getText(), true));
  }
}

/** For `new TextDocuments(SERVER_DOCUMENTS)`. */
export const SERVER_DOCUMENTS: TextDocumentsConfiguration<ServerDocument> = {
  create: (uri, languageId, version, content) => new ServerDocument(uri, languageId, version, content),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};

/**
 * `span` (an edit of the original text: [start, oldEnd) became [start, newEnd) of the current one) followed
 * by replacing [start, end) of the current text with `inserted` characters, as one edit of the original.
 */
function mergeSpan(span: { start: number; oldEnd: number; newEnd: number } | undefined, start: number, end: number, inserted: number): { start: number; oldEnd: number; newEnd: number } {
  if (!span) return { start, oldEnd: end, newEnd: start + inserted };
  const from = Math.min(span.start, start);
  const to = Math.max(span.newEnd, end); // in the current text
  const oldEnd = to >= span.newEnd ? to - (span.newEnd - span.oldEnd) : span.oldEnd;
  return { start: from, oldEnd: Math.max(oldEnd, span.oldEnd), newEnd: to + inserted - (end - start) };
}

function isIncremental(change: TextDocumentContentChangeEvent): change is { range: Range; rangeLength?: number; text: string } {
  return (change as { range?: Range }).range !== undefined;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
