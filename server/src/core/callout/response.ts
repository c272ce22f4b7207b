// Reads a response body the way External Services would by its content type (reference §1.5: JSON,
// text/plain, application/x-www-form-urlencoded, application/octet-stream). A body that does not parse is a
// finding, never an exception.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { DISPLAY_LIMIT, type BodyKind, type Finding, type ResponseBody } from './result';

export interface ParsedBody {
  body: ResponseBody;
  /** The full parsed value (not cut for display): JSON, a form object, or the text. */
  value?: unknown;
  findings: Finding[];
}

export function bodyKindOf(contentType: string, bytes: Buffer): BodyKind {
  if (!bytes.length) return 'empty';
  const ct = contentType.toLowerCase();
  if (/[/+]json\b/.test(ct)) return 'json';
  if (ct.includes('application/x-www-form-urlencoded')) return 'form';
  if (/^text\/|xml|html|javascript/.test(ct)) return 'text';
  if (ct.includes('octet-stream') || /^(image|audio|video|font)\/|application\/(pdf|zip|gzip)/.test(ct)) return 'binary';
  // No (or an unknown) content type: JSON if it looks like JSON, text if it decodes, else binary.
  const text = bytes.subarray(0, 4096).toString('utf8');
  if (/^\s*[[{]/.test(text)) return 'json';
  return looksBinary(bytes) ? 'binary' : 'text';
}

function looksBinary(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 4096);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) odd++;
  }
  return odd > n / 10;
}

function hexPreview(bytes: Buffer): string {
  const n = Math.min(bytes.length, 256);
  const lines: string[] = [];
  for (let i = 0; i < n; i += 16) {
    const row = bytes.subarray(i, Math.min(i + 16, n));
    lines.push(`${i.toString(16).padStart(8, '0')}  ${[...row].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`);
  }
  return `${bytes.length} bytes of binary data${bytes.length > n ? ` (first ${n} shown)` : ''}\n${lines.join('\n')}`;
}

/** Where the first JSON syntax error is, as ` at line L, column C (what)`. */
function jsonErrorPlace(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text.length > 4 * 1024 * 1024 ? text.slice(0, 4 * 1024 * 1024) : text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (!first) return '';
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const col = first.offset - before.lastIndexOf('\n');
  return ` at line ${line}, column ${col} (${printParseErrorCode(first.error)})`;
}

/**
 * The body as received, with findings. `notReadAsJson`: why the flow does not read this body as JSON (no declared
 * response matches, or the match is declared as text) — then broken JSON is a warning saying so, since what
 * Salesforce does with it is not known; without it the flow reads JSON and broken JSON is an error.
 */
export function parseResponseBody(bytes: Buffer, contentType: string, notReadAsJson?: string): ParsedBody {
  const kind = bodyKindOf(contentType, bytes);
  const findings: Finding[] = [];
  if (kind === 'empty') return { body: { kind, text: '', truncated: false }, findings };
  if (kind === 'binary') return { body: { kind, text: hexPreview(bytes), truncated: false }, value: bytes.toString('base64'), findings };
  const full = bytes.toString('utf8');
  const truncated = full.length > DISPLAY_LIMIT;
  const text = truncated ? full.slice(0, DISPLAY_LIMIT) : full;
  if (kind === 'json') {
    try {
      const value = JSON.parse(full) as unknown;
      return { body: { kind, text, truncated, value: truncated ? undefined : value }, value, findings };
    } catch (e) {
      const message = (e as Error).message;
      findings.push({
        severity: notReadAsJson ? 'warning' : 'error', code: 'invalid-json',
        message: `The response says it is JSON (${contentType || 'no Content-Type'}) but does not parse${jsonErrorPlace(full)}: ${message}.${notReadAsJson ? ` ${notReadAsJson}` : " Salesforce could not read it into the Flow output; fix the API's response or its Content-Type."}`,
      });
      return { body: { kind: 'text', text, truncated }, value: full, findings };
    }
  }
  if (kind === 'form') {
    const value: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(full)) {
      const prev = value[k];
      value[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    return { body: { kind, text, truncated, value }, value, findings };
  }
  return { body: { kind, text, truncated }, value: full, findings };
}
