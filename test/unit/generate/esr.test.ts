// Definition → External Service registration: valid OpenAPI (swagger-parser), types as Flow infers them
// (each §1.4 rule), the shape of the real Flow Builder registrations in the corpus, and a reviewed snapshot
// of the XML for every example (UPDATE_SNAPSHOTS=1 rewrites test/fixtures/generate/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { generateEsr, operationMetadataName, SERVICE_BINDING } from '../../../server/src/core/generate/esr';
import { buildOpenApi, type JsonSchema } from '../../../server/src/core/generate/openapi';
import { formatApexTypesMarkdown, previewApexTypes } from '../../../server/src/core/generate/apexTypes';
import { readExternalServiceRegistration } from '../../../server/src/core/project/metadata';
import { parseXml } from '../../../server/src/core/parse/xml';
import { repoRoot } from '../helpers';
import { corpusEsrFiles, definition, exampleDefinition, exampleFiles } from './helpers';

const SNAPSHOTS = path.join(repoRoot, 'test', 'fixtures', 'generate');

async function assertValidOpenApi(doc: JsonSchema, label: string): Promise<void> {
  try {
    await SwaggerParser.validate(structuredClone(doc) as never);
  } catch (e) {
    assert.fail(`${label}: OpenAPI not valid: ${(e as Error).message}\n${JSON.stringify(doc, null, 2)}`);
  }
}

/** The schema of response `key` (or the request body) of the one operation. */
function operationOf(doc: JsonSchema): JsonSchema {
  const item = Object.values(doc.paths as JsonSchema)[0] as JsonSchema;
  return Object.values(item)[0] as JsonSchema;
}
function responseSchema(doc: JsonSchema, key: string): JsonSchema {
  const r = (operationOf(doc).responses as JsonSchema)[key] as JsonSchema;
  return Object.values(r.content as JsonSchema)[0] as JsonSchema;
}

for (const file of exampleFiles()) {
  const name = path.basename(file);
  test(`generate esr: ${name} is valid OpenAPI, reads back as a SchemaInferred registration, matches its snapshot`, async () => {
    const def = exampleDefinition(file);
    const esr = generateEsr(def);
    assert.deepEqual(esr.errors, []);
    assert.deepEqual(esr.warnings, []);
    await assertValidOpenApi(esr.openApi, name);
    assert.deepEqual(parseXml(esr.xml).syntaxErrors, []);
    // Readable where people see it (the file, the diff before a replace): the schema indented, one key a line.
    const schemaText = parseXml(esr.xml).root!.children.find((c) => c.name === 'schema')!.text;
    assert.equal(schemaText, JSON.stringify(esr.openApi, null, 2));
    assert.match(esr.xml, /<schema>\{\n {2}&quot;openapi&quot;: &quot;3\.0\.1&quot;,\n/);
    const info = readExternalServiceRegistration(esr.name, esr.fileName, esr.xml);
    assert.equal(info.providerType, 'SchemaInferred');
    assert.equal(info.schemaType, 'OpenApi3');
    assert.equal(info.status, 'Complete');
    assert.equal(info.namedCredential, def.namedCredential);
    assert.deepEqual(info.declaredOperations, [operationMetadataName(def.operation)]);
    assert.equal(info.operations.length, 1);
    assert.equal(info.operations[0].name, def.operation);
    assert.equal(info.operations[0].method, def.method);
    assert.equal(info.operations[0].path, def.path);
    assert.deepEqual(info.operations[0].responses, def.responses().map((r) => r.key));

    const snapshot = path.join(SNAPSHOTS, esr.fileName);
    if (process.env.UPDATE_SNAPSHOTS || !fs.existsSync(snapshot)) fs.writeFileSync(snapshot, esr.xml);
    assert.equal(esr.xml, fs.readFileSync(snapshot, 'utf8'), `snapshot ${path.relative(repoRoot, snapshot)} (review, then UPDATE_SNAPSHOTS=1)`);
  });
}

test('generate esr: the XML has the shape of the Flow Builder (SchemaInferred) registrations in the corpus', () => {
  const corpus = corpusEsrFiles().map((f) => fs.readFileSync(f, 'utf8')).filter((x) => x.includes('>SchemaInferred<'));
  assert.ok(corpus.length >= 5, `corpus SchemaInferred registrations: ${corpus.length}`);
  const order = (xml: string) => parseXml(xml).root!.children.map((c) => c.name);
  const schemaOf = (xml: string) => JSON.parse(parseXml(xml).root!.children.find((c) => c.name === 'schema')!.text) as JsonSchema;
  const realOrders = corpus.map(order);
  const realParamKeys = new Set(corpus.flatMap((x) => ((operationOf(schemaOf(x)).parameters as JsonSchema[] | undefined) ?? []).map((p) => Object.keys(p).join(','))));
  const realBindings = new Set(corpus.map((x) => parseXml(x).root!.children.find((c) => c.name === 'serviceBinding')!.text));
  assert.deepEqual([...realBindings], [SERVICE_BINDING]);

  for (const file of exampleFiles()) {
    const esr = generateEsr(exampleDefinition(file));
    const ours = order(esr.xml);
    // Same elements in the same order as a real one, less the platform-set systemVersion, plus description.
    const real = realOrders.find((o) => o.includes('description')) ?? realOrders[0];
    assert.deepEqual(ours, real.filter((e) => e !== 'systemVersion'), path.basename(file));
    const schema = schemaOf(esr.xml);
    assert.equal(schema.openapi, '3.0.1');
    assert.deepEqual(Object.keys(schema), ['openapi', 'info', 'paths']);
    const op = operationOf(schema);
    assert.deepEqual(Object.keys(op).filter((k) => !['parameters', 'requestBody'].includes(k)), ['description', 'operationId', 'responses']);
    for (const p of (op.parameters as JsonSchema[] | undefined) ?? []) assert.ok(realParamKeys.has(Object.keys(p).join(',')), `parameter keys ${Object.keys(p)}`);
    for (const r of Object.values(op.responses as JsonSchema) as JsonSchema[]) assert.deepEqual(Object.keys(r), ['description', 'content']);
  }
});

test('generate esr: the corpus registrations themselves pass the same OpenAPI validator once info.version is added', async () => {
  for (const f of corpusEsrFiles()) {
    const xml = fs.readFileSync(f, 'utf8');
    if (!xml.includes('>SchemaInferred<')) continue;
    const schema = JSON.parse(parseXml(xml).root!.children.find((c) => c.name === 'schema')!.text) as JsonSchema;
    (schema.info as JsonSchema).version ??= '1';
    // samGovEntitySearch registers the empty path "" (the named credential URL itself); OpenAPI wants "/".
    schema.paths = Object.fromEntries(Object.entries(schema.paths as JsonSchema).map(([k, v]) => [k || '/', v]));
    await assertValidOpenApi(schema, path.basename(f));
  }
});

const RULES = `name: Rules
namedCredential: Cred
operation: Get Items
method: POST
path: /v1/items/{itemId}
pathParameters:
  itemId: { type: Integer, description: The item }
query:
  limit: { type: Integer, required: true }
  since: { type: Date }
  q: { type: String, enum: [a, b] }
request:
  body:
    type: order
    first_name: "{!$Record.FirstName}"
    lines: [{ sku: A-1, qty: 2, price: 9.5 }, { sku: B-2, qty: 1, price: 10, note: gift }]
responses:
  2XX:
    sample:
      type: widget
      my-key: 1
      first_name: Ada
      5g: true
      count: 3
      big: 3000000000
      ratio: 0.5
      whole: 2
      when: "2024-05-01"
      stamp: "2024-05-01T10:00:00Z"
      missing: null
      empty: []
      mixed: [1, "two"]
      ids: [1, 2, 3]
      nested: { deeper: { leaf: x } }
  "404":
    sample: { error: not_found }
  default:
    contentType: text/plain
    sample: Service unavailable
types:
  2XX.whole: Double
  2XX.count: Integer
  2XX.when: Date
  2XX.stamp: DateTime
  2XX.missing: String
  request.body.lines.qty: Integer
`;

test('generate esr: every §1.4 rule — types, overrides, nesting, lists, encoding, responses, parameters', async () => {
  const def = definition(RULES);
  const { document, warnings } = buildOpenApi(def);
  await assertValidOpenApi(document, 'rules');
  const op = operationOf(document);
  assert.equal(op.operationId, 'Get Items');
  assert.deepEqual((document.paths as JsonSchema)['/v1/items/{itemId}'] !== undefined, true);
  assert.deepEqual(op.parameters, [
    { name: 'itemId', in: 'path', description: 'The item', required: true, allowEmptyValue: false, schema: { type: 'integer', format: 'int32' } },
    { name: 'limit', in: 'query', description: '', required: true, allowEmptyValue: false, schema: { type: 'integer', format: 'int32' } },
    { name: 'since', in: 'query', description: '', required: false, allowEmptyValue: false, schema: { type: 'string', format: 'date' } },
    // Flow has no enum type: the parameter is a String (§1.4 "No enums").
    { name: 'q', in: 'query', description: '', required: false, allowEmptyValue: false, schema: { type: 'string' } },
  ]);
  const body = ((op.requestBody as JsonSchema).content as JsonSchema)['application/json'] as JsonSchema;
  assert.equal((op.requestBody as JsonSchema).required, true);
  // List items are merged (note appears on the second item only); an override wins over the sample (qty).
  assert.deepEqual((body.schema as JsonSchema).properties, {
    type: { type: 'string' },
    first_name: { type: 'string' },
    lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer', format: 'int32' }, price: { type: 'number', format: 'double' }, note: { type: 'string' } } } },
  });
  const ok = responseSchema(document, '2XX').schema as JsonSchema;
  assert.deepEqual(ok.properties, {
    type: { type: 'string' },
    'my-key': { type: 'integer', format: 'int64' },
    first_name: { type: 'string' },
    '5g': { type: 'boolean' },
    count: { type: 'integer', format: 'int32' }, // Integer override
    big: { type: 'integer', format: 'int64' }, // a long, as Flow Builder registers it (and the rule asks for Double)
    ratio: { type: 'number', format: 'double' },
    whole: { type: 'number', format: 'double' }, // Double override on a whole number
    when: { type: 'string', format: 'date' },
    stamp: { type: 'string', format: 'date-time' },
    missing: { type: 'string' }, // null + String override
    empty: { type: 'array', items: { type: 'string' } },
    mixed: { type: 'array', items: { type: 'integer', format: 'int64' } },
    ids: { type: 'array', items: { type: 'integer', format: 'int64' } },
    nested: { type: 'object', properties: { deeper: { type: 'object', properties: { leaf: { type: 'string' } } } } },
  });
  assert.deepEqual(responseSchema(document, '404').schema, { type: 'object', properties: { error: { type: 'string' } } });
  assert.deepEqual((operationOf(document).responses as JsonSchema).default, { description: '', content: { 'text/plain': { schema: { type: 'string' } } } });
  assert.deepEqual(warnings.map((w) => w.split(' ')[0]), ['"2XX.empty"', '"2XX.mixed"']);

  const preview = previewApexTypes(def);
  assert.equal(preview.action, 'Rules.Get Items');
  const type = (n: string) => preview.types.find((t) => t.flowName === `ExternalService__Rules_${n}`);
  const fields = (n: string) => type(n)!.fields.map((f) => `${f.apexName}:${f.flowType}:${f.apexType}`);
  assert.deepEqual(fields('Getx20Items_OUT_2XX').slice(0, 10), [
    'z0type:String:String', // reserved word → z0
    'myx2dkey:Integer:Long', // '-' → x2d
    'firstx5fname:String:String', // '_' → x5f
    'x35g:Boolean:Boolean', // leading digit → x35
    'count:Integer:Integer',
    'big:Double:Long',
    'ratio:Double:Double',
    'whole:Double:Double',
    'z0when:Date:Date', // also reserved
    'stamp:DateTime:Datetime',
  ]);
  assert.deepEqual(fields('Getx20Items_IN_body'), [
    'z0type:String:String', 'firstx5fname:String:String',
    'lines:collection of Apex-defined ExternalService__Rules_Getx20Items_IN_body_lines:List<ExternalService.Rules_Getx20Items_IN_body_lines>',
  ]);
  assert.deepEqual(fields('Getx20Items_IN_body_lines'), ['sku:String:String', 'qty:Integer:Integer', 'price:Double:Double', 'note:String:String']);
  assert.deepEqual(fields('Getx20Items_OUT_2XX_nested_deeper'), ['leaf:String:String']);
  assert.ok(type('Getx20Items_OUT_404'));
  assert.deepEqual(preview.outputs.map((o) => o.name), ['responseCode', '2XX', '404Exc', '404', 'defaultExc', 'default']);
  assert.deepEqual(preview.inputs.map((i) => `${i.name}:${i.flowType}`), ['itemId:Integer', 'limit:Integer', 'since:Date', 'q:String', 'body:Apex-defined ExternalService__Rules_Getx20Items_IN_body']);
  const markdown = formatApexTypesMarkdown(preview);
  assert.match(markdown, /\| `my-key` \| `myx2dkey` \| Integer \| `Long` \|/);
});

test('generate esr: operations element, description limit, API 66 layout, blocking errors', () => {
  const def = definition(`name: Svc\ndescription: "${'d'.repeat(1400)}"\nnamedCredential: Cred\nmethod: GET\npath: /x\nresponses:\n  2XX:\n    sample: { a: 1 }\n`);
  const esr = generateEsr(def);
  assert.match(esr.xml, /<name>getx<\/name>/);
  assert.equal(/<description>(d+)<\/description>/.exec(esr.xml)![1].length, 1333);
  assert.match(esr.warnings[0], /1400 characters; Salesforce keeps 1333/);
  assert.doesNotMatch(generateEsr(def, { apiVersion: 66 }).xml, /<operations>/);
  assert.deepEqual(generateEsr(definition('name: 9bad\nmethod: GET\npath: /x\n')).errors, [
    '"9bad" is not a valid External Service name: it must begin with a letter and contain only letters and digits. Rename it.',
    'The definition has no `namedCredential`. Add the API name of the named credential that holds the base URL.',
    'The definition has no `responses`. Add at least `2XX: { sample: … }` so Flow gets typed outputs.',
  ]);
  // A GET with a body: the body is not registered ("A GET method with an empty request body results in a validation error").
  const get = buildOpenApi(definition('name: S\nnamedCredential: C\nmethod: GET\npath: /x\nrequest:\n  body: { a: 1 }\nresponses:\n  2XX:\n    sample: {}\n'));
  assert.equal(operationOf(get.document).requestBody, undefined);
  assert.match(get.warnings[0], /GET cannot send a body/);
  // XML special characters in the schema and description are escaped.
  const esc = generateEsr(definition('name: S\ndescription: "a < b & \\"c\\""\nnamedCredential: C\nmethod: GET\npath: /x\nresponses:\n  2XX:\n    sample: { "<tag>": "&amp;" }\n'));
  assert.match(esc.xml, /<description>a &lt; b &amp; &quot;c&quot;<\/description>/);
  assert.equal(JSON.parse(parseXml(esc.xml).root!.children.find((c) => c.name === 'schema')!.text).paths['/x'].get.responses['2XX'].content['application/json'].schema.properties['<tag>'].type, 'string');
});
