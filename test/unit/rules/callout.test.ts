// Each callout rule: a case that fires at exact ranges (⟦…⟧) and a case that does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { def, demoProject, expectRanges, validate } from '../helpers';
import { CALLOUT_RULES } from '../../../server/src/core/rules/callout';
import { validateCalloutText } from '../../../server/src/core/validate/callout';

const R = (sample: string, extra = '') => def(`responses:\n  2XX:\n    sample: ${sample}\n  4XX:\n    sample: { error: x }\n${extra}`);

test('every rule has an id, a severity, a doc line and a source', () => {
  const ids = new Set<string>();
  for (const r of CALLOUT_RULES) {
    assert.match(r.id, /^callout-[a-z0-9-]+$/);
    assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
    ids.add(r.id);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(r.defaultSeverity));
    assert.ok(r.doc.length > 20 && r.source.length > 5, r.id);
  }
});

test('callout-mixed-array', () => {
  expectRanges(R('{ tags: ⟦[one, 2, three]⟧, ok: [1, 2] }'), 'callout-mixed-array');
  expectRanges(R('{ tags: [one, two], nums: [1, 2.5], withNull: [a, null] }'), 'callout-mixed-array');
});

test('callout-mixed-array also checks the request body', () => {
  expectRanges(def('request:\n  body: { ids: ⟦[1, "a"]⟧ }\nresponses: { 2XX: { sample: {} }, 4XX: { sample: {} } }\n'), 'callout-mixed-array');
});

test('callout-nested-list', () => {
  expectRanges(R('{ matrix: ⟦[[1, 2], [3, 4]]⟧ }'), 'callout-nested-list');
  expectRanges(R('{ rows: [{ cells: [1, 2] }] }'), 'callout-nested-list');
});

test('callout-null-sample: null without an override, and empty lists', () => {
  const [p] = expectRanges(R('{ id: a, middleName: ⟦null⟧, tags: ⟦[]⟧ }'), 'callout-null-sample');
  assert.match(p.message, /types: \{ 2XX\.middleName: String \}/);
  expectRanges(R('{ id: a, middleName: null }', 'types:\n  2XX.middleName: String\n'), 'callout-null-sample');
});

test('callout-number-type: floats and longs need an override', () => {
  const ps = expectRanges(R('{ score: ⟦87.5⟧, big: ⟦12345678901⟧, count: 3, whole: ⟦2.0⟧ }'), 'callout-number-type');
  assert.match(ps[0].message, /Double/);
  expectRanges(R('{ score: 87.5 }', 'types:\n  2XX.score: Double\n'), 'callout-number-type');
});

test('callout-number-type in JSON uses the source text (2.0 is a float)', () => {
  expectRanges('{"name": "A", "namedCredential": "C", "method": "GET", "path": "/x", "responses": {"2XX": {"sample": {"a": ⟦2.0⟧, "b": 2}}, "4XX": {"sample": {}}}}', 'callout-number-type', { fileName: 'x.callout.json' });
});

test('callout-enum-type', () => {
  expectRanges(def('query:\n  status: { type: String, ⟦enum⟧: [open, closed] }\nresponses: { 2XX: { sample: {} }, 4XX: { sample: {} } }\n'), 'callout-enum-type');
  expectRanges(def('query:\n  status: { type: String }\nresponses: { 2XX: { sample: {} }, 4XX: { sample: {} } }\n'), 'callout-enum-type');
});

test('callout-nesting-depth: more than 15 levels', () => {
  let deep = '1';
  for (let i = 0; i < 16; i++) deep = `{ l${i}: ${deep} }`;
  const problems = validate(R(deep)).filter((p) => p.code === 'callout-nesting-depth');
  assert.equal(problems.length, 1);
  // The 15-level limit is unverified in the current Help (C9): a warning that says so.
  assert.equal(problems[0].severity, 'warning');
  assert.match(problems[0].message, /a 2023 Salesforce Help text limits samples to 15 \(not found in the current Help/);
  let ok = '1';
  for (let i = 0; i < 14; i++) ok = `{ l${i}: ${ok} }`;
  assert.equal(validate(R(ok)).filter((p) => p.code === 'callout-nesting-depth').length, 0);
});

test('callout-empty-response with a fix to {}', () => {
  const [p] = expectRanges(def('responses:\n  2XX:\n    sample: ⟦""⟧\n  4XX: { sample: {} }\n'), 'callout-empty-response');
  assert.deepEqual(p.fix && p.fix.kind === 'replace' && p.fix.newText, '{}');
  expectRanges(def('responses:\n  2XX:\n    sample: {}\n  4XX: { sample: [] }\n'), 'callout-empty-response');
});

test('callout-body-not-allowed: an error for GET, a warning for DELETE (only GET is documented, C8)', () => {
  const [get] = expectRanges('name: A\nnamedCredential: C\nmethod: GET\npath: /x\nrequest:\n  ⟦body⟧: { a: 1 }\nresponses: { 2XX: { sample: {} } }\n', 'callout-body-not-allowed');
  assert.equal(get.severity, 'error');
  const [del] = expectRanges('name: A\nnamedCredential: C\nmethod: DELETE\npath: /x\nrequest:\n  ⟦body⟧: { a: 1 }\nresponses: { 2XX: { sample: {} } }\n', 'callout-body-not-allowed');
  assert.equal(del.severity, 'warning');
  assert.match(del.message, /documents only GET as refusing a body/);
  expectRanges('name: A\nnamedCredential: C\nmethod: PATCH\npath: /x\nrequest:\n  body: { a: 1 }\nresponses: { 2XX: { sample: {} } }\n', 'callout-body-not-allowed');
});

test('callout-request-header names the credential to use', async () => {
  const project = await demoProject();
  const [p] = expectRanges('name: A\nnamedCredential: ExternalCRM\nmethod: GET\npath: /x\n⟦headers⟧: { X-Api-Key: abc }\nrequest:\n  ⟦headers⟧: { Accept: json }\nresponses: { 2XX: { sample: {} } }\n', 'callout-request-header', { project });
  assert.match(p.message, /\$Credential\.ExternalCRM\./);
  expectRanges('name: A\nnamedCredential: C\nmethod: GET\npath: /x\nresponses: { 2XX: { sample: {} } }\n', 'callout-request-header');
});

test('callout-service-name with a rename fix', () => {
  const [p] = expectRanges('name: ⟦External CRM_Leads⟧\nnamedCredential: C\nmethod: GET\npath: /x\nresponses: { 2XX: { sample: {} } }\n', 'callout-service-name');
  assert.equal(p.fix?.kind === 'replace' && p.fix.newText, 'ExternalCRMLeads');
  expectRanges('name: ⟦9Lives⟧\nnamedCredential: C\nmethod: GET\npath: /x\nresponses: { 2XX: { sample: {} } }\n', 'callout-service-name');
  expectRanges('name: ExternalCrm2\nnamedCredential: C\nmethod: GET\npath: /x\nresponses: { 2XX: { sample: {} } }\n', 'callout-service-name');
});

test('callout-encoded-name says the generated name', () => {
  const ps = expectRanges(R('{ ⟦type⟧: a, ⟦first-name⟧: b, ⟦last_name⟧: c, plain: d }'), 'callout-encoded-name');
  assert.match(ps[0].message, /"z0type"/);
  assert.match(ps[1].message, /"firstx2dname"/);
  assert.match(ps[2].message, /"lastx5fname"/);
});

test('callout-only-2xx, with a fix that inserts a 4XX sample in YAML and JSON', () => {
  const [p] = expectRanges(def('⟦responses⟧:\n  2XX:\n    sample: { id: a }\n'), 'callout-only-2xx');
  assert.ok(p.fix?.kind === 'replace');
  const text = def('responses:\n  2XX:\n    sample: { id: a }\n');
  if (p.fix?.kind === 'replace') {
    const fixed = text.slice(0, p.fix.offset) + p.fix.newText + text.slice(p.fix.offset + p.fix.length);
    assert.equal(validate(fixed).filter((x) => x.code === 'callout-only-2xx' || x.code === 'schema' || x.code === 'yaml-syntax').length, 0, fixed);
  }
  const json = '{"name": "A", "namedCredential": "C", "method": "GET", "path": "/x", "responses": {\n  "2XX": {"sample": {}}\n}}';
  const [j] = validate(json, 'x.callout.json').filter((x) => x.code === 'callout-only-2xx');
  assert.ok(j.fix?.kind === 'replace');
  if (j.fix?.kind === 'replace') {
    const fixed = json.slice(0, j.fix.offset) + j.fix.newText + json.slice(j.fix.offset);
    assert.deepEqual(validate(fixed, 'x.callout.json').filter((x) => x.severity === 'error'), []);
  }
  expectRanges(R('{ id: a }'), 'callout-only-2xx');
});

test('callout-output-unknown with did-you-mean', () => {
  const ps = expectRanges(R('{ id: a, items: [{ sku: x }] }', 'outputs:\n  - { from: ⟦2XX.idd⟧, to: v }\n  - { from: 2XX.items.sku, to: w }\n  - { from: ⟦5XX.error⟧, to: x }\n  - { from: responseCode, to: y }\n  - { from: 4XX, to: z }\n'), 'callout-output-unknown');
  assert.match(ps[0].message, /Did you mean "2XX.id"/);
  assert.match(ps[1].message, /"5XX" is not a declared response/);
});

test('callout-output-list-field: a field read through a list sample or a list field', () => {
  const ps = expectRanges(R('{ id: a, items: [{ sku: x, tags: [a] }], owner: { name: n } }', 'outputs:\n  - { from: ⟦2XX.items.sku⟧, to: w }\n  - { from: 2XX.items, to: list }\n  - { from: 2XX.owner.name, to: n }\n  - { from: 2XX.id, to: i }\n  - { from: ⟦2XX.items.tags⟧, to: t }\n'), 'callout-output-list-field');
  assert.match(ps[0].message, /"2XX.items" is a list.*collection variable/);
  const top = expectRanges(def('responses:\n  200:\n    sample: [{ title: t }]\n  4XX: { sample: {} }\noutputs:\n  - { from: ⟦200.title⟧, to: first }\n  - { from: 200, to: all }\n'), 'callout-output-list-field');
  assert.match(top[0].message, /"200" is a list/);
});

test('callout-path-parameter: undeclared and unused', () => {
  expectRanges(def('pathParameters:\n  ⟦unused⟧: { type: String }\nresponses: { 2XX: { sample: {} }, 4XX: { sample: {} } }\n', 'name: A\nnamedCredential: C\nmethod: GET\npath: /accounts/⟦{id}⟧\n'), 'callout-path-parameter');
  expectRanges(def('pathParameters:\n  id: { type: String }\nresponses: { 2XX: { sample: {} }, 4XX: { sample: {} } }\n', 'name: A\nnamedCredential: C\nmethod: GET\npath: /accounts/{id}\n'), 'callout-path-parameter');
});

test('callout-type-override-unknown', () => {
  expectRanges(R('{ score: 1.5 }', 'types:\n  2XX.score: Double\n  ⟦2XX.scor⟧: Double\n'), 'callout-type-override-unknown');
});

test('callout-named-credential is checked against the project and suggests a close name', async () => {
  const project = await demoProject();
  const [p] = expectRanges('name: A\nnamedCredential: ⟦ExternalCRN⟧\nmethod: GET\npath: /x\nresponses: { 2XX: { sample: {} } }\n', 'callout-named-credential', { project });
  assert.match(p.message, /Did you mean "ExternalCRM"/);
  assert.match(p.message, /force-app\/\*\*\/namedCredentials\//);
  assert.equal(p.severity, 'warning', 'a near name among the project\'s credentials looks like a typo');
  // A name far from every credential the project has may live only in the org: an info note naming the retrieve.
  const [far] = expectRanges('name: A\nnamedCredential: ⟦Billing_System⟧\nmethod: GET\npath: /x\nresponses: { 2XX: { sample: {} } }\n', 'callout-named-credential', { project });
  assert.equal(far.severity, 'info');
  assert.match(far.message, /sf project retrieve start --metadata NamedCredential:Billing_System/);
  assert.doesNotMatch(far.message, /Did you mean/);
  expectRanges('name: A\nnamedCredential: OpenMeteo\nmethod: GET\npath: /x\nresponses: { 2XX: { sample: {} } }\n', 'callout-named-credential', { project });
  // Without a project (a single file) the rule cannot know, so it says nothing.
  expectRanges('name: A\nnamedCredential: Nope\nmethod: GET\npath: /x\nresponses: { 2XX: { sample: {} } }\n', 'callout-named-credential');
});

test('callout-merge-field: syntax, $Record fields of the object, globals, flow variables', async () => {
  const project = await demoProject();
  const src = `name: A\nnamedCredential: ExternalCRM\nmethod: POST\npath: /x\nobject: Lead\nrequest:\n  body:\n    a: "{!$Record.⟦Emial⟧}"\n    b: "{!$Record.External_Id__c}"\n    c: "{!$User.Email}"\n    d: "{!⟦$Usr⟧.Email}"\n    e: "⟦{!⟧$Record.Name"\n    f: "{!$Flow.⟦CurrentDat⟧}"\n    f2: "{!$Flow.Unknown_But_Maybe_New}"\n    g: "{!$Label.Anything}"\n    h: "{!$Record.Owner.Name}"\nresponses: { 2XX: { sample: {} }, 4XX: { sample: {} } }\n`;
  const ps = expectRanges(src, 'callout-merge-field', { project });
  assert.match(ps[0].message, /Lead has no field "Emial". Did you mean "Email"/);
  assert.equal(ps[0].fix?.kind, 'replace-any');
});

test('callout-merge-field resolves flow variables through the linked flow', async () => {
  const project = await demoProject();
  const flow = 'flow: force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml\n';
  expectRanges(`name: A\nnamedCredential: ExternalCRM\nmethod: POST\npath: /x\n${flow}request:\n  body:\n    a: "{!errorMessage}"\n    b: "{!⟦errMessage⟧}"\n    c: "{!$Record.Company}"\nresponses: { 2XX: { sample: {} }, 4XX: { sample: {} } }\n`, 'callout-merge-field', { project });
});

test('callout-merge-field in a JSON definition: strings with and without merge fields, escapes, lists', async () => {
  const project = await demoProject();
  const body = '{ "a": "{!$Record.⟦Emial⟧}", "b": "plain text with { and ! apart", "c": "x {!$User.Email} y {!⟦$Usr⟧.Email}", "d": "⟦{!⟧$Record.Name", "e": "\\u007b!$Record.Nope}", "f": ["{!$Record.⟦Compny⟧}", 3, "no merge"], "g": "tab\\t{!$Record.⟦Titl⟧}" }';
  const src = `{ "name": "A", "namedCredential": "ExternalCRM", "method": "POST", "path": "/x", "object": "Lead",\n  "request": { "body": ${body} },\n  "responses": { "2XX": { "sample": {} }, "4XX": { "sample": {} } } }\n`;
  expectRanges(src, 'callout-merge-field', { fileName: 'x.callout.json', project });
  // The same text on the exact JSON path (a comment keeps it off the lazy one): the same findings.
  expectRanges(`// exact path\n${src}`, 'callout-merge-field', { fileName: 'x.callout.json', project });
});

test('callout-linked-flow', async () => {
  const project = await demoProject();
  expectRanges('name: A\nnamedCredential: ExternalCRM\nmethod: GET\npath: /x\nflow: ⟦flows/Missing.flow-meta.xml⟧\nresponses: { 2XX: { sample: {} } }\n', 'callout-linked-flow', { project });
});

test('callout-output-variable: unknown variable and type mismatches against the linked flow', async () => {
  const project = await demoProject();
  const flow = 'flow: force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml\n';
  const src = `name: ExternalCrmLeads\noperation: createLead\nnamedCredential: ExternalCRM\nmethod: POST\npath: /x\n${flow}responses:\n  2XX: { sample: { id: a, score: 3, tags: [x] } }\n  4XX: { sample: { message: m } }\noutputs:\n  - { from: 2XX.id, to: externalLeadId }\n  - { from: 2XX.id, to: ⟦crmScore⟧ }\n  - { from: 2XX.tags, to: ⟦errorMessage⟧ }\n  - { from: 2XX, to: createdLead }\n  - { from: 4XX.message, to: ⟦errorMesage⟧ }\n  - { from: responseCode, to: calloutStatus }\n`;
  const ps = expectRanges(src, 'callout-output-variable', { project });
  assert.match(ps[0].message, /String; the variable is Number/);
  assert.match(ps[1].message, /list/);
  assert.match(ps[2].message, /Did you mean "errorMessage"/);
});

test('severity overrides turn rules off or change their level', () => {
  const text = R('{ type: a, n: null }');
  assert.equal(validate(text).find((p) => p.code === 'callout-encoded-name')?.severity, 'info');
  const changed = validateCalloutText(text, 'x.callout.yaml', { severities: { 'callout-encoded-name': 'error', 'callout-null-sample': 'off' } });
  assert.equal(changed.find((p) => p.code === 'callout-encoded-name')?.severity, 'error');
  assert.equal(changed.find((p) => p.code === 'callout-null-sample'), undefined);
});
