// "Did you mean": the closest candidate by edit distance, when it is close enough to be a typo.

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 20) return Math.max(a.length, b.length);
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

export function closest(word: string, candidates: Iterable<string>, maxRatio = 0.4): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.ceil(word.length * maxRatio)) ? best : undefined;
}

/** Characters a YAML or JSON scalar's text starts after and ends before (or the text's ends, or whitespace). */
const SCALAR_EDGE = new Set([...' \t\r\n"\'[]{},:#'].map((c) => c.charCodeAt(0)));

/**
 * Whether `text` may hold a scalar whose value is within `limit` edits of `word` (a word without whitespace):
 * parts of the text (each run of spaces, tabs and line breaks read as one space) that start after and end before
 * one of SCALAR_EDGE (or an end of the text), measured by the edit-distance column (stepColumn; Sellers).
 * A scalar's value is in its file's text as written, but for escapes and tags (the caller checks those) and
 * folding (whitespace runs read as one space); leading or trailing whitespace of a value only adds edits to
 * a word without any, so the part between edges is at least as near.
 */
export function nearScalar(text: string, word: string, limit: number): boolean {
  const lowerWord = lowerUnits(word);
  const m = lowerWord.length;
  const far = m + limit + 1;
  const col = Array.from({ length: m + 1 }, (_, i) => i);
  let spaced = false;
  for (let j = 0; j < text.length; j++) {
    let code = text.charCodeAt(j);
    if (isSpace(code)) {
      if (spaced) continue;
      spaced = true;
      code = 32;
    } else spaced = false;
    // The column ends before this character: a value may end here when it is an edge.
    if (SCALAR_EDGE.has(code) && col[m] <= limit) return true;
    // A value may start after this character when it is an edge.
    stepColumn(col, lowerWord, code, SCALAR_EDGE.has(code) ? 0 : far);
  }
  return col[m] <= limit;
}

/** A key spelled `name` (plain or quoted, maybe after an anchor or a local tag), up to its colon and what may sit between it and its value. */
const NAME_KEY = /(?:^|[\s{,[/\uFEFF])["']?name["']?(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*:(?:\s|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/|&\S+|![^\s]*|[|>][-+0-9]*)*/g;
/** Text where a `name` value may come from elsewhere: aliases and merge keys (`*`), complex keys (`? `). */
const NAME_ELSEWHERE = /\*|\?(?:\s|$)/;

/**
 * Whether `text` (a definition, without escapes or tags: the caller checks those) may hold a `name` value within
 * `limit` edits of `word` (a word without whitespace). Without aliases, merge keys or complex keys the value starts
 * right after a key spelled `name` and its colon (and an anchor, a local tag, a block scalar header, comments, a
 * quote): only values starting there are measured, each against the text up to the next SCALAR_EDGE, whitespace
 * runs read as one space (folding). Otherwise nearScalar.
 */
export function nearNameValue(text: string, word: string, limit: number, starts: readonly number[] | undefined = nameValueStarts(text)): boolean {
  if (!starts) return nearScalar(text, word, limit);
  const lowerWord = lowerUnits(word);
  const m = lowerWord.length;
  for (const start of starts) {
    // Prefix alignment: the word against the text from `start`, ending at an edge.
    const col = Array.from({ length: m + 1 }, (_, i) => i);
    let spaced = false;
    for (let j = start; j < text.length; j++) {
      let code = text.charCodeAt(j);
      if (isSpace(code)) {
        if (spaced) continue;
        spaced = true;
        code = 32;
      } else spaced = false;
      if (SCALAR_EDGE.has(code) && col[m] <= limit) return true;
      // Row 0: every text character before the word costs one.
      stepColumn(col, lowerWord, code, col[0] + 1);
      // A column's least value never falls as the text goes on (the start is fixed): past the limit, no end can come back.
      if (Math.min(...col) > limit) break;
    }
    if (col[m] <= limit) return true;
  }
  return false;
}

/**
 * Where nearNameValue measures `name` values in `text`: after each NAME_KEY match (and an opening quote), in
 * order; undefined when a value may come from elsewhere (NAME_ELSEWHERE: nearScalar measures every scalar).
 * A function of the text alone: a caller asking about one text many times keeps it (project/definitions.ts).
 */
export function nameValueStarts(text: string): number[] | undefined {
  if (NAME_ELSEWHERE.test(text)) return undefined;
  const starts: number[] = [];
  for (const match of text.matchAll(NAME_KEY)) {
    let start = match.index + match[0].length;
    if (text[start] === '"' || text[start] === "'") start++;
    starts.push(start);
  }
  return starts;
}

/**
 * What nearNameValue(text, word, 0, starts) answers for every word of printable ASCII without SCALAR_EDGE
 * characters (`exactNameWord`), as a set: the text from each start up to its first SCALAR_EDGE character (or
 * the end), lower-cased unit by unit as the column compares them. With limit 0 the column's last entry is 0
 * only where the text from the start equals the word, and an edge inside that part would be a character the
 * word does not have, so the value ends at the first edge. A part with a unit whose lower case is not one
 * ASCII unit is left out (no such word equals it).
 */
export function exactNameValues(text: string, starts: readonly number[]): Set<string> {
  const out = new Set<string>();
  for (const start of starts) {
    let value = '';
    let ascii = true;
    let j = start;
    for (; j < text.length; j++) {
      const code = text.charCodeAt(j);
      if (SCALAR_EDGE.has(code)) break;
      const unit = String.fromCharCode(code).toLowerCase();
      if (unit.length !== 1 || unit.charCodeAt(0) > 0x7e) ascii = false;
      value += unit;
    }
    if (ascii && value) out.add(value);
  }
  return out;
}

/** Words exactNameValues answers for: printable ASCII, no SCALAR_EDGE character. */
export function exactNameWord(word: string): boolean {
  if (!word) return false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 0x21 || code > 0x7e || SCALAR_EDGE.has(code)) return false;
  }
  return true;
}

/** The word's UTF-16 units, lower-cased one by one (editDistance's comparison). */
function lowerUnits(word: string): string[] {
  return [...Array(word.length).keys()].map((i) => word[i].toLowerCase());
}

/** Spaces, tabs and line breaks: a run of them is read as one space (YAML folding). */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * One text character further in the edit-distance column of `lowerWord` (col[i]: the fewest edits for the word's
 * first i units to end at this character), `row0` being the new col[0] (where a match may start).
 */
function stepColumn(col: number[], lowerWord: string[], code: number, row0: number): void {
  const eq = String.fromCharCode(code).toLowerCase();
  let diag = col[0];
  col[0] = row0;
  for (let i = 1; i <= lowerWord.length; i++) {
    const tmp = col[i];
    col[i] = Math.min(col[i] + 1, col[i - 1] + 1, diag + (lowerWord[i - 1] === eq ? 0 : 1));
    diag = tmp;
  }
}
