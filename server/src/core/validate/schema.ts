// One ajv pass over the shared tree; each ajv error is mapped to its exact node through the JSON pointer.
import type { ErrorObject } from 'ajv';
import calloutSchema from '../../../../schemas/callout.schema.json';
import { findNodeAtPointer, getProperty, toValue, type ParsedTree, type ValueNode } from '../parse/tree';
import type { Problem } from '../model/problem';
import { schemaValidator } from './schemaValidators';

export function calloutJsonSchema(): Record<string, unknown> {
  return calloutSchema as Record<string, unknown>;
}

export function validateSchema(tree: ParsedTree): Problem[] {
  if (!tree.root) return [];
  const validate = schemaValidator('callout');
  if (validate(schemaValue(tree.root))) return [];
  return collapse(validate.errors ?? []).map((e) => toProblem(e, tree.root!));
}

/**
 * The value ajv checks. The schema puts no constraint inside samples (`request.body`, `responses.*.sample`:
 * any JSON), so their contents are replaced by an empty value of the same kind: a megabyte sample costs the
 * schema pass nothing, and the Salesforce rules read the samples from the tree.
 */
function schemaValue(root: ValueNode): unknown {
  const stub = (n: ValueNode | undefined): unknown => (!n ? undefined : n.type === 'object' ? {} : n.type === 'array' ? [] : n.value);
  const shallow = (n: ValueNode | undefined, each: (key: string, v: ValueNode | undefined) => unknown): unknown => {
    if (n?.type !== 'object') return toValue(n);
    const out: Record<string, unknown> = {};
    for (const p of n.properties) out[p.key] = each(p.key, p.value);
    return out;
  };
  return shallow(root, (key, v) => {
    if (key === 'request') return shallow(v, (k, body) => (k === 'body' ? stub(body) : toValue(body)));
    if (key === 'responses') return shallow(v, (_code, r) => shallow(r, (k, sample) => (k === 'sample' ? stub(sample) : toValue(sample))));
    return toValue(v);
  });
}

/** anyOf/oneOf produce one error per branch; report the parent once instead. */
function collapse(errors: ErrorObject[]): ErrorObject[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf' || !anyOfPaths.has(e.instancePath))
    .filter((e) => e.keyword !== 'if' && !(e.keyword === 'propertyNames' && errors.some((o) => o.keyword === 'pattern' && o.propertyName)));
}

interface SchemaNode {
  description?: string;
  patternErrorMessage?: string;
  properties?: Record<string, SchemaNode>;
}

/** The callout schema's node at an error's schemaPath (`#/definitions/output/properties/to/pattern`), `up` levels above it. */
function schemaAt(schemaPath: string, up: number): SchemaNode | undefined {
  const parts = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean);
  let node: unknown = calloutSchema;
  for (const part of parts.slice(0, parts.length - up)) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node && typeof node === 'object' ? (node as SchemaNode) : undefined;
}

function label(pointer: string): string {
  const last = pointer.split('/').pop();
  return last ? `"${last.replace(/~1/g, '/').replace(/~0/g, '~')}"` : 'The definition';
}

function toProblem(e: ErrorObject, root: ValueNode): Problem {
  const at = findNodeAtPointer(root, e.instancePath);
  let offset = at.node?.offset ?? 0;
  let length = at.node?.length ?? 1;
  let message = `${label(e.instancePath)} ${e.message ?? 'is not valid'}.`;
  const params = e.params as Record<string, unknown>;
  const node = at.node;
  switch (e.keyword) {
    case 'required': {
      // Point at the key of the object missing the property (its parent's key), not at the whole object.
      if (node?.property) {
        offset = node.property.keyOffset;
        length = node.property.keyLength;
      } else if (node?.type === 'object' && node.properties[0]) {
        offset = node.properties[0].keyOffset;
        length = node.properties[0].keyLength;
      } else {
        length = Math.min(length, 1);
      }
      const where = node?.property ? ` in "${node.property.key}"` : '';
      // What the property is, from the schema's own description of it (the hover text), so the fix is in the message.
      const about = schemaAt(e.schemaPath, 1)?.properties?.[String(params.missingProperty)]?.description;
      message = `Missing property "${params.missingProperty}"${where}.${about ? ` ${about}` : ''}`;
      break;
    }
    case 'additionalProperties': {
      const p = getProperty(node, String(params.additionalProperty));
      if (p) {
        offset = p.keyOffset;
        length = p.keyLength;
      }
      message = `Property "${params.additionalProperty}" is not allowed here.`;
      break;
    }
    case 'propertyNames':
    case 'pattern': {
      if (e.propertyName !== undefined || params.propertyName !== undefined) {
        const name = String(e.propertyName ?? params.propertyName);
        const p = getProperty(node, name);
        if (p) {
          offset = p.keyOffset;
          length = p.keyLength;
        }
        message = nameMessage(e.instancePath, name);
      } else {
        // patternErrorMessage: the editors' JSON-schema keyword (VS Code, yaml-language-server) for a pattern's meaning.
        const meaning = schemaAt(e.schemaPath, 1)?.patternErrorMessage;
        message = meaning ? `${label(e.instancePath)} ${meaning}` : `${label(e.instancePath)} does not match the expected format (${params.pattern}).`;
      }
      break;
    }
    case 'enum':
      message = `Value is not accepted. Valid values: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
      break;
    case 'type':
      message = `Incorrect type. Expected ${String(params.type).replace(',', ' or ')}.`;
      break;
    case 'minProperties':
      message = `${label(e.instancePath)} needs at least ${params.limit} entr${params.limit === 1 ? 'y' : 'ies'}.`;
      break;
    case 'anyOf':
    case 'oneOf':
      message = `${label(e.instancePath)} must be a value or an object with type, notEmpty or equals.`;
      break;
  }
  return { offset, length: Math.max(1, length), code: 'schema', message, severity: 'error' };
}

function nameMessage(pointer: string, name: string): string {
  if (pointer.endsWith('/responses') || pointer === '/responses')
    return `"${name}" is not a response status: use a range (2XX, 4XX, 5XX), an exact code (201, 404) or default.`;
  if (pointer.endsWith('/types')) return `"${name}" is not a sample field path: start with request.body or a response key, e.g. 2XX.score.`;
  return `"${name}" is not a valid name here.`;
}
