// A cURL command from an API's docs → a callout definition: the URL split into a named-credential base URL,
// a path (placeholders become path parameters) and query parameters; the -d/--data/--json body as the request
// sample; headers and -u turned into notes about the named/external credential (a Flow HTTP callout cannot
// set headers, §1.3) — secret values are never copied into the definition.
import { INT_MAX, INT_MIN } from '../model/flowTypes';
import { deriveOperationName, isValidExternalServiceName, toExternalServiceName } from '../model/naming';
import { curlWords, parseCurlWords, type CurlRequest } from './curlArgs';
import { definitionYaml } from './definitionYaml';
import { FLOW_HTTP_METHODS, isFlowHttpMethod } from '../model/httpMethods';
import { CalloutDefinition } from '../model/definition';
import { collectSampleFields } from '../model/samples';
import { parseCalloutText } from '../parse';

export interface CurlImportOptions {
  /** External Service name (default: from the host and path). */
  name?: string;
  /** Operation name, the action's `<name>.<operation>` (default: from the method and path). */
  operation?: string;
  /** Named credential API name (default: a project credential whose URL the command's URL starts with, else from the host). */
  namedCredential?: string;
  /** The project's named credentials, to reuse one whose URL matches. */
  knownCredentials?: { name: string; url?: string }[];
}

export interface CurlImportResult {
  name: string;
  /** The operation name used (given, or derived from the method and path). */
  operation: string;
  fileName: string;
  text: string;
  namedCredential: string;
  /** The URL the named credential must have. */
  baseUrl: string;
  /** What the user should know or do (also written as comments in the file). */
  notes: string[];
  /** Problems that stopped the import, each saying what to do. */
  errors: string[];
}

const SECRET_NAME = /(auth|token|secret|passw|api[-_]?key|apikey|^key$|signature|^sig$|session|cookie|credential|client[-_]?id|appid|access)/i;
const PLACEHOLDER_SEGMENT = /^(?:\{([^{}/]+)\}|:([A-Za-z_][\w-]*)|<([^<>/]+)>|\$\{?([A-Za-z_]\w*)\}?)$/;

function redact(value: string): string {
  return /^\$\{?\w+\}?$/.test(value) ? value : '••••';
}

/**
 * `types` for the request sample's numbers that Flow does not infer (a decimal, a whole number past Integer):
 * Double, read from the same field inference the callout-number-type rule reports from, so the imported file
 * does not open with warnings the import could settle. Null values stay: only the user knows their type.
 */
function numberOverrides(def: Record<string, unknown>): Record<string, string> | undefined {
  if (!def.request) return undefined;
  const fileName = 'import.callout.yaml';
  const text = definitionYaml(def, []);
  const types: Record<string, string> = {};
  for (const f of collectSampleFields(new CalloutDefinition({ fileName, text, tree: parseCalloutText(text, fileName) }))) {
    const t = f.inferred.kind === 'list' ? f.inferred.item : f.inferred;
    if (t?.kind === 'primitive' && t.note) types[f.path] = 'Double';
  }
  return Object.keys(types).length ? types : undefined;
}

/** A Flow type for a query value given as text. */
function typeOfText(v: string): { type: string; example: unknown } {
  if (/^-?\d{1,10}$/.test(v) && Number(v) <= INT_MAX && Number(v) >= INT_MIN) return { type: 'Integer', example: Number(v) };
  if (/^-?\d*\.\d+$/.test(v)) return { type: 'Double', example: Number(v) };
  if (v === 'true' || v === 'false') return { type: 'Boolean', example: v === 'true' };
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return { type: 'Date', example: v };
  return { type: 'String', example: v };
}

function parseUrl(raw: string, notes: string[]): URL | undefined {
  let text = raw.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    notes.push(`The URL has no scheme; https:// is assumed (Salesforce calls out over HTTPS).`);
    text = `https://${text}`;
  }
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** `api.stripe.com` → `stripe`; `hooks.slack.com` → `slack`. */
function hostWord(host: string): string {
  const labels = host.replace(/:\d+$/, '').split('.').filter(Boolean);
  if (labels.length <= 1 || /^\d+$/.test(labels[labels.length - 1])) return labels[0] ?? 'api';
  const generic = /^(api|apis|www|rest|app|gateway|service|services|v\d+|prod|sandbox|test|dev|eu\d*|us\d*|com|co|org|net|io)$/i;
  const core = labels.slice(0, -1).filter((l) => !generic.test(l));
  return core[core.length - 1] ?? labels[0];
}

function lastWord(path: string): string {
  const segs = path.split('/').filter((s) => s && !s.startsWith('{') && !/^v\d+(\.\d+)?$/i.test(s));
  return segs[segs.length - 1] ?? '';
}

function credentialNotes(req: CurlRequest, nc: string, notes: string[]): string | undefined {
  let contentType: string | undefined;
  const ec = nc;
  for (const h of req.headers) {
    const lower = h.name.toLowerCase();
    if (lower === 'content-type') {
      contentType = h.value.split(';')[0].trim().toLowerCase();
      continue;
    }
    if (lower === 'accept' || lower === 'user-agent' || lower === 'content-length' || lower === 'host') continue;
    if (lower === 'authorization') {
      const scheme = h.value.split(/\s+/)[0]?.toLowerCase();
      if (scheme === 'bearer') notes.push(`Authorization: Bearer ${redact(h.value.split(/\s+/)[1] ?? '')} — give named credential ${nc} an external credential: OAuth 2.0 if the API issues tokens, or Custom with an AuthHeader parameter "Authorization" = "Bearer {!$Credential.${ec}.token}".`);
      else if (scheme === 'basic') notes.push(`Authorization: Basic •••• — give named credential ${nc} an external credential with the Basic (username/password) protocol; the password goes on the principal, not in the project.`);
      else notes.push(`Authorization: ${scheme ?? ''} •••• — set it as an AuthHeader parameter of the external credential of ${nc}.`);
      continue;
    }
    if (SECRET_NAME.test(lower) || /^\$\{?\w+\}?$/.test(h.value)) {
      notes.push(`Header ${h.name}: ${redact(h.value)} — a credential: add an AuthHeader parameter "${h.name}" to the external credential of ${nc} (value on the principal, never in a flow).`);
    } else {
      notes.push(`Header ${h.name}: ${h.value} — a Flow HTTP callout cannot set headers: add it to named credential ${nc} as a custom header.`);
    }
  }
  if (req.user !== undefined) {
    const [user, ...rest] = req.user.split(':');
    const password = rest.join(':');
    if (!password) notes.push(`-u ${redact(user)}: — an API key sent as the Basic username: use an external credential with the Basic protocol (username = the key, empty password) for ${nc}.`);
    else notes.push(`-u ${/^\$/.test(user) ? user : user.replace(/.(?=.{2})/g, '•')}:•••• — Basic authentication: use an external credential with the Basic protocol for ${nc}; the password goes on the principal.`);
  }
  if (req.bearer !== undefined) notes.push(`--oauth2-bearer •••• — give named credential ${nc} an external credential with OAuth 2.0.`);
  if (req.cookies.length) notes.push(`Cookies (-b) are not sent by a Flow HTTP callout; if the API needs one, set a Cookie custom header on the external credential of ${nc}.`);
  return contentType;
}

/** The body sample and its content type, from the data options. */
function bodyOf(req: CurlRequest, headerType: string | undefined, notes: string[]): { contentType: string; body: unknown } | undefined {
  if (!req.data.length) {
    if (req.form.length) notes.push('-F/--form sends multipart/form-data, which a Flow HTTP callout cannot send; the body is left out. Use a JSON or form-urlencoded body if the API accepts one.');
    return undefined;
  }
  const parts = req.data.map((d) => {
    if ((d.kind === 'data' || d.kind === 'binary' || d.kind === 'json') && d.value.startsWith('@')) {
      notes.push(`The body is read from the file ${d.value.slice(1)}; paste that file's content as request.body.`);
      return '';
    }
    if (d.kind !== 'urlencode') return d.kind === 'data' ? d.value.replace(/\r?\n/g, '') : d.value;
    const eq = d.value.indexOf('=');
    if (d.value.includes('@') && (eq < 0 || d.value.indexOf('@') < eq)) {
      notes.push(`--data-urlencode ${d.value} reads a file; paste its content into request.body.`);
      return '';
    }
    return eq < 0 ? encodeURIComponent(d.value) : `${d.value.slice(0, eq + 1)}${encodeURIComponent(d.value.slice(eq + 1))}`;
  });
  const text = parts.filter(Boolean).join(req.data.some((d) => d.kind === 'json') ? '' : '&');
  const declared = headerType ?? (req.data.some((d) => d.kind === 'json') ? 'application/json' : undefined);
  const json = tryJson(text);
  if (declared === 'application/json' || (!declared && json.ok)) {
    if (!declared) notes.push('The body is JSON but the command sets no Content-Type (curl would send it as a form); it is imported as application/json.');
    if (json.ok) return { contentType: 'application/json', body: json.value };
    notes.push(`The body is not valid JSON (${json.error}); it is kept as text. Fix it into JSON so Flow can infer the request type.`);
    return { contentType: 'text/plain', body: text };
  }
  if (!declared || declared === 'application/x-www-form-urlencoded') {
    const form: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(text)) form[k] = v;
    return { contentType: 'application/x-www-form-urlencoded', body: form };
  }
  if (declared !== 'text/plain') notes.push(`Content-Type ${declared} is not one a Flow HTTP callout sends; the body is imported as text/plain.`);
  return { contentType: 'text/plain', body: text };
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' ? { ok: true, value } : { ok: false, error: 'not an object or a list' };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

export function importCurl(command: string, options: CurlImportOptions = {}): CurlImportResult {
  const notes: string[] = [];
  const { words, warnings } = curlWords(command);
  const req = parseCurlWords(words);
  notes.push(...warnings, ...req.warnings);
  const fail = (message: string): CurlImportResult => ({ name: options.name ?? '', operation: options.operation ?? '', fileName: '', text: '', namedCredential: '', baseUrl: '', notes, errors: [message] });
  if (!req.url) return fail('The command has no URL. Paste a whole curl command, e.g. curl https://api.example.com/v1/items -H "Accept: application/json".');
  const url = parseUrl(req.url, notes);
  if (!url) return fail(`"${req.url}" is not a URL this import can read. Replace placeholders in the host (like {yourDomain}) with the real host and try again.`);
  if (url.username || url.password) {
    req.user ??= `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    url.username = '';
    url.password = '';
  }

  // Named credential: a project credential whose URL prefixes this one, else the origin.
  const full = `${url.origin}${url.pathname}`;
  const known = (options.knownCredentials ?? [])
    .filter((c) => c.url && full.toLowerCase().startsWith(c.url.replace(/\/+$/, '').toLowerCase()))
    .sort((a, b) => (b.url?.length ?? 0) - (a.url?.length ?? 0))[0];
  const baseUrl = known?.url?.replace(/\/+$/, '') ?? url.origin;
  let rawPath = full.slice(baseUrl.length) || '/';
  if (!rawPath.startsWith('/')) rawPath = `/${rawPath}`;

  const pathParameters: Record<string, { type: string }> = {};
  const path = rawPath.split('/').map((seg) => {
    let s = seg;
    try {
      s = decodeURIComponent(seg);
    } catch {
      /* keep it encoded */
    }
    const m = PLACEHOLDER_SEGMENT.exec(s);
    if (!m) return seg;
    const name = (m[1] ?? m[2] ?? m[3] ?? m[4]).replace(/[^A-Za-z0-9_]/g, '_');
    pathParameters[name] = { type: 'String' };
    return `{${name}}`;
  }).join('/');

  const word = hostWord(url.hostname);
  const name = options.name ?? toExternalServiceName(`${known?.name ?? word} ${lastWord(path)}`);
  const errors: string[] = [];
  if (!isValidExternalServiceName(name)) errors.push(`"${name}" is not a valid External Service name: use letters and digits, starting with a letter.`);
  const namedCredential = options.namedCredential ?? known?.name ?? toExternalServiceName(word);

  let method = req.method ?? (req.head ? 'HEAD' : req.data.length && !req.get ? 'POST' : req.form.length ? 'POST' : 'GET');
  if (!isFlowHttpMethod(method)) {
    notes.push(`${method} is not a method a Flow HTTP callout can use (${FLOW_HTTP_METHODS.join(', ')}); it is GET here.`);
    method = 'GET';
  }

  const query: Record<string, Record<string, unknown>> = {};
  const addQuery = (k: string, v: string) => {
    if (query[k]) {
      notes.push(`Query parameter "${k}" appears more than once; a Flow parameter holds one value, so only the first is kept.`);
      return;
    }
    if (SECRET_NAME.test(k) || /^\$\{?\w+\}?$/.test(v)) {
      query[k] = { type: 'String', required: true };
      notes.push(`Query parameter "${k}" carries a credential. Its value is not copied here: the flow must supply it, so keep it out of flows where you can (an AuthHeader on the external credential, if the API also accepts the key as a header).`);
      return;
    }
    const t = typeOfText(v);
    query[k] = v === '' || PLACEHOLDER_SEGMENT.test(v) || /^(YOUR|<)/i.test(v) ? { type: 'String', required: false } : { type: t.type, required: false, example: t.example };
  };
  for (const [k, v] of url.searchParams) addQuery(k, v);

  const headerType = credentialNotes(req, namedCredential, notes);
  let body: { contentType: string; body: unknown } | undefined;
  if (req.get) {
    for (const d of req.data) for (const [k, v] of new URLSearchParams(d.value)) addQuery(k, v);
  } else {
    body = bodyOf(req, headerType, notes);
    if (body && !['POST', 'PUT', 'PATCH'].includes(method)) {
      notes.push(`${method} cannot send a body in a Flow HTTP callout; the body is left out. Use POST, PUT or PATCH if the API expects one.`);
      body = undefined;
    }
  }
  if (req.ignored.length) notes.push(`Options with no meaning for a Flow callout were ignored: ${[...new Set(req.ignored)].join(' ')}.`);

  const operation = options.operation?.trim() || deriveOperationName(method, path);
  const def: Record<string, unknown> = { name, namedCredential, operation, method, path };
  if (Object.keys(pathParameters).length) def.pathParameters = pathParameters;
  if (Object.keys(query).length) def.query = query;
  if (body) def.request = body.contentType === 'application/json' ? { body: body.body } : { contentType: body.contentType, body: body.body };
  def.responses = { '2XX': { sample: {} } };
  const types = numberOverrides(def);
  if (types) def.types = types;
  const header = [
    'Imported from a cURL command by Flow Callout Studio.',
    `Named credential ${namedCredential}: URL ${baseUrl}${known ? ' (already in the project)' : ' — create it (namedCredentials/) if it does not exist'}.`,
    'Replace the 2XX sample {} with a real response from the API docs: Flow infers the output types from it.',
    ...notes.map((n) => `Note: ${n}`),
  ];
  return { name, operation, fileName: `${name}.callout.yaml`, text: errors.length ? '' : definitionYaml(def, header), namedCredential, baseUrl, notes, errors };
}
