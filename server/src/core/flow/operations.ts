// What an `externalService` action calls: `actionName` `<Service>.<operation>` resolved against the project's
// callout definitions (preferred: they are the source of the registration) and External Service
// registrations, with the operation's inputs, outputs and their types (reference §1.5, §2.6, §5.1–5.3).
import { deriveOperationName, encodeApexName, flowApexClass } from '../model/naming';
import { isSuccessKey } from '../model/outcome';
import type { CalloutSummary } from '../project/index';
import { findIgnoringCase } from '../project/versionedMap';
import type { ProjectView } from './projectView';
import type { DerivedMemo } from '../project/derived';
import { resolveLocalRef, type EsrInfo } from '../project/metadata';
import { SchemaShapes, shapesOfDefinition, type TypeShape } from './shapes';

/**
 * One input of an operation, where it goes in the HTTP request (reference C1): a path, query, header or form
 * parameter, or the body. The Send-from-flow engine builds requests from these; the flow rules check
 * `<inputParameters>` names against them.
 */
export interface OperationInput {
  /** The name as the registration declares it (a flow's `<inputParameters><name>`; see `inputMatches`). */
  name: string;
  in: InputLocation;
  required: boolean;
  /** JSON-schema type of a parameter (`string`, `integer`…); for callout definitions, the Flow type. */
  type?: string;
  format?: string;
  /** The parameter's or body's JSON schema (top-level `$ref` resolved; nested `$ref`s resolve against `OperationInfo.document`). */
  schema?: Record<string, unknown>;
  /** The Flow-side shape (primitive, Apex-defined object, collection). */
  shape?: TypeShape;
  description?: string;
}

export type InputLocation = 'path' | 'query' | 'header' | 'formData' | 'body';

/** How an input's location is said to people: `formData` (Swagger 2's word) is a form field. */
export function inputLocationLabel(where: InputLocation): string {
  return where === 'formData' ? 'form' : where;
}

export interface OperationOutput {
  name: string;
  shape?: TypeShape;
  /** Markdown line for completion and hover. */
  doc: string;
}

export interface OperationInfo {
  service: string;
  operation: string;
  source: 'callout' | 'esr';
  /** The definition or registration `-meta.xml`. */
  file: string;
  /** The decomposed schema file of a registration (`X.yaml`), when its schema lives there. */
  schemaFile?: string;
  method: string;
  /** The path as declared (the `paths` key, or the definition's `path`), with `{param}` placeholders. */
  path: string;
  /**
   * Swagger 2 `basePath`, or the path of the first OpenAPI 3 `servers` URL ('' when none). Whether External
   * Services put it between the named credential's URL and `path` is not documented; the importer does.
   */
  basePath: string;
  /** `basePath` + `path`: what the importer (and a send) appends to the named credential's URL. */
  requestPath: string;
  /** The server the registration names (Swagger 2 scheme://host/basePath, OpenAPI 3 `servers[0].url`); informational: Salesforce calls the named credential's URL. */
  server?: string;
  namedCredential?: string;
  /** Request media type: the chosen `requestBody` content key, Swagger 2 `consumes[0]`, or the definition's. */
  contentType?: string;
  description?: string;
  /** Declared response keys (`2XX`, `201`, `4XX`, `default`). */
  responses: string[];
  /** Every input: path, query, header, form parameters and the body. */
  inputs: OperationInput[];
  outputs: OperationOutput[];
  /** The parsed OpenAPI/Swagger document of a registration, to resolve nested `$ref`s in input schemas. */
  document?: Record<string, unknown>;
  apexClass(typeName: string): string;
}

// docs/salesforce-facts.md ESR-5: how Flow spells such names is not documented; both are accepted.
/** Does a flow's `<inputParameters><name>` name this input? The declared name, or its Apex-encoded form (`X-Api-Key` → `Xx2dApix2dKey`). */
export function inputMatches(input: OperationInput, written: string): boolean {
  return input.name === written || encodeApexName(input.name) === written;
}

export type ActionResolution =
  | { status: 'ok'; op: OperationInfo }
  | { status: 'no-service'; service: string }
  | { status: 'no-operation'; service: string; operation: string; file: string; operations: string[] }
  | { status: 'malformed' }
  /** The registration lists the operation but its schema could not be read: nothing to check against. */
  | { status: 'unchecked' };

/** Every operation the project can call from a flow, by action name (`Service.operation`). */
export function projectOperations(project: ProjectView): OperationInfo[] {
  const out: OperationInfo[] = [];
  for (const c of project.callouts.values()) out.push(...calloutOperations(c, project.derived));
  for (const e of project.esrs.values()) if (!project.callouts.has(e.name)) out.push(...esrOperations(e, project.derived));
  return out;
}

/**
 * projectOperations(project) restricted to the services whose lower-case name is in `services`: `callouts`, the
 * holders of those names in the map's order (ProjectView.callouts.holdersIgnoringCase), then the registrations.
 */
export function namedOperations(project: ProjectView, callouts: CalloutSummary[], services: ReadonlySet<string>): OperationInfo[] {
  const out: OperationInfo[] = [];
  for (const c of callouts) out.push(...calloutOperations(c, project.derived));
  for (const e of project.esrs.values()) if (services.has(e.name.toLowerCase()) && !project.callouts.has(e.name)) out.push(...esrOperations(e, project.derived));
  return out;
}

/**
 * What "did you mean" reads for an unknown service: projectOperations(project), or, while the definitions are
 * parsed lazily, the same list without the definitions whose name is farther than `limit` edits from `service`
 * (ProjectView.callouts.holdersNear): the near names and their operations come out the same, in the same order.
 */
export function operationsNearService(project: ProjectView, service: string, limit: number): OperationInfo[] {
  if (project.callouts.settled !== false || !project.callouts.holdersNear) return projectOperations(project);
  const out: OperationInfo[] = [];
  for (const c of project.callouts.holdersNear(service, limit)) out.push(...calloutOperations(c, project.derived));
  for (const e of project.esrs.values()) if (!project.callouts.has(e.name)) out.push(...esrOperations(e, project.derived));
  return out;
}

export function resolveAction(project: ProjectView, actionName: string): ActionResolution {
  const dot = actionName.indexOf('.');
  if (dot <= 0 || dot === actionName.length - 1) return { status: 'malformed' };
  const service = actionName.slice(0, dot);
  const operation = actionName.slice(dot + 1);
  const callout = findIgnoringCase(project.callouts, service);
  const esr = findIgnoringCase(project.esrs, service);
  const sources: { file: string; ops: OperationInfo[] }[] = [];
  if (callout) sources.push({ file: callout.file, ops: calloutOperations(callout, project.derived) });
  if (esr) sources.push({ file: esr.file, ops: esrOperations(esr, project.derived) });
  // A definition imported from this project's own Custom registration is a copy for test callouts: flows call the
  // registration (its inputs keep their declared names, e.g. a Swagger 2 body parameter's), so it answers first
  // (model/definition.ts copiedRegistration, fact ESR-13). Otherwise the definition, the source, comes first.
  if (callout && esr && callout.definition?.copiedRegistration?.toLowerCase() === esr.name.toLowerCase()) sources.reverse();
  if (!sources.length) {
    return { status: 'no-service', service };
  }
  for (const s of sources) {
    const hit = s.ops.find((o) => sameOperation(o.operation, operation));
    if (hit) return { status: 'ok', op: hit };
  }
  // A registration whose schema is not readable here (not parsable, or decomposed with no sibling schema file):
  // accept the operation rather than guess.
  if (esr && !esr.operations.length && (!esr.declaredOperations.length || esr.declaredOperations.some((d) => sameOperation(d, operation)))) return { status: 'unchecked' };
  const known = sources.flatMap((s) => s.ops.map((o) => o.operation));
  if (esr && !esr.operations.length) known.push(...esr.declaredOperations);
  return { status: 'no-operation', service, operation, file: sources[0].file, operations: known };
}

/** `addAccount`, `addaccount` and the encoded `getx20weatherx20data` all name `Get Weather Data`-style operations. */
export function sameOperation(declared: string, written: string): boolean {
  if (declared === written) return true;
  const w = written.toLowerCase();
  return declared.toLowerCase() === w || encodeApexName(declared).toLowerCase() === w || encodeApexName(written).toLowerCase() === declared.toLowerCase();
}


/** A definition's one operation, kept by the project's memo (ProjectView.derived) when it has one. */
function calloutOperations(c: CalloutSummary, memo: DerivedMemo | undefined): OperationInfo[] {
  return memo ? memo.get('operations', c, deriveCalloutOperations) : deriveCalloutOperations(c);
}

function deriveCalloutOperations(c: CalloutSummary): OperationInfo[] {
  const def = c.definition;
  const shapes = def ? shapesOfDefinition(def) : new Map<string, TypeShape>();
  const inputs: OperationInput[] = [
    ...(def?.parameters('pathParameters') ?? []).map((p) => ({ name: p.name, in: 'path' as const, required: true, type: p.type })),
    ...c.queryParameters.map((p) => ({ name: p.name, in: 'query' as const, required: p.required, type: p.type })),
  ];
  // Whether Flow insists on the body is not documented for HTTP callouts: never reported as missing.
  if (c.hasBody) inputs.push({ name: 'body', in: 'body', required: false, shape: shapes.get('request.body') });
  const op: OperationInfo = {
    service: c.name, operation: c.operation, source: 'callout', file: c.file, method: c.method, path: c.path, basePath: '', requestPath: c.path,
    namedCredential: c.namedCredential, contentType: def?.requestBody ? def.requestContentType : undefined, responses: c.responses, inputs, outputs: outputsOf(c.responses, (k) => shapes.get(k)),
    apexClass: (t) => flowApexClass(c.name, t),
  };
  return [op];
}

type Json = Record<string, unknown>;

/** A registration's operations, kept by the project's memo (ProjectView.derived) when it has one. */
function esrOperations(e: EsrInfo, memo: DerivedMemo | undefined): OperationInfo[] {
  return memo ? memo.get('operations', e, deriveEsrOperations) : deriveEsrOperations(e);
}

function deriveEsrOperations(e: EsrInfo): OperationInfo[] {
  const out: OperationInfo[] = [];
  const schema = e.schema;
  const shapes = schema ? new SchemaShapes(schema, e.providerType === 'SchemaInferred') : undefined;
  const paths = (schema?.paths ?? {}) as Record<string, Json>;
  for (const summary of e.operations) {
    // Without an operationId, External Services name the operation from the method and path (getLatest).
    const name = summary.name === `${summary.method.toLowerCase()}${summary.path}` ? deriveOperationName(summary.method, summary.path) : summary.name;
    const rawItem = paths[summary.path];
    const item = schema && rawItem && typeof rawItem === 'object' ? (derefTop(schema, rawItem) as Json | undefined) : undefined;
    const rawOp = item && typeof item === 'object' ? (item[summary.method.toLowerCase()] as Json | undefined) : undefined;
    // A `$ref`'d requestBody (components/requestBodies) read as if inline.
    const raw = rawOp && schema && rawOp.requestBody ? { ...rawOp, requestBody: derefTop(schema, rawOp.requestBody) } : rawOp;
    const opName = encodeApexName(name);
    const inputs: OperationInput[] = summary.parameters.map((p) => ({
      name: p.name, in: p.in, required: p.required, type: p.type, format: p.format, schema: p.schema, description: p.description,
      shape: shapes && p.schema ? shapes.shape(p.schema, `${opName}_IN_${encodeApexName(p.name)}`) : undefined,
    }));
    if (summary.hasBody && raw && shapes) {
      const body = SchemaShapes.requestSchema(raw, Array.isArray(item?.parameters) ? item.parameters : [], schema);
      const bodySchema = body && schema ? derefTop(schema, body.schema) : undefined;
      inputs.push({
        name: summary.bodyName ?? body?.name ?? 'body', in: 'body', required: summary.bodyRequired,
        schema: bodySchema && typeof bodySchema === 'object' ? (bodySchema as Json) : undefined,
        shape: body ? shapes.shape(body.schema, `${opName}_IN_body`) : undefined,
      });
    } else if (summary.hasBody) {
      inputs.push({ name: summary.bodyName ?? 'body', in: 'body', required: summary.bodyRequired });
    }
    out.push({
      service: e.name, operation: name, source: 'esr', file: e.file, schemaFile: e.schemaFile, method: summary.method, path: summary.path,
      basePath: e.basePath, requestPath: joinPath(e.basePath, summary.path), server: e.server,
      namedCredential: e.namedCredential, contentType: summary.contentType, description: summary.description, responses: summary.responses, inputs,
      outputs: outputsOf(summary.responses, (k) => (raw && shapes ? shapes.shape(SchemaShapes.responseSchema(raw, k, schema), `${opName}_OUT_${k}`) : undefined)),
      document: schema,
      apexClass: (t) => flowApexClass(e.name, t),
    });
  }
  return out;
}

function derefTop(doc: Json, node: unknown): unknown {
  let cur = node;
  for (let i = 0; i < 8 && cur && typeof cur === 'object' && typeof (cur as Json).$ref === 'string'; i++) cur = resolveLocalRef(doc, (cur as Json).$ref as string);
  return cur;
}

/** basePath + path, one slash between; an empty path key is the named credential's URL itself. */
function joinPath(base: string, path: string): string {
  const p = path.startsWith('/') || !path ? path : `/${path}`;
  return (base.replace(/\/+$/, '') + p).replace(/\/{2,}/g, '/') || '/';
}

/** Is a response key a success (2XX) response? Others also surface as `<key>Exc` (model/outcome.ts). */
export { isSuccessKey };

function outputsOf(responses: string[], shapeOf: (key: string) => TypeShape | undefined): OperationOutput[] {
  const out: OperationOutput[] = [{ name: 'responseCode', shape: { kind: 'primitive', primitive: 'Integer' }, doc: 'The HTTP status code of the response.' }];
  for (const key of responses) {
    const shape = shapeOf(key);
    if (isSuccessKey(key)) {
      out.push({ name: key, shape, doc: `The ${key} response body.` });
    } else {
      out.push({ name: `${key}Exc`, shape, doc: `The ${key} response body (declared error response).` });
      out.push({ name: key, shape, doc: `The ${key} response body.` });
    }
  }
  if (!responses.includes('default')) {
    out.push({ name: 'defaultExc', doc: 'The body of an undeclared error response (not typed).' });
    if (!responses.length) out.push({ name: 'default', shape: { kind: 'primitive', primitive: 'String' }, doc: 'The response as a string (no response codes declared).' });
  }
  return out;
}
