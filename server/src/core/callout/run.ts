// runCallout(): one test callout end to end — environment, request, auth, send (or the built-in mock),
// parse, Flow outputs, flow path, flow variables, drift, expectations — returned as one serializable
// CalloutResult with every secret masked. The extension and the CLI both call this; nothing here knows VS Code.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { applyAuth, TokenCache } from './auth';
import { definitionOf, isAsyncInFlow, type CalloutContext } from './context';
import { detectDrift } from './drift';
import { defaultEnvironment, MOCK_ENVIRONMENT, resolveTarget, type EnvironmentsFile } from './environments';
import { checkExpectations } from './expect';
import { startMockServer, type MockServer } from './mock';
import { flowOutputs, flowPath, matchResponse } from './outputs';
import { redirectFinding } from './redirects';
import { buildRequest } from './request';
import { parseResponseBody } from './response';
import type { CalloutError, CalloutResult, Finding, HeaderPair, ReceivedResponse, SentRequest } from './result';
import { SecretMasker, type SecretResolver } from './secrets';
import { DEFAULT_TIMEOUT_MS, formatBytes, MAX_TIMEOUT_MS, SendError, sendHttp, type ProxySettings, type Transport } from './send';
import { checkVariables } from './variables';
import { verdictFailures } from './verdict';
import { APEX_DEFAULT_TIMEOUT_SECONDS, EXTERNAL_SERVICE_TIMEOUT_SECONDS } from '../model/outcome';
import { FLOW_HTTP_METHODS, isFlowHttpMethod } from '../model/httpMethods';

export const SYNC_LIMIT_BYTES = 6 * 1024 * 1024;
export const ASYNC_LIMIT_BYTES = 12 * 1024 * 1024;

export interface RunOptions {
  secrets: SecretResolver;
  /** `mock` (default), `metadata`, or an environment of the environments file. */
  environment?: string;
  environments?: EnvironmentsFile;
  /** Values for merge fields and parameters, over test.inputs. */
  inputs?: Record<string, unknown>;
  signal?: AbortSignal;
  /** Wins over the definition's `timeout` (CLI --timeout). */
  timeoutSeconds?: number;
  /** Used when neither the option nor the definition sets a timeout (setting flowCallout.send.timeoutSeconds). */
  defaultTimeoutSeconds?: number;
  proxy?: ProxySettings;
  transport?: Transport;
  /** The response key the mock answers with (over test.response). */
  mockResponse?: string;
  /** Replaces the environment's base URL (CLI --base-url). */
  baseUrl?: string;
  tokenCache?: TokenCache;
  /** Header parameters of a registration's operation (a flow's header inputs), sent before the credential's. */
  headers?: HeaderPair[];
  /** The request body as given (a flow's body input), instead of the definition's sample template. */
  body?: { value: unknown };
  /** Force the 12 MB (true) or 6 MB (false) limit instead of reading it from the flow. */
  async?: boolean;
  /**
   * A running mock for environment `mock` (the extension's mock, at the URL `npm start` prints): the send's
   * definition is attached to it for the send; it is not closed. Without it each send starts its own.
   */
  mockServer?: MockServer;
  /** Values given for inputs that may be secrets (typed at a prompt): masked in the result like stored secrets. */
  secretValues?: string[];
  /** Called once, right before the request goes out (not for a send that stops first: missing input or secret). */
  onSending?: () => void;
}

const sharedTokens = new TokenCache();

function timeoutMsOf(def: ReturnType<typeof definitionOf>, o: RunOptions): number {
  const seconds = o.timeoutSeconds ?? (def.prop('timeout') ? def.timeoutSeconds : o.defaultTimeoutSeconds);
  const ms = seconds === undefined ? DEFAULT_TIMEOUT_MS : seconds * 1000;
  return Math.min(MAX_TIMEOUT_MS, Math.max(1000, ms));
}

/** A response slower than an Apex callout's default timeout (reference C10): the flow's action still gets it. */
export function slowResponseFinding(totalMs: number): Finding | undefined {
  if (totalMs <= APEX_DEFAULT_TIMEOUT_SECONDS * 1000) return undefined;
  return {
    severity: 'info', code: 'slow-response',
    message: `The response took ${(totalMs / 1000).toFixed(1)} s. The flow's HTTP callout action waits up to ${EXTERNAL_SERVICE_TIMEOUT_SECONDS} s, but an Apex callout (HttpRequest) times out after ${APEX_DEFAULT_TIMEOUT_SECONDS} s unless it calls setTimeout, and all callouts in one transaction share ${EXTERNAL_SERVICE_TIMEOUT_SECONDS} s.`,
  };
}

export async function runCallout(ctx: CalloutContext, options: RunOptions): Promise<CalloutResult> {
  const def = definitionOf(ctx);
  const masker = new SecretMasker();
  for (const value of options.secretValues ?? []) masker.add(value);
  const findings: Finding[] = (ctx.notes ?? []).map((message) => ({ severity: 'warning', code: 'context', message }));
  const environment = options.environment ?? defaultEnvironment(options.environments);
  const action = `${def.name ?? '?'}.${def.operation}`;
  const size = options.async === undefined ? isAsyncInFlow(ctx.flow, def) : { async: options.async, reason: options.async ? 'asked for the asynchronous limit' : 'asked for the synchronous limit' };
  const sizeLimit = size.async
    ? { bytes: ASYNC_LIMIT_BYTES, reason: `12 MB, the asynchronous Salesforce limit (${size.reason})` }
    : { bytes: SYNC_LIMIT_BYTES, reason: `6 MB, the synchronous Salesforce limit (${size.reason})` };
  const request: SentRequest = { method: def.method, url: '', headers: [], environment, baseUrl: '', baseUrlSource: '', auth: '', inputs: [] };
  const result: CalloutResult = {
    version: 1, id: randomUUID(), startedAt: new Date().toISOString(),
    definition: { name: def.name ?? '', operation: def.operation, action, file: ctx.definition.fileName, flow: ctx.flow?.file },
    environment, request, path: { kind: 'not-sent', reason: 'The request was not sent.' }, variables: [], drift: [], expectations: [], findings, sizeLimit, passed: false,
  };
  const finish = (error?: CalloutError): CalloutResult => {
    if (error) {
      result.error = error;
      result.path = flowPath(def, action, undefined, '', '', error);
    }
    result.expectations = checkExpectations(def, { outputs: result.outputs, path: result.path, variables: result.variables });
    result.failures = verdictFailures(def, result, ctx.definition.fileName);
    result.passed = !result.error && result.expectations.every((e) => e.pass) && !result.failures.length;
    return masker.maskDeep(result);
  };

  if (!def.root || def.root.type !== 'object' || !def.name || !def.namedCredential) {
    return finish({ code: 'no-definition', message: `${path.basename(ctx.definition.fileName)} is not a complete callout definition (it needs name, namedCredential, method, path and responses). Fix the problems shown in the editor first.` });
  }

  // Another method would be sent as written (a mock or server answers 400) and say nothing about what Salesforce does.
  if (!isFlowHttpMethod(def.method)) {
    return finish({ code: 'method', message: `method: ${def.method} is not an HTTP method a Flow HTTP callout can use (${FLOW_HTTP_METHODS.join(', ')}), so nothing was sent. Fix method: in ${path.basename(ctx.definition.fileName)}.` });
  }

  let mock: MockServer | undefined;
  let detach: (() => void) | undefined;
  let seqBefore = 0;
  try {
    if (environment === MOCK_ENVIRONMENT && !options.baseUrl) {
      if (options.mockServer) {
        mock = options.mockServer;
        detach = mock.attach([def], options.mockResponse);
      } else {
        try {
          mock = await startMockServer({ definitions: [def], pick: () => options.mockResponse });
        } catch (e) {
          return finish({ code: 'mock', message: `The built-in mock could not start on loopback (${(e as Error).message}). Pick another environment, or free a local port.` });
        }
      }
      seqBefore = mock.seq;
    }
    const target = resolveTarget({
      environment, namedCredential: def.namedCredential, file: options.environments, nc: ctx.namedCredential, ec: ctx.externalCredential, mockUrl: mock?.url, baseUrlOverride: options.baseUrl,
    });
    request.baseUrl = target.baseUrl ?? '';
    request.baseUrlSource = target.baseUrlSource;
    if (target.error || !target.baseUrl) return finish(target.error ?? { code: 'no-base-url', message: 'No base URL.' });

    let built;
    try {
      built = buildRequest(def, target.baseUrl, options.inputs, options.body);
    } catch (e) {
      return finish({ code: 'no-base-url', message: `The base URL "${target.baseUrl}" (from ${target.baseUrlSource}) does not make a valid URL with path ${def.path}: ${(e as Error).message}. Fix it there.` });
    }
    Object.assign(request, { method: built.method, url: built.url, headers: built.headers, body: built.body, inputs: built.inputs });
    findings.push(...built.findings);
    if (built.missing.length) {
      return finish({ code: 'input-missing', details: built.missing, message: `No value for ${built.missing.join(', ')}. Add ${built.missing.length > 1 ? 'them' : 'it'} under test.inputs in ${path.basename(ctx.definition.fileName)}, or give ${built.missing.length > 1 ? 'them' : 'it'} when asked (CLI: --input name=value).` });
    }

    const timeoutMs = timeoutMsOf(def, options);
    const sendOptions = { timeoutMs, signal: options.signal, maxBytes: sizeLimit.bytes, maxBytesReason: sizeLimit.reason, proxy: options.proxy, transport: options.transport };
    let auth;
    try {
      auth = await applyAuth(target.plan, {
        secrets: options.secrets, masker, tokenCache: options.tokenCache ?? sharedTokens, mock: !!mock,
        send: (req) => sendHttp(req, sendOptions),
      });
    } catch (e) {
      const err = e instanceof SendError ? e : new SendError('oauth', (e as Error).message);
      return finish({ code: err.code === 'cancelled' ? 'cancelled' : 'oauth', message: `Getting an OAuth token failed: ${err.message}` });
    }
    request.auth = `${auth.description} — ${target.plan.source}`;
    findings.push(...auth.findings);
    if (auth.error) return finish(auth.error);
    if (auth.missing.length) {
      const refs = [...new Set(auth.missing)];
      return finish({ code: 'secret-missing', details: refs, message: refs.map((r) => `Secret ${r} is not set. ${options.secrets.howToSet(r)}`).join(' ') });
    }
    const headers: HeaderPair[] = [...built.headers, ...(options.headers ?? []), ...auth.headers];
    request.headers = headers;

    options.onSending?.();
    let http;
    try {
      http = await sendHttp({ method: built.method, url: built.url, headers, body: built.body }, { ...sendOptions, credentialHeaders: auth.credentialHeaders });
    } catch (e) {
      const err = e instanceof SendError ? e : new SendError('network', (e as Error).message);
      return finish({ code: err.code, message: err.message });
    }

    const contentType = http.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
    const match = matchResponse(def, http.status);
    const expectsJson = !!match && /json/i.test(match.entry.contentType) && match.entry.sample?.type !== 'string';
    // Broken JSON the flow does not read as JSON is a warning, and the verdict (verdict.ts) does not fail on it.
    const notReadAsJson = expectsJson ? undefined : match
      ? `The ${match.entry.key} response is declared as ${match.entry.contentType}${match.entry.sample?.type === 'string' ? ' with a text sample' : ''}, so the flow reads this body as text, not JSON; fix the API's Content-Type.`
      : 'No declared response matches this status, so the flow does not read this body (only responseCode); fix the API\'s Content-Type.';
    const parsed = parseResponseBody(http.body, contentType, notReadAsJson);
    findings.push(...parsed.findings);
    const response: ReceivedResponse = {
      status: http.status, statusText: http.statusText, url: http.url, headers: http.headers, contentType, sizeBytes: http.body.length,
      timing: { totalMs: Math.round(http.timing.totalMs * 10) / 10, headersMs: Math.round(http.timing.headersMs * 10) / 10 }, redirects: http.redirects, body: parsed.body,
    };
    result.response = response;
    const redirected = redirectFinding(def, http.redirects);
    if (redirected) findings.push(redirected);
    for (const r of http.redirects) {
      if (r.droppedHeaders.length) findings.push({ severity: 'info', code: 'redirect-credentials', message: `Redirected from ${new URL(r.from).origin} to ${new URL(r.to).origin}: ${r.droppedHeaders.join(', ')} not sent on to the other origin.` });
    }
    let unreadable: string | undefined;
    if (expectsJson && parsed.findings.some((f) => f.code === 'invalid-json')) unreadable = 'invalid JSON';
    else if (expectsJson && parsed.body.kind !== 'json' && parsed.body.kind !== 'empty') {
      unreadable = `not JSON: ${contentType || 'no Content-Type'}`;
      findings.push({ severity: 'error', code: 'not-json', message: `The ${match!.entry.key} response is declared as JSON but the body is ${contentType || 'untyped'} ${parsed.body.kind}. Salesforce could not read it into the Flow output: fix the API's response, or declare responses.${match!.entry.key}.contentType: text/plain.` });
    }
    result.outputs = flowOutputs(def, http.status, unreadable ? undefined : parsed.value);
    result.path = flowPath(def, action, http.status, http.statusText, parsed.body.text.slice(0, 400), undefined, unreadable);
    result.variables = checkVariables(def, result.outputs, parsed.value, ctx.flow);
    if (!unreadable) result.drift = detectDrift(def, result.outputs.key, parsed.value);
    if (mock) {
      const rec = [...mock.requests].reverse().find((r) => r.seq >= seqBefore && r.path === new URL(built.url).pathname);
      if (rec?.pick) result.mock = { key: rec.pick.key, status: rec.pick.status, reason: rec.pick.reason, requestFindings: rec.findings };
      for (const f of rec?.findings ?? []) findings.push({ severity: 'warning', code: 'mock-request', message: `The mock found: ${f}.` });
      if (!rec?.pick && rec?.findings.length) return finish({ code: 'mock', message: `The mock could not answer: ${rec.findings.join('; ')}` });
    }
    const slow = slowResponseFinding(response.timing.totalMs);
    if (slow) findings.push(slow);
    if (response.sizeBytes > SYNC_LIMIT_BYTES && !size.async) findings.push({ severity: 'warning', code: 'size', message: `The response is ${formatBytes(response.sizeBytes)}, over the synchronous limit.` });
    return finish();
  } finally {
    if (detach) detach();
    else await mock?.close();
  }
}
