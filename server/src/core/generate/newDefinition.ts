// "New Callout Definition": a starting definition that validates clean, from a name, a method and a named
// credential. Samples are placeholders a person replaces with what the API returns; nothing in it claims
// to be what a flow does (no flow, no outputs mapped to variables that may not exist).
import { isValidExternalServiceName, toExternalServiceName } from '../model/naming';
import { definitionYaml } from './definitionYaml';
import { FLOW_HTTP_METHODS, type FlowHttpMethod } from '../model/httpMethods';

/** The methods New Callout Definition offers: every method a Flow HTTP callout can use. */
export const NEW_DEFINITION_METHODS = FLOW_HTTP_METHODS;
export type NewDefinitionMethod = FlowHttpMethod;

export interface NewDefinitionInput {
  name: string;
  method: NewDefinitionMethod;
  namedCredential: string;
  /** The URL path (default "/"). */
  path?: string;
  /** The operation (Flow action `<name>.<operation>`); derived from method + path when absent. */
  operation?: string;
  /** Where it came from, as a comment (e.g. the flow action it was started from). */
  origin?: string;
}

/** Why a typed name cannot be an External Service name (undefined when it can), with a suggestion. */
export function checkServiceName(name: string): string | undefined {
  if (!name) return 'Enter a name.';
  if (isValidExternalServiceName(name)) return undefined;
  return `Letters and digits only, starting with a letter (External Service name rules). For example: ${toExternalServiceName(name)}`;
}

export function newDefinitionFileName(name: string, flavour: 'yaml' | 'json' = 'yaml'): string {
  return `${name}.callout.${flavour}`;
}

/** The YAML text of a new definition. */
export function newDefinitionYaml(input: NewDefinitionInput): string {
  const hasBody = input.method === 'POST' || input.method === 'PUT' || input.method === 'PATCH';
  const def: Record<string, unknown> = {
    name: input.name,
    description: `${input.name} callout`,
    namedCredential: input.namedCredential,
    ...(input.operation ? { operation: input.operation } : {}),
    method: input.method,
    path: input.path && input.path.startsWith('/') ? input.path : `/${input.path ?? ''}`,
    ...(hasBody ? { request: { body: { name: 'Example' } } } : {}),
    responses: {
      '2XX': { sample: input.method === 'DELETE' ? { deleted: true } : { id: 'abc123', status: 'ok' } },
      '4XX': { sample: { error: 'invalid_request', message: 'What the API says when the request is wrong' } },
    },
  };
  const comments = [
    ...(input.origin ? [input.origin] : []),
    'Replace the samples with what the API really returns: Flow types the action from them.',
    // The lens sits on the first line after these comments: below them, above `name:`.
    'Send Test Callout (the lens just below) to "mock" shows what the flow gets.',
    'Map outputs to flow variables with `outputs:`; link the flow that calls it with `flow:`.',
  ];
  return definitionYaml(def, comments);
}
