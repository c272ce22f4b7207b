// A tolerant, typed view of a callout definition over its offset tree. Never throws on bad shapes:
// the schema pass reports those; everything here just skips what it cannot read.
import { getProperty, getPropertyValue, toValue, type ParsedTree, type PropertyNode, type ValueNode } from '../parse/tree';
import { deriveOperationName } from './naming';
import { EXTERNAL_SERVICE_TIMEOUT_SECONDS } from './outcome';

export const RESPONSE_KEY = /^([1-5]XX|[1-5][0-9][0-9]|default)$/;

export interface CalloutDocument {
  fileName: string;
  text: string;
  tree: ParsedTree;
}

export interface ResponseEntry {
  key: string;
  property: PropertyNode;
  sample?: ValueNode;
  contentType: string;
}

export class CalloutDefinition {
  constructor(readonly doc: CalloutDocument) {}

  get root(): ValueNode | undefined {
    return this.doc.tree.root;
  }

  str(key: string): string | undefined {
    const v = getPropertyValue(this.root, key);
    return v && v.type === 'string' ? (v.value as string) : undefined;
  }

  prop(key: string): PropertyNode | undefined {
    return getProperty(this.root, key);
  }

  get name(): string | undefined {
    return this.str('name');
  }
  get method(): string {
    return (this.str('method') ?? 'GET').toUpperCase();
  }
  get path(): string {
    return this.str('path') ?? '/';
  }
  get namedCredential(): string | undefined {
    return this.str('namedCredential');
  }
  /** The operation name as Flow sees it (explicit, or derived from method + path). */
  get operation(): string {
    return this.str('operation') ?? deriveOperationName(this.method, this.path);
  }
  get object(): string | undefined {
    return this.str('object');
  }
  get flow(): string | undefined {
    return this.str('flow');
  }
  /**
   * The registration this definition is a copy of, when that registration stays what Salesforce runs: one imported
   * from a registration that is not SchemaInferred (Custom, MuleSoft). `generate esr` refuses to replace it (a
   * generated registration would rename its types and drop headers — fact ESR-8), so flows keep calling the
   * registration and the definition serves test callouts (fact ESR-13).
   */
  get copiedRegistration(): string | undefined {
    const from = this.registration;
    return from?.name && isCopiedRegistration(from) ? from.name : undefined;
  }
  /** `registration:` — the External Service registration this definition was imported from (importEsr.ts). */
  get registration(): { name?: string; operation?: string; providerType?: string } | undefined {
    const v = getPropertyValue(this.root, 'registration');
    if (!v || v.type !== 'object') return undefined;
    const text = (k: string) => {
      const x = getPropertyValue(v, k);
      return x && x.type === 'string' ? (x.value as string) : undefined;
    };
    return { name: text('name'), operation: text('operation'), providerType: text('providerType') };
  }
  get timeoutSeconds(): number {
    const v = getPropertyValue(this.root, 'timeout');
    return v && v.type === 'number' ? Math.min(EXTERNAL_SERVICE_TIMEOUT_SECONDS, Math.max(1, v.value as number)) : EXTERNAL_SERVICE_TIMEOUT_SECONDS;
  }

  get requestBody(): ValueNode | undefined {
    return getPropertyValue(getPropertyValue(this.root, 'request'), 'body');
  }

  get requestContentType(): string {
    const v = getPropertyValue(getPropertyValue(this.root, 'request'), 'contentType');
    return v && v.type === 'string' ? (v.value as string) : 'application/json';
  }

  responses(): ResponseEntry[] {
    const r = getPropertyValue(this.root, 'responses');
    if (!r || r.type !== 'object') return [];
    return r.properties
      .filter((p) => RESPONSE_KEY.test(p.key))
      .map((p) => {
        const ct = getPropertyValue(p.value, 'contentType');
        return {
          key: p.key,
          property: p,
          sample: getPropertyValue(p.value, 'sample'),
          contentType: ct && ct.type === 'string' ? (ct.value as string) : 'application/json',
        };
      });
  }

  /** Declared query (or path) parameters: name → { type, required, example, enum }. */
  parameters(section: 'query' | 'pathParameters'): { name: string; property: PropertyNode; type?: string; required: boolean; example?: unknown }[] {
    const q = getPropertyValue(this.root, section);
    if (!q || q.type !== 'object') return [];
    return q.properties.map((p) => {
      const v = toValue(p.value) as Record<string, unknown> | undefined;
      const obj = v && typeof v === 'object' ? v : {};
      return {
        name: p.key,
        property: p,
        type: typeof obj.type === 'string' ? obj.type : undefined,
        required: section === 'pathParameters' ? true : obj.required === true,
        example: obj.example,
      };
    });
  }

  /** Type overrides: path → Flow type. */
  typeOverrides(): Map<string, { type: string; property: PropertyNode }> {
    const out = new Map<string, { type: string; property: PropertyNode }>();
    const t = getPropertyValue(this.root, 'types');
    if (!t || t.type !== 'object') return out;
    for (const p of t.properties) if (p.value?.type === 'string') out.set(normalizeFieldPath(p.key), { type: p.value.value as string, property: p });
    return out;
  }

  outputs(): { from?: string; to?: string; node: ValueNode; fromNode?: ValueNode; toNode?: ValueNode }[] {
    const o = getPropertyValue(this.root, 'outputs');
    if (!o || o.type !== 'array') return [];
    return o.items.map((item) => {
      const fromNode = getPropertyValue(item, 'from');
      const toNode = getPropertyValue(item, 'to');
      return {
        node: item,
        fromNode,
        toNode,
        from: fromNode?.type === 'string' ? (fromNode.value as string) : undefined,
        to: toNode?.type === 'string' ? (toNode.value as string) : undefined,
      };
    });
  }

  testInputs(): Record<string, unknown> {
    const v = toValue(getPropertyValue(getPropertyValue(this.root, 'test'), 'inputs'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  }

  testExpect(): Record<string, unknown> {
    const v = toValue(getPropertyValue(getPropertyValue(this.root, 'test'), 'expect'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  }

  testResponseKey(): string | undefined {
    const v = getPropertyValue(getPropertyValue(this.root, 'test'), 'response');
    return v?.type === 'string' ? (v.value as string) : undefined;
  }
}

/** `2XX.items[].price` and `2XX.items.price` name the same field. */
export function normalizeFieldPath(path: string): string {
  return path.replace(/\[\d*\]/g, '');
}

/** Facts ESR-8, ESR-13: a definition imported from a registration that is not SchemaInferred is not a source of one. */
export function isCopiedRegistration(from: { providerType?: string } | undefined): boolean {
  return !!from?.providerType && from.providerType !== 'SchemaInferred';
}
