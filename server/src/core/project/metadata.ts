// Readers for the SFDX metadata the checks cross-reference: named credentials, external credentials,
// External Service registrations and object fields. Each takes XML text and returns a plain summary.
import { parse as parseYaml } from 'yaml';
import { child, childrenNamed, childText, parseXml } from '../parse/xml';

export interface NamedCredentialInfo {
  name: string;
  file: string;
  label?: string;
  url?: string;
  externalCredential?: string;
  /** `SecuredEndpoint` (enhanced) or `Legacy`. */
  kind: 'SecuredEndpoint' | 'Legacy' | string;
  protocol?: string;
  calloutStatus?: string;
  customHeaders: { name: string; value: string }[];
}

export function readNamedCredential(name: string, file: string, xml: string): NamedCredentialInfo {
  const root = parseXml(xml).root;
  const info: NamedCredentialInfo = {
    name, file, label: childText(root, 'label'), kind: childText(root, 'namedCredentialType') ?? 'Legacy',
    calloutStatus: childText(root, 'calloutStatus'), protocol: childText(root, 'protocol'), customHeaders: [],
  };
  info.url = childText(root, 'endpoint');
  for (const p of childrenNamed(root, 'namedCredentialParameters')) {
    const type = childText(p, 'parameterType');
    if (type === 'Url') info.url = childText(p, 'parameterValue');
    else if (type === 'Authentication') info.externalCredential = childText(p, 'externalCredential');
    else if (type === 'HttpHeader') info.customHeaders.push({ name: childText(p, 'parameterName') ?? '', value: childText(p, 'parameterValue') ?? '' });
  }
  return info;
}

export interface ExternalCredentialInfo {
  name: string;
  file: string;
  label?: string;
  protocol?: string;
  principals: string[];
  /** Authentication parameters, e.g. custom header templates. */
  parameters: { group?: string; name?: string; type?: string; value?: string }[];
}

export function readExternalCredential(name: string, file: string, xml: string): ExternalCredentialInfo {
  const root = parseXml(xml).root;
  const parameters = childrenNamed(root, 'externalCredentialParameters').map((p) => ({
    group: childText(p, 'parameterGroup'), name: childText(p, 'parameterName'), type: childText(p, 'parameterType'), value: childText(p, 'parameterValue'),
  }));
  return {
    name, file, label: childText(root, 'label'), protocol: childText(root, 'authenticationProtocol'), parameters,
    principals: parameters.filter((p) => p.type === 'NamedPrincipal' || p.type === 'PerUserPrincipal').map((p) => p.name ?? p.group ?? ''),
  };
}

/** Where an operation input goes in the HTTP request (Swagger 2 names; OpenAPI 3 form properties are `formData`). */
export type ParameterLocation = 'path' | 'query' | 'header' | 'formData';

export interface EsrParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  /** JSON-schema type (`string`, `integer`…), from `schema.type` (OpenAPI 3) or the parameter itself (Swagger 2). */
  type?: string;
  format?: string;
  /** The parameter's schema (`$ref`s at its top resolved); Swagger 2 parameters are their own schema. */
  schema?: Record<string, unknown>;
  description?: string;
}

export interface EsrOperation {
  /** `operationId`, else `<method><path>` (operations.ts derives External Services' name from it). */
  name: string;
  method: string;
  /** The key under `paths`. */
  path: string;
  description?: string;
  /** Path, query, header and form inputs (reference C1), shared path-item parameters included, `$ref`s resolved. */
  parameters: EsrParameter[];
  /** A JSON (or other non-form) body input: Swagger 2 `in: body`, or an OpenAPI 3 `requestBody` that is not a form. */
  hasBody: boolean;
  bodyRequired: boolean;
  /** The body input's name: the Swagger 2 body parameter's `name`, `body` for OpenAPI 3. */
  bodyName?: string;
  /** The request media type: the chosen `requestBody` content key, or Swagger 2 `consumes[0]`. */
  contentType?: string;
  /** Response keys: `2XX`, `200`, `default`. */
  responses: string[];
}

export interface EsrInfo {
  name: string;
  file: string;
  label?: string;
  description?: string;
  namedCredential?: string;
  providerType?: string;
  schemaType?: string;
  status?: string;
  /** Names from `<operations><name>`. */
  declaredOperations: string[];
  operations: EsrOperation[];
  schemaError?: string;
  /** Parsed OpenAPI/Swagger document, when it parses. */
  schema?: Record<string, unknown>;
  /** The decomposed schema file (`X.yaml`/`X.json` beside the `-meta.xml`), when the schema came from it (C14). */
  schemaFile?: string;
  /** Swagger 2 `basePath`, or the path part of the first OpenAPI 3 `servers` URL; '' when none. */
  basePath: string;
  /** Swagger 2 `schemes[0]://host` + basePath, or the first OpenAPI 3 server URL, as written; informational. */
  server?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Reads a registration. `sibling` is the decomposed schema file (decomposeExternalServiceRegistrationBeta,
 * reference C14), used only when the XML has no `<schema>`.
 */
export function readExternalServiceRegistration(name: string, file: string, xml: string, sibling?: { file: string; text: string }): EsrInfo {
  const root = parseXml(xml).root;
  const info: EsrInfo = {
    name, file, label: childText(root, 'label'), description: childText(root, 'description'),
    namedCredential: childText(root, 'namedCredentialReference') ?? childText(root, 'namedCredential'),
    providerType: childText(root, 'registrationProviderType'), schemaType: childText(root, 'schemaType'), status: childText(root, 'status'),
    declaredOperations: childrenNamed(root, 'operations').map((o) => childText(o, 'name') ?? '').filter(Boolean),
    operations: [],
    basePath: '',
  };
  let schemaText = child(root, 'schema')?.text;
  if (!schemaText && sibling) {
    schemaText = sibling.text;
    info.schemaFile = sibling.file;
  }
  if (schemaText) {
    try {
      const schema = parseYaml(schemaText, { maxAliasCount: 100 }) as Record<string, unknown>;
      if (schema && typeof schema === 'object' && !Array.isArray(schema)) {
        info.schema = schema;
        info.operations = operationsOf(schema);
        Object.assign(info, serverOf(schema));
      }
    } catch (e) {
      info.schemaError = (e as Error).message.split('\n')[0];
    }
  }
  return info;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** A local `$ref` (`#/components/parameters/X`, `#/definitions/Y`) → its target; undefined when it points nowhere. */
export function resolveLocalRef(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Follows `$ref`s at the top of a node (bounded, cycle-safe). */
function deref(doc: Json, node: unknown): unknown {
  let cur = node;
  for (let i = 0; i < 8 && isObj(cur) && typeof cur.$ref === 'string'; i++) cur = resolveLocalRef(doc, cur.$ref);
  return cur;
}

function serverOf(doc: Json): { basePath: string; server?: string } {
  if (typeof doc.swagger === 'string' || typeof doc.basePath === 'string' || typeof doc.host === 'string') {
    const basePath = typeof doc.basePath === 'string' ? doc.basePath.replace(/\/+$/, '') : '';
    const scheme = Array.isArray(doc.schemes) && typeof doc.schemes[0] === 'string' ? doc.schemes[0] : 'https';
    return { basePath, server: typeof doc.host === 'string' && doc.host ? `${scheme}://${doc.host}${basePath}` : undefined };
  }
  const first = Array.isArray(doc.servers) ? doc.servers.find(isObj) : undefined;
  const url = first && typeof first.url === 'string' ? first.url : undefined;
  if (!url) return { basePath: '' };
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/]*(\/.*)?$/i.exec(url);
  const path = m ? (m[1] ?? '') : url.startsWith('/') ? url : '';
  return { basePath: path.replace(/[?#].*$/, '').replace(/\/+$/, ''), server: url };
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

function typeOf(schema: Json | undefined): { type?: string; format?: string } {
  if (!schema) return {};
  return { type: typeof schema.type === 'string' ? schema.type : undefined, format: typeof schema.format === 'string' ? schema.format : undefined };
}

/** Operations of an OpenAPI 3 / Swagger 2 document, with every input (reference C1; docs/salesforce-facts.md ESR-1…ESR-4). */
export function operationsOf(schema: Json): EsrOperation[] {
  const out: EsrOperation[] = [];
  const paths = isObj(schema.paths) ? schema.paths : {};
  const docConsumes = Array.isArray(schema.consumes) ? schema.consumes : [];
  for (const [p, rawItem] of Object.entries(paths)) {
    const item = deref(schema, rawItem);
    if (!isObj(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const m of METHODS) {
      const op = item[m];
      if (!isObj(op)) continue;
      // Operation parameters override path-item ones with the same name and location (OpenAPI).
      const byKey = new Map<string, Json>();
      for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const param = deref(schema, raw);
        if (isObj(param) && typeof param.name === 'string' && typeof param.in === 'string') byKey.set(`${param.in}\u0000${param.name}`, param);
      }
      const parameters: EsrParameter[] = [];
      let bodyParam: Json | undefined;
      for (const param of byKey.values()) {
        const where = param.in as string;
        if (where === 'body') {
          bodyParam = param;
          continue;
        }
        if (where !== 'path' && where !== 'query' && where !== 'header' && where !== 'formData') continue; // cookie: not an External Services input
        const own = isObj(param.schema) ? (deref(schema, param.schema) as Json | undefined) : param;
        // OpenAPI 3: header parameters named Accept, Content-Type or Authorization "SHALL be ignored"; whether
        // External Services still show them as inputs is not documented, so they are never required here.
        const ignoredHeader = where === 'header' && /^(accept|content-type|authorization)$/i.test(param.name as string);
        parameters.push({
          name: param.name as string, in: where, required: !ignoredHeader && (param.required === true || where === 'path'),
          ...typeOf(isObj(own) ? own : undefined), schema: isObj(own) ? own : undefined,
          description: typeof param.description === 'string' ? param.description : undefined,
        });
      }
      const consumes = Array.isArray(op.consumes) ? op.consumes : docConsumes;
      let hasBody = !!bodyParam;
      let bodyRequired = bodyParam?.required === true;
      let contentType = bodyParam || parameters.some((x) => x.in === 'formData') ? (typeof consumes[0] === 'string' ? consumes[0] : undefined) : undefined;
      const requestBody = deref(schema, op.requestBody);
      if (isObj(requestBody)) {
        const content = isObj(requestBody.content) ? requestBody.content : {};
        const keys = Object.keys(content);
        const chosen = keys.find((k) => /json/i.test(k)) ?? keys.find((k) => !FORM_TYPES.test(k)) ?? keys[0];
        contentType = chosen;
        const media = chosen ? content[chosen] : undefined;
        if (chosen && FORM_TYPES.test(chosen)) {
          // A form body: each property is an input of its own (reference C1: "Form parameters are supported").
          const body = deref(schema, isObj(media) ? media.schema : undefined);
          const required = isObj(body) && Array.isArray(body.required) ? body.required : [];
          for (const [name, raw] of Object.entries(isObj(body) && isObj(body.properties) ? body.properties : {})) {
            const own = deref(schema, raw);
            parameters.push({
              name, in: 'formData', required: required.includes(name), ...typeOf(isObj(own) ? own : undefined), schema: isObj(own) ? own : undefined,
              description: isObj(own) && typeof own.description === 'string' ? own.description : undefined,
            });
          }
        } else {
          hasBody = true;
          bodyRequired = requestBody.required === true;
        }
      }
      out.push({
        name: typeof op.operationId === 'string' && op.operationId ? op.operationId : `${m}${p}`,
        method: m.toUpperCase(),
        path: p,
        description: typeof op.description === 'string' ? op.description : typeof op.summary === 'string' ? op.summary : undefined,
        parameters,
        hasBody,
        bodyRequired,
        bodyName: hasBody ? (bodyParam && typeof bodyParam.name === 'string' ? bodyParam.name : 'body') : undefined,
        contentType,
        responses: Object.keys(isObj(op.responses) ? op.responses : {}),
      });
    }
  }
  return out;
}

export interface ObjectFieldInfo {
  name: string;
  type: string;
  file?: string;
  label?: string;
  referenceTo?: string;
  /** A lookup's or master-detail's child relationship name (`Plans`: the parent reads its children as `Plans__r`). */
  relationshipName?: string;
}

export function readField(file: string, xml: string): ObjectFieldInfo | undefined {
  const root = parseXml(xml).root;
  const name = childText(root, 'fullName') ?? file.replace(/^.*[\\/]/, '').replace(/\.field-meta\.xml$/, '');
  if (!name) return undefined;
  return {
    name, type: childText(root, 'type') ?? 'Text', file, label: childText(root, 'label'), referenceTo: childText(root, 'referenceTo'),
    relationshipName: childText(root, 'relationshipName'),
  };
}
