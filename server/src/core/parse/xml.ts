// Salesforce metadata XML → an element tree with offsets, via saxes (a conformant, non-validating parser
// that expands no DTD entities). Malformed XML yields syntax problems plus the tree read so far.
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  /** Offset of `<` of the start tag. */
  offset: number;
  /** Up to and including the end tag (or the start tag when self-closing / unclosed). */
  length: number;
  /** Offset just after the start tag's `>`. */
  contentOffset: number;
  /** Offset of the end tag's `<` (equals contentOffset when self-closing). */
  contentEnd: number;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Decoded text content of a leaf element, trimmed. */
  text: string;
  /** Offset and length of the trimmed text in the source. */
  textOffset: number;
  textLength: number;
  parent?: XmlElement;
}

export interface XmlDocument {
  root?: XmlElement;
  syntaxErrors: { offset: number; length: number; message: string }[];
}

/** Shared by every element without attributes / children (nearly all of a flow's), so they cost no allocation. */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

/** Syntax errors listed per document; the rest are counted in one last message. */
const MAX_SYNTAX_ERRORS = 100;

export function parseXml(source: string): XmlDocument {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  const errors: XmlDocument['syntaxErrors'] = [];
  let root: XmlElement | undefined;
  // Text since the last tag: leaves keep it; whitespace between elements is dropped at the next tag.
  let text = '';
  let stopped = false;

  parser.on('opentagstart', (tag) => {
    const offset = tagStart(source, parser.position, tag.name);
    const el: XmlElement = {
      name: tag.name, offset, length: 0, contentOffset: 0, contentEnd: 0, attributes: NO_ATTRIBUTES,
      children: NO_CHILDREN, text: '', textOffset: 0, textLength: 0, parent: stack[stack.length - 1],
    };
    if (el.parent) {
      if (el.parent.children === NO_CHILDREN) el.parent.children = [el];
      else el.parent.children.push(el);
    }
    else if (!root) root = el;
    stack.push(el);
    text = '';
  });
  parser.on('opentag', (tag) => {
    const el = stack[stack.length - 1];
    if (!el) return;
    el.contentOffset = parser.position;
    for (const k in tag.attributes) {
      const v = tag.attributes[k];
      if (el.attributes === NO_ATTRIBUTES) el.attributes = {};
      el.attributes[k] = typeof v === 'string' ? v : v.value;
    }
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('cdata', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const el = stack.pop();
    if (!el) return;
    const end = parser.position;
    if (tag.isSelfClosing) {
      el.contentEnd = el.contentOffset;
    } else {
      el.contentEnd = Math.max(el.contentOffset, endTagStart(source, end, tag.name));
    }
    el.length = end - el.offset;
    if (el.children.length === 0) setText(el, source, text);
    text = '';
  });
  let unlisted = 0;
  parser.on('error', (err) => {
    // Garbage text can hold an error every few characters: past the first ones, only count them.
    if (errors.length >= MAX_SYNTAX_ERRORS) {
      unlisted++;
      return;
    }
    const offset = Math.min(source.length, Math.max(0, parser.position - 1));
    errors.push({ offset, length: 1, message: `XML syntax error: ${err.message.replace(/^\d+:\d+: /, '')}` });
  });
  try {
    parser.write(source);
    parser.close();
  } catch (err) {
    stopped = true;
    if (!errors.length) errors.push({ offset: 0, length: 1, message: `XML syntax error: ${(err as Error).message}` });
  }
  // Unclosed elements still span to the end of what was read.
  for (const el of stack) {
    el.length = source.length - el.offset;
    el.contentEnd = source.length;
    if (!el.contentOffset) el.contentOffset = source.length;
  }
  void stopped;
  const listed = dedupe(errors);
  if (unlisted) {
    const last = listed[listed.length - 1];
    listed.push({ offset: last.offset, length: last.length, message: `XML syntax error: ${unlisted} more after this one are not listed. Fix the first ones (often the rest follow from them), or check that this is an XML file.` });
  }
  return { root, syntaxErrors: listed };
}

/** Offset of the `<` of a start tag whose name saxes has just read (it sits right before the name). */
function tagStart(source: string, position: number, name: string): number {
  let i = Math.min(position - name.length - 1, source.length - 1);
  if (i >= 0 && source.charCodeAt(i) === 60) return i;
  i = Math.min(position - 1, source.length - 1);
  while (i > 0 && source.charCodeAt(i) !== 60) i--;
  return Math.max(0, i);
}

/** Offset of `</` of the end tag that finishes at `end` (usually `</name>`; whitespace before `>` is legal). */
function endTagStart(source: string, end: number, name: string): number {
  const guess = end - name.length - 3;
  if (guess >= 0 && source.charCodeAt(guess) === 60 && source.charCodeAt(guess + 1) === 47) return guess;
  return source.lastIndexOf('</', end - 1);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function setText(el: XmlElement, source: string, decoded: string): void {
  // Trim the raw slice by scanning, without copying it: the leaf is most of a flow's elements.
  let start = el.contentOffset;
  let end = el.contentEnd;
  while (start < end && isSpace(source.charCodeAt(start))) start++;
  while (end > start && isSpace(source.charCodeAt(end - 1))) end--;
  el.text = decoded.trim();
  el.textOffset = start;
  el.textLength = end - start;
}

function dedupe<T extends { offset: number; message: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.offset}:${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const c = child(el, name);
  return c ? c.text : undefined;
}

/** The innermost element whose span covers `offset`. */
export function elementAt(root: XmlElement | undefined, offset: number): XmlElement | undefined {
  let cur = root;
  if (!cur || offset < cur.offset || offset > cur.offset + cur.length) return undefined;
  for (;;) {
    const next: XmlElement | undefined = cur.children.find((c) => offset >= c.offset && offset <= c.offset + c.length);
    if (!next) return cur;
    cur = next;
  }
}
