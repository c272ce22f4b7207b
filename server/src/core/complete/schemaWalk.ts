// The sub-schema at a property path of the callout schema (properties, additionalProperties, items, $ref).
import { calloutJsonSchema } from '../validate/schema';

export type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  $ref?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  description?: string;
  markdownDescription?: string;
  defaultSnippets?: { label: string; body: unknown }[];
  anyOf?: JsonSchema[];
};

function deref(s: JsonSchema | undefined, root: JsonSchema): JsonSchema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 10; i++) {
    const parts = cur.$ref.replace(/^#\//, '').split('/');
    let target: unknown = root;
    for (const p of parts) target = (target as Record<string, unknown>)?.[p];
    cur = target as JsonSchema | undefined;
  }
  return cur;
}

export function schemaAt(path: (string | number)[], root: JsonSchema = calloutJsonSchema() as JsonSchema): JsonSchema | undefined {
  let cur: JsonSchema | undefined = deref(root, root);
  for (const seg of path) {
    if (!cur) return undefined;
    if (typeof seg === 'number') cur = deref(cur.items, root);
    else if (cur.properties?.[seg]) cur = deref(cur.properties[seg], root);
    else if (cur.additionalProperties && typeof cur.additionalProperties === 'object') cur = deref(cur.additionalProperties, root);
    else return undefined;
  }
  return cur;
}

export function rootSchema(): JsonSchema {
  return calloutJsonSchema() as JsonSchema;
}
