// The built-in mock: a loopback HTTP server that answers each definition's method + path with one of its
// samples, picked by a rule the user sees — the key asked for (header X-Flow-Callout-Response, or the pick
// given when the server starts), else `test.response`, else the first 2XX. A range key answers with a
// representative status (2XX → 201 for POST, else 200; 4XX → 400; 5XX → 500). It also checks the request it
// receives against the definition: required query parameters, content type and the request sample's shape.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CalloutDefinition } from '../model/definition';
import { matchResponseKey } from '../model/outcome';
import { toValue } from '../parse/tree';
import { jsonTypeOf } from './drift';

export const MOCK_RESPONSE_HEADER = 'x-flow-callout-response';

export interface MockPick {
  key: string;
  status: number;
  reason: string;
}

export interface MockRequestRecord {
  /** Increases by one per request the server answered (MockServer.seq is the next one). */
  seq: number;
  definition: string;
  method: string;
  path: string;
  pick?: MockPick;
  findings: string[];
}

export interface MockServer {
  url: string;
  /** The latest requests (at most MAX_RECORDS), oldest first. */
  requests: MockRequestRecord[];
  /** The seq the next request gets. */
  readonly seq: number;
  /**
   * Serves these definitions first (with `pick` as the response asked for) until the returned function is
   * called: a send's own definition, as open in the editor, on a mock that outlives the send.
   */
  attach(definitions: CalloutDefinition[], pick?: string): () => void;
  close(): Promise<void>;
}

const MAX_RECORDS = 200;

/** The one spelling of the mock's address (the CLI's banner, the extension's mock, what `npm start` prints). */
export function mockUrlFor(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export interface MockOptions {
  /** What it serves: a fixed list, or asked per request (the workspace's definitions as they are now). */
  definitions: CalloutDefinition[] | (() => CalloutDefinition[] | Promise<CalloutDefinition[]>);
  host?: string;
  port?: number;
  /** The response key to answer with for a definition (overrides test.response). */
  pick?: (def: CalloutDefinition) => string | undefined;
  onRequest?: (record: MockRequestRecord) => void;
}

/**
 * The status the mock answers for a response key: one that Salesforce matches back to that same key among the
 * definition's `keys` (model/outcome.ts matchResponseKey: an exact code, then its range, then default) — with
 * 200 and 2XX both declared, 2XX is answered with 201, not 200. Preferred: the key's code, 201 for a POST's 2XX
 * (200 otherwise), 302/400/500 for the other ranges, 200 then 500 for default; never a status without a body.
 */
export function mockStatusFor(key: string, method: string, keys: readonly string[] = [key]): number {
  if (/^[1-5]\d\d$/.test(key)) return Number(key);
  const preferred = key.toUpperCase() === '2XX' ? (method === 'POST' ? [201, 200] : [200, 201])
    : /^[3-5]XX$/i.test(key) ? [{ 3: 302, 4: 400, 5: 500 }[key[0] as '3' | '4' | '5']]
      : [200, 500, 400];
  const range = /^[2-5]XX$/i.test(key) ? Number(key[0]) * 100 : 200;
  const rangeEnd = /^[2-5]XX$/i.test(key) ? range + 99 : 599;
  for (const status of [...preferred, ...Array.from({ length: rangeEnd - range + 1 }, (_, i) => range + i)]) {
    if (NO_BODY.has(status)) continue;
    if (matchResponseKey(keys, status)?.key === key) return status;
  }
  return preferred[0];
}

/** Statuses that carry no body (RFC 9110): the mock never answers a sample with them. */
const NO_BODY = new Set([204, 205, 304]);

/** Which sample the mock serves, and why (so the panel can say it). */
export function pickMockResponse(def: CalloutDefinition, requested?: string): MockPick | { error: string } {
  const keys = def.responses().map((r) => r.key);
  if (!keys.length) return { error: `${def.name ?? 'This definition'} declares no responses: add responses.2XX.sample so the mock has something to serve.` };
  const take = (key: string, reason: string): MockPick => {
    const status = mockStatusFor(key, def.method, keys);
    return { key, status, reason: `${reason}${/X/.test(key) || key === 'default' ? ` → HTTP ${status}` : ''}` };
  };
  if (requested) {
    const hit = keys.find((k) => k.toUpperCase() === requested.toUpperCase());
    if (!hit) return { error: `The mock was asked for response ${requested}, which ${def.name ?? 'the definition'} does not declare (it has ${keys.join(', ')}).` };
    return take(hit, `${hit} as asked`);
  }
  const fromTest = def.testResponseKey();
  if (fromTest && keys.includes(fromTest)) return take(fromTest, `test.response is ${fromTest}`);
  const success = keys.find((k) => /^2/.test(k));
  if (success) return take(success, `the first 2XX response (${success}${success === '2XX' ? `, ${def.method}` : ''})`);
  return take(keys[0], `the first declared response (${keys[0]}); no 2XX is declared`);
}

function routeRegex(path: string): RegExp {
  const parts = path.split(/(\{[^{}]+\})/).map((p) => (/^\{[^{}]+\}$/.test(p) ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${parts.join('').replace(/\/+$/, '')}/?$`);
}

function isTemplate(v: unknown): boolean {
  return typeof v === 'string' && v.includes('{!');
}

/** Differences between the body received and the request sample (merge-field placeholders accept any scalar). */
export function checkRequestShape(sample: unknown, actual: unknown, path = 'body', out: string[] = []): string[] {
  if (out.length >= 50) return out;
  if (isTemplate(sample)) {
    if (actual !== null && typeof actual === 'object') out.push(`${path} is ${jsonTypeOf(actual)} but the request sample has a merge field (a single value)`);
    return out;
  }
  if (sample === null || sample === undefined) return out;
  if (Array.isArray(sample)) {
    if (!Array.isArray(actual)) out.push(`${path} is ${jsonTypeOf(actual)}; the request sample has a list`);
    else if (sample.length && actual.length) checkRequestShape(sample[0], actual[0], `${path}[0]`, out);
    return out;
  }
  if (typeof sample === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) {
      out.push(`${path} is ${jsonTypeOf(actual)}; the request sample has an object`);
      return out;
    }
    const a = actual as Record<string, unknown>;
    for (const [k, v] of Object.entries(sample)) {
      if (!(k in a)) out.push(`${path}.${k} is missing (the request sample has it)`);
      else checkRequestShape(v, a[k], `${path}.${k}`, out);
    }
    for (const k of Object.keys(a)) if (!(k in (sample as object))) out.push(`${path}.${k} is not in the request sample`);
    return out;
  }
  const expected = jsonTypeOf(sample);
  const got = jsonTypeOf(actual);
  const numeric = (t: string) => t === 'Integer' || t === 'Double';
  if (actual !== null && expected !== got && !(numeric(expected) && numeric(got))) out.push(`${path} is ${got}; the request sample has ${expected}`);
  return out;
}

function readBody(req: IncomingMessage, limit = 16 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function checkRequest(def: CalloutDefinition, url: URL, headers: IncomingMessage['headers'], body: string): string[] {
  const findings: string[] = [];
  for (const p of def.parameters('query')) if (p.required && !url.searchParams.has(p.name)) findings.push(`required query parameter ${p.name} is missing`);
  const template = def.requestBody;
  if (template && ['POST', 'PUT', 'PATCH'].includes(def.method)) {
    const expected = def.requestContentType;
    const ct = String(headers['content-type'] ?? '');
    if (!ct.toLowerCase().startsWith(expected.toLowerCase())) findings.push(`Content-Type is ${ct || 'missing'}; the definition sends ${expected}`);
    if (/json/i.test(expected)) {
      try {
        checkRequestShape(toValue(template), JSON.parse(body), 'body', findings);
      } catch {
        findings.push(`the body is not JSON (${body.length} characters)`);
      }
    }
  } else if (body.length && ['GET', 'DELETE'].includes(def.method)) findings.push(`a ${def.method} request carries a body`);
  return findings;
}

function serve(def: CalloutDefinition, pick: MockPick, res: ServerResponse): void {
  const entry = def.responses().find((r) => r.key === pick.key)!;
  const sample = toValue(entry.sample);
  const json = /json/i.test(entry.contentType);
  const text = json ? JSON.stringify(sample ?? {}) : typeof sample === 'string' ? sample : JSON.stringify(sample ?? '');
  res.writeHead(pick.status, {
    'Content-Type': `${entry.contentType}; charset=utf-8`,
    'X-Flow-Callout-Mock': `${def.name ?? 'definition'} ${pick.key}`,
  });
  res.end(text);
}

function answerError(res: ServerResponse, status: number, error: string, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'X-Flow-Callout-Mock': 'error' });
  res.end(JSON.stringify({ error, message }));
}

export async function startMockServer(opts: MockOptions): Promise<MockServer> {
  type Route = { def: CalloutDefinition; re: RegExp; pick?: string };
  const toRoutes = (defs: CalloutDefinition[], pick?: string): Route[] => defs.map((def) => ({ def, re: routeRegex(def.path), pick }));
  const fixed = Array.isArray(opts.definitions) ? toRoutes(opts.definitions) : undefined;
  const attached = new Set<Route[]>();
  const requests: MockRequestRecord[] = [];
  let seq = 0;
  const record = (r: Omit<MockRequestRecord, 'seq'>): MockRequestRecord => {
    const rec = { seq: seq++, ...r };
    requests.push(rec);
    if (requests.length > MAX_RECORDS) requests.splice(0, requests.length - MAX_RECORDS);
    opts.onRequest?.(rec);
    return rec;
  };
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://mock');
      const method = (req.method ?? 'GET').toUpperCase();
      const first = [...attached].reverse().flat();
      // The definitions attached by a send come first; when one of them answers, the provided ones (a workspace
      // search in VS Code) are not listed: that search would be counted in the send's response time.
      const answered = first.some((r) => r.def.method === method && r.re.test(url.pathname));
      const provided = fixed ?? (answered ? [] : toRoutes(await (opts.definitions as () => CalloutDefinition[] | Promise<CalloutDefinition[]>)()));
      const routes = [...first, ...provided];
      let body = '';
      try {
        body = await readBody(req);
      } catch {
        answerError(res, 413, 'request_too_large', 'The request body is over 16 MB.');
        return;
      }
      const onPath = routes.filter((r) => r.re.test(url.pathname));
      const route = onPath.find((r) => r.def.method === method);
      if (!route) {
        const findings: string[] = [];
        if (onPath.length) {
          findings.push(`${method} is not the method of ${onPath.map((r) => `${r.def.name} (${r.def.method})`).join(', ')}`);
          answerError(res, 405, 'method_not_allowed', `The mock serves ${url.pathname} for ${onPath.map((r) => r.def.method).join(', ')}, not ${method}.`);
        } else {
          findings.push(`no definition has ${method} ${url.pathname}`);
          answerError(res, 404, 'no_mock_route', `No callout definition has ${method} ${url.pathname}. The mock serves: ${routes.map((r) => `${r.def.method} ${r.def.path}`).join(', ') || 'nothing'}.`);
        }
        record({ definition: '', method, path: url.pathname, findings });
        return;
      }
      const asked = req.headers[MOCK_RESPONSE_HEADER];
      const picked = pickMockResponse(route.def, (Array.isArray(asked) ? asked[0] : asked) ?? route.pick ?? opts.pick?.(route.def));
      const findings = checkRequest(route.def, url, req.headers, body);
      let pick: MockPick | undefined;
      if ('error' in picked) {
        findings.push(picked.error);
        answerError(res, 500, 'no_mock_response', picked.error);
      } else {
        pick = picked;
        serve(route.def, picked, res);
      }
      record({ definition: route.def.name ?? '', method, path: url.pathname, findings, ...(pick ? { pick } : {}) });
    })().catch(() => {
      if (!res.headersSent) answerError(res, 500, 'mock_error', 'The mock could not answer this request.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    url: mockUrlFor(addr.address, addr.port),
    requests,
    get seq() {
      return seq;
    },
    attach(definitions, pick) {
      const routes = toRoutes(definitions, pick);
      attached.add(routes);
      return () => void attached.delete(routes);
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    }),
  };
}
