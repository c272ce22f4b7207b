// JSON (with comments) → the shared offset tree, built straight from jsonc-parser's visitor (no
// intermediate jsonc tree: half the allocations on large samples).
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import { parseJsonLazy } from './jsonLazy';
import { bracketDepthOver, MAX_BRACKET_DEPTH, TreeArray, TreeObject, TreeProperty, TreeScalar, type ParsedTree, type SyntaxProblem, type TreeNode } from './tree';

/** Whether the environment turns the lazy JSON path off (FLOW_CALLOUT_NO_LAZY_JSON=1), to bisect a suspected difference. */
function lazyJsonEnabled(): boolean {
  return typeof process === 'undefined' || process.env?.FLOW_CALLOUT_NO_LAZY_JSON !== '1';
}

/**
 * Well-formed JSON takes the lazy path (jsonLazy.ts: JSON.parse, positions on demand); anything else — syntax
 * errors, comments, repeated keys — the exact one below. Both give the same tree (test/unit/parse/jsonLazy.test.ts).
 */
export function parseJsonTree(text: string): ParsedTree {
  if (lazyJsonEnabled()) {
    const lazy = parseJsonLazy(text);
    if (lazy) return lazy;
  }
  return parseJsonTreeExact(text);
}

/** JSON → the offset tree with every position placed up front (jsonc-parser's visitor). */
export function parseJsonTreeExact(text: string): ParsedTree {
  const deep = bracketDepthOver(text, MAX_BRACKET_DEPTH);
  if (deep !== -1) {
    return { flavour: 'json', syntaxErrors: [{ offset: deep, length: 1, message: `JSON: brackets are nested more than ${MAX_BRACKET_DEPTH} levels deep here; a callout definition never needs that. Check for unclosed { or [.` }] };
  }
  const syntaxErrors: SyntaxProblem[] = [];
  let root: TreeNode | undefined;
  // The open containers; the property waiting for its value, when the innermost container is an object.
  const stack: (TreeObject | TreeArray)[] = [];
  let pending: TreeProperty | undefined;

  const attach = (node: TreeNode) => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      root ??= node;
      return;
    }
    node.parent = parent;
    if (parent.type === 'array') {
      node._i = parent.items.length;
      parent.items.push(node);
    } else if (pending) {
      node._i = parent.properties.length - 1;
      node.property = pending;
      pending.value = node;
      pending = undefined;
    }
  };
  const close = (offset: number, length: number) => {
    const node = stack.pop();
    if (node) node.length = offset + length - node.offset;
    pending = undefined;
  };

  visit(
    text,
    {
      onObjectBegin: (offset) => {
        const node = new TreeObject(offset, 0, undefined);
        attach(node);
        stack.push(node);
      },
      onObjectProperty: (key, offset, length) => {
        const obj = stack[stack.length - 1];
        if (obj?.type !== 'object') return;
        pending = new TreeProperty(key, obj, offset, length);
        obj.properties.push(pending);
      },
      onObjectEnd: close,
      onArrayBegin: (offset) => {
        const node = new TreeArray(offset, 0, undefined);
        attach(node);
        stack.push(node);
      },
      onArrayEnd: close,
      onLiteralValue: (value: unknown, offset, length) => {
        if (typeof value === 'string') attach(new TreeScalar('string', value, offset, length, undefined, undefined));
        else if (typeof value === 'number') attach(new TreeScalar('number', value, offset, length, text.substr(offset, length), undefined));
        else if (typeof value === 'boolean') attach(new TreeScalar('boolean', value, offset, length, undefined, undefined));
        else attach(new TreeScalar('null', null, offset, length, undefined, undefined));
      },
      onError: (error: ParseErrorCode, offset, length) => {
        // jsonc-parser reports one place more than once (`, }` is "property name expected" and "value expected").
        const comma = trailingComma(text, offset);
        const at = comma >= 0 ? comma : offset;
        if (syntaxErrors.some((e) => e.offset === at)) return;
        syntaxErrors.push(comma >= 0
          ? { offset: comma, length: 1, message: `JSON syntax error: a trailing comma before "${text[offset]}". Remove the comma.` }
          : { offset, length: Math.max(length, 1), message: describe(error) });
      },
    },
    { allowTrailingComma: false, disallowComments: false },
  );
  // Containers left open by a truncated document end at the end of the text.
  while (stack.length) close(text.length, 0);
  return { flavour: 'json', root, syntaxErrors };
}

/** Where the comma is when the error at `offset` is a closing bracket right after one (`[1, ]`, `{"a": 1, }`), else -1. */
function trailingComma(text: string, offset: number): number {
  const c = text[offset];
  if (c !== '}' && c !== ']') return -1;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : -1;
}

function describe(code: ParseErrorCode): string {
  const words = printParseErrorCode(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax error: ${words}.`;
}
