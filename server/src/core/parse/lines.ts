// THE offset ↔ line/character conversion, shared by the language server's documents (lsp/document.ts, read by
// lsp/convert.ts toRange) and the CLI's output (text, JSON, SARIF): LF, CR LF and a lone CR each end a line, as
// in the editor (LSP 3.17 "Position": '\n', '\r\n' and '\r' are line endings), and `character` counts UTF-16
// code units. A position never points between the CR and the LF of one line ending.

export const LF = 10;
export const CR = 13;

/** What the conversion reads of a text: a string, or a document's pieces (core/flow/source.ts). */
export interface CharCodes {
  readonly length: number;
  charCodeAt(index: number): number;
}

export interface LinePosition {
  /** Zero-based line. */
  line: number;
  /** Zero-based UTF-16 offset in the line. */
  character: number;
}

/**
 * The offsets where lines start. `atLineStart`: `text` starts a line (its first line starts at `textOffset`);
 * otherwise only the starts after each line ending in it (a changed span's lines).
 */
export function computeLineOffsets(text: string, atLineStart: boolean, textOffset = 0): number[] {
  const result: number[] = atLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === CR || ch === LF) {
      if (ch === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

/** The line holding `offset`: the last line offset at or before it. */
export function lineAt(lineOffsets: readonly number[], offset: number): number {
  let low = 0;
  let high = lineOffsets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lineOffsets[mid] > offset) high = mid;
    else low = mid + 1;
  }
  return Math.max(0, low - 1);
}

export function isEOL(ch: number): boolean {
  return ch === CR || ch === LF;
}

/** Whether the character at `index` ends a line: an LF, or a CR not followed by an LF (the CR of a CR LF does not). */
export function endsLine(text: CharCodes, index: number): boolean {
  const ch = text.charCodeAt(index);
  return ch === LF || (ch === CR && (index + 1 >= text.length || text.charCodeAt(index + 1) !== LF));
}

/** `offset` moved back before the line ending it points into (never past `lineOffset`). */
function beforeEOL(text: CharCodes, offset: number, lineOffset: number): number {
  while (offset > lineOffset && isEOL(text.charCodeAt(offset - 1))) offset--;
  return offset;
}

/** Offset → position. `lines` gives the line table (asked only past offset 0: a refused huge file's one diagnostic needs none). */
export function positionAt(text: CharCodes, lines: () => readonly number[], offset: number): LinePosition {
  offset = Math.max(Math.min(offset, text.length), 0);
  if (offset === 0) return { line: 0, character: 0 };
  const lineOffsets = lines();
  if (lineOffsets.length === 0) return { line: 0, character: offset };
  const line = lineAt(lineOffsets, offset);
  return { line, character: beforeEOL(text, offset, lineOffsets[line]) - lineOffsets[line] };
}

/** Position → offset (a position past a line's end is its end; past the last line, the text's end). */
export function offsetAt(text: CharCodes, lineOffsets: readonly number[], position: LinePosition): number {
  if (position.line >= lineOffsets.length) return text.length;
  if (position.line < 0) return 0;
  const lineOffset = lineOffsets[position.line];
  if (position.character <= 0) return lineOffset;
  const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : text.length;
  return beforeEOL(text, Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
}

/** A whole text's line table, made on first use: what the CLI converts a file's offsets with. */
export class LineTable {
  private offsets: number[] | undefined;

  constructor(readonly text: string) {}

  private lines = (): number[] => (this.offsets ??= computeLineOffsets(this.text, true));

  get lineCount(): number {
    return this.lines().length;
  }

  positionAt(offset: number): LinePosition {
    return positionAt(this.text, this.lines, offset);
  }

  offsetAt(position: LinePosition): number {
    return offsetAt(this.text, this.lines(), position);
  }

  /** Line `line`'s text without its ending (undefined past the last line). */
  lineText(line: number): string | undefined {
    const lines = this.lines();
    if (line < 0 || line >= lines.length) return undefined;
    const start = lines[line];
    return this.text.slice(start, beforeEOL(this.text, line + 1 < lines.length ? lines[line + 1] : this.text.length, start));
  }
}
