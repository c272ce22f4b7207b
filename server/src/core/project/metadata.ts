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

export interface EsrOperation {
  name: string;
  method: string;
  path: string;
  parameters: { name: string; in: string; required: boolean; type?: string }[];
  hasBody: boolean;
  bodyRequired: boolean;
  /** Response keys: `2XX`, `200`, `default`. */
  responses: string[];
}

export interface EsrInfo {
  name: string;
  file: string;
  label?: string;
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
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function readExternalServiceRegistration(name: string, file: string, xml: string): EsrInfo {
  const root = parseXml(xml).root;
  const info: EsrInfo = {
    name, file, label: childText(root, 'label'),
    namedCredential: childText(root, 'namedCredentialReference') ?? childText(root, 'namedCredential'),
    providerType: childText(root, 'registrationProviderType'), schemaType: childText(root, 'schemaType'), status: childText(root, 'status'),
    declaredOperations: childrenNamed(root, 'operations').map((o) => childText(o, 'name') ?? '').filter(Boolean),
    operations: [],
  };
  const schemaText = child(root, 'schema')?.text;
  if (schemaText) {
    try {
      const schema = parseYaml(schemaText, { maxAliasCount: 100 }) as Record<string, unknown>;
      if (schema && typeof schema === 'object') {
        info.schema = schema;
        info.operations = operationsOf(schema);
      }
    } catch (e) {
      info.schemaError = (e as Error).message.split('\n')[0];
    }
  }
  return info;
}

/** Operations of an OpenAPI 3 / Swagger 2 document. */
export function operationsOf(schema: Record<string, unknown>): EsrOperation[] {
  const out: EsrOperation[] = [];
  const paths = (schema.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [p, item] of Object.entries(paths)) {
    if (!item || typeof item !== 'object') continue;
    const shared = Array.isArray(item.parameters) ? (item.parameters as Record<string, unknown>[]) : [];
    for (const m of METHODS) {
      const op = item[m] as Record<string, unknown> | undefined;
      if (!op || typeof op !== 'object') continue;
      const params = [...shared, ...(Array.isArray(op.parameters) ? (op.parameters as Record<string, unknown>[]) : [])];
      const bodyParam = params.find((x) => x && x.in === 'body');
      const requestBody = op.requestBody as Record<string, unknown> | undefined;
      out.push({
        name: typeof op.operationId === 'string' ? op.operationId : `${m}${p}`,
        method: m.toUpperCase(),
        path: p,
        parameters: params
          .filter((x) => x && typeof x.name === 'string' && x.in !== 'body' && x.in !== 'header')
          .map((x) => ({ name: String(x.name), in: String(x.in), required: x.required === true, type: typeof (x.schema as { type?: string } | undefined)?.type === 'string' ? (x.schema as { type: string }).type : typeof x.type === 'string' ? (x.type as string) : undefined })),
        hasBody: !!bodyParam || !!requestBody,
        bodyRequired: (bodyParam?.required === true) || (requestBody?.required === true),
        responses: Object.keys((op.responses ?? {}) as object),
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
