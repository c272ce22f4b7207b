// A flow's text as a few pieces (slices of the text as opened, plus what was typed), readable without
// joining them. An edited document is `before + typed + after`; joining that into one string copies the whole
// text, and for a big flow that copy is a fresh multi-megabyte allocation per keystroke. The analysis only
// reads leaves, so a keystroke reads a few slices of this instead: the pieces are shared with the previous
// version, the edited piece is cut at the edit, and small neighbours are merged so typing in one place keeps
// the count low.

/** What patching and the rules read: a string satisfies it too. */
export interface TextLike {
  readonly length: number;
  slice(start: number, end: number): string;
  charCodeAt(index: number): number;
}

/** Pieces shorter than this are merged with a small neighbour. */
const SMALL = 2048;
/** More pieces than this (edits all over a big file): joined into one again. */
const MAX_PIECES = 256;

export class SourceText implements TextLike {
  private constructor(
    private readonly pieces: readonly string[],
    /** Offset of each piece. */
    private readonly starts: readonly number[],
    readonly length: number,
  ) {}

  static of(text: string): SourceText {
    return new SourceText([text], [0], text.length);
  }

  /** The text after replacing [start, end) with `insert`; this one is unchanged. */
  edit(start: number, end: number, insert: string): SourceText {
    start = clamp(start, this.length);
    end = Math.max(start, clamp(end, this.length));
    const i = this.pieceAt(start);
    const j = this.pieceAt(end);
    const left = this.pieces[i].slice(0, start - this.starts[i]);
    const right = this.pieces[j].slice(end - this.starts[j]);
    const pieces = this.pieces.slice(0, i);
    // Merge the cut piece ends and the insertion while they are small (typing keeps one small piece).
    for (const p of [left, insert, right]) {
      if (!p) continue;
      const last = pieces[pieces.length - 1];
      if (last !== undefined && (last.length < SMALL || p.length < SMALL) && last.length + p.length < SMALL * 4) pieces[pieces.length - 1] = joinSmall(last, p);
      else pieces.push(p);
    }
    for (let k = j + 1; k < this.pieces.length; k++) {
      const p = this.pieces[k];
      const last = pieces[pieces.length - 1];
      if (k === j + 1 && last !== undefined && (last.length < SMALL || p.length < SMALL) && last.length + p.length < SMALL * 4) pieces[pieces.length - 1] = joinSmall(last, p);
      else pieces.push(p);
    }
    if (!pieces.length) pieces.push('');
    const length = this.length - (end - start) + insert.length;
    if (pieces.length > MAX_PIECES) return SourceText.of(pieces.join(''));
    const starts = new Array<number>(pieces.length);
    let at = 0;
    for (let k = 0; k < pieces.length; k++) {
      starts[k] = at;
      at += pieces[k].length;
    }
    return new SourceText(pieces, starts, length);
  }

  slice(start: number, end: number): string {
    start = clamp(start, this.length);
    end = clamp(end, this.length);
    if (end <= start) return '';
    const i = this.pieceAt(start);
    const s = this.starts[i];
    if (end <= s + this.pieces[i].length) return this.pieces[i].slice(start - s, end - s);
    const parts: string[] = [];
    for (let k = i; k < this.pieces.length && this.starts[k] < end; k++) {
      const from = Math.max(start, this.starts[k]) - this.starts[k];
      const to = Math.min(end, this.starts[k] + this.pieces[k].length) - this.starts[k];
      parts.push(this.pieces[k].slice(from, to));
    }
    return parts.join('');
  }

  charCodeAt(index: number): number {
    if (index < 0 || index >= this.length) return NaN;
    const i = this.pieceAt(index);
    return this.pieces[i].charCodeAt(index - this.starts[i]);
  }

  /**
   * The whole text as a string without copying it: the pieces chained (V8 keeps `a + b` as a rope until
   * something reads it, which then copies it once).
   */
  toString(): string {
    let out = this.pieces[0];
    for (let k = 1; k < this.pieces.length; k++) out += this.pieces[k];
    return out;
  }

  /** The piece holding `offset` (the last piece for the end of the text); pieces are never empty but for an empty text. */
  private pieceAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Two small strings as one flat string (a copy of a few KB, so later reads need no rope walk). */
function joinSmall(a: string, b: string): string {
  return [a, b].join('');
}

function clamp(n: number, length: number): number {
  return n < 0 ? 0 : n > length ? length : n;
}
