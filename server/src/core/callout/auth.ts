// Authentication as named credentials do it (reference §1.7): the named credential's custom headers with
// `{!$Credential.<Credential>.<parameter>}` filled from secrets, then the external credential's protocol —
// Basic, a bearer token, or an OAuth 2.0 client-credentials token fetched and cached until it expires.
import type { AuthConfig, AuthPlan } from './environments';
import type { HttpRequest, HttpResult } from './send';
import type { CalloutError, Finding, HeaderPair } from './result';
import type { SecretMasker, SecretResolver } from './secrets';

export interface AuthContext {
  secrets: SecretResolver;
  masker: SecretMasker;
  tokenCache: TokenCache;
  /** Sending to the built-in mock: missing secrets drop their header instead of stopping the send. */
  mock: boolean;
  /** Sends the token request (same timeout, proxy and cancellation as the callout). */
  send(req: HttpRequest): Promise<HttpResult>;
  now?: () => number;
}

export interface AppliedAuth {
  headers: HeaderPair[];
  /** In words, never a value: `Custom header X-Api-Key from secret ExternalCRM.apiKey`. */
  description: string;
  /** Secret references with no value (the send stops, unless it goes to the mock). */
  missing: string[];
  findings: Finding[];
  /** Header names that carry credentials (dropped on a redirect to another origin). */
  credentialHeaders: string[];
  error?: CalloutError;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** OAuth access tokens by token URL + client + scope, kept until 30 s before they expire. */
export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  get(key: string, now: number): string | undefined {
    const t = this.tokens.get(key);
    if (t && t.expiresAt - 30_000 > now) return t.token;
    this.tokens.delete(key);
    return undefined;
  }
  set(key: string, token: string, expiresAt: number): void {
    this.tokens.set(key, { token, expiresAt });
  }
  clear(): void {
    this.tokens.clear();
  }
}

const CREDENTIAL_MERGE = /\{!\s*\$Credential\.([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_-]*)\s*\}/gi;

async function secret(ref: string, ctx: AuthContext, missing: string[], isIdentity = false): Promise<string | undefined> {
  const v = await ctx.secrets.get(ref);
  if (v === undefined) missing.push(ref);
  else if (!isIdentity) ctx.masker.add(v);
  return v;
}

/** The custom headers of the named credential, with their `$Credential` parameters resolved. */
async function customHeaders(plan: AuthPlan, parameters: Record<string, string> | undefined, ctx: AuthContext, out: AppliedAuth): Promise<void> {
  for (const h of plan.headers) {
    const refs: string[] = [];
    const missingHere: string[] = [];
    let value = h.value;
    for (const m of [...h.value.matchAll(CREDENTIAL_MERGE)]) {
      const [whole, cred, param] = m;
      const ref = parameters?.[param] ?? parameters?.[`${cred}.${param}`] ?? `${cred}.${param}`;
      refs.push(ref);
      const v = await secret(ref, ctx, missingHere);
      if (v !== undefined) value = value.split(whole).join(v);
    }
    if (/\{!/.test(value.replace(CREDENTIAL_MERGE, ''))) {
      out.findings.push({ severity: 'info', code: 'header-merge-field', message: `Header ${h.name} uses a merge field a test callout cannot fill (${h.value}); it is sent as written.` });
    }
    if (missingHere.length) {
      if (ctx.mock) {
        out.findings.push({ severity: 'info', code: 'mock-secret-skipped', message: `Header ${h.name} is not sent to the mock: secret ${missingHere.join(', ')} is not set (the mock does not check credentials).` });
        // Said in the description too: the named credential declares the header, it is only left out here.
        out.description += `${out.description ? '; ' : ''}header ${h.name} not sent to the mock (secret ${missingHere.join(', ')} not set)`;
        continue;
      }
      out.missing.push(...missingHere);
      continue;
    }
    out.headers.push({ name: h.name, value });
    out.credentialHeaders.push(h.name);
    out.description += `${out.description ? '; ' : ''}header ${h.name}${refs.length ? ` from secret ${refs.join(', ')}` : ''}`;
  }
}

async function oauthToken(auth: Extract<AuthConfig, { kind: 'oauth2-client-credentials' }>, ctx: AuthContext, out: AppliedAuth): Promise<string | undefined> {
  const missing: string[] = [];
  const clientId = await secret(auth.clientId, ctx, missing, true);
  const clientSecret = await secret(auth.clientSecret, ctx, missing);
  if (missing.length || clientId === undefined || clientSecret === undefined) {
    out.missing.push(...missing);
    return undefined;
  }
  const now = (ctx.now ?? Date.now)();
  const key = `${auth.tokenUrl}\u0000${clientId}\u0000${auth.scope ?? ''}`;
  const cached = ctx.tokenCache.get(key, now);
  if (cached) {
    ctx.masker.add(cached);
    out.description = `OAuth 2.0 client credentials (cached token from ${auth.tokenUrl})`;
    return cached;
  }
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (auth.scope) form.set('scope', auth.scope);
  const headers: HeaderPair[] = [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }, { name: 'Accept', value: 'application/json' }];
  if (auth.clientAuthentication === 'basic') {
    ctx.masker.addBasic(encodeURIComponent(clientId), encodeURIComponent(clientSecret));
    headers.push({ name: 'Authorization', value: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}` });
  } else {
    form.set('client_id', clientId);
    form.set('client_secret', clientSecret);
  }
  const res = await ctx.send({ method: 'POST', url: auth.tokenUrl, headers, body: form.toString() });
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    // reported below
  }
  const token = typeof json.access_token === 'string' ? json.access_token : undefined;
  if (res.status !== 200 || !token) {
    const why = typeof json.error === 'string' ? `${json.error}${typeof json.error_description === 'string' ? `: ${json.error_description}` : ''}` : `HTTP ${res.status}`;
    out.error = { code: 'oauth', message: ctx.masker.mask(`The token endpoint ${auth.tokenUrl} gave no access token (${why}). Check the client id and secret (secrets ${auth.clientId}, ${auth.clientSecret}) and the scope.`) };
    return undefined;
  }
  ctx.masker.add(token);
  const expiresIn = typeof json.expires_in === 'number' ? json.expires_in : Number(json.expires_in) || 3600;
  ctx.tokenCache.set(key, token, now + expiresIn * 1000);
  out.description = `OAuth 2.0 client credentials (token from ${auth.tokenUrl}, valid ${expiresIn} s)`;
  return token;
}

export async function applyAuth(plan: AuthPlan, ctx: AuthContext): Promise<AppliedAuth> {
  const out: AppliedAuth = { headers: [], description: '', missing: [], findings: [], credentialHeaders: [] };
  const auth = plan.auth;
  await customHeaders(plan, auth.kind === 'custom' ? auth.parameters : undefined, ctx, out);
  const headerDescription = out.description;
  const skipInMock = (what: string, refs: string[]) => {
    out.findings.push({ severity: 'info', code: 'mock-secret-skipped', message: `${what} is not sent to the mock: secret ${refs.join(', ')} is not set (the mock does not check credentials).` });
  };
  switch (auth.kind) {
    case 'none':
    case 'custom':
      out.description = headerDescription || (auth.kind === 'none' ? 'no authentication' : 'custom headers (none declared)');
      break;
    case 'basic': {
      const missing: string[] = [];
      // The user name is an identity, not a secret: the password and the Base64 pair are masked.
      const user = await secret(auth.username, ctx, missing, true);
      const pass = await secret(auth.password, ctx, missing);
      if (user === undefined || pass === undefined) {
        if (ctx.mock) skipInMock('Basic authentication', missing);
        else out.missing.push(...missing);
        break;
      }
      ctx.masker.addBasic(user, pass);
      out.headers.push({ name: 'Authorization', value: `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}` });
      out.description = `Basic (secrets ${auth.username}, ${auth.password})${headerDescription ? `; ${headerDescription}` : ''}`;
      break;
    }
    case 'bearer': {
      const missing: string[] = [];
      const token = await secret(auth.token, ctx, missing);
      if (token === undefined) {
        if (ctx.mock) skipInMock('The bearer token', missing);
        else out.missing.push(...missing);
        break;
      }
      out.headers.push({ name: 'Authorization', value: `Bearer ${token}` });
      out.description = `Bearer token (secret ${auth.token})${headerDescription ? `; ${headerDescription}` : ''}`;
      break;
    }
    case 'oauth2-client-credentials': {
      if (ctx.mock) {
        out.findings.push({ severity: 'info', code: 'mock-oauth-skipped', message: `No OAuth token is fetched for the mock (${auth.tokenUrl} is not called).` });
        break;
      }
      const token = await oauthToken(auth, ctx, out);
      if (token) {
        out.headers.push({ name: 'Authorization', value: `Bearer ${token}` });
        if (headerDescription) out.description += `; ${headerDescription}`;
      }
      break;
    }
  }
  if (!out.description) out.description = ctx.mock ? 'none sent to the mock' : 'no authentication';
  return out;
}
