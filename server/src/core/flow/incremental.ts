// Typing in a big flow without re-parsing it: when an edit stays inside one leaf's text (no markup, no
// entity, no CR) or only changes whitespace between elements, the previous tree is patched in place —
// the leaf's text re-read, ancestors stretched, everything after shifted. Anything else returns undefined
// and the caller parses from scratch. test/unit/flow/incremental.test.ts checks patched trees against
// full parses.
import type { XmlDocument, XmlElement } from '../parse/xml';

/** Edits larger than this are re-parsed (pastes, formatting). */
const MAX_EDIT = 4096;

export function patchXml(oldText: string, newText: string, xml: XmlDocument): XmlDocument | undefined {
  const root = xml.root;
  if (!root || xml.syntaxErrors.length || oldText === newText) return undefined;
  const min = Math.min(oldText.length, newText.length);
  const start = commonPrefix(oldText, newText, min);
  const suffix = commonSuffix(oldText, newText, min - start);
  const oldEnd = oldText.length - suffix;
  const newEnd = newText.length - suffix;
  if (oldEnd - start > MAX_EDIT || newEnd - start > MAX_EDIT) return undefined;
  const removed = oldText.slice(start, oldEnd);
  const inserted = newText.slice(start, newEnd);

  const path = containerOf(root, oldText, start, oldEnd);
  if (!path) return undefined;
  const target = path[path.length - 1];
  const leaf = target.children.length === 0;
  if (leaf ? !plainText(removed) || !plainText(inserted) : !/^\s*$/.test(removed) || !/^\s*$/.test(inserted)) return undefined;
  const delta = newEnd - oldEnd;
  if (leaf) {
    const raw = newText.slice(target.contentOffset, target.contentEnd + delta);
    if (!plainText(raw)) return undefined;
  }

  // Shift everything that starts at or after the edit (the elements around it start before it), then
  // stretch the elements around it. Subtrees that end before the edit are left alone.
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.offset >= oldEnd) {
      el.offset += delta;
      el.contentOffset += delta;
      el.contentEnd += delta;
      if (el.children.length === 0) el.textOffset += delta;
    } else if (el.offset + el.length <= start) {
      continue;
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
  for (const el of path) {
    el.length += delta;
    el.contentEnd += delta;
  }
  if (leaf) retext(target, newText);
  return { root, syntaxErrors: [] };
}

/** Length of the common prefix, by halving: slice comparisons run as native memory compares. */
function commonPrefix(a: string, b: string, max: number): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function commonSuffix(a: string, b: string, max: number): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Text that parses to itself: no markup, no entity or character reference, no CR (XML normalises it), no
 * character XML forbids. */
function plainText(s: string): boolean {
  return !/[<>&\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/.test(s);
}

/** The chain of elements (root first) whose content holds [start, end) without touching any child's tags. */
function containerOf(root: XmlElement, text: string, start: number, end: number): XmlElement[] | undefined {
  const path: XmlElement[] = [];
  let cur = root;
  for (;;) {
    if (start < cur.contentOffset || end > cur.contentEnd || selfClosing(cur, text)) return undefined;
    path.push(cur);
    const c = overlapping(cur.children, start, end);
    if (!c) return path;
    cur = c;
  }
}

/** The child the edit [start, end) reaches into; an insertion right before a child's `<` or after its `>` does not. */
function overlapping(children: XmlElement[], start: number, end: number): XmlElement | undefined {
  // Children are ordered and disjoint: find the first one ending after `start`.
  let lo = 0;
  let hi = children.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (children[mid].offset + children[mid].length > start) hi = mid;
    else lo = mid + 1;
  }
  const c = children[lo];
  return c && c.offset < end && start < c.offset + c.length && (start !== end || start > c.offset) ? c : undefined;
}

function selfClosing(el: XmlElement, text: string): boolean {
  return el.contentEnd === el.contentOffset && text.charCodeAt(el.contentOffset - 2) === 47;
}

/** Re-reads a leaf's text after its content changed (plain text: decoded = raw). */
function retext(el: XmlElement, text: string): void {
  let s = el.contentOffset;
  let e = el.contentEnd;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  el.text = text.slice(el.contentOffset, el.contentEnd).trim();
  el.textOffset = s;
  el.textLength = e - s;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}
