// A callout definition → the OpenAPI 3.0 document Flow Builder's HTTP Callout wizard registers
// (reference §1.4, §2.2). The shape follows the real `SchemaInferred` registrations in ../shared/corpus:
// `openapi: 3.0.1`, one path with one operation, `2XX`-style response keys, inline (anonymous) object schemas.
// Inline on purpose: External Services name an inline type `<operation>_OUT_2XX_<field>` — the names real
// flows use (`ExternalService__samGovEntitySearch_Searchx20Entity_OUT_2XX_entityData_entityRegistration`) —
// while a named component would give the component's own (re-encoded) name instead.
import type { CalloutDefinition } from '../model/definition';
import { isDecimalLiteral, type FlowPrimitive } from '../model/flowTypes';
import { normalizeFieldPath } from '../model/definition';
import type { ValueNode } from '../parse/tree';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiResult {
  document: JsonSchema;
  /** What the generator had to decide for the user (null samples, mixed lists…), with what to do. */
  warnings: string[];
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** The OpenAPI schema of a Flow primitive set by a type override (or a parameter type). */
export function primitiveSchema(type: FlowPrimitive | string): JsonSchema {
  switch (type) {
    case 'Integer':
      return { type: 'integer', format: 'int32' };
    case 'Double':
      return { type: 'number', format: 'double' };
    case 'Boolean':
      return { type: 'boolean' };
    case 'Date':
      return { type: 'string', format: 'date' };
    case 'DateTime':
      return { type: 'string', format: 'date-time' };
    default:
      return { type: 'string' };
  }
}

/** The schema of a sample scalar without an override: whole numbers as Flow Builder writes them (int64). */
function inferredScalarSchema(node: ValueNode): JsonSchema | undefined {
  switch (node.type) {
    case 'string':
      return { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return isDecimalLiteral(node) ? { type: 'number', format: 'double' } : { type: 'integer', format: 'int64' };
    default:
      return undefined;
  }
}

class SchemaInference {
  constructor(private readonly overrides: Map<string, { type: string }>, readonly warnings: string[]) {}

  /** The schema of every node found at one position of a sample (list items are merged, as Flow does). */
  of(nodes: ValueNode[], path: string): JsonSchema {
    const present = nodes.filter((n) => n.type !== 'null');
    const override = this.overrides.get(normalizeFieldPath(path))?.type;
    if (!present.length) {
      if (override) return primitiveSchema(override);
      this.warnings.push(`"${path}" is null in every sample, so its type is unknown; it is registered as a String. Add \`types: { ${path}: <Type> }\` or a non-null sample value.`);
      return { type: 'string' };
    }
    const kinds = new Set(present.map((n) => n.type === 'number' ? 'number' : n.type));
    if (kinds.size > 1) {
      this.warnings.push(`"${path}" has values of different JSON types (${[...kinds].join(', ')}); Flow needs one type. It is registered as ${present[0].type}. Make the sample consistent.`);
    }
    const first = present[0];
    if (first.type === 'object') {
      const objects = present.filter((n): n is Extract<ValueNode, { type: 'object' }> => n.type === 'object');
      const keys: string[] = [];
      const byKey = new Map<string, ValueNode[]>();
      for (const o of objects) {
        for (const p of o.properties) {
          if (!p.value) continue;
          if (!byKey.has(p.key)) {
            byKey.set(p.key, []);
            keys.push(p.key);
          }
          byKey.get(p.key)!.push(p.value);
        }
      }
      const properties: JsonSchema = {};
      for (const k of keys) properties[k] = this.of(byKey.get(k)!, `${path}.${k}`);
      return { type: 'object', properties };
    }
    if (first.type === 'array') {
      const items = present.flatMap((n) => (n.type === 'array' ? n.items : []));
      if (!items.length) {
        if (override) return { type: 'array', items: primitiveSchema(override) };
        this.warnings.push(`"${path}" is an empty list in the sample, so its item type is unknown; it is registered as a list of String. Put one item in the sample.`);
        return { type: 'array', items: { type: 'string' } };
      }
      return { type: 'array', items: this.of(items, path) };
    }
    if (override) return primitiveSchema(override);
    // A number is a decimal if any occurrence is (1 and 1.5 in one list → Double).
    if (first.type === 'number' && present.some((n) => n.type === 'number' && isDecimalLiteral(n))) return { type: 'number', format: 'double' };
    return inferredScalarSchema(first) ?? { type: 'string' };
  }
}

function mediaContent(contentType: string, schema: JsonSchema): JsonSchema {
  return { [contentType]: { schema } };
}

/** The schema of one sample root (request body or a response), honouring text content types. */
function rootSchema(inference: SchemaInference, node: ValueNode | undefined, contentType: string, path: string): JsonSchema {
  if (/^text\//i.test(contentType) || /octet-stream/i.test(contentType)) return { type: 'string' };
  if (!node) return { type: 'object', properties: {} };
  return inference.of([node], path);
}

function parameterOf(p: { name: string; type?: string; required: boolean }, where: 'query' | 'path', description?: string): JsonSchema {
  return {
    name: p.name,
    in: where,
    description: description ?? '',
    required: where === 'path' ? true : p.required,
    allowEmptyValue: false,
    schema: primitiveSchema(p.type ?? 'String'),
  };
}

/** Builds the OpenAPI document of a definition. Never throws; unusual samples become warnings. */
export function buildOpenApi(def: CalloutDefinition): OpenApiResult {
  const warnings: string[] = [];
  const inference = new SchemaInference(def.typeOverrides(), warnings);
  const method = def.method.toLowerCase();
  const operation: JsonSchema = { description: '', operationId: def.operation };

  const describe = (section: 'query' | 'pathParameters', name: string): string | undefined => {
    const raw = def.parameters(section).find((p) => p.name === name);
    const v = raw?.property.value;
    if (!v || v.type !== 'object') return undefined;
    const d = v.properties.find((p) => p.key === 'description')?.value;
    return d?.type === 'string' ? (d.value as string) : undefined;
  };
  const declaredPath = def.parameters('pathParameters');
  const pathNames = [...def.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]);
  const parameters: JsonSchema[] = [];
  for (const name of pathNames) {
    const p = declaredPath.find((d) => d.name === name);
    if (!p) warnings.push(`The path has {${name}} but pathParameters does not declare it; it is registered as a String. Declare it under pathParameters.`);
    parameters.push(parameterOf({ name, type: p?.type, required: true }, 'path', describe('pathParameters', name)));
  }
  for (const q of def.parameters('query')) parameters.push(parameterOf(q, 'query', describe('query', q.name)));
  if (parameters.length) operation.parameters = parameters;

  const body = def.requestBody;
  if (body && BODY_METHODS.has(def.method)) {
    const contentType = def.requestContentType;
    operation.requestBody = { content: mediaContent(contentType, rootSchema(inference, body, contentType, 'request.body')), required: true };
  } else if (body) {
    warnings.push(`${def.method} cannot send a body, so request.body is not registered. Use POST, PUT or PATCH, or remove request.body.`);
  }

  const responses: JsonSchema = {};
  for (const r of def.responses()) {
    const descNode = r.property.value?.type === 'object' ? r.property.value.properties.find((p) => p.key === 'description')?.value : undefined;
    const description = descNode?.type === 'string' ? (descNode.value as string) : '';
    responses[r.key] = { description, content: mediaContent(r.contentType, rootSchema(inference, r.sample, r.contentType, r.key)) };
  }
  operation.responses = responses;

  const document: JsonSchema = {
    openapi: '3.0.1',
    // `version` is required by OpenAPI 3.0; Flow Builder leaves it out, External Services accept it.
    info: { title: def.name ?? 'Service', description: '', version: '1.0.0' },
    paths: { [def.path]: { [method]: operation } },
  };
  return { document, warnings };
}
