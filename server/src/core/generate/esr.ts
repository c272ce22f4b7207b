// A callout definition → the ExternalServiceRegistration Salesforce deploys (reference §2.2): the elements in
// the order Salesforce retrieves them, `registrationProviderType` SchemaInferred, the OpenAPI document from
// openapi.ts as XML-escaped JSON indented by two spaces (readable in the diff before a replace and in review;
// registrations in the wild carry both forms — Flow Builder writes it compact, hand-made ones indented — and
// whitespace in JSON means nothing to the parser), and the serviceBinding real HTTP-callout registrations carry.
import { isCopiedRegistration, type CalloutDefinition } from '../model/definition';
import { encodeApexName, isValidExternalServiceName } from '../model/naming';
import { buildOpenApi, type JsonSchema } from './openapi';

export interface EsrOptions {
  /** The project's sourceApiVersion: from 66.0 on, Salesforce drops `<operations>` from the registration. */
  apiVersion?: number;
}

export interface GeneratedEsr {
  name: string;
  /** The file name, `<Name>.externalServiceRegistration-meta.xml`. */
  fileName: string;
  xml: string;
  openApi: JsonSchema;
  warnings: string[];
  /** Problems that stop generation (no name, no named credential…), each saying what to do. */
  errors: string[];
}

/** What every Flow Builder registration in the corpus has. */
export const SERVICE_BINDING = '{"host":"","basePath":"/","allowedSchemes":[],"requestMediaTypes":[],"responseMediaTypes":[],"compatibleMediaTypes":{}}';

/** Salesforce keeps the first 1,333 characters of a description. */
export const DESCRIPTION_LIMIT = 1333;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<operations><name>` as retrieved: the Apex-encoded operation name, lower-cased (`searchx20entity`). */
export function operationMetadataName(operation: string): string {
  return encodeApexName(operation).toLowerCase();
}

export function esrFileName(name: string): string {
  return `${name}.externalServiceRegistration-meta.xml`;
}

/** Problems that make a registration impossible, in the user's words. */
export function generationErrors(def: CalloutDefinition): string[] {
  const errors: string[] = [];
  const name = def.name;
  if (!name) errors.push('The definition has no `name`. Add `name: MyService` (letters and digits, starting with a letter).');
  else if (!isValidExternalServiceName(name)) errors.push(`"${name}" is not a valid External Service name: it must begin with a letter and contain only letters and digits. Rename it.`);
  if (!def.namedCredential) errors.push('The definition has no `namedCredential`. Add the API name of the named credential that holds the base URL.');
  if (!def.responses().length) errors.push('The definition has no `responses`. Add at least `2XX: { sample: … }` so Flow gets typed outputs.');
  if (!def.root || def.root.type !== 'object') errors.push('The file is not a callout definition (a mapping with name, namedCredential, method, path and responses).');
  const from = def.registration;
  if (from && isCopiedRegistration(from)) errors.push(customRegistrationRefusal(from, name));
  return errors;
}

/**
 * A definition imported from a Custom registration is not regenerated: the generator writes a SchemaInferred,
 * one-operation registration with inline types, so flows calling the original would break (reference C13: a
 * rename is a delete; the Apex types External Services generate are named from the schema's components).
 */
export function customRegistrationRefusal(from: { name?: string; operation?: string; providerType?: string }, name: string | undefined): string {
  const original = from.name ?? 'the original registration';
  const action = from.operation ? `${original}.${from.operation}` : `${original}'s actions`;
  return `${name ?? 'This definition'} was imported from the ${from.providerType} registration ${original}, so no registration is generated from it: ` +
    `a generated one is a new SchemaInferred service with one operation and inline types, so flows calling ${action} would lose it, ` +
    `types named after schema components (ExternalService__${original}_<Component>) would be renamed, and header parameters, \`required\`, enums and descriptions would be dropped. ` +
    `Edit ${original}.externalServiceRegistration-meta.xml (its OpenAPI schema) instead and deploy that; the definition stays useful for test callouts. ` +
    `To register a separate service on purpose, remove \`registration:\` and give it a new name.`;
}

export function generateEsr(def: CalloutDefinition, options: EsrOptions = {}): GeneratedEsr {
  const name = def.name ?? 'Service';
  const errors = generationErrors(def);
  const { document, warnings } = buildOpenApi(def);
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<ExternalServiceRegistration xmlns="http://soap.sforce.com/2006/04/metadata">'];
  const el = (tag: string, value: string) => lines.push(`    <${tag}>${escapeXml(value)}</${tag}>`);
  const description = def.str('description');
  if (description) {
    if (description.length > DESCRIPTION_LIMIT) warnings.push(`The description is ${description.length} characters; Salesforce keeps ${DESCRIPTION_LIMIT}. It is cut.`);
    el('description', description.slice(0, DESCRIPTION_LIMIT));
  }
  el('label', def.str('label') ?? name);
  el('namedCredentialReference', def.namedCredential ?? '');
  if (!(options.apiVersion !== undefined && options.apiVersion >= 66)) {
    lines.push('    <operations>', '        <active>true</active>', `        <name>${escapeXml(operationMetadataName(def.operation))}</name>`, '    </operations>');
  }
  el('registrationProviderType', 'SchemaInferred');
  el('schema', JSON.stringify(document, null, 2));
  el('schemaType', 'OpenApi3');
  el('serviceBinding', SERVICE_BINDING);
  el('status', 'Complete');
  lines.push('</ExternalServiceRegistration>', '');
  return { name, fileName: esrFileName(name), xml: lines.join('\n'), openApi: document, warnings, errors };
}
