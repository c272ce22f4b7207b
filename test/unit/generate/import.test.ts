// ESR → definitions: every corpus registration (OpenAPI 3 from Flow Builder, Swagger 2 hand-written, the
// decomposed preset) imports into definitions that validate; round trips keep what Flow sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateEsr } from '../../../server/src/core/generate/esr';
import { esrNameOf, importEsr } from '../../../server/src/core/generate/importEsr';
import type { JsonSchema } from '../../../server/src/core/generate/openapi';
import { parseXml } from '../../../server/src/core/parse/xml';
import { parse as parseYaml } from 'yaml';
import { validateCalloutText } from '../../../server/src/core/validate/callout';
import { corpusEsrFiles, definition, exampleDefinition, exampleFiles, meaningOf } from './helpers';

function importFile(file: string) {
  const name = esrNameOf(file);
  const sibling = path.join(path.dirname(file), `${name}.yaml`);
  return importEsr({ name, xml: fs.readFileSync(file, 'utf8'), schemaText: fs.existsSync(sibling) ? fs.readFileSync(sibling, 'utf8') : undefined, source: path.basename(file) });
}

for (const file of exampleFiles()) {
  test(`import esr round trip: ${path.basename(file)} → ESR → definition keeps what Flow sees`, () => {
    const def = exampleDefinition(file);
    const esr = generateEsr(def);
    const back = importEsr({ name: esr.name, xml: esr.xml });
    assert.deepEqual(back.errors, []);
    assert.equal(back.definitions.length, 1);
    const imported = definition(back.definitions[0].text);
    assert.deepEqual(meaningOf(imported), meaningOf(def));
    assert.deepEqual(validateCalloutText(back.definitions[0].text, 'x.callout.yaml').filter((p) => p.severity === 'error'), []);
    // … and once more: the regenerated registration is the same document.
    assert.deepEqual(generateEsr(imported).openApi, esr.openApi);
  });
}

/** What Flow gets from an OpenAPI/Swagger operation, normalised the way the import documents it. */
function flowSignature(doc: JsonSchema, op: JsonSchema): unknown {
  const resolve = (s: unknown, depth = 0): unknown => {
    if (!s || typeof s !== 'object' || depth > 20) return s;
    const o = s as JsonSchema;
    if (typeof o.$ref === 'string') {
      const target = o.$ref.slice(2).split('/').reduce<unknown>((cur, k) => (cur as JsonSchema)?.[k], doc);
      return resolve(target, depth + 1);
    }
    const type = o.type ?? (o.properties ? 'object' : undefined);
    if (type === 'object') return Object.fromEntries(Object.entries((o.properties ?? {}) as JsonSchema).map(([k, v]) => [k, resolve(v, depth + 1)]));
    if (type === 'array') return [resolve(o.items, depth + 1)];
    if (type === 'integer') return o.format === 'int64' ? 'Long' : 'Integer';
    if (type === 'number') return 'Double';
    if (type === 'string') return o.format === 'date' ? 'Date' : o.format === 'date-time' ? 'DateTime' : 'String';
    return type;
  };
  const params = ((op.parameters ?? []) as JsonSchema[]).filter((p) => p.in === 'query' || p.in === 'path')
    .map((p) => `${p.in} ${p.name} ${resolve(p.schema ?? { type: p.type === 'integer' ? 'integer' : p.type, format: p.format === 'int64' ? 'int32' : p.format })}`);
  const bodyParam = ((op.parameters ?? []) as JsonSchema[]).find((p) => p.in === 'body');
  const rb = op.requestBody as JsonSchema | undefined;
  const body = rb ? resolve((Object.values(rb.content as JsonSchema)[0] as JsonSchema).schema) : bodyParam ? resolve(bodyParam.schema) : undefined;
  const responses = Object.fromEntries(Object.entries((op.responses ?? {}) as JsonSchema).map(([k, r]) => {
    const rr = r as JsonSchema;
    const media = rr.content ? (Object.values(rr.content as JsonSchema)[0] as JsonSchema | undefined)?.schema : rr.schema;
    return [k.toUpperCase(), media === undefined ? {} : resolve(media)];
  }));
  return { operationId: op.operationId, params: params.sort(), body, responses };
}

function operationsOfDoc(doc: JsonSchema): JsonSchema[] {
  return Object.values((doc.paths ?? {}) as JsonSchema).flatMap((item) => ['get', 'post', 'put', 'patch', 'delete'].map((m) => (item as JsonSchema)[m]).filter(Boolean)) as JsonSchema[];
}

test('import esr: every corpus registration imports into definitions that validate, and back to the same Flow signature', () => {
  const files = corpusEsrFiles();
  assert.ok(files.length >= 10, `corpus registrations: ${files.length}`);
  let operations = 0;
  for (const file of files) {
    const result = importFile(file);
    assert.deepEqual(result.errors, [], file);
    const xml = fs.readFileSync(file, 'utf8');
    const schemaText = parseXml(xml).root!.children.find((c) => c.name === 'schema')?.text ?? fs.readFileSync(path.join(path.dirname(file), `${esrNameOf(file)}.yaml`), 'utf8');
    const original = parseYaml(schemaText) as JsonSchema;
    const originalOps = operationsOfDoc(original);
    assert.equal(result.definitions.length, originalOps.length, file);
    for (const [i, d] of result.definitions.entries()) {
      operations++;
      const errors = validateCalloutText(d.text, d.fileName).filter((p) => p.severity === 'error');
      assert.deepEqual(errors, [], `${file} ${d.operation}:\n${d.text}`);
      const regenerated = generateEsr(definition(d.text));
      // Only a Flow Builder (SchemaInferred) registration is regenerated; a Custom one is refused, saying why.
      const provider = parseXml(xml).root!.children.find((c) => c.name === 'registrationProviderType')?.text ?? 'Custom';
      if (provider === 'SchemaInferred') assert.deepEqual(regenerated.errors, []);
      else assert.match(regenerated.errors.join('\n'), new RegExp(`imported from the ${provider} registration ${esrNameOf(file)}, so no registration is generated`));
      const ours = flowSignature(regenerated.openApi, operationsOfDoc(regenerated.openApi)[0]) as { responses: JsonSchema };
      const theirs = flowSignature(original, originalOps[i]) as { responses: JsonSchema };
      // A registration without responses gives Flow the String output "default" — which the import writes down.
      if (!Object.keys(theirs.responses).length) theirs.responses = { DEFAULT: 'String' };
      // Without an operationId Salesforce derives the name from the method and path, and so does the import.
      (theirs as { operationId?: string }).operationId ??= d.operation;
      assert.deepEqual(ours, theirs, `${file} ${d.operation}`);
    }
  }
  assert.ok(operations >= 20, `operations imported: ${operations}`);
});

test('import esr: a multi-operation registration becomes one External Service per operation, with notes', () => {
  const bank = corpusEsrFiles().find((f) => f.endsWith('BankService.externalServiceRegistration-meta.xml'))!;
  const result = importFile(bank);
  assert.deepEqual(result.definitions.map((d) => d.name).sort(), ['BankServiceAddAccount', 'BankServiceDeleteAccount', 'BankServiceGetAccount', 'BankServiceUpdateAccount']);
  const get = result.definitions.find((d) => d.operation === 'getAccount')!;
  assert.match(get.notes[0], /^BankService is a Custom registration: flows call BankService\.getAccount\. .*would lose its 4 operations in one service, the component type names \(accountDetails, errorModel\)/);
  assert.match(get.notes[1], /BankService has 4 operations and a callout definition has one, so this one is named BankServiceGetAccount; the registration itself stays as it is/);
  assert.match(get.text, /registration:\n {2}name: BankService\n {2}operation: getAccount\n {2}providerType: Custom\n/);
  assert.match(get.text, /^# Imported from BankService\.externalServiceRegistration-meta\.xml/);
  assert.match(get.text, /pathParameters:\n {2}accountName: \{ type: String, description: Name of the account \}/);
  assert.match(get.text, /namedCredential: Bank\n/);
});

test('import esr: the decomposed layout (schema in a sibling YAML) and a registration without responses', () => {
  const file = corpusEsrFiles().find((f) => f.endsWith('OpenAPIChallengeJson.externalServiceRegistration-meta.xml'))!;
  const result = importFile(file);
  assert.equal(result.definitions.length, 6);
  const d = definition(result.definitions[0].text);
  assert.equal(d.namedCredential, 'ntest');
  assert.deepEqual(d.responses().map((r) => `${r.key} ${r.contentType}`), ['default text/plain']);
  assert.match(result.definitions[0].text, /declares no responses/);
  // Without the sibling schema the import says where it looked.
  const missing = importEsr({ name: 'OpenAPIChallengeJson', xml: fs.readFileSync(file, 'utf8') });
  assert.match(missing.errors[0], /has no <schema>.*keep OpenAPIChallengeJson\.yaml next to it/);
});

test('import esr: types that need an override come back with one; Swagger 2 body parameter is renamed body', () => {
  const doc = {
    openapi: '3.0.1', info: { title: 'T', version: '1' },
    paths: { '/t/{id}': { put: {
      operationId: 'putT',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }, { name: 'X-Trace', in: 'header', schema: { type: 'string' } }],
      requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
      responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
    } } },
    components: { schemas: { Thing: { type: 'object', properties: { n: { type: 'integer', format: 'int32' }, when: { type: 'string', format: 'date' }, at: { type: 'string', format: 'date-time' }, child: { $ref: '#/components/schemas/Thing' } } } } },
  };
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalServiceRegistration xmlns="http://soap.sforce.com/2006/04/metadata"><label>T</label><namedCredentialReference>NC</namedCredentialReference><schema>${JSON.stringify(doc).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</schema></ExternalServiceRegistration>`;
  const result = importEsr({ name: 'T', xml });
  const text = result.definitions[0].text;
  assert.match(text, /types:\n {2}200\.at: DateTime\n {2}200\.n: Integer\n {2}200\.when: Date\n/);
  assert.match(text, /pathParameters:\n {2}id: \{ type: Integer \}/);
  assert.ok(result.definitions[0].notes.some((n) => /header "X-Trace" is an input of the registered action/.test(n)));
  // The recursive reference stops instead of looping, and is left out with a note: a null sample would draw
  // callout-null-sample on a file the user did not write.
  assert.doesNotMatch(text, /child:/);
  assert.ok(result.definitions[0].notes.some((n) => n === '"200.child" refers back to Thing, a type it is inside (a recursive schema); it is left out of the sample.'));
  assert.deepEqual(validateCalloutText(text, 'x.callout.yaml').filter((p) => p.code === 'callout-null-sample'), []);
  // A $ref the document does not hold is left out the same way, with what it named.
  const missingRef = JSON.parse(JSON.stringify(doc));
  missingRef.components.schemas.Thing.properties.other = { $ref: '#/components/schemas/Gone' };
  const gone = importEsr({ name: 'T', xml: xml.replace(/<schema>.*<\/schema>/, `<schema>${JSON.stringify(missingRef).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</schema>`) });
  assert.ok(gone.definitions[0].notes.some((n) => n === '"200.other" refers to #/components/schemas/Gone, which the registration\'s schema does not hold; it is left out of the sample.'));
  assert.doesNotMatch(gone.definitions[0].text, /other:/);
  const translate = importFile(corpusEsrFiles().find((f) => f.endsWith('translate.externalServiceRegistration-meta.xml'))!);
  // Flows keep calling the (Custom, Swagger 2) registration, whose input is "generated" (fact ESR-13).
  assert.ok(translate.definitions[0].notes.some((n) => /^The registration names the body input "generated": flows calling the registration set "generated"\./.test(n)));
  assert.ok(!translate.definitions[0].notes.some((n) => /flows must set "body"/.test(n)));
  assert.match(translate.definitions[0].text, /request:\n {2}body:\n {4}target: es\n/);
});

test('import esr: not a registration, unreadable schema', () => {
  assert.match(importEsr({ name: 'X', xml: '<Flow/>' }).errors[0], /is not an ExternalServiceRegistration \(its root element is <Flow>\)/);
  assert.match(importEsr({ name: 'X', xml: '<ExternalServiceRegistration><schema>{ "a": [</schema></ExternalServiceRegistration>' }).errors[0], /does not parse/);
});
