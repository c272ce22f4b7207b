// The one rule runner (core/rules/runner.ts), through the real validation of each rule family: a rule that
// throws yields one warning naming it as an internal error to report, and every other rule still reports what
// it reports without it. A rule set to off is not run at all.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { validateFlowText } from '../../../server/src/core/flow/validate';
import type { Problem } from '../../../server/src/core/model/problem';
import { CALLOUT_RULES } from '../../../server/src/core/rules/callout';
import { FLOW_RULES } from '../../../server/src/core/rules/flow';
import { internalProblem, INTERNAL_CODE, runRules, type Rule } from '../../../server/src/core/rules/runner';
import { validateCalloutText } from '../../../server/src/core/validate/callout';
import { demoProject, examplesRoot } from '../helpers';

const definitionFile = path.join(examplesRoot, 'callouts', 'ExternalCrmLeads.callout.yaml');
const flowFile = path.join(examplesRoot, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml');

/** Runs `check` with `rule` first in `rules` (so every real rule runs after it), then takes it out again. */
function withRule<R>(rules: R[], rule: R, check: () => void): void {
  rules.unshift(rule);
  try {
    check();
  } finally {
    rules.splice(rules.indexOf(rule), 1);
  }
}

const thrower = (id: string) => ({
  id, defaultSeverity: 'error' as const, doc: 'Throws (test).', source: 'test',
  check(): void {
    throw new TypeError("Cannot read properties of undefined (reading 'name')");
  },
});

function assertOneInternal(problems: Problem[], without: Problem[], id: string): void {
  const internal = problems.filter((p) => p.code === INTERNAL_CODE);
  assert.equal(internal.length, 1, JSON.stringify(internal));
  assert.equal(internal[0].severity, 'warning');
  assert.deepEqual([internal[0].offset, internal[0].length], [0, 1]);
  assert.match(internal[0].message, new RegExp(`^Internal error in Flow Callout Studio: rule ${id} failed on this file \\(Cannot read properties of undefined \\(reading 'name'\\)\\)`));
  assert.match(internal[0].message, /please report it with the file attached/);
  assert.match(internal[0].message, new RegExp(`"${id}": "off" in \\.flowcallout\\.json`));
  // The other rules ran: the same findings as without the throwing rule.
  assert.deepEqual(problems.filter((p) => p.code !== INTERNAL_CODE), without);
}

test('a callout rule that throws: one internal warning naming it, the other callout rules still report', async () => {
  const project = await demoProject();
  // A definition with findings of its own (a misspelt named credential), so "the others still ran" is seen.
  const text = readFileSync(definitionFile, 'utf8').replace('namedCredential: ExternalCRM', 'namedCredential: ExternalCRN');
  const without = validateCalloutText(text, definitionFile, { project });
  assert.ok(without.some((p) => p.code.startsWith('callout-')), JSON.stringify(without));
  withRule(CALLOUT_RULES, thrower('callout-test-throws'), () => {
    assertOneInternal(validateCalloutText(text, definitionFile, { project }), without, 'callout-test-throws');
  });
});

test('a flow rule that throws: one internal warning naming it, the other flow rules still report', async () => {
  const project = await demoProject();
  const text = readFileSync(flowFile, 'utf8').replace('<elementReference>$Record.Company</elementReference>', '<elementReference>$Record.Compnay</elementReference>');
  const without = validateFlowText(text, { project });
  assert.ok(without.some((p) => p.code === 'flow-record-field'), JSON.stringify(without));
  withRule(FLOW_RULES, thrower('flow-test-throws'), () => {
    assertOneInternal(validateFlowText(text, { project }), without, 'flow-test-throws');
  });
});

test('a rule set to off is not run (its failure is not reported either)', async () => {
  const project = await demoProject();
  const text = readFileSync(flowFile, 'utf8');
  withRule(FLOW_RULES, thrower('flow-test-throws'), () => {
    const problems = validateFlowText(text, { project, severities: { 'flow-test-throws': 'off' } });
    assert.deepEqual(problems, validateFlowText(text, { project }).filter((p) => p.code !== INTERNAL_CODE));
  });
});

test('runRules: codes and default severities filled in, a rule\'s own severity kept, cancellation between rules', () => {
  type Ctx = { report: (p: { offset: number; length: number; message: string; severity?: 'info' }) => void };
  let cancelled = false;
  const rules: Rule<Ctx>[] = [
    { id: 'a', defaultSeverity: 'error', doc: '', source: '', check: (ctx) => ctx.report({ offset: 1, length: 2, message: 'A' }) },
    { id: 'b', defaultSeverity: 'error', doc: '', source: '', check: (ctx) => { ctx.report({ offset: 3, length: 1, message: 'B', severity: 'info' }); cancelled = true; } },
    { id: 'c', defaultSeverity: 'warning', doc: '', source: '', check: (ctx) => ctx.report({ offset: 0, length: 1, message: 'C' }) },
  ];
  const problems: Problem[] = [];
  runRules(rules, (report) => ({ report }), problems, { isCancelled: () => cancelled });
  assert.deepEqual(problems, [
    { offset: 1, length: 2, message: 'A', code: 'a', severity: 'error' },
    { offset: 3, length: 1, message: 'B', code: 'b', severity: 'info' },
  ]);
});

test('a whole-file failure is reported the same way, without a rule', () => {
  const p = internalProblem(new Error('Maximum call stack size exceeded'));
  assert.equal(p.code, INTERNAL_CODE);
  assert.equal(p.severity, 'warning');
  assert.equal(p.message, 'Internal error in Flow Callout Studio: this file could not be checked (Maximum call stack size exceeded). This is a bug, not a problem in the file: please report it with the file attached.');
});
