// One offset tree for JSON and YAML callout definitions, so one ajv pass and one rule set serve both.
// Offsets are UTF-16 code-unit offsets into the document text; ranges are made once, at the LSP edge.

export type ScalarType = 'string' | 'number' | 'boolean' | 'null';

interface NodeBase {
  offset: number;
  length: number;
  parent?: ObjectNode | ArrayNode;
  /** The property this node is the value of, when its parent is an object. */
  property?: PropertyNode;
}

export interface ObjectNode extends NodeBase {
  type: 'object';
  properties: PropertyNode[];
}

export interface ArrayNode extends NodeBase {
  type: 'array';
  items: ValueNode[];
}

export interface ScalarNode extends NodeBase {
  type: ScalarType;
  value: string | number | boolean | null;
  /** Source text of a number, to tell 1.0 from 1 and a long from an int. */
  raw?: string;
}

export interface PropertyNode {
  key: string;
  keyOffset: number;
  keyLength: number;
  value?: ValueNode;
  parent: ObjectNode;
}

export type ValueNode = ObjectNode | ArrayNode | ScalarNode;

export interface SyntaxProblem {
  offset: number;
  length: number;
  message: string;
}

export interface ParsedTree {
  root?: ValueNode;
  syntaxErrors: SyntaxProblem[];
  /** The document's language flavour, for messages and fixes. */
  flavour: 'json' | 'yaml';
}

/** The plain value of a node, as ajv and the rules see it. */
export function toValue(node: ValueNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of node.properties) out[p.key] = toValue(p.value);
      return out;
    }
    case 'array':
      return node.items.map(toValue);
    default:
      return node.value;
  }
}

export function getProperty(node: ValueNode | undefined, key: string): PropertyNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  // The last duplicate wins, as in JSON.parse and YAML merge.
  for (let i = node.properties.length - 1; i >= 0; i--) if (node.properties[i].key === key) return node.properties[i];
  return undefined;
}

export function getPropertyValue(node: ValueNode | undefined, key: string): ValueNode | undefined {
  return getProperty(node, key)?.value;
}

/** Follows a JSON pointer (`/responses/2XX/sample`) to the deepest node that exists. */
export function findNodeAtPointer(root: ValueNode | undefined, pointer: string): { node?: ValueNode; property?: PropertyNode; rest: string[] } {
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = root;
  let property: PropertyNode | undefined;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (!node) return { node, property, rest: segments.slice(i) };
    if (node.type === 'object') {
      const p = getProperty(node, seg);
      if (!p) return { node, property, rest: segments.slice(i) };
      property = p;
      node = p.value;
      if (!node) return { node: undefined, property, rest: segments.slice(i + 1) };
    } else if (node.type === 'array') {
      const idx = Number(seg);
      const item = Number.isInteger(idx) ? node.items[idx] : undefined;
      if (!item) return { node, property, rest: segments.slice(i) };
      property = undefined;
      node = item;
    } else {
      return { node, property, rest: segments.slice(i) };
    }
  }
  return { node, property, rest: [] };
}

/** The innermost node covering `offset` and, when the offset is on a key, that property. */
export function findNodeAtOffset(root: ValueNode | undefined, offset: number): { node?: ValueNode; property?: PropertyNode; onKey: boolean } {
  let node: ValueNode | undefined = root;
  let property: PropertyNode | undefined;
  if (!node || offset < node.offset || offset > node.offset + node.length) return { node: undefined, onKey: false };
  for (;;) {
    if (!node) return { node, property, onKey: false };
    if (node.type === 'object') {
      let next: ValueNode | undefined;
      for (const p of node.properties) {
        if (offset >= p.keyOffset && offset <= p.keyOffset + p.keyLength) return { node, property: p, onKey: true };
        if (p.value && offset >= p.value.offset && offset <= p.value.offset + p.value.length) {
          property = p;
          next = p.value;
          break;
        }
      }
      if (!next) return { node, property, onKey: false };
      node = next;
    } else if (node.type === 'array') {
      const next: ValueNode | undefined = node.items.find((i: ValueNode) => offset >= i.offset && offset <= i.offset + i.length);
      if (!next) return { node, property, onKey: false };
      property = undefined;
      node = next;
    } else {
      return { node, property, onKey: false };
    }
  }
}

/** The path from the root to a node, as keys and indexes. */
export function pathOf(node: ValueNode): (string | number)[] {
  const path: (string | number)[] = [];
  let cur: ValueNode | undefined = node;
  while (cur && cur.parent) {
    if (cur.parent.type === 'object') path.unshift(cur.property ? cur.property.key : '?');
    else path.unshift(cur.parent.items.indexOf(cur));
    cur = cur.parent;
  }
  return path;
}

/** Visits every value node depth-first; `visit` returns false to skip a subtree. */
export function walk(node: ValueNode | undefined, visit: (n: ValueNode, depth: number) => boolean | void, depth = 0): void {
  if (!node) return;
  if (visit(node, depth) === false) return;
  if (node.type === 'object') for (const p of node.properties) walk(p.value, visit, depth + 1);
  else if (node.type === 'array') for (const i of node.items) walk(i, visit, depth + 1);
}

export function link(node: ValueNode, parent?: ObjectNode | ArrayNode, property?: PropertyNode): ValueNode {
  node.parent = parent;
  node.property = property;
  return node;
}

/** Bracket nesting beyond this is refused before parsing: parsers slow down or recurse out of stack. */
export const MAX_BRACKET_DEPTH = 256;

/** Deepest `{`/`[` nesting outside quotes and comments, stopping as soon as `limit` is passed. */
export function bracketDepthOver(text: string, limit: number): number {
  // Character codes: " 34, ' 39, # 35, \ 92, newline 10, { 123, [ 91, } 125, ] 93.
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote || c === 10) quote = 0; // plain scalars like `isn't` must not hide the next lines
      else if (c === 92 && quote === 34) i++;
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 35) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if ((c === 125 || c === 93) && depth > 0) depth--;
  }
  return -1;
}

