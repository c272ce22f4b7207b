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
  let i = text.indexOf('{!', start);
  while (i !== -1 && i < end && out.length < 500) {
    const close = text.indexOf('}', i + 2);
    const nextOpen = text.indexOf('{!', i + 2);
    if (close === -1 || close >= end || (nextOpen !== -1 && nextOpen < close)) {
      out.push({ offset: i, length: 2, expression: '', expressionOffset: i + 2, syntaxError: 'This merge field is not closed: add `}`.' });
      i = nextOpen;
      continue;
    }
    const inner = text.slice(i + 2, close);
    const lead = inner.length - inner.trimStart().length;
    const expression = inner.trim();
    const ref: MergeFieldRef = { offset: i, length: close + 1 - i, expression, expressionOffset: i + 2 + lead };
    if (!expression) ref.syntaxError = 'This merge field is empty: write a reference such as {!$Record.Name} or {!myVariable}.';
    else if (!REFERENCE.test(expression)) ref.syntaxError = `"${expression}" is not a valid reference: use a variable name or a path such as $Record.Name.`;
    out.push(ref);
    i = text.indexOf('{!', close + 1);
  }
  return out;
}
