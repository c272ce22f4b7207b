// Builds the request a definition describes: base URL + path (path parameters filled) + query, the method,
// the body from the sample template with its `{!…}` merge fields filled from the values given or
// `test.inputs`, and Content-Type/Accept. Authentication is added by auth.ts.
import type { CalloutDefinition } from '../model/definition';
import { toValue } from '../parse/tree';
import type { Finding, HeaderPair, InputValue } from './result';

export interface BuiltRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  body?: string;
  inputs: InputValue[];
  /** Inputs without a value (`$Record.Email`, `query parameter latitude`): the request is not sent. */
  missing: string[];
  findings: Finding[];
}

export const USER_AGENT = 'FlowCalloutStudio/0.1 (test callout)';

const MERGE = /\{!\s*([^{}]*?)\s*\}/g;
const WHOLE_MERGE = /^\{!\s*([^{}]*?)\s*\}$/;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

class InputLookup {
  readonly used = new Map<string, InputValue>();
  readonly missing = new Set<string>();
  constructor(private readonly given: Record<string, unknown>, private readonly test: Record<string, unknown>) {}

  /** The value for a merge field or parameter name; undefined (and recorded as missing) when nobody gives one. */
  find(name: string, example?: unknown, required = true): unknown {
    const pick = (src: Record<string, unknown>) => {
      if (Object.prototype.hasOwnProperty.call(src, name)) return { hit: true, value: src[name] };
      const key = Object.keys(src).find((k) => k.toLowerCase() === name.toLowerCase());
      return key === undefined ? { hit: false, value: undefined } : { hit: true, value: src[key] };
    };
    const given = pick(this.given);
    const test = given.hit ? given : pick(this.test);
    let value: unknown;
    let source: InputValue['source'];
    if (given.hit) [value, source] = [given.value, 'given'];
    else if (test.hit) [value, source] = [test.value, 'test.inputs'];
    else if (example !== undefined) [value, source] = [example, 'example'];
    else {
      if (required) {
        this.missing.add(name);
        this.used.set(name, { name, value: null, source: 'missing' });
      }
      return undefined;
    }
    this.used.set(name, { name, value, source });
    return value;
  }
}

/**
 * Fills the merge fields of a body template: a whole-string merge field keeps the input's JSON type. `keepUnknown`:
 * a merge field nobody gives a value stays as written (and is not counted missing) — a sample for a prompt.
 */
function fillTemplate(value: unknown, inputs: InputLookup, keepUnknown = false, depth = 0): unknown {
  if (depth > 64) return value;
  if (typeof value === 'string') {
    const whole = WHOLE_MERGE.exec(value);
    if (whole) {
      const v = inputs.find(whole[1], undefined, !keepUnknown);
      return v === undefined && keepUnknown ? value : v ?? null;
    }
    if (!value.includes('{!')) return value;
    return value.replace(MERGE, (m, expr: string) => {
      const v = inputs.find(expr, undefined, !keepUnknown);
      if (v === undefined && keepUnknown) return m;
      return v === undefined || v === null ? '' : String(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => fillTemplate(v, inputs, keepUnknown, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fillTemplate(v, inputs, keepUnknown, depth + 1);
    return out;
  }
  return value;
}

/**
 * The definition's request body sample as a start for a prompt (a flow send's body): the merge fields its
 * test.inputs fill are filled as its own send fills them; the others stay as written, for the user to replace.
 * Undefined when the definition has no request body.
 */
export function requestBodySample(def: CalloutDefinition): unknown {
  const template = def.requestBody;
  return template ? fillTemplate(toValue(template), new InputLookup({}, def.testInputs()), true) : undefined;
}

/** A parameter value as it goes into a URL: merge fields filled, scalars as text. */
function parameterText(value: unknown, inputs: InputLookup): string {
  const filled = fillTemplate(value, inputs);
  if (filled === null || filled === undefined) return '';
  return typeof filled === 'object' ? JSON.stringify(filled) : String(filled);
}

export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

function encodeBody(body: unknown, contentType: string): string {
  if (/x-www-form-urlencoded/i.test(contentType)) {
    const form = new URLSearchParams();
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      for (const [k, v] of Object.entries(body)) form.append(k, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
    return form.toString();
  }
  if (/^text\//i.test(contentType) && typeof body === 'string') return body;
  return JSON.stringify(body);
}

/** `body`: the request body as the caller has it (a flow's body input), instead of the definition's sample template. */
export function buildRequest(def: CalloutDefinition, baseUrl: string, given: Record<string, unknown> = {}, body?: { value: unknown }): BuiltRequest {
  const inputs = new InputLookup(given, def.testInputs());
  const findings: Finding[] = [];
  const method = def.method;

  const pathParams = new Map(def.parameters('pathParameters').map((p) => [p.name, p]));
  const path = def.path.replace(/\{([^{}]+)\}/g, (_m, name: string) => {
    const v = inputs.find(name, pathParams.get(name)?.example);
    return v === undefined ? `{${name}}` : encodeURIComponent(parameterText(v, inputs));
  });
  const url = new URL(joinUrl(baseUrl, path));
  for (const p of def.parameters('query')) {
    const v = inputs.find(p.name, p.example, p.required);
    if (v === undefined) continue;
    url.searchParams.append(p.name, parameterText(v, inputs));
  }

  const headers: HeaderPair[] = [];
  let bodyText: string | undefined;
  const template = def.requestBody;
  if ((template || body) && BODY_METHODS.has(method)) {
    const contentType = def.requestContentType;
    bodyText = encodeBody(body ? body.value : fillTemplate(toValue(template!), inputs), contentType);
    headers.push({ name: 'Content-Type', value: /json/i.test(contentType) ? 'application/json; charset=UTF-8' : contentType });
  } else if (template) {
    findings.push({ severity: 'warning', code: 'body-ignored', message: `${method} sends no body, so the request body sample is not sent. Use POST, PUT or PATCH, or remove request.body.` });
  }
  const success = def.responses().find((r) => /^2/.test(r.key));
  headers.push({ name: 'Accept', value: success?.contentType ?? 'application/json' });
  headers.push({ name: 'User-Agent', value: USER_AGENT });

  return { method, url: url.toString(), headers, body: bodyText, inputs: [...inputs.used.values()], missing: [...inputs.missing], findings };
}
