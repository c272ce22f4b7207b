// What half-typed text looks like around the cursor, for completion as people really type: an open quote
// not closed yet (the editor does not auto-close a quote before text), an auto-closed `}` after the cursor,
// a line the parser cannot read yet. Pure text work on one line; no parse.

/** The end of the name under the cursor: identifier characters after `offset`. */
export function nameEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end])) end++;
  return end;
}

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, end: nl === -1 ? text.length : nl };
}

/** Whether `line[i]` is a double quote that opens or closes a string (not escaped by a backslash). */
function isDoubleQuote(line: string, i: number): boolean {
  if (line[i] !== '"') return false;
  let backslashes = 0;
  for (let j = i - 1; j >= 0 && line[j] === '\\'; j--) backslashes++;
  return backslashes % 2 === 0;
}

/**
 * The quote to type after a completion so the string it sits in is closed: `"` or `'` when the cursor is
 * inside a quoted scalar (YAML) / string (JSON) whose closing quote is not on the rest of the line; '' otherwise.
 * `after` is where the completion's replace range ends (text from there on stays).
 */
export function quoteToClose(text: string, offset: number, after: number, flavour: 'json' | 'yaml'): string {
  const { start, end } = lineBounds(text, offset);
  const before = text.slice(start, offset);
  const rest = text.slice(after, end);
  if (flavour === 'json') {
    let open = false;
    for (let i = 0; i < before.length; i++) if (isDoubleQuote(before, i)) open = !open;
    if (!open) return '';
    for (let i = 0; i < rest.length; i++) if (isDoubleQuote(rest, i)) return '';
    return '"';
  }
  // YAML: a quoted scalar starts right after `key: `, `- ` or the line's indentation (flow collections aside).
  const m = /^\s*(?:-\s+)?(?:(?:"[^"]*"|'[^']*'|[^\s"'#][^:#]*?)\s*:\s+)?(["'])/.exec(before);
  if (!m) return '';
  const q = m[1];
  const inside = before.slice(m[0].length);
  if (q === '"') {
    for (let i = 0; i < inside.length; i++) if (isDoubleQuote(inside, i)) return '';
    for (let i = 0; i < rest.length; i++) if (isDoubleQuote(rest, i)) return '';
    return '"';
  }
  // Single-quoted: '' is an escaped quote.
  if (/^(?:[^']|'')*'(?!')/.test(inside)) return '';
  if (/^(?:[^']|'')*'(?!')/.test(rest)) return '';
  return "'";
}

/**
 * The same text with the cursor's line left out: what the rest of a definition says (object, flow) while the
 * line being typed cannot be parsed (an open quote in YAML runs on to the following lines).
 */
export function withoutCursorLine(text: string, offset: number): string {
  const { start, end } = lineBounds(text, offset);
  return text.slice(0, start) + text.slice(end);
}
