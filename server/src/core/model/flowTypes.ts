// How Flow types a JSON sample, as the HTTP Callout wizard infers it (reference §1.4):
// strings → String, whole numbers → Integer, decimals (float) and longs must be set to Double/Integer,
// booleans → Boolean, objects → Apex-defined types, homogeneous lists → collections, null → unknown.
import type { ValueNode } from '../parse/tree';

export type FlowPrimitive = 'String' | 'Integer' | 'Double' | 'Boolean' | 'Date' | 'DateTime';

export type InferredType =
  | { kind: 'primitive'; type: FlowPrimitive; note?: 'float' | 'long' }
  | { kind: 'object'; typeName: string }
  | { kind: 'list'; item: InferredType | undefined; mixed?: boolean }
  | { kind: 'unknown'; reason: 'null' | 'empty-list' | 'mixed' };

export const INT_MAX = 2147483647;
export const INT_MIN = -2147483648;

/** Is the number's source text a decimal (1.5, 1e3, 2.0)? */
export function isDecimalLiteral(node: ValueNode): boolean {
  if (node.type !== 'number') return false;
  // A fraction is a decimal whatever its spelling; only a whole value needs its source text (2.0, 1e3).
  if (!Number.isInteger(node.value as number)) return true;
  return /[.eE]/.test(node.raw ?? String(node.value));
}

export function isLongLiteral(node: ValueNode): boolean {
  return node.type === 'number' && !isDecimalLiteral(node) && ((node.value as number) > INT_MAX || (node.value as number) < INT_MIN);
}

/** The Flow type of a sample node before overrides. */
export function inferNodeType(node: ValueNode, typeName = 'Object'): InferredType {
  switch (node.type) {
    case 'string':
      return { kind: 'primitive', type: 'String' };
    case 'boolean':
      return { kind: 'primitive', type: 'Boolean' };
    case 'number':
      if (isDecimalLiteral(node)) return { kind: 'primitive', type: 'Double', note: 'float' };
      if (isLongLiteral(node)) return { kind: 'primitive', type: 'Double', note: 'long' };
      return { kind: 'primitive', type: 'Integer' };
    case 'null':
      return { kind: 'unknown', reason: 'null' };
    case 'object':
      return { kind: 'object', typeName };
    case 'array': {
      if (node.items.length === 0) return { kind: 'unknown', reason: 'empty-list' };
      const kinds = new Set(node.items.filter((i) => i.type !== 'null').map(jsonKind));
      if (kinds.size > 1) return { kind: 'list', item: undefined, mixed: true };
      const first = node.items.find((i) => i.type !== 'null') ?? node.items[0];
      return { kind: 'list', item: inferNodeType(first, typeName) };
    }
  }
}

/** JSON kind used for homogeneity: integers and decimals are both numbers. */
export function jsonKind(node: ValueNode): string {
  return node.type;
}

export function describeType(t: InferredType | undefined, apexClass?: (typeName: string) => string): string {
  if (!t) return 'unknown';
  switch (t.kind) {
    case 'primitive':
      return t.type;
    case 'object':
      return `Apex-defined ${apexClass ? apexClass(t.typeName) : t.typeName}`;
    case 'list':
      return t.mixed ? 'unsupported mixed list' : `collection of ${describeType(t.item, apexClass)}`;
    case 'unknown':
      return t.reason === 'null' ? 'unknown (null sample: set a type)' : t.reason === 'empty-list' ? 'unknown (empty list sample)' : 'unknown';
  }
}

/** Does a JSON runtime value fit a Flow primitive type? */
export function valueFitsType(value: unknown, type: FlowPrimitive): boolean {
  switch (type) {
    case 'String':
      return typeof value === 'string';
    case 'Integer':
      return typeof value === 'number' && Number.isInteger(value) && value <= INT_MAX && value >= INT_MIN;
    case 'Double':
      return typeof value === 'number';
    case 'Boolean':
      return typeof value === 'boolean';
    case 'Date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'DateTime':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value);
  }
}
