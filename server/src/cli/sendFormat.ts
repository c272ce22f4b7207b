// How `flow-callout send` prints a CalloutResult (text) and writes JUnit XML. Results are already masked.
import type { CalloutResult, OutputField } from '../core/callout';
import { BASE_URL_OPTION_SOURCE } from '../core/callout';

const MAX_BODY_LINES = 40;

function value(v: unknown, max = 60): string {
  const s = v === undefined ? '' : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function table(rows: string[][], indent = '    '): string[] {
  if (!rows.length) return [];
  const widths = rows[0].map((_, i) => Math.min(48, Math.max(...rows.map((r) => (r[i] ?? '').length))));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}

function flatten(fields: OutputField[], out: OutputField[] = []): OutputField[] {
  for (const f of fields) {
    out.push(f);
    if (f.children) flatten(f.children, out);
  }
  return out;
}

function prettyBody(r: CalloutResult): string[] {
  const body = r.response?.body;
  if (!body || body.kind === 'empty') return ['    (empty body)'];
  const text = body.kind === 'json' && body.value !== undefined ? JSON.stringify(body.value, null, 2) : body.text;
  const lines = text.split('\n');
  const shown = lines.slice(0, MAX_BODY_LINES).map((l) => `    ${l}`);
  if (lines.length > MAX_BODY_LINES || body.truncated) shown.push(`    … (${lines.length - MAX_BODY_LINES > 0 ? `${lines.length - MAX_BODY_LINES} more lines; ` : ''}--json prints everything)`);
  return shown;
}

export function formatResultText(r: CalloutResult, relFile: string): string {
  const out: string[] = [];
  out.push(`${r.definition.action}  ${relFile}  → ${r.environment}${r.request.baseUrlSource === BASE_URL_OPTION_SOURCE ? ` (base URL from --base-url: ${r.request.baseUrl})` : ''}`);
  out.push('  Request');
  out.push(`    ${r.request.method} ${r.request.url || '(not built)'}`);
  for (const h of r.request.headers) out.push(`    ${h.name}: ${h.value}`);
  if (r.request.body) out.push(`    ${r.request.body.length > 400 ? `${r.request.body.slice(0, 400)}…` : r.request.body}`);
  if (r.request.auth) out.push(`    auth: ${r.request.auth}`);
  if (r.mock) out.push(`    mock: answered ${r.mock.key} (HTTP ${r.mock.status}) because ${r.mock.reason}`);
  if (r.error) {
    out.push(`  Error (${r.error.code})`);
    out.push(`    ${r.error.message}`);
  }
  if (r.response) {
    const res = r.response;
    out.push(`  Response  ${res.status} ${res.statusText} · ${res.timing.totalMs} ms · ${res.sizeBytes} B · ${res.contentType || 'no content type'}`);
    for (const rd of res.redirects) out.push(`    redirected ${rd.status} → ${rd.to}${rd.droppedHeaders.length ? ` (not sent on: ${rd.droppedHeaders.join(', ')})` : ''}`);
    out.push(...prettyBody(r));
  }
  if (r.outputs) {
    const o = r.outputs;
    out.push(`  Flow outputs${o.key ? ` (${o.key}${o.apexClass ? ` → ${o.apexClass}` : ''})` : ' (no declared response matches)'}`);
    out.push(...table([['responseCode', 'Integer', '', String(o.responseCode)], ...flatten(o.fields).map((f) => [f.path, f.flowType, f.apexName, `${value(f.value)}${f.note ? `  (${f.note})` : ''}`])]));
  }
  if (r.variables.length) {
    out.push('  Flow variables');
    out.push(...table(r.variables.map((v) => [v.status === 'not-set' ? '–' : v.ok ? '✓' : '✗', `${v.variable} ← ${v.from}`, v.declaredType, value(v.value), v.reason ?? ''])));
  }
  out.push(`  Flow path  ${r.path.kind}: ${r.path.reason}`);
  if (r.path.faultMessage) out.push(`    $Flow.FaultMessage ≈ ${r.path.faultMessage}`);
  if (r.drift.length) {
    out.push('  Drift from the sample');
    for (const d of r.drift) out.push(`    ${d.kind.padEnd(8)} ${d.message}`);
  }
  for (const f of r.findings) out.push(`  ${f.severity}: ${f.message}`);
  if (r.expectations.length) {
    out.push('  Expectations');
    for (const e of r.expectations) out.push(`    ${e.pass ? '✓' : '✗'} ${e.message}`);
  }
  const failures = r.failures ?? [];
  if (!r.error && failures.length) {
    out.push('  Fails the case (the flow could not use this response)');
    // The flow path and the error findings are printed just above: name them instead of repeating them.
    for (const f of failures) {
      const shown = f.code === 'fault-path' && f.todo ? `the flow path above. ${f.todo}`
        : r.findings.some((x) => x.severity === 'error' && x.code === f.code && x.message === f.message) ? 'the error above' : f.message;
      out.push(`    ✗ ${f.code}: ${shown}`);
    }
  }
  out.push(`  ${r.error ? 'ERROR' : r.passed ? 'PASS' : 'FAIL'}`);
  return out.join('\n');
}

/** Text for XML attributes and content (invalid XML characters dropped). */
export function escapeXml(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JUnit XML: one testsuite per definition, a `send` test case plus one per expectation. */
export function formatJunit(results: { result: CalloutResult; file: string }[]): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let time = 0;
  for (const { result: r, file } of results) {
    const seconds = (r.response?.timing.totalMs ?? 0) / 1000;
    const cases: string[] = [];
    const name = escapeXml(r.definition.action);
    const verdict = r.error ? [] : r.failures ?? [];
    if (r.error) cases.push(`    <testcase classname="${name}" name="send" time="${seconds.toFixed(3)}">\n      <error type="${escapeXml(r.error.code)}" message="${escapeXml(r.error.message)}"/>\n    </testcase>`);
    else if (verdict.length) {
      // The send case itself fails when the flow could not use the response (callout/verdict.ts).
      cases.push(`    <testcase classname="${name}" name="send" time="${seconds.toFixed(3)}">\n      <failure type="${escapeXml(verdict[0].code)}" message="${escapeXml(verdict[0].message)}">${escapeXml(verdict.map((v) => `${v.code}: ${v.message}`).join('\n'))}</failure>\n    </testcase>`);
    } else cases.push(`    <testcase classname="${name}" name="send" time="${seconds.toFixed(3)}"/>`);
    for (const e of r.expectations) {
      cases.push(e.pass
        ? `    <testcase classname="${name}" name="${escapeXml(`expect ${e.name}`)}" time="0"/>`
        : `    <testcase classname="${name}" name="${escapeXml(`expect ${e.name}`)}" time="0">\n      <failure type="expectation" message="${escapeXml(e.message)}">expected ${escapeXml(e.expected)}, actual ${escapeXml(e.actual)}</failure>\n    </testcase>`);
    }
    const f = r.expectations.filter((e) => !e.pass).length + (verdict.length ? 1 : 0);
    const err = r.error ? 1 : 0;
    tests += cases.length;
    failures += f;
    errors += err;
    time += seconds;
    const out = r.variables.map((v) => `${v.status === 'not-set' ? '-' : v.ok ? 'ok' : 'NOT OK'} ${v.variable} <- ${v.from}: ${JSON.stringify(v.value)}${v.reason ? ` (${v.reason})` : ''}`).join('\n');
    suites.push(`  <testsuite name="${name}" tests="${cases.length}" failures="${f}" errors="${err}" skipped="0" time="${seconds.toFixed(3)}" timestamp="${escapeXml(r.startedAt.replace(/Z$/, ''))}" file="${escapeXml(file)}">\n    <properties>\n      <property name="environment" value="${escapeXml(r.environment)}"/>\n      <property name="flowPath" value="${escapeXml(r.path.kind)}"/>\n    </properties>\n${cases.join('\n')}\n    <system-out>${escapeXml(out)}</system-out>\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="flow-callout send" tests="${tests}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
