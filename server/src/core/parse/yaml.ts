// YAML → the shared offset tree, via the `yaml` package's CST-backed document model.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YNode, type Document } from 'yaml';
import { bracketDepthOver, MAX_BRACKET_DEPTH, link, type ArrayNode, type ObjectNode, type ParsedTree, type PropertyNode, type ValueNode } from './tree';

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
  const root = doc.contents ? convert(doc.contents as YNode, doc, budget) : undefined;
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

function convert(n: YNode, doc: Document, budget: Budget, parent?: ObjectNode | ArrayNode, property?: PropertyNode): ValueNode {
  const [offset, length] = range(n, budget.textLength);
  if (isAlias(n)) {
    budget.aliases++;
    const target = budget.aliases <= MAX_ALIAS_EXPANSIONS ? n.resolve(doc) : undefined;
    if (!target) return link({ type: 'null', offset, length, value: null }, parent, property);
    const resolved = convert(target as YNode, doc, budget, parent, property);
    // An alias is reported where it is written, not where its anchor is.
    resolved.offset = offset;
    resolved.length = length;
    return resolved;
  }
  if (isMap(n)) {
    const obj: ObjectNode = { type: 'object', offset, length, properties: [] };
    const keys = new Set<string>();
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode.toJSON?.() ?? '') : '';
      const [ko, kl] = keyNode ? range(keyNode, budget.textLength) : [offset, 0];
      const prop: PropertyNode = { key, keyOffset: ko, keyLength: kl, parent: obj };
      if (keys.has(key)) budget.duplicates.push({ offset: ko, length: Math.max(1, kl), message: `YAML syntax error: Map keys must be unique; "${key}" is repeated.` });
      keys.add(key);
      if (pair.value) prop.value = convert(pair.value as YNode, doc, budget, obj, prop);
      else prop.value = link({ type: 'null', offset: ko + kl, length: 0, value: null }, obj, prop);
      obj.properties.push(prop);
    }
    if (obj.properties.length) obj.length = Math.max(obj.length, end(obj.properties[obj.properties.length - 1]) - offset);
    return link(obj, parent, property);
  }
  if (isSeq(n)) {
    const arr: ArrayNode = { type: 'array', offset, length, items: [] };
    for (const item of n.items) {
      if (item === null || item === undefined) continue;
      arr.items.push(convert(item as YNode, doc, budget, arr));
    }
    return link(arr, parent, property);
  }
  if (isScalar(n)) {
    const v = n.value;
    if (typeof v === 'number') return link({ type: 'number', offset, length, value: v, raw: n.source ?? String(v) }, parent, property);
    if (typeof v === 'bigint') return link({ type: 'number', offset, length, value: Number(v), raw: String(v) }, parent, property);
    if (typeof v === 'boolean') return link({ type: 'boolean', offset, length, value: v }, parent, property);
    if (v === null || v === undefined) return link({ type: 'null', offset, length, value: null }, parent, property);
    if (v instanceof Date) return link({ type: 'string', offset, length, value: v.toISOString() }, parent, property);
    return link({ type: 'string', offset, length, value: String(v) }, parent, property);
  }
  return link({ type: 'null', offset, length, value: null }, parent, property);
}

function end(p: PropertyNode): number {
  return p.value ? p.value.offset + p.value.length : p.keyOffset + p.keyLength;
}
