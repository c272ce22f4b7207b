// YAML → the shared offset tree, via the `yaml` package's CST-backed document model.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YNode, type Document } from 'yaml';
import { bracketDepthOver, MAX_BRACKET_DEPTH, TreeArray, TreeObject, TreeProperty, TreeScalar, type ParsedTree, type ScalarType, type TreeNode } from './tree';

/** Bounds alias expansion so a "billion laughs" document cannot hang the server. */
const MAX_ALIAS_EXPANSIONS = 1000;

export function parseYamlTree(text: string): ParsedTree {
  const deep = bracketDepthOver(text, MAX_BRACKET_DEPTH);
  if (deep !== -1) {
    return { flavour: 'yaml', syntaxErrors: [{ offset: deep, length: 1, message: `YAML: brackets are nested more than ${MAX_BRACKET_DEPTH} levels deep here; a callout definition never needs that. Check for unclosed { or [.` }] };
  }
  try {
    return parseYamlUnguarded(text);
  } catch (e) {
    return { flavour: 'yaml', syntaxErrors: [{ offset: 0, length: 1, message: `YAML: this document could not be read (${(e as Error).message.slice(0, 120)}).` }] };
  }
}

// uniqueKeys is checked here in linear time (the library's check is quadratic in the number of keys).
const OPTIONS = { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: true } as const;

function parseYamlUnguarded(text: string): ParsedTree {
  const doc = parseDocument(text, OPTIONS);
  const syntaxErrors = doc.errors.map((e) => ({
    offset: e.pos[0],
    length: Math.max(1, e.pos[1] - e.pos[0]),
    message: e.code === 'MULTIPLE_DOCS'
      ? 'A callout definition is one YAML document, and a second one starts here. Remove this "---" and what follows, or move it to a file of its own.'
      : `YAML syntax error: ${firstLine(e.message)}`,
  }));
  for (const w of doc.warnings) {
    syntaxErrors.push({ offset: w.pos[0], length: Math.max(1, w.pos[1] - w.pos[0]), message: `YAML: ${firstLine(w.message)}` });
  }
  const budget: Budget = { textLength: text.length, shift: 0, aliases: 0, anchors: 0, duplicates: [] };
  const root = doc.contents ? convert(doc.contents as YNode, doc, budget, undefined, undefined, 0) : undefined;
  syntaxErrors.push(...budget.duplicates);
  const tree: ParsedTree = { flavour: 'yaml', root, syntaxErrors };
  if (reusable(text, tree, budget)) tree.reusable = { text };
  return tree;
}

interface Budget {
  textLength: number;
  /** Added to every offset (a top-level entry parsed on its own: where it starts in the document). */
  shift: number;
  aliases: number;
  anchors: number;
  duplicates: { offset: number; length: number; message: string }[];
}

/**
 * Whether the next version of this text may re-parse only the top-level entries an edit touches
 * (reparseYamlTree): no errors or warnings, a block mapping whose keys all start a line, no anchors or
 * aliases (an entry could not be read alone) and no directives (%YAML 1.1 would change how scalars read).
 */
function reusable(text: string, tree: ParsedTree, budget: Budget): boolean {
  const root = tree.root;
  if (tree.syntaxErrors.length || budget.aliases || budget.anchors || root?.type !== 'object' || !root.properties.length) return false;
  if (text.charCodeAt(0) === 37 || text.indexOf('\n%') !== -1) return false;
  for (const p of root.properties) if (p.keyOffset !== 0 && text.charCodeAt(p.keyOffset - 1) !== 10) return false;
  return true;
}

/**
 * The tree of `text`, re-using `prev` (the tree of the previous version of the same document) when the edit
 * stays inside some top-level entries: those entries are parsed on their own (a top-level key starts a line,
 * so an entry reads the same alone as in the document) and the others are kept, shifted by the length the
 * edit added. Undefined when that does not apply — prev not reusable, the edit reaches the text before the
 * first key, or the re-parsed entries are not clean top-level entries (any error, warning, anchor or alias,
 * a key off the line start, a repeated top-level key): the caller then parses the whole text, which is what
 * reports the errors. `prev` is consumed (its kept nodes now belong to the new tree).
 * test/unit/yamlIncremental.test.ts compares it with a full parse through random edits.
 */
export function reparseYamlTree(prev: ParsedTree, text: string): ParsedTree | undefined {
  const before = prev.reusable?.text;
  const root = prev.root;
  if (before === undefined || root?.type !== 'object' || !(root instanceof TreeObject)) return undefined;
  prev.reusable = undefined;
  const [p, s] = commonEnds(before, text);
  const delta = text.length - before.length;
  const oldEnd = before.length - s;
  const props = root.properties;
  const keys = props.map((q) => q.keyOffset);
  if (p === before.length && p === text.length) return undefined; // unchanged: the caller's cache answers that
  const entryAt = (offset: number) => {
    let k = 0;
    while (k + 1 < keys.length && keys[k + 1] <= offset) k++;
    return k;
  };
  if (p - 1 < keys[0]) return undefined;
  const i = entryAt(p - 1);
  const j = entryAt(Math.min(oldEnd, before.length - 1));
  const start = keys[i];
  const oldSliceEnd = j + 1 < keys.length ? keys[j + 1] : before.length;
  const slice = text.slice(start, oldSliceEnd + delta);
  // The bracket limit (parseYamlTree) holds for the whole text: unchanged when the new part opens no bracket
  // (the slice starts and ends at a line start, where that scan carries nothing but the depth); else check.
  if ((slice.indexOf('[') !== -1 || slice.indexOf('{') !== -1) && bracketDepthOver(text, MAX_BRACKET_DEPTH) !== -1) return undefined;
  const doc = parseDocument(slice, OPTIONS);
  if (doc.errors.length || doc.warnings.length || !isMap(doc.contents) || doc.contents.flow) return undefined;
  const budget: Budget = { textLength: slice.length, shift: start, aliases: 0, anchors: 0, duplicates: [] };
  const part = convert(doc.contents as YNode, doc, budget, undefined, undefined, 0);
  if (budget.aliases || budget.anchors || budget.duplicates.length || part.type !== 'object' || !part.properties.length) return undefined;
  for (const q of part.properties) if (q.keyOffset !== 0 && text.charCodeAt(q.keyOffset - 1) !== 10) return undefined;
  if (part.properties[0].keyOffset !== start) return undefined;
  // Keep the entries before, take the re-parsed ones, shift the ones after.
  const after = props.slice(j + 1);
  const next = [...props.slice(0, i), ...(part.properties as TreeProperty[]), ...after];
  const names = new Set<string>();
  for (const q of next) {
    if (names.has(q.key)) return undefined;
    names.add(q.key);
  }
  for (const q of after) {
    q.keyOffset += delta;
    if (q.value) shiftTree(q.value as TreeNode, delta);
  }
  const fresh = new TreeObject(root.offset, 0, undefined);
  next.forEach((q, k) => {
    const moved = new TreeProperty(q.key, fresh, q.keyOffset, q.keyLength);
    moved.value = q.value as TreeNode | undefined;
    if (moved.value) {
      moved.value.parent = fresh;
      moved.value.property = moved;
      moved.value._i = k;
    }
    fresh.properties.push(moved);
  });
  // The root mapping ends where the old one did (shifted), or where the re-parsed last entry ends.
  const oldRootEnd = root.offset + root.length;
  const end = j + 1 < keys.length ? oldRootEnd + delta : part.offset + part.length;
  fresh.length = Math.max(end, propertyEnd(fresh.properties[fresh.properties.length - 1])) - fresh.offset;
  const tree: ParsedTree = { flavour: 'yaml', root: fresh, syntaxErrors: [] };
  if (reusable(text, tree, budget)) tree.reusable = { text };
  return tree;
}

/** Lengths of the common prefix and suffix of two texts (the suffix not overlapping the prefix); compared by blocks first. */
function commonEnds(a: string, b: string): [number, number] {
  const min = Math.min(a.length, b.length);
  const block = 1024;
  let p = 0;
  while (p + block <= min && a.substr(p, block) === b.substr(p, block)) p += block;
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  const la = a.length;
  const lb = b.length;
  while (s + block <= min - p && a.substr(la - s - block, block) === b.substr(lb - s - block, block)) s += block;
  while (s < min - p && a.charCodeAt(la - 1 - s) === b.charCodeAt(lb - 1 - s)) s++;
  return [p, s];
}

function shiftTree(node: TreeNode, delta: number): void {
  node._o += delta;
  if (node.type === 'object') {
    for (const q of node.properties) {
      q._ko += delta;
      if (q.value) shiftTree(q.value, delta);
    }
  } else if (node.type === 'array') {
    for (const item of node.items) shiftTree(item, delta);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function range(n: YNode, budget: Budget): [number, number] {
  const r = n.range;
  if (!r) return [budget.shift, 0];
  const start = Math.min(Math.max(0, r[0]), budget.textLength);
  return [start + budget.shift, Math.max(0, Math.min(r[1], budget.textLength) - start)];
}

function scalar(type: ScalarType, value: string | number | boolean | null, offset: number, length: number, raw?: string): TreeScalar {
  return new TreeScalar(type, value, offset, length, raw, undefined);
}

function link(node: TreeNode, parent: TreeObject | TreeArray | undefined, property: TreeProperty | undefined, index: number): TreeNode {
  node.parent = parent;
  node.property = property;
  node._i = index;
  return node;
}

function convert(n: YNode, doc: Document, budget: Budget, parent: TreeObject | TreeArray | undefined, property: TreeProperty | undefined, index: number): TreeNode {
  const [offset, length] = range(n, budget);
  if (!isAlias(n) && (n as { anchor?: string }).anchor) budget.anchors++;
  if (isAlias(n)) {
    budget.aliases++;
    const target = budget.aliases <= MAX_ALIAS_EXPANSIONS ? n.resolve(doc) : undefined;
    if (!target) return link(scalar('null', null, offset, length), parent, property, index);
    const resolved = convert(target as YNode, doc, budget, parent, property, index);
    // An alias is reported where it is written, not where its anchor is.
    resolved.offset = offset;
    resolved.length = length;
    return resolved;
  }
  if (isMap(n)) {
    const obj = new TreeObject(offset, length, undefined);
    const keys = new Set<string>();
    const merged: YNode[] = [];
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode.toJSON?.() ?? '') : '';
      if (key === '<<' && isScalar(keyNode) && keyNode.type === 'PLAIN' && mergeSources(pair.value as YNode | null, merged)) continue;
      const [ko, kl] = keyNode ? range(keyNode, budget) : [offset, 0];
      if (keyNode && !isAlias(keyNode) && (keyNode as { anchor?: string }).anchor) budget.anchors++;
      const prop = new TreeProperty(key, obj, ko, kl);
      if (keys.has(key)) budget.duplicates.push({ offset: ko, length: Math.max(1, kl), message: `YAML syntax error: Map keys must be unique; "${key}" is repeated.` });
      keys.add(key);
      const i = obj.properties.length;
      if (pair.value) prop.value = convert(pair.value as YNode, doc, budget, obj, prop, i);
      else prop.value = link(scalar('null', null, ko + kl, 0), obj, prop, i);
      obj.properties.push(prop);
    }
    // A merge key (`<<: *base`, `<<: [*a, *b]`) adds the entries of the maps it names that the map does not set
    // itself, the first named first (YAML 1.1's merge type, which people write in YAML 1.2 files too).
    for (const source of merged) {
      const from = convert(source, doc, budget, obj, undefined, 0);
      if (from.type !== 'object') {
        budget.duplicates.push({ offset: from.offset, length: Math.max(1, from.length), message: 'YAML: a merge key (<<) takes an alias of a map (<<: *base) or a list of them; this is not one.' });
        continue;
      }
      for (const p of from.properties) {
        if (keys.has(p.key)) continue;
        keys.add(p.key);
        const prop = new TreeProperty(p.key, obj, p.keyOffset, p.keyLength);
        if (p.value) prop.value = link(p.value, obj, prop, obj.properties.length);
        obj.properties.push(prop);
      }
    }
    if (obj.properties.length) obj.length = Math.max(obj.length, propertyEnd(obj.properties[obj.properties.length - 1]) - offset);
    return link(obj, parent, property, index);
  }
  if (isSeq(n)) {
    const arr = new TreeArray(offset, length, undefined);
    for (const item of n.items) {
      if (item === null || item === undefined) continue;
      arr.items.push(convert(item as YNode, doc, budget, arr, undefined, arr.items.length));
    }
    return link(arr, parent, property, index);
  }
  if (isScalar(n)) {
    const v = n.value;
    if (typeof v === 'number') return link(scalar('number', v, offset, length, n.source ?? String(v)), parent, property, index);
    if (typeof v === 'bigint') return link(scalar('number', Number(v), offset, length, String(v)), parent, property, index);
    if (typeof v === 'boolean') return link(scalar('boolean', v, offset, length), parent, property, index);
    if (v === null || v === undefined) return link(scalar('null', null, offset, length), parent, property, index);
    if (v instanceof Date) return link(scalar('string', v.toISOString(), offset, length), parent, property, index);
    return link(scalar('string', String(v), offset, length), parent, property, index);
  }
  return link(scalar('null', null, offset, length), parent, property, index);
}

/** Whether `value` is what a merge key takes (an alias, or a flow/block list of aliases); if so, adds them to `into`. */
function mergeSources(value: YNode | null, into: YNode[]): boolean {
  if (isAlias(value)) {
    into.push(value);
    return true;
  }
  if (isSeq(value) && value.items.length && value.items.every((i) => isAlias(i))) {
    into.push(...(value.items as YNode[]));
    return true;
  }
  return false;
}

function propertyEnd(p: TreeProperty): number {
  return p.value ? p.value.offset + p.value.length : p.keyOffset + p.keyLength;
}
