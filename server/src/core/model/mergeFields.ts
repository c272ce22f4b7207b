// `{!…}` merge fields: where they are in the raw text of a node, and what they refer to.

export interface MergeFieldRef {
  /** Offset of `{!` in the document. */
  offset: number;
  length: number;
  /** The reference without braces, trimmed: `$Record.Name`. */
  expression: string;
  /** Offset of the expression's first character. */
  expressionOffset: number;
  /** Set when the merge field is malformed. */
  syntaxError?: string;
}

const REFERENCE = /^\$?[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_$][A-Za-z0-9_]*)*$/;

/** Finds merge fields in `text[start, end)` (raw source, so offsets are exact). Bounded to 500 per range. */
export function findMergeFields(text: string, start: number, end: number): MergeFieldRef[] {
  const out: MergeFieldRef[] = [];
  // Searched within the range and the character after it (a `{!` may start on the range's last character),
  // never the rest of the document: each search past the range would read a large document to its end.
  start = Math.max(0, start);
  const len = end - start;
  const range = text.slice(start, end + 1);
  let i = range.indexOf('{!');
  while (i !== -1 && i < len && out.length < 500) {
    const close = range.indexOf('}', i + 2);
    const nextOpen = range.indexOf('{!', i + 2);
    if (close === -1 || close >= len || (nextOpen !== -1 && nextOpen < close)) {
      out.push({ offset: start + i, length: 2, expression: '', expressionOffset: start + i + 2, syntaxError: 'This merge field is not closed: add `}`.' });
      i = nextOpen;
      continue;
    }
    const inner = range.slice(i + 2, close);
    const lead = inner.length - inner.trimStart().length;
    const expression = inner.trim();
    const ref: MergeFieldRef = { offset: start + i, length: close + 1 - i, expression, expressionOffset: start + i + 2 + lead };
    if (!expression) ref.syntaxError = 'This merge field is empty: write a reference such as {!$Record.Name} or {!myVariable}.';
    else if (!REFERENCE.test(expression)) ref.syntaxError = `"${expression}" is not a valid reference: use a variable name or a path such as $Record.Name.`;
    out.push(ref);
    i = range.indexOf('{!', close + 1);
  }
  return out;
}
