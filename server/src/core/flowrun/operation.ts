// Send Test Callout from an External Service registration's operation (the CodeLens on the registration, its
// monolithic `-meta.xml` or its decomposed schema file): the request is the operation as the registration
// declares it (imported in memory, send.ts definitionFor), its inputs given by the user or the last values
// used; answered by the environment or by the mock from the registration's response schema. No flow is
// involved, so there is no flow run: the result is the definition send's CalloutResult. Pure but for I/O passed in.
import * as path from 'node:path';
import type { CalloutResult } from '../callout/result';
import type { RunOptions } from '../callout/run';
import { runCallout } from '../callout/run';
import { resolveAction, type OperationInfo } from '../flow/operations';
import { matchResponseKey } from '../model/outcome';
import { deriveOperationName } from '../model/naming';
import { readExternalServiceRegistration } from '../project/metadata';
import type { ProjectIndex } from '../project/index';
import { contextFor, definitionFor, jsonText, type FlowInputValue } from './send';

/** Where a lens goes for one operation of a registration file. */
export interface OperationLocation {
  /** The operation as flows call it (`Service.operation`'s second half). */
  operation: string;
  method: string;
  path: string;
  /** Offset in the file the lens sits above: the operationId, else the path key, else the schema. */
  offset: number;
}

const ESR_SUFFIX = /\.externalServiceRegistration-meta\.xml$/i;

/** The registration `-meta.xml` a decomposed schema file (`X.yaml`) belongs to. */
export function registrationFileOf(file: string): string {
  return ESR_SUFFIX.test(file) ? file : file.replace(/\.(ya?ml|json)$/i, '.externalServiceRegistration-meta.xml');
}

/**
 * The operations of a registration and where each is written in `text` — the registration's XML (schema inside
 * it) or its decomposed schema file. `xml` is the registration's XML when `text` is the schema file.
 */
export function operationLocations(file: string, text: string, xml?: string): OperationLocation[] {
  const isXml = ESR_SUFFIX.test(file);
  const metaFile = registrationFileOf(file);
  const name = path.basename(metaFile).replace(ESR_SUFFIX, '');
  const info = isXml ? readExternalServiceRegistration(name, file, text) : readExternalServiceRegistration(name, metaFile, xml ?? '<ExternalServiceRegistration/>', { file, text });
  const schemaAt = isXml ? Math.max(0, text.indexOf('<schema>')) : 0;
  const out: OperationLocation[] = [];
  for (const op of info.operations) {
    const operation = op.name === `${op.method.toLowerCase()}${op.path}` ? deriveOperationName(op.method, op.path) : op.name;
    // The operationId as written: quoted (JSON, or XML-escaped JSON) or bare (YAML).
    let offset = -1;
    if (op.name !== `${op.method.toLowerCase()}${op.path}`) {
      const id = escapeRe(op.name);
      const m = new RegExp(`operationId(?:"|&quot;)?\\s*:\\s*(?:"|'|&quot;)?${id}(?:"|'|&quot;|\\s|,|$)`, 'm').exec(text);
      if (m) offset = m.index;
    }
    if (offset < 0) {
      const p = text.indexOf(op.path);
      offset = p >= 0 ? p : schemaAt;
    }
    out.push({ operation, method: op.method, path: op.path, offset });
  }
  // The XML of a decomposed registration has no schema: its declared operations, at their <name>.
  if (isXml && !info.operations.length) {
    for (const d of info.declaredOperations) {
      const at = text.indexOf(`<name>${d}</name>`);
      out.push({ operation: d, method: '', path: '', offset: at >= 0 ? at : 0 });
    }
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface OperationSendInput {
  project: ProjectIndex;
  /** The registration's `-meta.xml` (or its decomposed schema file). */
  file: string;
  operation: string;
  readFile: (file: string) => Promise<string>;
  /** Values by parameter name (the prompt, the CLI). */
  given?: Record<string, unknown>;
  /** Values used by the last send of this operation. */
  last?: Record<string, unknown>;
  /** With the mock: answer with this declared status (served from the registration's response schema). */
  status?: number;
  options: RunOptions;
}

export interface OperationSendResult {
  service: string;
  operation: string;
  /** The registration's `-meta.xml`. */
  file: string;
  method?: string;
  path?: string;
  /** Declared response keys (the mock's status choice). */
  responses: string[];
  inputs: FlowInputValue[];
  /** Required inputs nobody gives: nothing was sent. */
  missing: string[];
  callout?: CalloutResult;
  notSent?: string;
  error?: string;
  notes: string[];
}

/** The operation a registration file declares under `operation`, through the project index (as flows resolve it). */
export function registrationOperation(project: ProjectIndex, file: string, operation: string): OperationInfo | { error: string } {
  const metaFile = registrationFileOf(file);
  const same = (a: string, b: string) => path.resolve(a).toLowerCase() === path.resolve(b).toLowerCase();
  const esr = [...project.esrs.values()].find((e) => same(e.file, metaFile));
  if (!esr) return { error: `${path.basename(metaFile)} is not a registration of this project (is it under a package directory of sfdx-project.json?).` };
  const r = resolveAction(project, `${esr.name}.${operation}`);
  if (r.status === 'ok' && r.op.source === 'esr') return r.op;
  if (r.status === 'ok') return { error: `${esr.name}.${operation} resolves to the callout definition ${path.basename(r.op.file)} (a definition wins over a registration of the same name): send it from there.` };
  return { error: esr.schemaError ? `${esr.name}'s schema cannot be read: ${esr.schemaError}` : `${esr.name} declares no operation ${operation}${esr.operations.length ? ` (it has ${esr.operations.map((o) => o.name).join(', ')})` : ''}.` };
}

export async function sendOperation(input: OperationSendInput): Promise<OperationSendResult> {
  const result: OperationSendResult = { service: '', operation: input.operation, file: registrationFileOf(input.file), responses: [], inputs: [], missing: [], notes: [] };
  const op = registrationOperation(input.project, input.file, input.operation);
  if ('error' in op) {
    result.error = op.error;
    return result;
  }
  Object.assign(result, { service: op.service, operation: op.operation, method: op.method, path: op.path, responses: op.responses });
  const def = await definitionFor(op, input.readFile);
  if ('error' in def) {
    result.error = def.error;
    return result;
  }
  result.notes.push(...def.notes.filter((n) => !/generate esr|callout definition cannot declare headers/.test(n)));

  const pick = (src: Record<string, unknown> | undefined, key: string) => {
    const k = Object.keys(src ?? {}).find((x) => x.toLowerCase() === key.toLowerCase());
    return k === undefined ? undefined : { value: src![k] };
  };
  const params: Record<string, unknown> = {};
  const headers: { name: string; value: string }[] = [];
  let body: { value: unknown } | undefined;
  for (const p of op.inputs) {
    const given = pick(input.given, p.name);
    const last = given ? undefined : pick(input.last, p.name);
    const hit = given ?? last;
    if (!hit) {
      // The body falls back to the sample built from its schema (the definition's request body).
      if (p.in === 'body') {
        result.notes.push(`${p.name}: the sample built from the registration's schema is sent (give a ${p.name} to send your own).`);
        continue;
      }
      if (p.required) result.missing.push(p.name);
      continue;
    }
    const value = p.in === 'body' ? jsonText(hit.value) : hit.value;
    result.inputs.push({ name: p.name, in: p.in, value, source: given ? 'given' : 'last values used' });
    if (p.in === 'body') body = { value };
    else if (p.in === 'header') headers.push({ name: p.name, value: value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value) });
    else if (p.in === 'formData') body = { value: { ...((body?.value as object) ?? {}), [p.name]: value } };
    else params[p.name] = value;
  }
  if (result.missing.length) {
    result.notSent = `Nothing sent: no value for ${result.missing.join(', ')} (required by ${op.service}.${op.operation}).`;
    return result;
  }
  const environment = input.options.environment ?? 'mock';
  let mockResponse: string | undefined;
  if (input.status !== undefined && environment === 'mock' && !input.options.baseUrl) {
    const match = matchResponseKey(op.responses, input.status);
    if (!match || match.matchedBy !== 'exact') {
      result.notSent = `${op.service}.${op.operation} declares no ${input.status} response for the mock to answer with.`;
      return result;
    }
    mockResponse = match.key;
  }
  result.callout = await runCallout(contextFor(input.project, op, def), { ...input.options, environment, inputs: params, headers, body, mockResponse: mockResponse ?? input.options.mockResponse });
  return result;
}
