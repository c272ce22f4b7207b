// "Copy as cURL" for a definition (not a sent request): the named credential's URL + path + query, the body
// sample with merge fields filled from test.inputs (others left as {!…}), and the credential's headers with
// every secret as a shell variable placeholder ("$EXTERNAL_CREDENTIAL_PARAM") that the person sets first.
import type { CalloutDefinition } from '../model/definition';
import type { ExternalCredentialInfo, NamedCredentialInfo } from '../project/metadata';
import { buildRequest } from '../callout/request';
import { toValue } from '../parse/tree';

export interface CurlCredentials {
  namedCredential?: NamedCredentialInfo;
  externalCredential?: ExternalCredentialInfo;
}

export interface DefinitionCurl {
  command: string;
  /** The shell variables the command expects, with what each holds. */
  placeholders: { name: string; meaning: string }[];
}

const MERGE = /\{!\s*([^{}]*?)\s*\}/g;

/** One shell word, single-quoted (a `'` inside becomes `'\''`). */
function quote(text: string): string {
  return /^[A-Za-z0-9_\/.:=@%+,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function envName(...parts: string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'SECRET';
}

/** A shell word with `$VAR` placeholders expanded by the shell and everything else literal. */
function withPlaceholders(text: string): string {
  if (!/\$[A-Z_][A-Z0-9_]*/.test(text)) return quote(text);
  return `"${text.replace(/(["\\`])/g, '\\$1').replace(/\$(?![A-Z_][A-Z0-9_]*)/g, '\\$')}"`;
}

function mergeFieldsOf(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') for (const m of value.matchAll(MERGE)) out.add(m[1]);
  else if (Array.isArray(value)) value.forEach((v) => mergeFieldsOf(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => mergeFieldsOf(v, out));
}

/** test.inputs, plus every body merge field nobody gave a value, kept visible as its own `{!…}` text. */
export function bodyInputs(def: CalloutDefinition): Record<string, unknown> {
  const inputs: Record<string, unknown> = { ...def.testInputs() };
  const names = new Set<string>();
  mergeFieldsOf(toValue(def.requestBody), names);
  for (const n of names) if (!(n in inputs)) inputs[n] = `{!${n}}`;
  return inputs;
}

export function definitionToCurl(def: CalloutDefinition, creds: CurlCredentials = {}): DefinitionCurl {
  const placeholders: DefinitionCurl['placeholders'] = [];
  const nc = def.namedCredential ?? 'NamedCredential';
  const baseUrl = creds.namedCredential?.url ?? `https://${nc.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}.example.invalid`;
  if (!creds.namedCredential?.url) placeholders.push({ name: '(host)', meaning: `the URL of named credential ${nc} — not found in the project, so the host is a stand-in` });

  const inputs = bodyInputs(def);
  for (const p of [...def.parameters('query'), ...def.parameters('pathParameters')]) {
    if (!(p.name in inputs) && p.example === undefined && p.required) inputs[p.name] = `{${p.name}}`;
  }
  const built = buildRequest(def, baseUrl, inputs);

  const first = `curl${built.method !== 'GET' ? ` -X ${built.method}` : ''} ${quote(safeDecode(built.url))}`;
  const args: string[] = [];
  for (const h of built.headers) if (h.name !== 'User-Agent') args.push('-H', quote(`${h.name}: ${h.value}`));

  const ec = creds.externalCredential;
  for (const h of creds.namedCredential?.customHeaders ?? []) {
    const value = h.value.replace(/\{!\s*\$Credential\.([^.}]+)\.([^}\s]+)\s*\}/g, (_m, cred: string, param: string) => {
      const v = envName(cred, param);
      placeholders.push({ name: v, meaning: `the ${param} of external credential ${cred}` });
      return `$${v}`;
    });
    args.push('-H', withPlaceholders(`${h.name}: ${value}`));
  }
  if (ec) {
    for (const p of ec.parameters.filter((x) => x.type === 'AuthHeader' && x.name)) {
      const v = envName(ec.name, p.name!);
      placeholders.push({ name: v, meaning: `the value of header ${p.name} (external credential ${ec.name})` });
      args.push('-H', withPlaceholders(`${p.name}: $${v}`));
    }
    const protocol = (ec.protocol ?? '').toLowerCase();
    if (protocol === 'basic' || protocol === 'password') {
      placeholders.push({ name: envName(ec.name, 'username'), meaning: `the username of external credential ${ec.name}` }, { name: envName(ec.name, 'password'), meaning: 'its password' });
      args.push('-u', withPlaceholders(`$${envName(ec.name, 'username')}:$${envName(ec.name, 'password')}`));
    } else if (protocol === 'oauth' || protocol === 'jwt' || protocol === 'jwtexchange') {
      placeholders.push({ name: envName(ec.name, 'access_token'), meaning: `an access token for external credential ${ec.name}` });
      args.push('-H', withPlaceholders(`Authorization: Bearer $${envName(ec.name, 'access_token')}`));
    }
  }
  if (built.body !== undefined) args.push('--data-raw', quote(built.body));
  const lines = [first];
  for (let i = 0; i + 1 < args.length; i += 2) lines.push(`${args[i]} ${args[i + 1]}`);
  return { command: lines.join(' \\\n  '), placeholders };
}

/** Braces of `{!…}` and `{param}` stand-ins read better unencoded in a command someone edits. */
function safeDecode(url: string): string {
  return url.replace(/%7B/gi, '{').replace(/%7D/gi, '}').replace(/%21/g, '!');
}
