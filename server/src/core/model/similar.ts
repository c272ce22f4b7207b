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

/**
 * Whether some part of `text` is within `limit` edits of `word` (editDistance's edits: letters compared
 * regardless of case, per UTF-16 unit), reading each run of spaces, tabs and line breaks in `text` as one space
 * — so a name folded over lines in YAML is found as written. Myers' bit-parallel approximate matching for
 * words up to 31 units, the plain dynamic programme (Sellers) above.
 */
export function nearSubstring(text: string, word: string, limit: number): boolean {
  const m = word.length;
  if (m <= limit) return true;
  const lowerWord = [...Array(m).keys()].map((i) => word[i].toLowerCase());
  const ascii = new Int32Array(128);
  for (let x = 0; x < 128; x++) {
    const lx = String.fromCharCode(x).toLowerCase();
    for (let i = 0; i < m; i++) if (lowerWord[i] === lx) ascii[x] |= 1 << i;
  }
  const other = new Map<number, number>();
  const eqOf = (code: number): number => {
    if (code < 128) return ascii[code];
    let bits = other.get(code);
    if (bits === undefined) {
      const lc = String.fromCharCode(code).toLowerCase();
      bits = 0;
      for (let i = 0; i < m; i++) if (lowerWord[i] === lc) bits |= 1 << i;
      other.set(code, bits);
    }
    return bits;
  };
  const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;
  if (m <= 31) {
    const high = 1 << (m - 1);
    let pv = m === 31 ? 0x7fffffff : (1 << m) - 1;
    let mv = 0;
    let score = m;
    let spaced = false;
    for (let j = 0; j < text.length; j++) {
      let code = text.charCodeAt(j);
      if (isSpace(code)) {
        if (spaced) continue;
        spaced = true;
        code = 32;
      } else spaced = false;
      const eq = eqOf(code);
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & high) score++;
      else if (mh & high) score--;
      ph <<= 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      if (score <= limit) return true;
    }
    return false;
  }
  // Sellers: column over the word, a match may start anywhere in the text (row 0 stays 0).
  const col = Array.from({ length: m + 1 }, (_, i) => i);
  let spaced = false;
  for (let j = 0; j < text.length; j++) {
    let code = text.charCodeAt(j);
    if (isSpace(code)) {
      if (spaced) continue;
      spaced = true;
      code = 32;
    } else spaced = false;
    const eq = String.fromCharCode(code).toLowerCase();
    let diag = 0;
    for (let i = 1; i <= m; i++) {
      const tmp = col[i];
      col[i] = Math.min(col[i] + 1, col[i - 1] + 1, diag + (lowerWord[i - 1] === eq ? 0 : 1));
      diag = tmp;
    }
    if (col[m] <= limit) return true;
  }
  return false;
}

/** Characters a YAML or JSON scalar's text starts after and ends before (or the text's ends, or whitespace). */
const SCALAR_EDGE = new Set([...' \t\r\n"\'[]{},:#'].map((c) => c.charCodeAt(0)));

/**
 * Whether `text` may hold a scalar whose value is within `limit` edits of `word` (a word without whitespace):
 * nearSubstring, and then only parts that start after and end before one of SCALAR_EDGE (or an end of the text).
 * A scalar's value is in its file's text as written, but for escapes and tags (the caller checks those) and
 * folding (whitespace runs read as one space); leading or trailing whitespace of a value only adds edits to
 * a word without any, so the part between edges is at least as near.
 */
export function nearScalar(text: string, word: string, limit: number): boolean {
  if (!nearSubstring(text, word, limit)) return false;
  const m = word.length;
  const lowerWord = [...Array(m).keys()].map((i) => word[i].toLowerCase());
  const far = m + limit + 1;
  const col = Array.from({ length: m + 1 }, (_, i) => i);
  let spaced = false;
  for (let j = 0; j < text.length; j++) {
    let code = text.charCodeAt(j);
    const space = code === 32 || code === 9 || code === 10 || code === 13;
    if (space) {
      if (spaced) continue;
      spaced = true;
      code = 32;
    } else spaced = false;
    const eq = String.fromCharCode(code).toLowerCase();
    // The column ends before this character: a value may end here when it is an edge.
    if (SCALAR_EDGE.has(code) && col[m] <= limit) return true;
    let diag = col[0];
    // A value may start after this character when it is an edge.
    col[0] = SCALAR_EDGE.has(code) ? 0 : far;
    for (let i = 1; i <= m; i++) {
      const tmp = col[i];
      col[i] = Math.min(col[i] + 1, col[i - 1] + 1, diag + (lowerWord[i - 1] === eq ? 0 : 1));
      diag = tmp;
    }
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
export function nearNameValue(text: string, word: string, limit: number): boolean {
  if (NAME_ELSEWHERE.test(text)) return nearScalar(text, word, limit);
  const m = word.length;
  const lowerWord = [...Array(m).keys()].map((i) => word[i].toLowerCase());
  for (const match of text.matchAll(NAME_KEY)) {
    let start = match.index + match[0].length;
    if (text[start] === '"' || text[start] === "'") start++;
    // Prefix alignment: the word against the text from `start`, ending at an edge.
    const col = Array.from({ length: m + 1 }, (_, i) => i);
    let spaced = false;
    for (let j = start; j < text.length; j++) {
      let code = text.charCodeAt(j);
      const space = code === 32 || code === 9 || code === 10 || code === 13;
      if (space) {
        if (spaced) continue;
        spaced = true;
        code = 32;
      } else spaced = false;
      if (SCALAR_EDGE.has(code) && col[m] <= limit) return true;
      const eq = String.fromCharCode(code).toLowerCase();
      let diag = col[0];
      col[0] = far(col[0]);
      for (let i = 1; i <= m; i++) {
        const tmp = col[i];
        col[i] = Math.min(col[i] + 1, col[i - 1] + 1, diag + (lowerWord[i - 1] === eq ? 0 : 1));
        diag = tmp;
      }
      // A column's least value never falls as the text goes on (the start is fixed): past the limit, no end can come back.
      if (Math.min(...col) > limit) break;
    }
    if (col[m] <= limit) return true;
  }
  return false;
}

/** Row 0 of a prefix alignment: every text character before the word costs one. */
function far(v: number): number {
  return v + 1;
}
