// Import → edit → generate must not break the flows that use a registration (issue 11, "Round trip without
// loss"). A Flow Builder (SchemaInferred) registration comes back as the same registration, and its flow still
// validates clean against the regenerated one; a Custom registration (multi-operation Swagger 2 / OpenAPI 3
// with headers, form parameters and $refs — test/fixtures/esr-project) imports into definitions that validate,
// generating from them is refused with what would break, and the flows keep validating clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateEsr } from '../../../server/src/core/generate/esr';
import { importEsr } from '../../../server/src/core/generate/importEsr';
import { validateFlowText } from '../../../server/src/core/flow/validate';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { nodeFs } from '../../../server/src/core/project/fs';
import { validateCalloutText } from '../../../server/src/core/validate/callout';
import { examplesRoot, repoRoot } from '../helpers';
import { definition, exampleDefinition } from './helpers';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'esr-project');
const esrDir = path.join(fixture, 'force-app', 'main', 'default', 'externalServiceRegistrations');
const flowFile = (name: string) => path.join(fixture, 'force-app', 'main', 'default', 'flows', `${name}.flow-meta.xml`);
const codes = (text: string, project: ProjectIndex) => validateFlowText(text, { project }).map((p) => `${p.code}: ${p.message}`);

function importFixture(name: string) {
  const xml = fs.readFileSync(path.join(esrDir, `${name}.externalServiceRegistration-meta.xml`), 'utf8');
  const sibling = path.join(esrDir, `${name}.yaml`);
  return importEsr({ name, xml, schemaText: fs.existsSync(sibling) ? fs.readFileSync(sibling, 'utf8') : undefined, source: `${name}.externalServiceRegistration-meta.xml` });
}

test('round trip, SchemaInferred: generate → import → edit a sample → generate; the flow using it still validates clean', async () => {
  const demoFlow = path.join(examplesRoot, 'force-app', 'main', 'default', 'flows', 'Lead_To_External_CRM.flow-meta.xml');
  const flowText = fs.readFileSync(demoFlow, 'utf8');
  const original = exampleDefinition(path.join(examplesRoot, 'callouts', 'ExternalCrmLeads.callout.yaml'));
  const esr = generateEsr(original);
  const imported = importEsr({ name: esr.name, xml: esr.xml });
  assert.deepEqual(imported.errors, []);
  const text = imported.definitions[0].text;
  assert.match(text, /registration:\n {2}name: ExternalCrmLeads\n {2}operation: createLead\n {2}providerType: SchemaInferred\n/);
  // Edit: one more response field, as a user would after a real call.
  const edited = text.replace(/( {4}sample:\n)( {6})/, '$1$2externalRef: CRM-0001\n$2');
  assert.notEqual(edited, text);
  const regenerated = generateEsr(definition(edited));
  assert.deepEqual(regenerated.errors, []);

  // The project as deployed: the regenerated registration and no callout definitions.
  const demo = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow });
  const project = new ProjectIndex(examplesRoot, { summarizeFlow });
  for (const [k, v] of demo.objectFields) project.objectFields.set(k, v);
  for (const [k, v] of demo.namedCredentials) project.namedCredentials.set(k, v);
  project.update(path.join(examplesRoot, 'force-app/main/default/externalServiceRegistrations', regenerated.fileName), regenerated.xml);
  assert.equal(project.callouts.size, 0);
  assert.deepEqual(codes(flowText, project), []);
  // The check has teeth: the same flow against a registration whose operation lost its outputs is reported.
  const broken = new ProjectIndex(examplesRoot, { summarizeFlow });
  broken.update(path.join(examplesRoot, 'force-app/main/default/externalServiceRegistrations', regenerated.fileName), regenerated.xml.replace(/createLead/g, 'makeLead'));
  assert.ok(codes(flowText, broken).some((c) => c.startsWith('flow-unknown-action')));
});

test('round trip, Custom: multi-operation Swagger 2 and decomposed OpenAPI 3 with headers and $refs import into valid definitions; generate refuses and says why', async () => {
  const project = await ProjectIndex.load(fixture, nodeFs, { summarizeFlow });
  const before = codes(fs.readFileSync(flowFile('Charge_Order'), 'utf8'), project);
  assert.deepEqual(before, []);

  const payment = importFixture('PaymentGateway');
  const loyalty = importFixture('LoyaltyCloud');
  assert.deepEqual([...payment.errors, ...loyalty.errors], []);
  assert.deepEqual(payment.definitions.map((d) => d.name), ['PaymentGatewayCreateCharge', 'PaymentGatewayGetCharge', 'PaymentGatewayRefundCharge']);
  assert.deepEqual(loyalty.definitions.map((d) => d.name), ['LoyaltyCloudGetMember', 'LoyaltyCloudRedeemPoints', 'LoyaltyCloudEnrollMember']);
  for (const d of [...payment.definitions, ...loyalty.definitions]) {
    // The importer writes nothing its own validator rejects, and no decimal without its `types:` entry.
    const problems = validateCalloutText(d.text, d.fileName).filter((p) => p.severity === 'error' || p.code === 'callout-number-type');
    assert.deepEqual(problems.map((p) => `${p.code}: ${p.message}`), [], `${d.name}:\n${d.text}`);
    const gen = generateEsr(definition(d.text, d.fileName));
    assert.equal(gen.errors.length, 1, d.name);
    const service = d.name.startsWith('Payment') ? 'PaymentGateway' : 'LoyaltyCloud';
    assert.match(gen.errors[0], new RegExp(`^${d.name} was imported from the Custom registration ${service}, so no registration is generated from it: .*flows calling ${service}\\.${d.operation} would lose it.*Edit ${service}\\.externalServiceRegistration-meta\\.xml`));
  }
  const create = payment.definitions[0];
  assert.match(create.notes[0], /PaymentGateway is a Custom registration: flows call PaymentGateway\.createCharge\. .*would lose its 3 operations in one service, the component type names \(ChargeRequest, Charge, Card, Error\) flows use as ExternalService__PaymentGateway_<Name>, the header parameters X-Merchant-Id, Idempotency-Key/);
  assert.ok(create.notes.some((n) => /The header "Idempotency-Key" \(required\) is an input of the registered action/.test(n)));
  // Form parameters become the form body of the definition.
  assert.match(payment.definitions[2].text, /request:\n {2}contentType: application\/x-www-form-urlencoded\n {2}body:\n {4}amount: 1\n {4}reason: duplicate\n/);
  assert.match(loyalty.definitions[1].text, /contentType: application\/x-www-form-urlencoded/);

  // The imported definitions sit in the project beside the registrations: the flows still resolve to the
  // registrations and validate exactly as before.
  for (const d of [...payment.definitions, ...loyalty.definitions]) project.update(path.join(fixture, 'callouts', d.fileName), d.text);
  assert.deepEqual(codes(fs.readFileSync(flowFile('Charge_Order'), 'utf8'), project), []);
  assert.deepEqual(codes(fs.readFileSync(flowFile('Redeem_Points'), 'utf8'), project).map((c) => c.replace(/:.*/, '')), ['flow-unread-error-response', 'flow-unread-error-response', 'flow-action-input', 'flow-action-input']);
});

test('import: a DELETE body is left out with a note, decimals get a Double override, Interagent is named as unsupported', () => {
  const doc = {
    openapi: '3.0.1', info: { title: 'Catalog', version: '3' },
    paths: { '/items/{sku}': { delete: {
      operationId: 'retireItem',
      parameters: [{ name: 'sku', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { reason: { type: 'string' } } } } } },
      responses: { '200': { description: 'Retired', content: { 'application/json': { schema: { type: 'object', properties: { lastPrice: { type: 'number', format: 'float' }, weightKg: { type: 'number' } } } } } } },
    } } },
  };
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const xml = (schema: string, type = 'OpenApi3') => `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalServiceRegistration xmlns="http://soap.sforce.com/2006/04/metadata"><label>Catalog</label><namedCredentialReference>Catalog</namedCredentialReference><registrationProviderType>Custom</registrationProviderType><schema>${esc(schema)}</schema><schemaType>${type}</schemaType></ExternalServiceRegistration>`;
  const result = importEsr({ name: 'Catalog', xml: xml(JSON.stringify(doc)) });
  const d = result.definitions[0];
  assert.doesNotMatch(d.text, /request:/);
  assert.ok(d.notes.some((n) => /declares a request body for DELETE; .*left out here\. The registered action still takes it\./.test(n)));
  assert.match(d.text, /types:\n {2}200\.lastPrice: Double\n {2}200\.weightKg: Double\n/);
  assert.deepEqual(validateCalloutText(d.text, d.fileName).filter((p) => p.severity !== 'info').map((p) => p.code), []);

  const hyper = JSON.stringify({ $schema: 'http://interagent.github.io/interagent-hyper-schema', type: 'object', definitions: { app: { links: [{ href: '/apps', method: 'GET', rel: 'instances' }] } }, links: [] });
  for (const input of [xml(hyper, 'InteragentHyperSchema'), xml(hyper, 'OpenApi3')]) {
    const r = importEsr({ name: 'Heroku', xml: input, source: 'Heroku.externalServiceRegistration-meta.xml' });
    assert.deepEqual(r.definitions, []);
    assert.match(r.errors[0], /^Heroku\.externalServiceRegistration-meta\.xml is an Interagent \(JSON Hyper-Schema\) registration; the import reads OpenAPI 3\.0 and Swagger 2\.0 schemas only\./);
  }
});
