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
  /** Set on a YAML tree the next version of the text may partly re-use (yaml.ts reparseYamlTree); cleared once used. */
  reusable?: { text: string };
}

/**
 * Places the nodes of a tree whose positions are computed on demand (parse/jsonLazy.ts), and builds the
 * children of its containers when first asked. Trees built and placed up front (the exact JSON path, YAML)
 * have none.
 */
export interface PositionSource {
  readonly text: string;
  /** Sets `node`'s offset and length and, when it is a property's value, that property's key offset and length. */
  resolve(node: TreeNode): void;
  /** Builds the children (`properties` / `items`) of a container made unexpanded (its `_v` holds its value). */
  expand(node: TreeObject | TreeArray): void;
}

// Every parser builds its tree from these three classes (and TreeProperty), so the rules' walks see three
// node shapes, not one per parser and scalar kind: V8 keeps their property accesses fast (polymorphic, not
// megamorphic). Positions are fields; a lazy tree's unplaced nodes (-1) ask their PositionSource.
abstract class TreeNodeBase {
  _o: number;
  _l: number;
  /** Index in the parent's items / properties. */
  _i = 0;
  parent?: ObjectNode | ArrayNode = undefined;
  property?: PropertyNode = undefined;
  readonly _pos: PositionSource | undefined;
  constructor(offset: number, length: number, pos: PositionSource | undefined) {
    this._o = offset;
    this._l = length;
    this._pos = pos;
  }
  get offset(): number {
    if (this._o < 0) this._pos?.resolve(this as unknown as TreeNode);
    return this._o;
  }
  set offset(v: number) {
    this._o = v;
  }
  get length(): number {
    if (this._l < 0) this._pos?.resolve(this as unknown as TreeNode);
    return this._l;
  }
  set length(v: number) {
    this._l = v;
  }
}

// A lazy JSON tree's containers are made unexpanded: `_c` (the children) undefined, `_v` the value JSON.parse
// gave; the first read of `properties` / `items` builds the children (one level) through the PositionSource.
// Walks over large samples read the plain value instead (plainValue below), so a megabyte sample is not
// turned into nodes unless something asks for them.
export class TreeObject extends TreeNodeBase implements ObjectNode {
  readonly type = 'object' as const;
  _c: TreeProperty[] | undefined = [];
  _v: unknown = undefined;
  get properties(): TreeProperty[] {
    if (this._c === undefined) this._pos!.expand(this);
    return this._c!;
  }
  set properties(v: TreeProperty[]) {
    this._c = v;
  }
}

export class TreeArray extends TreeNodeBase implements ArrayNode {
  readonly type = 'array' as const;
  _c: TreeNode[] | undefined = [];
  _v: unknown = undefined;
  get items(): TreeNode[] {
    if (this._c === undefined) this._pos!.expand(this);
    return this._c!;
  }
  set items(v: TreeNode[]) {
    this._c = v;
  }
}

/**
 * The value of a container whose children were not built yet (a lazy JSON tree), else undefined. The value is
 * JSON.parse's: never modify it. An object with array-index keys lists them first (JSON.parse's order), not in
 * the order of the text as its `properties` do.
 */
export function plainValue(node: ValueNode): unknown {
  return (node.type === 'object' || node.type === 'array') && (node as TreeObject | TreeArray)._c === undefined ? (node as TreeObject | TreeArray)._v : undefined;
}

export class TreeScalar extends TreeNodeBase implements ScalarNode {
  readonly type: ScalarType;
  value: string | number | boolean | null;
  private _raw: string | undefined;
  constructor(type: ScalarType, value: string | number | boolean | null, offset: number, length: number, raw: string | undefined, pos: PositionSource | undefined) {
    super(offset, length, pos);
    this.type = type;
    this.value = value;
    this._raw = raw;
  }
  /** Source text of a number (1.0 vs 1, a long); a lazy tree reads it from the text when first asked. */
  get raw(): string | undefined {
    if (this._raw === undefined && this.type === 'number' && this._pos) this._raw = this._pos.text.substr(this.offset, this.length);
    return this._raw;
  }
  set raw(v: string | undefined) {
    this._raw = v;
  }
}

export type TreeNode = TreeObject | TreeArray | TreeScalar;

export class TreeProperty implements PropertyNode {
  _ko: number;
  _kl: number;
  value?: TreeNode = undefined;
  constructor(readonly key: string, readonly parent: TreeObject, keyOffset: number, keyLength: number) {
    this._ko = keyOffset;
    this._kl = keyLength;
  }
  get keyOffset(): number {
    if (this._ko < 0 && this.value) this.parent._pos?.resolve(this.value);
    return this._ko;
  }
  set keyOffset(v: number) {
    this._ko = v;
  }
  get keyLength(): number {
    if (this._kl < 0 && this.value) this.parent._pos?.resolve(this.value);
    return this._kl;
  }
  set keyLength(v: number) {
    this._kl = v;
  }
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

