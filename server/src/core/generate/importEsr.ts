// An External Service registration (the `-meta.xml`, or the decomposeExternalServiceRegistrationBeta layout
// with the schema in a sibling `<Name>.yaml`) → one callout definition per operation, as YAML text.
// OpenAPI 3 and Swagger 2 schemas; `$ref`s resolved; samples built so Flow infers the registered types.
import { parse as parseYaml } from 'yaml';
import { definitionYaml } from './definitionYaml';
import { RESPONSE_KEY } from '../model/definition';
import type { FlowPrimitive } from '../model/flowTypes';
import { deriveOperationName, isValidExternalServiceName, toExternalServiceName } from '../model/naming';
import { childText, child, parseXml } from '../parse/xml';
import { flowTypeOfSchema, resolveRef, sampleOf, type SampleContext } from './sampleFromSchema';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const REQUEST_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'text/plain'];
const RESPONSE_TYPES = ['application/json', 'text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded'];

export interface ImportedDefinition {
  /** The External Service name of the definition. */
  name: string;
  operation: string;
  /** `<name>.callout.yaml`. */
  fileName: string;
  text: string;
  /** What changed or needs the user (also written as comments at the top of the file). */
  notes: string[];
}

export interface EsrImportResult {
  definitions: ImportedDefinition[];
  /** Problems that stopped the import, each saying what to do. */
  errors: string[];
}

export interface EsrImportInput {
  /** The registration's name (its file name without `.externalServiceRegistration-meta.xml`). */
  name: string;
  /** The `-meta.xml` text. */
  xml: string;
  /** The schema when it is decomposed into a sibling file (`<Name>.yaml`). */
  schemaText?: string;
  /** The file it came from, for comments. */
  source?: string;
}

/** The registration's name from its file name (`X.externalServiceRegistration-meta.xml` or decomposed `X.yaml`). */
export function esrNameOf(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.externalServiceRegistration-meta\.xml$|\.externalServiceRegistration$|\.ya?ml$|\.json$/i, '');
}

function firstMedia(content: unknown, allowed: string[]): { type: string; schema: unknown; original: string } | undefined {
  if (!isObj(content)) return undefined;
  const keys = Object.keys(content);
  const pick = keys.find((k) => /json/i.test(k)) ?? keys.find((k) => allowed.includes(k.toLowerCase())) ?? keys[0];
  if (!pick) return undefined;
  const media = content[pick];
  const type = allowed.find((a) => a === pick.toLowerCase()) ?? (/json/i.test(pick) ? 'application/json' : /^text\//i.test(pick) ? 'text/plain' : 'application/json');
  return { type, schema: isObj(media) ? media.schema : undefined, original: pick };
}

interface OperationSource {
  path: string;
  method: string;
  op: Json;
  shared: Json[];
}

function operationsIn(doc: Json): OperationSource[] {
  const out: OperationSource[] = [];
  const basePath = typeof doc.basePath === 'string' ? doc.basePath.replace(/\/+$/, '') : '';
  for (const [p, item] of Object.entries(isObj(doc.paths) ? doc.paths : {})) {
    if (!isObj(item)) continue;
    const shared = (Array.isArray(item.parameters) ? item.parameters : []).filter(isObj);
    for (const m of METHODS) {
      const op = item[m];
      if (!isObj(op)) continue;
      const path = (basePath + (p.startsWith('/') ? p : `/${p}`)).replace(/\/{2,}/g, '/') || '/';
      // (An empty path key, seen in real registrations, means the named credential's URL itself: `/`.)
      out.push({ path, method: m.toUpperCase(), op, shared });
    }
  }
  return out;
}

function parameterOf(ctx: SampleContext, raw: Json): Json {
  if (typeof raw.$ref !== 'string') return raw;
  const target = resolveRef(ctx.document, raw.$ref);
  return isObj(target) ? target : raw;
}

/** One operation → a definition object (key order as the examples write it) and its notes. */
function definitionOf(ctx: SampleContext, src: OperationSource, base: { name: string; label?: string; description?: string; namedCredential?: string }): Json {
  const { op, method, path } = src;
  const def: Json = { name: base.name };
  if (base.label && base.label !== base.name) def.label = base.label;
  if (base.description) def.description = base.description;
  def.namedCredential = base.namedCredential ?? base.name;
  if (!base.namedCredential) ctx.notes.push(`The registration names no named credential; "${base.name}" is a placeholder. Set namedCredential to the one that holds the base URL.`);
  const operation = typeof op.operationId === 'string' && op.operationId ? op.operationId : undefined;
  if (operation) def.operation = operation;
  def.method = method;
  def.path = path;

  const params = [...src.shared, ...(Array.isArray(op.parameters) ? op.parameters.filter(isObj) : [])].map((p) => parameterOf(ctx, p));
  const pathParameters: Json = {};
  const query: Json = {};
  const form: Json = {};
  let bodyParam: Json | undefined;
  for (const p of params) {
    const name = typeof p.name === 'string' ? p.name : undefined;
    if (!name) continue;
    const schema = isObj(p.schema) ? (sampleSchema(ctx, p.schema) ?? p.schema) : p; // Swagger 2 keeps type on the parameter
    const type: FlowPrimitive = flowTypeOfSchema(schema as Json);
    if (schema.type === 'array') ctx.notes.push(`Parameter "${name}" is a list in the registration; a Flow HTTP callout parameter is one value, so it is a String here.`);
    const entry: Json = { type };
    if (p.in === 'query' && p.required === true) entry.required = true;
    if (typeof p.description === 'string' && p.description) entry.description = p.description;
    if (p.in === 'path') pathParameters[name] = entry;
    else if (p.in === 'query') query[name] = entry;
    else if (p.in === 'body') bodyParam = p;
    else if (p.in === 'formData') {
      const value = sampleOf(schema, `request.body.${name}`, ctx);
      if (value !== undefined) form[name] = value;
    } else if (p.in === 'header') ctx.notes.push(`The header "${name}"${p.required === true ? ' (required)' : ''} is an input of the registered action (flows set it), but a callout definition cannot declare headers: a test callout from this file does not send it. Put it on the named credential for tests, or send from the flow action.`);
    else ctx.notes.push(`The ${String(p.in)} parameter "${name}" cannot be set on a Flow HTTP callout action: put it on the named credential (custom header) or the external credential.`);
  }
  for (const m of path.matchAll(/\{([^{}]+)\}/g)) if (!(m[1] in pathParameters)) pathParameters[m[1]] = { type: 'String' };
  if (Object.keys(pathParameters).length) def.pathParameters = pathParameters;
  if (Object.keys(query).length) def.query = query;

  const request = requestOf(ctx, src, bodyParam, form);
  if (request) def.request = request;
  def.responses = responsesOf(ctx, src);
  return def;
}

function sampleSchema(ctx: SampleContext, schema: Json): Json | undefined {
  return typeof schema.$ref === 'string' ? (resolveRef(ctx.document, schema.$ref) as Json | undefined) : schema;
}

function requestOf(ctx: SampleContext, src: OperationSource, bodyParam: Json | undefined, form: Json): Json | undefined {
  const rb = src.op.requestBody;
  let contentType: string | undefined;
  let body: unknown;
  if (isObj(rb)) {
    const resolved = typeof rb.$ref === 'string' ? resolveRef(ctx.document, rb.$ref) : rb;
    const media = firstMedia(isObj(resolved) ? resolved.content : undefined, REQUEST_TYPES);
    if (!media) return undefined;
    if (!REQUEST_TYPES.includes(media.original.toLowerCase()) && !/json/i.test(media.original)) ctx.notes.push(`The request body is ${media.original}, which a Flow HTTP callout does not send; it is ${media.type} here.`);
    contentType = media.type;
    body = /^text\//.test(media.type) ? 'text' : sampleOf(media.schema, 'request.body', ctx) ?? {};
  } else if (bodyParam) {
    // Only a Custom registration is Swagger 2.0 (the wizard writes OpenAPI 3): flows keep calling it, and its
    // action's input keeps the parameter's name (facts ESR-1, ESR-13).
    if (bodyParam.name !== 'body' && typeof bodyParam.name === 'string') ctx.notes.push(`The registration names the body input "${bodyParam.name}": flows calling the registration set "${bodyParam.name}". Here it is the request body; a registration generated from a definition would name it "body".`);
    body = sampleOf(bodyParam.schema, 'request.body', ctx) ?? {};
  } else if (Object.keys(form).length) {
    contentType = 'application/x-www-form-urlencoded';
    body = form;
  } else return undefined;
  if (!['POST', 'PUT', 'PATCH'].includes(src.method)) {
    // Written, it would be rejected by callout-body-not-allowed; the registration keeps it (reference C8).
    ctx.notes.push(`The registration declares a request body for ${src.method}; a callout definition sends a body only with POST, PUT or PATCH, so it is left out here. The registered action still takes it.`);
    return undefined;
  }
  const out: Json = {};
  if (contentType && contentType !== 'application/json') out.contentType = contentType;
  out.body = body;
  return out;
}

function responsesOf(ctx: SampleContext, src: OperationSource): Json {
  const out: Json = {};
  const raw = isObj(src.op.responses) ? src.op.responses : {};
  for (const [rawKey, value] of Object.entries(raw)) {
    const key = rawKey.toUpperCase() === 'DEFAULT' ? 'default' : rawKey.toUpperCase();
    if (!RESPONSE_KEY.test(key)) {
      ctx.notes.push(`Response "${rawKey}" is not a status code, range or default; it is left out.`);
      continue;
    }
    const r = typeof (value as Json)?.$ref === 'string' ? resolveRef(ctx.document, (value as Json).$ref as string) : value;
    const entry: Json = {};
    if (isObj(r) && typeof r.description === 'string' && r.description) entry.description = r.description;
    let media = isObj(r) ? firstMedia(r.content, RESPONSE_TYPES) : undefined;
    if (!media && isObj(r) && r.schema !== undefined) {
      const produces = [...(Array.isArray(src.op.produces) ? src.op.produces : []), ...(Array.isArray(ctx.document.produces) ? ctx.document.produces : [])];
      const declared = typeof produces[0] === 'string' ? produces[0] : 'application/json';
      media = { type: RESPONSE_TYPES.find((t) => t === declared.toLowerCase()) ?? 'application/json', schema: r.schema, original: declared };
    }
    if (!media) {
      ctx.notes.push(`Response ${key} declares no body; its sample is {}.`);
      entry.sample = {};
    } else {
      if (media.type !== 'application/json') entry.contentType = media.type;
      entry.sample = media.type === 'application/json' || media.type === 'application/x-www-form-urlencoded' ? sampleOf(media.schema, key, ctx) ?? {} : 'text';
      if (entry.sample === null) entry.sample = {};
    }
    out[key] = entry;
  }
  if (!Object.keys(out).length) {
    ctx.notes.push('The registration declares no responses, so Flow returns the body as the String output "default"; add a 2XX sample to get typed outputs.');
    out.default = { contentType: 'text/plain', sample: 'text' };
  }
  return out;
}

function uniqueName(base: string, operation: string, many: boolean, taken: Set<string>): string {
  let name = many ? `${base}${toExternalServiceName(operation)}` : base;
  if (!isValidExternalServiceName(name)) name = toExternalServiceName(name);
  name = name.slice(0, 80);
  let n = 2;
  const stem = name;
  while (taken.has(name)) name = `${stem}${n++}`;
  taken.add(name);
  return name;
}

export function importEsr(input: EsrImportInput): EsrImportResult {
  const xml = parseXml(input.xml);
  const root = xml.root;
  if (!root || root.name !== 'ExternalServiceRegistration') {
    return { definitions: [], errors: [`${input.source ?? input.name} is not an ExternalServiceRegistration (its root element is ${root ? `<${root.name}>` : 'missing'}). Give a *.externalServiceRegistration-meta.xml file.`] };
  }
  const schemaType = childText(root, 'schemaType');
  // InteragentHyperSchema (API ≤ 47.0; fact ESR-10 in docs/salesforce-facts.md) is not OpenAPI.
  if (schemaType && /^interagent/i.test(schemaType)) return { definitions: [], errors: [interagentError(input)] };
  const schemaText = child(root, 'schema')?.text || input.schemaText;
  if (!schemaText) {
    return { definitions: [], errors: [`${input.source ?? input.name} has no <schema>. If the project uses decomposeExternalServiceRegistrationBeta, keep ${input.name}.yaml next to it.`] };
  }
  let document: Json;
  try {
    const parsed = parseYaml(schemaText, { maxAliasCount: 100 }) as unknown;
    if (!isObj(parsed)) throw new Error('it is not a mapping');
    document = parsed;
  } catch (e) {
    return { definitions: [], errors: [`The schema of ${input.source ?? input.name} does not parse (${(e as Error).message.split('\n')[0]}). Fix the OpenAPI document first.`] };
  }
  if (!document.openapi && !document.swagger && !isObj(document.paths) && (Array.isArray(document.links) || /hyper-schema|interagent/i.test(String(document.$schema ?? '')))) {
    return { definitions: [], errors: [interagentError(input)] };
  }
  const ops = operationsIn(document);
  if (!ops.length) return { definitions: [], errors: [`The schema of ${input.source ?? input.name} has no operations under "paths".`] };

  const base = {
    label: childText(root, 'label'),
    description: childText(root, 'description') || (isObj(document.info) && typeof document.info.description === 'string' ? document.info.description : undefined) || undefined,
    namedCredential: childText(root, 'namedCredentialReference') ?? childText(root, 'namedCredential'),
  };
  // Absent in some hand-written registrations: only Flow Builder's wizard writes SchemaInferred, so treat it as Custom.
  const providerType = childText(root, 'registrationProviderType') ?? 'Custom';
  const esrName = isValidExternalServiceName(input.name) ? input.name : toExternalServiceName(input.name);
  const taken = new Set<string>();
  const definitions: ImportedDefinition[] = [];
  for (const src of ops) {
    const ctx: SampleContext = { document, types: new Map(), notes: [] };
    const operation = typeof src.op.operationId === 'string' && src.op.operationId ? src.op.operationId : deriveOperationName(src.method, src.path);
    const name = uniqueName(esrName, operation, ops.length > 1, taken);
    const def = definitionOf(ctx, src, { ...base, name });
    if (ctx.types.size) def.types = Object.fromEntries([...ctx.types].sort(([a], [b]) => a.localeCompare(b)));
    def.registration = { name: input.name, operation, providerType };
    const notes = [...ctx.notes];
    if (ops.length > 1) {
      delete def.label;
      notes.unshift(providerType !== 'SchemaInferred'
        ? `${input.name} has ${ops.length} operations and a callout definition has one, so this one is named ${name}; the registration itself stays as it is.`
        : `${input.name} has ${ops.length} operations and a Flow HTTP callout has one, so this operation is the External Service ${name}. Once deployed, flows call it as ${name}.${operation} instead of ${input.name}.${operation}.`);
    }
    if (providerType !== 'SchemaInferred') notes.unshift(customNote(input.name, operation, providerType, src, document, ops.length));
    if (name !== input.name && ops.length === 1) notes.unshift(`"${input.name}" is not a valid External Service name; it is ${name} here.`);
    if (document.swagger) notes.push('The registration is Swagger 2.0; the generated one will be OpenAPI 3.0.');
    const header = [`Imported from ${input.source ?? input.name} by Flow Callout Studio (operation ${operation}).`, 'Samples are built from the schema: replace them with real ones from the API when you have them.', ...notes.map((n) => `Note: ${n}`)];
    definitions.push({ name, operation, fileName: `${name}.callout.yaml`, text: definitionYaml(def, header), notes });
  }
  return { definitions, errors: [] };
}

function interagentError(input: EsrImportInput): string {
  return `${input.source ?? input.name} is an Interagent (JSON Hyper-Schema) registration; the import reads OpenAPI 3.0 and Swagger 2.0 schemas only. Export the API as OpenAPI and register that, or write the callout definition by hand.`;
}

/** What regenerating this operation would change for the flows that call the original (generate esr refuses it). */
function customNote(registration: string, operation: string, providerType: string, src: OperationSource, document: Json, operations: number): string {
  const params = [...src.shared, ...(Array.isArray(src.op.parameters) ? src.op.parameters.filter(isObj) : [])]
    .map((p) => (typeof p.$ref === 'string' ? resolveRef(document, p.$ref) : p))
    .filter(isObj);
  const headers = params.filter((p) => p.in === 'header' && typeof p.name === 'string').map((p) => p.name as string);
  const components = [...componentNames(src.op, document)];
  const losses = [
    operations > 1 ? `its ${operations} operations in one service` : '',
    components.length ? `the component type names (${components.slice(0, 6).join(', ')}${components.length > 6 ? ', …' : ''}) flows use as ExternalService__${registration}_<Name>` : '',
    headers.length ? `the header parameters ${headers.join(', ')}` : '',
    '`required`, enums and descriptions',
  ].filter(Boolean);
  return `${registration} is a ${providerType} registration: flows call ${registration}.${operation}. This definition is for test callouts; \`generate esr\` refuses it, because a generated registration would lose ${losses.join(', ')}. Change the API in ${registration}'s OpenAPI schema instead.`;
}

/** `$ref`'d schema names one operation reaches (bounded, cycle-safe). */
function componentNames(node: unknown, document: Json, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 40 || out.size > 50 || !node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const v of node) componentNames(v, document, out, depth + 1);
    return out;
  }
  const o = node as Json;
  if (typeof o.$ref === 'string') {
    const m = /^#\/(?:components\/schemas|definitions)\/(.+)$/.exec(o.$ref);
    if (m && !out.has(m[1])) {
      out.add(m[1]);
      componentNames(resolveRef(document, o.$ref), document, out, depth + 1);
    } else if (!m) componentNames(resolveRef(document, o.$ref), document, out, depth + 1);
    return out;
  }
  for (const v of Object.values(o)) componentNames(v, document, out, depth + 1);
  return out;
}
