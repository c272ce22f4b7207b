// Environments: where a test callout goes and how it authenticates. One versioned file in the project
// (schemas/environments.schema.json) gives, per environment and named credential, a base URL and the auth
// kind with secret *references* only. Two environments are built in: `mock` (the loopback mock, the
// default) and `metadata` (the URL and auth the named/external credential metadata declares).
import type { ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { ExternalCredentialInfo, NamedCredentialInfo } from '../project/metadata';
import type { CalloutError } from './result';
import { schemaValidator } from '../validate/schemaValidators';

import { DEFAULT_ENVIRONMENTS_FILE, MOCK_ENVIRONMENT, METADATA_ENVIRONMENT } from './names';

export { DEFAULT_ENVIRONMENTS_FILE, MOCK_ENVIRONMENT, METADATA_ENVIRONMENT, environmentNames, defaultEnvironment } from './names';

export type AuthConfig =
  | { kind: 'none' }
  | { kind: 'custom'; parameters?: Record<string, string> }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'oauth2-client-credentials'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string; clientAuthentication?: 'body' | 'basic' };

export interface NamedCredentialTarget {
  baseUrl?: string;
  auth?: AuthConfig;
}

export interface EnvironmentConfig {
  name: string;
  description?: string;
  baseUrl?: string;
  namedCredentials: Record<string, NamedCredentialTarget>;
}

export interface EnvironmentsFile {
  file: string;
  version: 1;
  default?: string;
  environments: Map<string, EnvironmentConfig>;
}

/** How the request authenticates: the auth config plus the named credential's custom header templates. */
export interface AuthPlan {
  auth: AuthConfig;
  /** Custom headers of the named credential (`X-Api-Key: {!$Credential.ExternalCRM.apiKey}`). */
  headers: { name: string; value: string }[];
  /** Where the plan came from, in words. */
  source: string;
}

export interface Target {
  baseUrl?: string;
  baseUrlSource: string;
  plan: AuthPlan;
  error?: CalloutError;
}

function validate(value: unknown): ErrorObject[] {
  const validator = schemaValidator('environments');
  return validator(value) ? [] : validator.errors ?? [];
}

/** Parses and checks an environments file (JSON, or YAML for `.yaml`/`.yml`). Problems name the JSON path. */
export function parseEnvironments(text: string, file: string): { value?: EnvironmentsFile; problems: string[] } {
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text, { maxAliasCount: 50 }) : JSON.parse(text);
  } catch (e) {
    return { problems: [`${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}`] };
  }
  const errors = validate(raw).filter((e) => e.keyword !== 'if');
  if (errors.length) {
    const problems = errors.slice(0, 10).map((e) => `${file}${e.instancePath ? ` at ${e.instancePath}` : ''}: ${e.message}${e.keyword === 'pattern' && /secret|username|password|token|client/i.test(e.instancePath) ? ' (write a secret reference such as ExternalCRM.apiKey, never the secret itself)' : ''}`);
    return { problems: [...new Set(problems)] };
  }
  const obj = raw as { version: 1; default?: string; environments: Record<string, Omit<EnvironmentConfig, 'name'>> };
  const environments = new Map<string, EnvironmentConfig>();
  for (const [name, env] of Object.entries(obj.environments)) {
    environments.set(name, { name, description: env.description, baseUrl: env.baseUrl, namedCredentials: env.namedCredentials ?? {} });
  }
  return { value: { file, version: 1, default: obj.default, environments }, problems: [] };
}

/** The auth the credential metadata declares (legacy protocol, or the external credential's protocol). */
export function authFromMetadata(ncName: string, nc?: NamedCredentialInfo, ec?: ExternalCredentialInfo): { auth?: AuthConfig; source: string; problem?: string } {
  if (!nc) return { auth: { kind: 'none' }, source: `no named credential ${ncName} in the project` };
  if (nc.kind === 'Legacy' || !nc.externalCredential) {
    const protocol = nc.protocol ?? 'NoAuthentication';
    if (protocol === 'NoAuthentication') return { auth: { kind: 'none' }, source: `named credential ${nc.name}: no authentication` };
    if (protocol === 'Password') return { auth: { kind: 'basic', username: `${nc.name}.username`, password: `${nc.name}.password` }, source: `named credential ${nc.name}: password authentication (Basic)` };
    return { source: `named credential ${nc.name}`, problem: `Named credential ${nc.name} uses ${protocol}, which a test callout cannot reproduce from metadata alone.` };
  }
  const ecName = nc.externalCredential;
  if (!ec) return { auth: { kind: 'custom' }, source: `named credential ${nc.name} (external credential ${ecName} not found: custom headers only)` };
  const protocol = ec.protocol ?? 'Custom';
  const variant = ec.parameters.find((p) => p.type === 'AuthProtocolVariant')?.value;
  if (protocol === 'NoAuthentication') return { auth: { kind: 'none' }, source: `external credential ${ec.name}: no authentication` };
  if (protocol === 'Basic' || (protocol === 'Custom' && /basic/i.test(variant ?? ''))) {
    return { auth: { kind: 'basic', username: `${ec.name}.username`, password: `${ec.name}.password` }, source: `external credential ${ec.name}: Basic` };
  }
  if (protocol === 'Custom') return { auth: { kind: 'custom' }, source: `external credential ${ec.name}: custom headers` };
  return { source: `external credential ${ec.name}`, problem: `External credential ${ec.name} uses ${protocol}, which a test callout cannot reproduce from metadata alone.` };
}

/** The baseUrlSource of a request sent to a base URL given on the command line (`send --base-url`). */
export const BASE_URL_OPTION_SOURCE = 'the --base-url option';

/**
 * Where a definition's request goes in an environment and how it authenticates.
 * `mockUrl` is the built-in mock's address (environment `mock`); `baseUrlOverride` wins over everything.
 */
export function resolveTarget(args: {
  environment: string;
  namedCredential: string;
  file?: EnvironmentsFile;
  nc?: NamedCredentialInfo;
  ec?: ExternalCredentialInfo;
  mockUrl?: string;
  baseUrlOverride?: string;
}): Target {
  const { environment, namedCredential: ncName, file, nc, ec } = args;
  const headers = nc?.customHeaders.filter((h) => h.name) ?? [];
  const fileName = file?.file ?? DEFAULT_ENVIRONMENTS_FILE;
  const meta = authFromMetadata(ncName, nc, ec);

  if (environment === MOCK_ENVIRONMENT) {
    return {
      baseUrl: args.baseUrlOverride ?? args.mockUrl,
      baseUrlSource: args.baseUrlOverride ? BASE_URL_OPTION_SOURCE : 'the built-in mock on loopback',
      plan: { auth: meta.auth ?? { kind: 'none' }, headers, source: `${meta.source} (the mock does not check credentials)` },
    };
  }

  let baseUrl: string | undefined;
  let baseUrlSource: string;
  let auth = meta.auth;
  let source = meta.source;
  let authProblem = meta.problem;
  if (environment === METADATA_ENVIRONMENT) {
    baseUrl = nc?.url;
    baseUrlSource = `the URL of named credential ${ncName}${nc ? ` (${nc.file})` : ''}`;
  } else {
    const env = file?.environments.get(environment);
    if (!env) {
      const known = file ? [...file.environments.keys()].join(', ') : '';
      return {
        baseUrlSource: '', plan: { auth: { kind: 'none' }, headers, source: '' },
        error: { code: 'environment', message: `There is no environment "${environment}"${file ? ` in ${fileName} (it has: ${known || 'none'})` : ` (no ${fileName} in the project)`}. Pick mock or metadata, or add it to ${fileName} (setting flowCallout.environmentsFile).` },
      };
    }
    const target = env.namedCredentials[ncName];
    baseUrl = target?.baseUrl ?? env.baseUrl;
    baseUrlSource = target?.baseUrl ? `environment ${environment}, named credential ${ncName} (${fileName})` : `environment ${environment} (${fileName})`;
    if (target?.auth) {
      auth = target.auth;
      source = `environment ${environment}: ${target.auth.kind}`;
      authProblem = undefined;
    }
    if (!baseUrl) {
      return {
        baseUrlSource, plan: { auth: auth ?? { kind: 'none' }, headers, source },
        error: { code: 'no-base-url', message: `Environment "${environment}" gives no base URL for named credential ${ncName}. Add environments.${environment}.namedCredentials.${ncName}.baseUrl to ${fileName}.` },
      };
    }
  }
  if (args.baseUrlOverride) {
    baseUrl = args.baseUrlOverride;
    baseUrlSource = BASE_URL_OPTION_SOURCE;
  }
  if (!baseUrl) {
    const where = nc ? `Named credential ${ncName} (${nc.file}) has no URL` : `Named credential ${ncName} is not in the project's namedCredentials/ folder`;
    return {
      baseUrlSource, plan: { auth: auth ?? { kind: 'none' }, headers, source },
      error: { code: 'no-base-url', message: `${where}. Add an environment with a baseUrl for ${ncName} to ${fileName}, or send to the mock.` },
    };
  }
  if (!auth) {
    return {
      baseUrl, baseUrlSource, plan: { auth: { kind: 'none' }, headers, source },
      error: { code: 'environment', message: `${authProblem ?? `No authentication is known for ${ncName}.`} Add "auth" for ${ncName} to an environment in ${fileName} (kind none, custom, basic, bearer, or oauth2-client-credentials with tokenUrl, clientId and clientSecret).` },
    };
  }
  return { baseUrl, baseUrlSource, plan: { auth, headers, source } };
}
