// Editing a big flow without re-parsing it. The edit (common prefix/suffix of the old and new text) is
// located in the previous tree, and the tree is patched in place:
//   - inside one leaf's text (no markup, no entity, no CR): the leaf's text is re-read;
//   - whitespace between elements: nothing but offsets changes;
//   - anything else inside an element's content (pasting or deleting elements, typing markup): only the
//     children the edit reaches are re-parsed, from the new text, and spliced in.
//   - whitespace after the root element, when only whitespace follows it: nothing changes.
// Ancestors are stretched and everything after the edit shifted. When the edit touches the tags of the
// root, leaves a parse error, or is too large, patchXml returns undefined and the caller parses from
// scratch. The patch also says what changed (XmlEdit), so the analysis can keep what did not
// (flow/carry.ts). test/unit/flow/incremental.test.ts checks patched trees against full parses.
import { parseXml, type XmlDocument, type XmlElement } from '../parse/xml';
import type { TextLike } from './source';

/** Text edits larger than this are re-parsed whole (pastes, formatting). */
const MAX_EDIT = 64 * 1024;
/** Re-parsed children larger than this: the whole document is parsed instead. */
const MAX_REGION = 256 * 1024;

/** What a patch changed, in the old text's offsets (start, oldEnd) and the new text's (newEnd). */
export interface XmlEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
  delta: number;
  /** The edit stayed inside this leaf's text (the element is kept, its text re-read). */
  leaf?: XmlElement;
  /** Children of `parent` re-parsed: `removed` (detached) were replaced by `inserted` (new elements). */
  replaced?: { parent: XmlElement; removed: XmlElement[]; inserted: XmlElement[] };
  /** Neither: only whitespace between elements changed. */
}

export type PatchedXml = XmlDocument & { edit: XmlEdit };

/**
 * The previous tree patched to describe `newText`. `change` is the edit when the caller knows it (the
 * editor's change: [start, oldEnd) of the old text became [start, newEnd) of the new one); otherwise the
 * texts are compared. Texts may be strings or SourceTexts (read slice by slice, never joined).
 */
export function patchXml(oldText: TextLike, newText: TextLike, xml: XmlDocument, change?: { start: number; oldEnd: number; newEnd: number }): PatchedXml | undefined {
  const root = xml.root;
  if (!root || xml.syntaxErrors.length || oldText === newText) return undefined;
  let start: number;
  let oldEnd: number;
  let newEnd: number;
  if (change) {
    ({ start, oldEnd, newEnd } = change);
    if (start < 0 || oldEnd < start || oldEnd > oldText.length || newText.length - newEnd !== oldText.length - oldEnd) return undefined;
  } else {
    const a = String(oldText);
    const b = String(newText);
    if (a === b) return undefined;
    const min = Math.min(a.length, b.length);
    start = commonPrefix(a, b, min);
    const suffix = commonSuffix(a, b, min - start);
    oldEnd = a.length - suffix;
    newEnd = b.length - suffix;
  }
  if (oldEnd - start > MAX_EDIT || newEnd - start > MAX_EDIT) return undefined;
  // Whitespace typed or removed after the root element, where only whitespace follows it (the end of the
  // file): no element changes, nothing moves.
  const rootEnd = end(root);
  if (start >= rootEnd && isBlank(oldText, rootEnd, oldText.length) && isBlank(newText, start, newEnd)) {
    return { root, syntaxErrors: [], edit: { start, oldEnd, newEnd, delta: newEnd - oldEnd } };
  }
  // A pure insertion or deletion can sit at several places (`<c/>|<d/>` + `</Flow>` is found as `<c/><`
  // + `d/><` + `/Flow>`): the longest common prefix may end inside a tag. Slide it left until it fits.
  for (let slide = 0; slide <= MAX_SLIDE; slide++) {
    const p = plan(root, oldText, newText, start, oldEnd, newEnd);
    if (p) return apply(root, newText, p);
    const text = oldEnd === start ? newText : newEnd === start ? oldText : undefined;
    const segEnd = oldEnd === start ? newEnd : oldEnd;
    if (!text || start === 0 || text.charCodeAt(start - 1) !== text.charCodeAt(segEnd - 1)) return undefined;
    start--;
    oldEnd--;
    newEnd--;
  }
  return undefined;
}

/** How far a pure insertion or deletion is slid left looking for a place that patches. */
const MAX_SLIDE = 64;

interface Plan {
  edit: XmlEdit;
  /** Root first; the last is the element whose content holds the edit. */
  path: XmlElement[];
  first: number;
  last: number;
  replacement?: XmlElement[];
}

/** What patching [start, oldEnd) → [start, newEnd) takes, or undefined when it cannot be patched; changes nothing. */
function plan(root: XmlElement, oldText: TextLike, newText: TextLike, start: number, oldEnd: number, newEnd: number): Plan | undefined {
  const delta = newEnd - oldEnd;
  const removedText = oldText.slice(start, oldEnd);
  const insertedText = newText.slice(start, newEnd);
  const found = containerOf(root, oldText, start, oldEnd);
  if (!found) return undefined;
  let { path, first, last } = found;
  let target = path[path.length - 1];
  const edit: XmlEdit = { start, oldEnd, newEnd, delta };

  if (first > last && target.children.length === 0) {
    // Inside a leaf's text: patched in place when it stays plain text; else the leaf is re-parsed as a
    // child of its parent.
    const raw = newText.slice(target.contentOffset, target.contentEnd + delta);
    if (plainText(removedText) && plainText(insertedText) && plainText(raw)) {
      edit.leaf = target;
      return { edit, path, first, last };
    }
    if (path.length < 2) return undefined;
    path = path.slice(0, -1);
    const parent = path[path.length - 1];
    first = last = parent.children.indexOf(target);
    target = parent;
  }
  // Whitespace between elements changes only offsets.
  if (first > last && /^\s*$/.test(removedText) && /^\s*$/.test(insertedText)) return { edit, path, first, last };
  // Anything else between or across children: re-parse the children the edit reaches (or just the edited
  // gap between two children).
  const from = first <= last ? Math.min(start, target.children[first].offset) : start;
  const to = first <= last ? Math.max(oldEnd, end(target.children[last])) : oldEnd;
  if (to - from > MAX_REGION || to + delta - from > MAX_REGION) return undefined;
  const replacement = parseRegion(newText, from, to + delta);
  if (!replacement) return undefined;
  // The container must keep at least one child (an emptied element would become a leaf).
  if (target.children.length - (last - first + 1) + replacement.length === 0) return undefined;
  return { edit, path, first, last, replacement };
}

function apply(root: XmlElement, newText: TextLike, { edit, path, first, last, replacement }: Plan): PatchedXml {
  const { start, oldEnd, delta } = edit;
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
  if (edit.leaf) retext(edit.leaf, newText);
  if (replacement) {
    // The children the edit reached (none for an edit between two) are replaced.
    const target = path[path.length - 1];
    const children = target.children.slice();
    const removed = children.splice(first, last - first + 1, ...replacement);
    for (const el of replacement) el.parent = target;
    target.children = children;
    edit.replaced = { parent: target, removed, inserted: replacement };
  }
  return { root, syntaxErrors: [], edit };
}

function end(el: XmlElement): number {
  return el.offset + el.length;
}

/**
 * `text[from, to)` parsed as a sequence of elements with only whitespace between them, offsets in `text`;
 * undefined when it is not exactly that (a syntax error, text outside elements…).
 */
function parseRegion(text: TextLike, from: number, to: number): XmlElement[] | undefined {
  const region = text.slice(from, to);
  if (region.includes('<?') || region.includes('<!DOCTYPE') || region.includes('<!doctype')) return undefined;
  const open = '<r>';
  const doc = parseXml(`${open}${region}</r>`);
  if (doc.syntaxErrors.length || !doc.root) return undefined;
  const shift = from - open.length;
  const elements = doc.root.children;
  // Only whitespace between the elements (a flow has no mixed content).
  let at = from;
  for (const el of elements) {
    if (!isBlank(text, at, el.offset + shift)) return undefined;
    at = el.offset + shift + el.length;
  }
  if (!isBlank(text, at, to)) return undefined;
  const stack = [...elements];
  while (stack.length) {
    const el = stack.pop()!;
    el.offset += shift;
    el.contentOffset += shift;
    el.contentEnd += shift;
    if (el.children.length === 0) el.textOffset += shift;
    else for (const c of el.children) stack.push(c);
  }
  return elements.slice();
}

function isBlank(text: TextLike, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
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

/**
 * The chain of elements (root first) whose content holds [start, end) without touching its own tags, and
 * in the last of them the children the edit reaches (`first`..`last`, empty when first > last).
 */
function containerOf(root: XmlElement, text: TextLike, start: number, end: number): { path: XmlElement[]; first: number; last: number } | undefined {
  const path: XmlElement[] = [];
  let cur = root;
  for (;;) {
    if (!inContent(cur, text, start, end)) return undefined;
    path.push(cur);
    const [first, last] = overlapping(cur.children, start, end);
    if (first > last) return { path, first, last };
    const c = cur.children[first];
    if (first !== last || !inContent(c, text, start, end)) return { path, first, last };
    cur = c;
  }
}

function inContent(el: XmlElement, text: TextLike, start: number, end: number): boolean {
  return start >= el.contentOffset && end <= el.contentEnd && !selfClosing(el, text);
}

/** The children the edit [start, end) reaches into; an insertion right before a child's `<` or after its `>` reaches none. */
function overlapping(children: XmlElement[], start: number, end: number): [number, number] {
  // Children are ordered and disjoint: find the first one ending after `start`.
  let lo = 0;
  let hi = children.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (children[mid].offset + children[mid].length > start) hi = mid;
    else lo = mid + 1;
  }
  const reaches = (c: XmlElement | undefined) => !!c && c.offset < end && start < c.offset + c.length && (start !== end || start > c.offset);
  if (!reaches(children[lo])) return [lo, lo - 1];
  let last = lo;
  while (reaches(children[last + 1])) last++;
  return [lo, last];
}

function selfClosing(el: XmlElement, text: TextLike): boolean {
  return el.contentEnd === el.contentOffset && text.charCodeAt(el.contentOffset - 2) === 47;
}

/** Re-reads a leaf's text after its content changed (plain text: decoded = raw). */
function retext(el: XmlElement, text: TextLike): void {
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
