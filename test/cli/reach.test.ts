// `flow-callout validate` on a project whose callouts hide behind a subflow, an Apex helper class and a
// managed-package action declared in .flowcallout.json: the findings, their chain (text and SARIF related
// locations), the settings file's own errors, and ignore globs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { flowCallout, repoRoot } from './flowCallout';
import { FLOWS, reachProject as project } from './reachProject';

test('validate: callouts through a subflow, an Apex helper and a declared package action, with the chain', () => {
  // RatesApi's registration is not in this project; its unknown-action warning is turned off.
  const dir = project('{ "rules": { "flow-unknown-action": "off" }, "calloutActions": ["dfsle__*"], "ignore": ["force-app/main/default/flows/legacy/**"] }');
  try {
    const r = flowCallout(['validate', '.'], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const findings = r.stdout.split('\n').filter((l) => /: (error|warning|info) /.test(l)).map((l) => l.replace(/: (error|warning|info) .*\[(.+)\]$/, ' $1 $2'));
    assert.deepEqual(findings, [
      `${FLOWS}/Opportunity_Pricing.flow-meta.xml:5:15 error flow-sync-callout`,
      `${FLOWS}/Opportunity_Pricing.flow-meta.xml:14:15 error flow-sync-callout`,
      `${FLOWS}/Opportunity_Pricing.flow-meta.xml:22:15 error flow-sync-callout`,
    ]);
    assert.match(r.stdout, /Price_Opportunity runs subflow Fetch_Exchange_Rates, which makes an HTTP callout \(Fetch_Exchange_Rates → Get_Rates\), on the synchronous path/);
    assert.ok(r.stdout.includes(`\n  ↳ ${FLOWS}/Fetch_Exchange_Rates.flow-meta.xml:5:15: Fetch_Exchange_Rates: Get_Rates makes an HTTP callout (External Service action RatesApi.getLatest)\n`), r.stdout);
    // The ignored broken flow is not checked (it would be an XML syntax error).
    assert.match(r.stdout, /2 file\(s\) checked: 3 error\(s\)/);

    const sarif = flowCallout(['validate', '.', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(sarif.stdout);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sarif-2.1.0-subset.schema.json'), 'utf8')));
    assert.ok(validate(structuredClone(log)), JSON.stringify(validate.errors, null, 2));
    const sub = log.runs[0].results.find((x: { message: { text: string } }) => x.message.text.startsWith('Price_Opportunity'));
    assert.deepEqual(sub.relatedLocations, [{
      id: 0, message: { text: 'Fetch_Exchange_Rates: Get_Rates makes an HTTP callout (External Service action RatesApi.getLatest)' },
      physicalLocation: { artifactLocation: { uri: `${FLOWS}/Fetch_Exchange_Rates.flow-meta.xml`, uriBaseId: 'SRCROOT' }, region: { startLine: 5, startColumn: 15, endLine: 5, endColumn: 24 } },
    }]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('validate: a misspelt rule or severity in .flowcallout.json is an error in that file, and is not applied', () => {
  const dir = project('{\n  "rules": { "flow-sync-calout": "off", "flow-sync-callout": "of" }\n}\n');
  try {
    const r = flowCallout(['validate', `${FLOWS}/Fetch_Exchange_Rates.flow-meta.xml`], { cwd: dir });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^\.flowcallout\.json:2:14: error Unknown rule "flow-sync-calout" \(did you mean "flow-sync-callout"\?\)/m);
    assert.match(r.stdout, /^\.flowcallout\.json:2:62: error Severity "of" for rule "flow-sync-callout" is not one of "error", "warning", "info", "off"/m);
    // Without the valid entry nothing is turned off: the broken legacy flow is checked too.
    const all = flowCallout(['validate', '.'], { cwd: dir });
    assert.match(all.stdout, /legacy\/Broken\.flow-meta\.xml:1:\d+: error .*\[xml-syntax\]/);
    assert.match(all.stdout, /flow-sync-callout\]/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
