// JSON (with comments) → the shared offset tree, via jsonc-parser.
import { parseTree, printParseErrorCode, type Node as JsoncNode, type ParseError } from 'jsonc-parser';
import { bracketDepthOver, MAX_BRACKET_DEPTH, link, type ArrayNode, type ObjectNode, type ParsedTree, type PropertyNode, type ValueNode } from './tree';

export function parseJsonTree(text: string): ParsedTree {
  const deep = bracketDepthOver(text, MAX_BRACKET_DEPTH);
  if (deep !== -1) {
    return { flavour: 'json', syntaxErrors: [{ offset: deep, length: 1, message: `JSON: brackets are nested more than ${MAX_BRACKET_DEPTH} levels deep here; a callout definition never needs that. Check for unclosed { or [.` }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  return {
    flavour: 'json',
    root: root ? convert(root, text) : undefined,
    syntaxErrors: errors.map((e) => ({ offset: e.offset, length: Math.max(e.length, 1), message: describe(e) })),
  };
}

function describe(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax error: ${words}.`;
}

function convert(n: JsoncNode, text: string, parent?: ObjectNode | ArrayNode, property?: PropertyNode): ValueNode {
  switch (n.type) {
    case 'object': {
      const obj: ObjectNode = { type: 'object', offset: n.offset, length: n.length, properties: [] };
      for (const child of n.children ?? []) {
        const [k, v] = child.children ?? [];
        if (!k) continue;
        const prop: PropertyNode = { key: String(k.value), keyOffset: k.offset, keyLength: k.length, parent: obj };
        if (v) prop.value = convert(v, text, obj, prop);
        obj.properties.push(prop);
      }
      return link(obj, parent, property);
    }
    case 'array': {
      const arr: ArrayNode = { type: 'array', offset: n.offset, length: n.length, items: [] };
      for (const child of n.children ?? []) arr.items.push(convert(child, text, arr));
      return link(arr, parent, property);
    }
    case 'number':
      return link({ type: 'number', offset: n.offset, length: n.length, value: n.value, raw: text.substr(n.offset, n.length) }, parent, property);
    case 'string':
      return link({ type: 'string', offset: n.offset, length: n.length, value: n.value }, parent, property);
    case 'boolean':
      return link({ type: 'boolean', offset: n.offset, length: n.length, value: n.value }, parent, property);
    default:
      return link({ type: 'null', offset: n.offset, length: n.length, value: null }, parent, property);
  }
}
