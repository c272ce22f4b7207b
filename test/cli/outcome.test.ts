// `flow-callout validate` on the outcome fixture (test/fixtures/outcome): the declared-error-response rule,
// hard-coded endpoints and hard-coded Ids — false shapes (a Decision on responseCode, links in an email body,
// DTD/xmlns URIs, help links) silent, true shapes at exact positions; all warnings, so the exit code is 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flowCallout, repoRoot } from './flowCallout';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'outcome');
const flows = path.join(fixture, 'force-app', 'main', 'default', 'flows');

interface Reported {
  file: string;
  problems: { offset: number; length: number; code: string; severity: string; message: string; line: number; column: number }[];
}

test('validate: unread declared error responses, endpoints and Ids at exact positions; links and checked responses silent', () => {
  const r = flowCallout(['validate', '.', '--format', 'json'], { cwd: fixture });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const files = JSON.parse(r.stdout) as Reported[];
  const found = files.flatMap((f) => f.problems.map((p) => {
    const text = fs.readFileSync(f.file, 'utf8');
    return `${path.basename(f.file)}:${p.line}:${p.column} ${p.severity} ${p.code} ${text.slice(p.offset, p.offset + p.length)}`;
  })).sort();
  const at = (file: string, anchor: string, needle: string) => {
    const text = fs.readFileSync(path.join(flows, file), 'utf8');
    assert.ok(text.includes(anchor), anchor);
    const offset = text.indexOf(anchor) + anchor.indexOf(needle);
    const before = text.slice(0, offset).split('\n');
    return `${file}:${before.length}:${before[before.length - 1].length + 1}`;
  };
  assert.deepEqual(found, [
    `${at('Case_Escalation.flow-meta.xml', "= &apos;00G5e000003AbCdEAK", '00G5e000003AbCdEAK')} warning flow-hardcoded-id 00G5e000003AbCdEAK`,
    `${at('Case_Escalation.flow-meta.xml', '/Account/001Dn00000AbCdE/', '001Dn00000AbCdE')} warning flow-hardcoded-id 001Dn00000AbCdE`,
    `${at('Exchange_Rates_Refresh.flow-meta.xml', '<stringValue>https://api.rates.example.com/v6/latest/USD', 'https://api.rates.example.com/v6/latest/USD')} warning flow-hardcoded-url https://api.rates.example.com/v6/latest/USD`,
    `${at('Exchange_Rates_Refresh.flow-meta.xml', '<stringValue>https://hooks.example.net/finance/rates', 'https://hooks.example.net/finance/rates')} warning flow-hardcoded-url https://hooks.example.net/finance/rates`,
    `${at('Order_Submit_Unchecked.flow-meta.xml', '<name>Submit_Order</name>', 'Submit_Order')} warning flow-unread-error-response Submit_Order`,
    `${at('Registration_Confirmation.flow-meta.xml', 'https://acme-events.my.site.com/registrations/', 'https://acme-events.my.site.com/registrations/')} warning flow-hardcoded-url https://acme-events.my.site.com/registrations/`,
  ].sort());
  const unread = files.flatMap((f) => f.problems).find((p) => p.code === 'flow-unread-error-response');
  assert.match(unread?.message ?? '', /declares the error responses 404, 4XX, but nothing in the flow reads Submit_Order\.responseCode or 404Exc, 4XXExc/);
  const endpoint = files.flatMap((f) => f.problems).find((p) => p.message.includes('hooks.example.net'));
  assert.match(endpoint?.message ?? '', /passed to RatesPublisher input webhookUrl/);
});

test('rules: the catalog lists flow-unread-error-response with the fact it rests on', () => {
  const r = flowCallout(['rules'], { cwd: fixture });
  assert.equal(r.code, 0, r.stderr);
  const line = r.stdout.split('\n').findIndex((l) => l.includes('flow-unread-error-response'));
  assert.ok(line >= 0, r.stdout);
  assert.match(r.stdout.split('\n').slice(line, line + 4).join('\n'), /C12/);
});
