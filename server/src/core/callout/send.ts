// Sends one HTTP request the way a Salesforce callout would meet the network: a timeout (default 10 s, at
// most 120 s), cancellation, redirects followed by hand so credentials never go on to another origin, an
// optional proxy (proxy-agent), compressed bodies decoded (node-fetch: gzip, deflate, br), and a response
// size cap read as the body streams in. The network itself is a Transport passed in; node-fetch by default.
import type { Agent } from 'node:http';
import type { HeaderPair, Redirect } from './result';
import { EXTERNAL_SERVICE_TIMEOUT_SECONDS } from '../model/outcome';

export interface HttpRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  body?: string;
}

export interface HttpResult {
  status: number;
  statusText: string;
  url: string;
  headers: HeaderPair[];
  body: Buffer;
  timing: { totalMs: number; headersMs: number };
  redirects: Redirect[];
}

/** What a transport answers: enough of a fetch Response to read status, headers and a streamed body. */
export interface TransportResponse {
  status: number;
  statusText: string;
  headers: HeaderPair[];
  body: AsyncIterable<Uint8Array> | null;
  /** Frees the connection when the body is not read (redirect hops, early errors). */
  discard(): void;
}

export interface TransportRequest {
  method: string;
  headers: HeaderPair[];
  body?: string;
  signal: AbortSignal;
  agent?: Agent;
}

export type Transport = (url: string, init: TransportRequest) => Promise<TransportResponse>;

export interface ProxySettings {
  /** `http://proxy:3128` (VS Code's http.proxy, or HTTPS_PROXY for the CLI). */
  url: string;
  /** Hosts that bypass the proxy, comma separated (NO_PROXY syntax: `example.com`, `.corp`, `*`). */
  noProxy?: string;
}

export interface SendOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Bytes of decoded body above which the read stops with a `too-large` error. */
  maxBytes: number;
  /** Why maxBytes is what it is, for the message (`6 MB, the synchronous Salesforce limit`). */
  maxBytesReason?: string;
  proxy?: ProxySettings;
  /** Extra header names that carry credentials (the named credential's custom headers). */
  credentialHeaders?: string[];
  maxRedirects?: number;
  transport?: Transport;
}

// Reference C10 (model/outcome.ts): External Services callouts time out at 120 s, so a test send waits as long.
export const DEFAULT_TIMEOUT_MS = EXTERNAL_SERVICE_TIMEOUT_SECONDS * 1000;
export const MAX_TIMEOUT_MS = EXTERNAL_SERVICE_TIMEOUT_SECONDS * 1000;

export class SendError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** Headers never sent on to another origin. */
const ALWAYS_CREDENTIALS = ['authorization', 'proxy-authorization', 'cookie'];

export const nodeFetchTransport: Transport = async (url, init) => {
  const { default: fetch } = await import('node-fetch');
  const res = await fetch(url, {
    method: init.method, headers: init.headers.map((h) => [h.name, h.value] as [string, string]), body: init.body,
    signal: init.signal as never, redirect: 'manual', compress: true, agent: init.agent,
  });
  const headers: HeaderPair[] = [];
  for (const [name, values] of Object.entries(res.headers.raw())) for (const value of values) headers.push({ name, value });
  return {
    status: res.status, statusText: res.statusText, headers, body: res.body as AsyncIterable<Uint8Array> | null,
    discard: () => {
      const b = res.body as unknown as { destroy?: () => void } | null;
      b?.destroy?.();
    },
  };
};

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
}

function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (isLoopback(url.hostname)) return true;
  if (!noProxy) return false;
  return noProxy.split(/[\s,]+/).filter(Boolean).some((entry) => {
    if (entry === '*') return true;
    const host = entry.replace(/:\d+$/, '').replace(/^\*?\./, '');
    return url.hostname === host || url.hostname.endsWith(`.${host}`);
  });
}

/** Proxy URL without its user:password, for messages. */
export function describeProxy(proxy: ProxySettings): string {
  try {
    const u = new URL(proxy.url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'the configured proxy';
  }
}

async function proxyAgentFor(proxy: ProxySettings | undefined): Promise<Agent | undefined> {
  if (!proxy?.url) return undefined;
  const { ProxyAgent } = await import('proxy-agent');
  return new ProxyAgent({ getProxyForUrl: (u: string) => (bypassesProxy(new URL(u), proxy.noProxy) ? '' : proxy.url) }) as unknown as Agent;
}

function headerValue(headers: HeaderPair[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
}

function tooLarge(size: number | undefined, opts: SendOptions): SendError {
  const limit = formatBytes(opts.maxBytes);
  return new SendError('too-large', `The response is larger than ${limit}${size ? ` (${formatBytes(size)} announced)` : ''}${opts.maxBytesReason ? `, ${opts.maxBytesReason}` : ''}. Salesforce would fail this callout: ask the API for less (paging, fields) or move the callout to an asynchronous path (12 MB).`);
}

/** Turns what node-fetch, Node and the abort controller throw into a SendError that says what to do. */
function explain(e: unknown, url: URL, opts: SendOptions, why: { timedOut: boolean; cancelled: boolean }): SendError {
  if (e instanceof SendError) return e;
  if (why.cancelled) return new SendError('cancelled', 'The test callout was cancelled.');
  if (why.timedOut) {
    const seconds = opts.timeoutMs / 1000;
    if (opts.timeoutMs >= MAX_TIMEOUT_MS) {
      return new SendError('timeout', `No complete response from ${url.origin} within ${seconds} s. Salesforce gives up at the same point ("Read timed out"): the flow's action fails.`);
    }
    // A shorter test timeout says nothing of the flow: Salesforce would still be waiting (reference C10).
    return new SendError('test-timeout', `No complete response from ${url.origin} within ${seconds} s, this test's timeout. A flow's HTTP callout waits up to ${MAX_TIMEOUT_MS / 1000} s, so what the flow gets is not known: raise "timeout" in the definition, the setting flowCallout.send.timeoutSeconds or --timeout (CLI) to ${MAX_TIMEOUT_MS / 1000} to see it.`);
  }
  const err = e as { code?: string; errno?: string; message?: string; type?: string };
  const code = err.code ?? err.errno ?? '';
  const via = opts.proxy?.url && !bypassesProxy(url, opts.proxy.noProxy) ? ` through the proxy ${describeProxy(opts.proxy)}` : '';
  const proxyHint = via ? ' Check the proxy (VS Code setting http.proxy; CLI: HTTPS_PROXY).' : '';
  if (code === 'ECONNREFUSED') return new SendError('connection-refused', `Nothing answers at ${url.host}${via} (connection refused). Check the base URL of the environment, or start the server.${proxyHint}`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new SendError('dns', `The host ${url.hostname} could not be found (DNS ${code}). Check the base URL of the environment or the named credential.${proxyHint}`);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return new SendError('network', `The connection to ${url.host}${via} was closed before the response was complete (${code}). Try again; if it persists, check the server or proxy.`);
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) return new SendError('tls', `The TLS certificate of ${url.host} is not trusted (${code}). Salesforce would reject it too: fix the certificate, or test against an http:// environment.`);
  if (/Z_|DATA_ERROR|BUF_ERROR|decompress/i.test(code + (err.message ?? ''))) return new SendError('network', `The response body could not be decoded (${err.message ?? code}): the server's Content-Encoding does not match its body.`);
  if (via && /proxy|tunnel|407/i.test(err.message ?? '')) return new SendError('proxy', `The proxy ${describeProxy(opts.proxy!)} refused the request (${err.message}).${proxyHint}`);
  return new SendError('network', `The request to ${url.host}${via} failed: ${err.message ?? String(e)}.${proxyHint}`);
}

/** Sends `req` and reads the whole response body (bounded by maxBytes). Throws SendError. */
export async function sendHttp(req: HttpRequest, opts: SendOptions): Promise<HttpResult> {
  const transport = opts.transport ?? nodeFetchTransport;
  const timeoutMs = Math.min(MAX_TIMEOUT_MS, Math.max(1, opts.timeoutMs));
  const controller = new AbortController();
  const why = { timedOut: false, cancelled: false };
  const onCancel = () => {
    why.cancelled = true;
    controller.abort();
  };
  if (opts.signal?.aborted) throw new SendError('cancelled', 'The test callout was cancelled.');
  opts.signal?.addEventListener('abort', onCancel, { once: true });
  const timer = setTimeout(() => {
    why.timedOut = true;
    controller.abort();
  }, timeoutMs);
  const started = performance.now();
  let agent: Agent | undefined;
  let url = new URL(req.url);
  try {
    agent = await proxyAgentFor(opts.proxy);
    const credentialHeaders = new Set([...ALWAYS_CREDENTIALS, ...(opts.credentialHeaders ?? []).map((h) => h.toLowerCase())]);
    let method = req.method;
    let headers = req.headers;
    let body = req.body;
    const redirects: Redirect[] = [];
    const maxRedirects = opts.maxRedirects ?? 10;
    for (;;) {
      const res = await transport(url.toString(), { method, headers, body, signal: controller.signal, agent });
      const location = headerValue(res.headers, 'location');
      if ([301, 302, 303, 307, 308].includes(res.status) && location) {
        res.discard();
        if (redirects.length >= maxRedirects) throw new SendError('too-many-redirects', `More than ${maxRedirects} redirects, the last to ${location}. Check the base URL: it may point at a login page or loop.`);
        const next = new URL(location, url);
        const dropped: string[] = [];
        if (next.origin !== url.origin) {
          headers = headers.filter((h) => {
            const drop = credentialHeaders.has(h.name.toLowerCase());
            if (drop) dropped.push(h.name);
            return !drop;
          });
        }
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          headers = headers.filter((h) => !/^content-(type|length)$/i.test(h.name));
        }
        redirects.push({ status: res.status, from: url.toString(), to: next.toString(), droppedHeaders: dropped });
        url = next;
        continue;
      }
      const headersMs = performance.now() - started;
      const declared = Number(headerValue(res.headers, 'content-length'));
      const encoded = headerValue(res.headers, 'content-encoding');
      if (!encoded && Number.isFinite(declared) && declared > opts.maxBytes) {
        res.discard();
        throw tooLarge(declared, opts);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      if (res.body) {
        for await (const chunk of res.body) {
          size += chunk.length;
          if (size > opts.maxBytes) {
            res.discard();
            throw tooLarge(undefined, opts);
          }
          chunks.push(Buffer.from(chunk));
        }
      }
      return {
        status: res.status, statusText: res.statusText, url: url.toString(), headers: res.headers, body: Buffer.concat(chunks, size),
        timing: { totalMs: performance.now() - started, headersMs }, redirects,
      };
    }
  } catch (e) {
    throw explain(e, url, { ...opts, timeoutMs }, why);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onCancel);
    (agent as { destroy?: () => void } | undefined)?.destroy?.();
  }
}
