// Random edits of flow XML for the incremental tests: what typing, pasting and deleting do to a file.
import { parseXml, type XmlElement } from '../../../server/src/core/parse/xml';

/** A small deterministic PRNG, so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** One random edit of a flow: typing or deleting in a value, whitespace, copying/removing/pasting elements, markup typed in a value, a renamed tag. */
export function randomEdit(text: string, random: () => number): string {
  const root = parseXml(text).root!;
  const all: XmlElement[] = [];
  const stack = [root];
  while (stack.length) {
    const e = stack.pop()!;
    all.push(e);
    stack.push(...e.children);
  }
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const nonRoot = all.filter((e) => e !== root);
  const leafs = nonRoot.filter((e) => !e.children.length);
  const el = pick(nonRoot);
  const leaf = pick(leafs);
  const at = leaf.contentOffset + Math.floor(random() * (leaf.contentEnd - leaf.contentOffset + 1));
  const splice = (from: number, to: number, insert: string) => text.slice(0, from) + insert + text.slice(to);
  switch (Math.floor(random() * 9)) {
    case 0: return splice(at, at, pick(['a', 'Z', '_', '1', '.', ' ', 'é']));
    case 1: return splice(at, Math.min(at + 1, leaf.contentEnd), '');
    case 2: return splice(el.offset, el.offset, pick(['\n    ', ' ', '\t']));
    case 3: return splice(el.offset + el.length, el.offset + el.length, '\n' + text.slice(el.offset, el.offset + el.length));
    case 4: return splice(el.offset, el.offset + el.length, '');
    case 5: return splice(el.offset + el.length, el.offset + el.length, '\n        <description>Pasted</description>');
    case 6: return splice(at, at, pick(['<', '&amp;', '<b>x</b>', ']]>', '&lt;']));
    case 7: return splice(el.offset + 1, el.offset + 1 + el.name.length, el.name + 'X');
    default: return splice(at, Math.min(at + 3, leaf.contentEnd), '');
  }
}
