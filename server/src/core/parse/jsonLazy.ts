// The fast path for well-formed JSON: values from the engine's JSON.parse, source positions computed only
// for the nodes someone asks about (a rule reporting a problem, a number whose source text decides its type).
//
// Only taken when it gives exactly the tree the exact path (json.ts) builds: JSON.parse accepts the text
// (strict JSON: no comments, no trailing commas, no syntax errors), no object repeats a key (counted: every
// `:` outside strings is one property), and brackets stay within MAX_BRACKET_DEPTH. Properties keep the
// order of the text (JSON.parse lists integer-like keys first; those objects are re-ordered from the text).
// Positions come from jsonc-parser's scanner, walking from the nearest node already placed to the node asked
// about; once the walks have covered twice the text, one full pass places every node instead. Nodes are made
// on demand too: a container's children are built when its `properties` / `items` are first read (tree.ts
// `_c`/`_v`); until then walks may read its plain value (tree.ts plainValue).
// test/unit/parse/jsonLazy.test.ts compares this tree and every diagnostic with the exact path's.
import { createScanner, SyntaxKind, type JSONScanner } from 'jsonc-parser';
import { MAX_BRACKET_DEPTH, TreeArray, TreeObject, TreeProperty, TreeScalar, type ParsedTree, type PositionSource, type TreeNode, type ValueNode } from './tree';

type LazyValue = TreeNode;
type LazyContainer = TreeObject | TreeArray;
type LazyObject = TreeObject;

/** Thrown inside the build when the text is not one the fast path can mirror exactly; the caller falls back. */
class NotExact extends Error {}

class Positions implements PositionSource {
  private readonly scanner: JSONScanner;
  private keyScanner: JSONScanner | undefined;
  /** Characters the targeted walks have scanned; past the budget, one full pass places everything. */
  private scanned = 0;
  private readonly budget: number;
  private full = false;
  root!: LazyValue;
  /** While a container's children are being built (keyOrder walks), no full pass: it would expand that container again. */
  private expanding = 0;

  constructor(readonly text: string) {
    this.scanner = createScanner(text, true);
    this.budget = 2 * text.length + 4096;
  }

  /** Places `node` (offset and length) and, when it is a property's value, that property's key. */
  resolve(node: LazyValue): void {
    if (node._o >= 0 && node._l >= 0) return;
    if (!this.full && !this.expanding && this.scanned > this.budget) this.placeAll();
    if (this.full) {
      if (node._o < 0 || node._l < 0) throw new Error('JSON position not found after a full pass');
      return;
    }
    const chain: LazyValue[] = [];
    for (let n: LazyValue | undefined = node; n; n = n.parent as LazyContainer | undefined) chain.push(n);
    chain.reverse();
    // Start from the deepest node of the chain already placed (the root when none is).
    let k = chain.length - 1;
    while (k > 0 && chain[k]._o < 0) k--;
    const s = this.scanner;
    const from = chain[k]._o >= 0 ? chain[k]._o : 0;
    s.setPosition(from);
    s.scan();
    if (chain[k]._o < 0) chain[k]._o = s.getTokenOffset();
    for (let j = k; j < chain.length - 1; j++) this.enterChild(chain[j] as LazyContainer, chain[j + 1]._i);
    if (node._l < 0) this.skip(node);
    this.scanned += s.getPosition() - from;
  }

  /** The scanner is on `container`'s opening bracket; moves it onto the first token of child `index`, placing the children passed. */
  private enterChild(container: LazyContainer, index: number): void {
    const s = this.scanner;
    const children: (LazyValue | undefined)[] = container.type === 'object' ? container.properties.map((p) => p.value) : container.items;
    const isObject = container.type === 'object';
    // Jump past the nearest earlier sibling whose end is known.
    let i = index - 1;
    while (i >= 0 && !isPlaced(children[i], isObject ? (container as LazyObject).properties[i] : undefined)) i--;
    if (i >= 0) {
      const done = children[i]!;
      s.setPosition(done._o + done._l);
      s.scan(); // the comma
    }
    for (i = i + 1; ; i++) {
      s.scan(); // a key (objects) or the value (arrays)
      if (isObject) {
        const p = (container as LazyObject).properties[i];
        if (!p || s.getToken() !== SyntaxKind.StringLiteral) throw new Error('JSON positions out of step with the parsed value');
        p._ko = s.getTokenOffset();
        p._kl = s.getTokenLength();
        s.scan(); // colon
        s.scan(); // the value's first token
      }
      const child = children[i];
      if (!child) throw new Error('JSON positions out of step with the parsed value');
      child._o = s.getTokenOffset();
      if (i === index) return;
      this.skip(child);
      s.scan(); // comma
    }
  }

  /** The scanner is on `node`'s first token: moves it onto the node's last token and sets the length. */
  private skip(node: LazyValue): void {
    if (!this.skipValue()) throw new Error('JSON positions: unexpected end of text');
    node._l = this.scanner.getTokenOffset() + this.scanner.getTokenLength() - node._o;
  }

  /** The scanner is on a value's first token: moves it onto the value's last token; false when the text ends first. */
  private skipValue(s: JSONScanner = this.scanner): boolean {
    const t = s.getToken();
    if (t !== SyntaxKind.OpenBraceToken && t !== SyntaxKind.OpenBracketToken) return true;
    for (let depth = 1; depth > 0;) {
      const k = s.scan();
      if (k === SyntaxKind.OpenBraceToken || k === SyntaxKind.OpenBracketToken) depth++;
      else if (k === SyntaxKind.CloseBraceToken || k === SyntaxKind.CloseBracketToken) depth--;
      else if (k === SyntaxKind.EOF) return false;
    }
    return true;
  }

  /** One pass over the whole text placing every node and key. */
  placeAll(): void {
    const s = this.scanner;
    s.setPosition(0);
    s.scan();
    this.place(this.root);
    this.full = true;
  }

  private place(node: LazyValue): void {
    const s = this.scanner;
    node._o = s.getTokenOffset();
    if (node.type === 'object') {
      for (const p of node.properties) {
        s.scan(); // key
        p._ko = s.getTokenOffset();
        p._kl = s.getTokenLength();
        s.scan(); // colon
        s.scan();
        this.place(p.value!);
        s.scan(); // comma or }
      }
      if (!node.properties.length) s.scan();
    } else if (node.type === 'array') {
      for (const item of node.items) {
        s.scan();
        this.place(item);
        s.scan(); // comma or ]
      }
      if (!node.items.length) s.scan();
    }
    node._l = s.getTokenOffset() + s.getTokenLength() - node._o;
  }

  /** The keys of `obj` in the order of the text. */
  keyOrder(obj: LazyObject): string[] {
    // Its own scanner: a full pass (placeAll) expands objects while it holds the main scanner; it has placed
    // `obj`'s offset by then, so no resolve moves the main scanner under it either.
    if (obj._o < 0) this.resolve(obj);
    const s = (this.keyScanner ??= createScanner(this.text, true));
    s.setPosition(obj._o);
    s.scan();
    const keys: string[] = [];
    for (;;) {
      if (s.scan() !== SyntaxKind.StringLiteral) break; // `}` of an empty object
      keys.push(s.getTokenValue());
      s.scan(); // colon
      s.scan();
      if (!this.skipValue(s)) throw new Error('JSON positions: unexpected end of text');
      if (s.scan() !== SyntaxKind.CommaToken) break;
    }
    this.scanned += s.getPosition() - obj._o;
    return keys;
  }

  /** Builds one level: the children of `node` from its plain value (scalars complete, containers unexpanded). */
  expand(node: LazyContainer): void {
    const v = node._v;
    if (node.type === 'array') {
      const a = v as unknown[];
      const items: TreeNode[] = new Array(a.length);
      for (let i = 0; i < a.length; i++) items[i] = this.child(a[i], node, i, undefined);
      node._c = items;
      node._v = undefined;
      return;
    }
    const o = v as Record<string, unknown>;
    let names = Object.keys(o);
    // JSON.parse lists array-index keys first, whatever their place in the text: then take the text's order.
    if (names.length > 1 && names.some(isIndexKey)) {
      this.expanding++;
      try {
        const ordered = this.keyOrder(node);
        // parseJsonLazy counted every property of the text against JSON.parse's: no key repeats here.
        if (ordered.length !== names.length) throw new Error('JSON keys out of step with the parsed value');
        names = ordered;
      } finally {
        this.expanding--;
      }
    }
    const props: TreeProperty[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) {
      const p = new TreeProperty(names[i], node, -1, -1);
      p.value = this.child(o[names[i]], node, i, p);
      props[i] = p;
    }
    node._c = props;
    node._v = undefined;
  }

  private child(v: unknown, parent: LazyContainer, index: number, property: TreeProperty | undefined): LazyValue {
    const n = makeNode(v, this);
    n.parent = parent;
    n.property = property;
    n._i = index;
    return n;
  }
}

/** An unplaced node for a JSON.parse value: a scalar, or a container whose children are built on demand. */
function makeNode(v: unknown, pos: Positions): LazyValue {
  if (typeof v === 'string') return new TreeScalar('string', v, -1, -1, undefined, pos);
  if (typeof v === 'number') return new TreeScalar('number', v, -1, -1, undefined, pos);
  if (v === null) return new TreeScalar('null', null, -1, -1, undefined, pos);
  if (typeof v === 'boolean') return new TreeScalar('boolean', v, -1, -1, undefined, pos);
  const c = Array.isArray(v) ? new TreeArray(-1, -1, pos) : new TreeObject(-1, -1, pos);
  c._c = undefined;
  c._v = v;
  return c;
}

function isPlaced(node: LazyValue | undefined, property: TreeProperty | undefined): node is LazyValue {
  return !!node && node._o >= 0 && node._l >= 0 && (!property || property._ko >= 0);
}

/** Array-index keys, which JSON.parse enumerates before the others whatever their place in the text. */
function isIndexKey(key: string): boolean {
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  return /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

/** How many `:` the text holds (one per property in valid JSON, plus those inside strings). */
function countColons(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) n++;
  return n;
}

/** How many `:` a string holds. */
function colonsIn(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i !== -1; i = s.indexOf(':', i + 1)) n++;
  return n;
}

/**
 * Counts what JSON.parse kept: properties, and the `:` inside keys and strings (so that the `:` of the text
 * minus those is the number of properties the text has). Throws NotExact past MAX_BRACKET_DEPTH (the exact
 * path reports that depth).
 */
class Counter {
  keys = 0;
  constructor(public colons: number) {}

  visit(v: unknown, depth: number): void {
    if (typeof v === 'string') {
      if (v.indexOf(':') !== -1) this.colons -= colonsIn(v);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth > MAX_BRACKET_DEPTH) throw new NotExact();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x !== null && typeof x === 'object') this.visit(x, depth + 1);
        else if (typeof x === 'string' && x.indexOf(':') !== -1) this.colons -= colonsIn(x);
      }
      return;
    }
    const o = v as Record<string, unknown>;
    for (const k in o) {
      this.keys++;
      if (k.indexOf(':') !== -1) this.colons -= colonsIn(k);
      const x = o[k];
      if (x !== null && typeof x === 'object') this.visit(x, depth + 1);
      else if (typeof x === 'string' && x.indexOf(':') !== -1) this.colons -= colonsIn(x);
    }
  }
}

/** The lazy tree of `text`, or undefined when the exact path must build it (syntax errors, duplicate keys…). */
export function parseJsonLazy(text: string): ParsedTree | undefined {
  // An escaped `:` (\u003a) is a colon in the value that the text does not show: it would upset the count below.
  if (text.indexOf('\\u003a') !== -1 || text.indexOf('\\u003A') !== -1) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const counter = new Counter(countColons(text));
  try {
    counter.visit(value, 1);
  } catch (e) {
    if (e instanceof NotExact) return undefined;
    throw e;
  }
  // Colons outside strings = properties in the text; more than JSON.parse kept means a repeated key.
  if (counter.keys !== counter.colons) return undefined; // a repeated key: JSON.parse kept only the last
  const pos = new Positions(text);
  const root = makeNode(value, pos);
  pos.root = root;
  return { flavour: 'json', root: root as ValueNode, syntaxErrors: [] };
}
