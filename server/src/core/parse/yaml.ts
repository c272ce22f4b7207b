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

function parseYamlUnguarded(text: string): ParsedTree {
  // uniqueKeys is checked here in linear time (the library's check is quadratic in the number of keys).
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: true });
  const syntaxErrors = doc.errors.map((e) => ({
    offset: e.pos[0],
    length: Math.max(1, e.pos[1] - e.pos[0]),
    message: `YAML syntax error: ${firstLine(e.message)}`,
  }));
  for (const w of doc.warnings) {
    syntaxErrors.push({ offset: w.pos[0], length: Math.max(1, w.pos[1] - w.pos[0]), message: `YAML: ${firstLine(w.message)}` });
  }
  const budget: Budget = { textLength: text.length, aliases: 0, duplicates: [] };
  const root = doc.contents ? convert(doc.contents as YNode, doc, budget, undefined, undefined, 0) : undefined;
  syntaxErrors.push(...budget.duplicates);
  return { flavour: 'yaml', root, syntaxErrors };
}

interface Budget {
  textLength: number;
  aliases: number;
  duplicates: { offset: number; length: number; message: string }[];
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function range(n: YNode, textLength: number): [number, number] {
  const r = n.range;
  if (!r) return [0, 0];
  const start = Math.min(Math.max(0, r[0]), textLength);
  return [start, Math.max(0, Math.min(r[1], textLength) - start)];
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
  const [offset, length] = range(n, budget.textLength);
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
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode.toJSON?.() ?? '') : '';
      const [ko, kl] = keyNode ? range(keyNode, budget.textLength) : [offset, 0];
      const prop = new TreeProperty(key, obj, ko, kl);
      if (keys.has(key)) budget.duplicates.push({ offset: ko, length: Math.max(1, kl), message: `YAML syntax error: Map keys must be unique; "${key}" is repeated.` });
      keys.add(key);
      const i = obj.properties.length;
      if (pair.value) prop.value = convert(pair.value as YNode, doc, budget, obj, prop, i);
      else prop.value = link(scalar('null', null, ko + kl, 0), obj, prop, i);
      obj.properties.push(prop);
    }
    if (obj.properties.length) obj.length = Math.max(obj.length, end(obj.properties[obj.properties.length - 1]) - offset);
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

function end(p: TreeProperty): number {
  return p.value ? p.value.offset + p.value.length : p.keyOffset + p.keyLength;
}
