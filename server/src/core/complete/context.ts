// Where the cursor is in a callout definition, in terms of the schema: the property path, whether a key or
// a value is being typed, and the word to replace. JSON uses jsonc-parser's scanner; YAML uses the
// indentation of the lines above, which works on the half-typed text the parser cannot read yet.
import { getLocation } from 'jsonc-parser';
import { bracketDepthOver, MAX_BRACKET_DEPTH } from '../parse/tree';

export interface CursorContext {
  path: (string | number)[];
  isKey: boolean;
  /** The word being typed and where it starts. */
  word: string;
  wordOffset: number;
  /** The key whose value is being typed. */
  key?: string;
  /** Inside a quoted string (JSON) — insert text without quotes. */
  inQuotes: boolean;
}

export function cursorContext(text: string, offset: number, flavour: 'json' | 'yaml'): CursorContext {
  return flavour === 'json' ? jsonContext(text, offset) : yamlContext(text, offset);
}

function jsonContext(text: string, offset: number): CursorContext {
  const before = text.slice(0, offset);
  // jsonc-parser reads nested brackets recursively: past the depth the parser refuses, there is nothing to offer.
  if (bracketDepthOver(before, MAX_BRACKET_DEPTH) !== -1) return { path: [], isKey: false, word: '', wordOffset: offset, inQuotes: false };
  const loc = getLocation(text, offset);
  const m = /[^\s"{},:[\]]*$/.exec(before)!;
  const inQuotes = (before.slice(before.lastIndexOf('\n') + 1).match(/"/g)?.length ?? 0) % 2 === 1;
  const path = [...loc.path];
  if (loc.isAtPropertyKey) path.pop();
  const key = !loc.isAtPropertyKey ? (typeof path[path.length - 1] === 'string' ? (path[path.length - 1] as string) : undefined) : undefined;
  return { path, isKey: loc.isAtPropertyKey, word: m[0], wordOffset: offset - m[0].length, key, inQuotes };
}

const LINE = /^( *)(- +)?(?:["']?([^\s:"'#{}[\],]+)["']?\s*:(?:\s|$))?/;

/** The property path of the line being typed, from the indentation of the lines above. */
function yamlParentPath(text: string, lineStart: number, line: string): (string | number)[] {
  const path: (string | number)[] = [];
  const m = LINE.exec(line)!;
  let limit = m[1].length;
  if (m[2]) path.unshift(0);
  let pos = lineStart - 1;
  while (pos > 0 && limit > 0) {
    const s = text.lastIndexOf('\n', pos - 1) + 1;
    const l = text.slice(s, pos);
    pos = s - 1;
    if (!l.trim() || l.trim().startsWith('#')) continue;
    const lm = LINE.exec(l)!;
    const bare = lm[1].length;
    const contentCol = bare + (lm[2]?.length ?? 0);
    if (lm[2]) {
      if (contentCol === limit) {
        path.unshift(0); // a sibling key of the same list item
        limit = bare;
      } else if (contentCol < limit) {
        if (lm[3]) path.unshift(lm[3]);
        path.unshift(0);
        limit = bare;
      }
    } else if (bare < limit) {
      if (lm[3]) path.unshift(lm[3]);
      limit = bare;
    }
  }
  return path;
}

function yamlContext(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  const word = /[^\s:{},[\]"']*$/.exec(line)![0];
  const wordOffset = offset - word.length;
  const path = yamlParentPath(text, lineStart, line);
  // The key whose value is typed: the last `key:` before the cursor on this line (block or inline mapping).
  const rest = line.replace(/^\s*(-\s+)?/, '');
  const km = /(?:^|[{,]\s*)["']?([^\s:"'{},]+)["']?\s*:\s+(?:[^,{}]*)$/.exec(rest);
  const inlineOpen = (rest.match(/\{/g)?.length ?? 0) > (rest.match(/\}/g)?.length ?? 0);
  if (km) {
    const inlineParent = /^["']?([^\s:"'{},]+)["']?\s*:\s*\{/.exec(rest);
    if (inlineParent && inlineParent[1] !== km[1]) path.push(inlineParent[1]);
    path.push(km[1]);
    return { path, isKey: false, word, wordOffset, key: km[1], inQuotes: false };
  }
  if (inlineOpen) {
    const inlineParent = /^["']?([^\s:"'{},]+)["']?\s*:\s*\{/.exec(rest);
    if (inlineParent) path.push(inlineParent[1]);
  }
  return { path, isKey: true, word, wordOffset, inQuotes: false };
}
