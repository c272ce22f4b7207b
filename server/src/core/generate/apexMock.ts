// Apex test scaffolding for a callout (reference §3.3): an HttpCalloutMock answering with a sample or a
// recorded response (the body in a static resource when it is large), and a test class that calls the
// action through its generated ExternalService types and asserts the typed output.
import type { CalloutDefinition } from '../model/definition';
import { encodeApexName } from '../model/naming';
import { collectSampleFields, rootTypeName, type SampleField } from '../model/samples';
import { inferNodeType } from '../model/flowTypes';
import { toValue } from '../parse/tree';
import { apexTypeOf } from './apexTypes';
import { bodyInputs } from './curl';
import { buildRequest } from '../callout/request';
import type { GeneratedFile } from './files';

/** Above this many characters the response body goes to a static resource instead of an Apex string. */
export const STATIC_RESOURCE_THRESHOLD = 32 * 1024;

export interface MockResponse {
  /** The response key it stands for (`2XX`, `404`), when known. */
  key?: string;
  status: number;
  contentType: string;
  body: string;
  /** Where it came from, in words. */
  source: string;
}

export interface ApexMockOptions {
  /** The package folder that holds `classes/` (e.g. `force-app/main/default`). */
  dir: string;
  apiVersion?: string;
  /** The definition's path, for comments. */
  definitionFile: string;
}

export interface ApexMockResult {
  files: GeneratedFile[];
  mockClass: string;
  testClass: string;
  warnings: string[];
  errors: string[];
}

function statusOfKey(def: CalloutDefinition, key: string): number {
  if (/^\d{3}$/.test(key)) return Number(key);
  if (/^[1-5]XX$/.test(key)) return Number(key[0]) * 100;
  return def.responses().some((r) => /^2/.test(r.key)) ? 500 : 200;
}

/** The response a sample stands for: `key`, else test.response, else the first 2XX. */
export function responseFromSample(def: CalloutDefinition, key?: string): MockResponse | { error: string } {
  const responses = def.responses();
  const wanted = key ?? def.testResponseKey();
  const r = wanted ? responses.find((x) => x.key === wanted) : responses.find((x) => /^2/.test(x.key)) ?? responses[0];
  if (!r) return { error: wanted ? `The definition has no response "${wanted}". Its responses: ${responses.map((x) => x.key).join(', ') || 'none'}.` : 'The definition has no responses. Add a 2XX sample.' };
  const value = toValue(r.sample);
  const body = typeof value === 'string' && !/json/i.test(r.contentType) ? value : JSON.stringify(value ?? {});
  // A range key answers with the status the test expects when it falls in the range (201 for 2XX).
  const expected = def.testExpect().responseCode;
  const status = typeof expected === 'number' && /^[1-5]XX$/.test(r.key) && String(expected)[0] === r.key[0] ? expected : statusOfKey(def, r.key);
  return { key: r.key, status, contentType: r.contentType, body, source: `the ${r.key} sample` };
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** A recorded response: Send Test Callout output (`flow-callout send --json`, one result or the list) or `{status, body}`. */
export function responseFromRecorded(recorded: unknown, def: CalloutDefinition): MockResponse | { error: string } {
  const list = isObj(recorded) && Array.isArray(recorded.results) ? recorded.results : recorded;
  const first = Array.isArray(list) ? list[0] : list;
  if (!isObj(first)) return { error: 'The recording is not a JSON object. Give the JSON of a test callout (flow-callout send FILE --json) or {"status": 200, "body": …}.' };
  const res = isObj(first.response) ? first.response : first;
  const status = typeof res.status === 'number' ? res.status : typeof res.statusCode === 'number' ? res.statusCode : undefined;
  if (status === undefined) return { error: 'The recording has no response status (was the callout sent?). Record one that got a response.' };
  const bodyField = res.body;
  let body: string;
  if (isObj(bodyField) && typeof bodyField.text === 'string') {
    if (bodyField.truncated === true) return { error: 'The recorded body was cut short when it was recorded, so it cannot be replayed. Record again with a larger size limit.' };
    body = bodyField.text;
  } else if (typeof bodyField === 'string') body = bodyField;
  else body = JSON.stringify(bodyField ?? {});
  const contentType = typeof res.contentType === 'string' && res.contentType ? res.contentType.split(';')[0] : 'application/json';
  const key = isObj(first.outputs) && typeof first.outputs.key === 'string' ? first.outputs.key : def.responses().find((r) => r.key === String(status) || r.key === `${String(status)[0]}XX`)?.key;
  return { key, status, contentType, body, source: `the response recorded ${typeof first.startedAt === 'string' ? `on ${first.startedAt}` : ''}`.trim() };
}

export function apexString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function className(base: string, suffix: string): string {
  return `${base.slice(0, 40 - suffix.length)}${suffix}`;
}

/** An Apex literal of `value` for a property of Apex type `apexType`. */
function literal(value: unknown, apexType: string): string {
  if (value === null || value === undefined) return 'null';
  switch (apexType) {
    case 'Long':
      return typeof value === 'number' && Number.isInteger(value) ? `${value}L` : 'null';
    case 'Integer':
      return typeof value === 'number' ? String(Math.trunc(value)) : 'null';
    case 'Double':
      return typeof value === 'number' ? (Number.isInteger(value) ? `${value}.0` : String(value)) : 'null';
    case 'Boolean':
      return typeof value === 'boolean' ? String(value) : 'null';
    case 'Date':
      return `Date.valueOf(${apexString(String(value))})`;
    case 'Datetime':
      return `(Datetime) JSON.deserialize(${apexString(JSON.stringify(String(value)))}, Datetime.class)`;
    default:
      return apexString(typeof value === 'string' ? value : JSON.stringify(value));
  }
}

class ApexWriter {
  readonly lines: string[] = [];
  private used = new Set<string>();
  constructor(private readonly service: string, private readonly fields: Map<string, SampleField>, private readonly indent = '        ') {}

  varName(hint: string): string {
    const base = hint.replace(/[^A-Za-z0-9]/g, '').replace(/^[0-9]+/, '') || 'value';
    let name = base[0].toLowerCase() + base.slice(1);
    for (let n = 2; this.used.has(name); n++) name = `${base[0].toLowerCase()}${base.slice(1)}${n}`;
    this.used.add(name);
    return name;
  }

  /** Statements that build `value` (a sample at `path` of Apex type `apexType`); returns the expression. */
  build(value: unknown, path: string, apexType: string, hint: string): string {
    if (Array.isArray(value) && apexType.startsWith('List<')) {
      const item = apexType.slice(5, -1);
      const v = this.varName(hint);
      this.lines.push(`${this.indent}${apexType} ${v} = new ${apexType}();`);
      for (const x of value.slice(0, 3)) this.lines.push(`${this.indent}${v}.add(${this.build(x, path, item, `${hint}Item`)});`);
      return v;
    }
    if (isObj(value) && apexType.startsWith('ExternalService.')) {
      const v = this.varName(hint);
      this.lines.push(`${this.indent}${apexType} ${v} = new ${apexType}();`);
      for (const [k, x] of Object.entries(value)) {
        const f = this.fields.get(`${path}.${k}`);
        if (!f) continue;
        const t = apexTypeOf(f.type, f.overridden, this.service);
        this.lines.push(`${this.indent}${v}.${f.apexName} = ${this.build(x, f.path, t, `${v}${f.apexName[0].toUpperCase()}${f.apexName.slice(1)}`)};`);
      }
      return v;
    }
    return literal(value, apexType);
  }
}

function fieldMap(def: CalloutDefinition): Map<string, SampleField> {
  return new Map(collectSampleFields(def).map((f) => [f.path, f]));
}

function rootApexType(def: CalloutDefinition, root: string, service: string): string | undefined {
  const node = root === 'request.body' ? def.requestBody : def.responses().find((r) => r.key === root)?.sample;
  if (!node) return undefined;
  return apexTypeOf(inferNodeType(node, rootTypeName(def, root)), false, service);
}

function mockClassText(def: CalloutDefinition, name: string, res: MockResponse, resource: string | undefined, source: string): string {
  const staticPath = def.path.split('{')[0].replace(/\/$/, '') || '/';
  const lines = [
    '/**',
    ` * HttpCalloutMock for the Flow action ${def.name}.${def.operation}: answers ${res.status} with ${res.source}`,
    ` * of ${source}. Test.setMock(HttpCalloutMock.class, new ${name}()) before the callout runs.`,
    ' */',
    '@IsTest',
    `public class ${name} implements HttpCalloutMock {`,
    `    public Integer statusCode = ${res.status};`,
    `    // Must match the registration's media type, or the action fails to read the response.`,
    `    public String contentType = ${apexString(res.contentType)};`,
  ];
  if (resource) {
    lines.push(`    public String body = [SELECT Body FROM StaticResource WHERE Name = ${apexString(resource)} LIMIT 1].Body.toString();`);
  } else {
    lines.push(`    public String body = ${apexString(res.body)};`);
  }
  lines.push(
    '',
    '    public HttpResponse respond(HttpRequest request) {',
    `        Assert.areEqual(${apexString(def.method)}, request.getMethod(), 'HTTP method of ${def.operation}');`,
    `        Assert.isTrue(request.getEndpoint().contains(${apexString(staticPath)}), 'Unexpected endpoint: ' + request.getEndpoint());`,
    '        HttpResponse response = new HttpResponse();',
    '        response.setStatusCode(statusCode);',
    "        response.setHeader('Content-Type', contentType);",
    '        response.setBody(body);',
    '        return response;',
    '    }',
    '}',
    '',
  );
  return lines.join('\n');
}

/** Assertions on the typed output: top-level values of the body (up to 6), as External Services parse them. */
function outputAssertions(def: CalloutDefinition, res: MockResponse, target: string, service: string, fields: Map<string, SampleField>): string[] {
  const out: string[] = [];
  const key = res.key;
  if (!key || key === 'default') return out;
  const rootType = rootApexType(def, key, service) ?? 'String';
  out.push(`        Assert.isNotNull(${target}, 'the ${key} output');`);
  if (rootType === 'String') {
    if (!/json/i.test(res.contentType)) out.push(`        Assert.areEqual(${apexString(res.body)}, ${target});`);
    return out;
  }
  let value: unknown;
  try {
    value = JSON.parse(res.body);
  } catch {
    return out;
  }
  if (Array.isArray(value)) {
    out.push(`        Assert.areEqual(${value.length}, ${target}.size(), 'items in the ${key} output');`);
    return out;
  }
  if (!isObj(value)) return out;
  let n = 0;
  for (const [k, v] of Object.entries(value)) {
    const f = fields.get(`${key}.${k}`);
    if (!f || n >= 6) continue;
    const t = apexTypeOf(f.type, f.overridden, service);
    if (t.startsWith('List<')) out.push(`        Assert.areEqual(${Array.isArray(v) ? v.length : 0}, ${target}.${f.apexName}?.size(), ${apexString(`${key}.${k} items`)});`);
    else if (t.startsWith('ExternalService.')) out.push(`        Assert.isNotNull(${target}.${f.apexName}, ${apexString(`${key}.${k}`)});`);
    else if (v !== null && typeof v !== 'object') out.push(`        Assert.areEqual(${literal(v, t)}, ${target}.${f.apexName}, ${apexString(`${key}.${k}`)});`);
    else continue;
    n++;
  }
  return out;
}

function testClassText(def: CalloutDefinition, name: string, mock: string, res: MockResponse, source: string): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  const service = def.name ?? 'Service';
  const op = encodeApexName(def.operation);
  const fields = fieldMap(def);
  const w = new ApexWriter(service, fields);
  w.varName('service');
  w.varName('request');
  w.varName('response');
  const inputs = def.testInputs();
  const setup: string[] = [];
  for (const p of [...def.parameters('pathParameters'), ...def.parameters('query')]) {
    const value = inputs[p.name] ?? p.example;
    const t = p.type === 'Integer' ? 'Integer' : p.type === 'Double' ? 'Double' : p.type === 'Boolean' ? 'Boolean' : p.type === 'Date' ? 'Date' : p.type === 'DateTime' ? 'Datetime' : 'String';
    if (value === undefined) {
      if (p.required) warnings.push(`Parameter "${p.name}" has no test input or example; the test leaves it unset. Add test.inputs.${p.name} or an example.`);
      continue;
    }
    setup.push(`        request.${encodeApexName(p.name)} = ${literal(value, t)};`);
  }
  const bodyType = rootApexType(def, 'request.body', service);
  if (bodyType && def.requestBody && ['POST', 'PUT', 'PATCH'].includes(def.method)) {
    const built = buildRequest(def, 'https://mock.invalid', bodyInputs(def));
    let value: unknown = toValue(def.requestBody);
    try {
      if (built.body !== undefined && /json/i.test(def.requestContentType)) value = JSON.parse(built.body);
    } catch {
      /* keep the sample as written */
    }
    const expr = w.build(value, 'request.body', bodyType, 'body');
    setup.push(...w.lines.splice(0), `        request.body = ${expr};`);
  }
  const success = /^2/.test(String(res.status));
  const method = `${op}Returns${res.key && res.key !== 'default' ? res.key : res.status}`.replace(/[^A-Za-z0-9]/g, '');
  const outputProp = res.key && res.key !== 'default' ? `Code${res.key}` : undefined;
  const lines = [
    '/**',
    ` * Calls the Flow action ${def.name}.${def.operation} through its generated ExternalService types, with`,
    ` * ${mock} answering ${res.status} (${res.source} of ${source}).`,
    ' * Deploy the External Service registration first: these types exist once it is active in the org.',
    ' */',
    '@IsTest',
    `private class ${name} {`,
    '    @IsTest',
    `    static void ${method}() {`,
    `        Test.setMock(HttpCalloutMock.class, new ${mock}());`,
    `        ExternalService.${service} service = new ExternalService.${service}();`,
    `        ExternalService.${service}.${op}_Request request = new ExternalService.${service}.${op}_Request();`,
    ...setup,
    '',
    '        Test.startTest();',
  ];
  if (success) {
    lines.push(
      `        ExternalService.${service}.${op}_Response response = service.${op}(request);`,
      '        Test.stopTest();',
      '',
      `        Assert.areEqual(${res.status}, response.responseCode, 'responseCode');`,
      ...(outputProp ? outputAssertions(def, res, `response.${outputProp}`, service, fields) : []),
    );
  } else {
    lines.push(
      '        try {',
      `            service.${op}(request);`,
      `            Assert.fail('A ${res.status} response should raise ${op}_ResponseException (the fault path in a flow)');`,
      `        } catch (ExternalService.${service}.${op}_ResponseException e) {`,
      ...(outputProp ? outputAssertions(def, res, `e.${outputProp}`, service, fields).map((l) => `    ${l}`) : []),
      '        }',
      '        Test.stopTest();',
    );
  }
  lines.push('    }', '}', '');
  return { text: lines.join('\n'), warnings };
}

function classMeta(apiVersion: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>${apiVersion}</apiVersion>\n    <status>Active</status>\n</ApexClass>\n`;
}

export function generateApexMock(def: CalloutDefinition, res: MockResponse, options: ApexMockOptions): ApexMockResult {
  const errors: string[] = [];
  const service = def.name;
  if (!service) errors.push('The definition has no `name`; the generated types are named after it. Add `name: MyService`.');
  const base = service ?? 'Service';
  const mockClass = className(base, 'Mock');
  const testClass = className(base, 'Test');
  const apiVersion = options.apiVersion ?? '62.0';
  const dir = options.dir.replace(/\/+$/, '');
  const files: GeneratedFile[] = [];
  const large = res.body.length > STATIC_RESOURCE_THRESHOLD;
  const resource = large ? className(base, 'MockResponse') : undefined;
  files.push({ path: `${dir}/classes/${mockClass}.cls`, text: mockClassText(def, mockClass, res, resource, options.definitionFile), kind: 'HttpCalloutMock class' });
  files.push({ path: `${dir}/classes/${mockClass}.cls-meta.xml`, text: classMeta(apiVersion), kind: 'Apex class metadata' });
  const test = testClassText(def, testClass, mockClass, res, options.definitionFile);
  files.push({ path: `${dir}/classes/${testClass}.cls`, text: test.text, kind: 'Apex test class' });
  files.push({ path: `${dir}/classes/${testClass}.cls-meta.xml`, text: classMeta(apiVersion), kind: 'Apex class metadata' });
  if (resource) {
    const ext = /json/i.test(res.contentType) ? 'json' : 'txt';
    files.push({ path: `${dir}/staticresources/${resource}.${ext}`, text: res.body, kind: 'static resource (response body)' });
    files.push({
      path: `${dir}/staticresources/${resource}.resource-meta.xml`, kind: 'static resource metadata',
      text: `<?xml version="1.0" encoding="UTF-8"?>\n<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">\n    <cacheControl>Private</cacheControl>\n    <contentType>${res.contentType}</contentType>\n    <description>Response body for ${mockClass} (${res.source})</description>\n</StaticResource>\n`,
    });
  }
  return { files, mockClass, testClass, warnings: test.warnings, errors };
}
