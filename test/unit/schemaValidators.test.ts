// The bundles' schema validators are Ajv's standalone code generated at build time (scripts/precompiledValidators.mjs,
// the esbuild plugin every bundle is built with); the sources compile the same schemas with Ajv at run time
// (core/validate/schemaValidators.ts). Here both are built — the precompiled one through that very plugin —
// and must give the same verdict and the same error objects on valid and invalid documents: the examples,
// realistic documents of each schema, and seeded mutations of them (values and text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { schemaValidator, type SchemaName } from '../../server/src/core/validate/schemaValidators';
import { mutations, prng } from './calloutFuzzCases';
import { examplesRoot, repoRoot } from './helpers';

type Precompiled = { schemaValidator(name: SchemaName): ValidateFunction };

/** schemaValidators.ts as a bundle sees it: built with the build's plugin, in memory, then evaluated. */
async function bundledValidators(): Promise<{ validators: Precompiled; inputs: string[] }> {
  const pluginFile = pathToFileURL(path.join(repoRoot, 'scripts', 'precompiledValidators.mjs')).href;
  const { precompiledValidators } = (await import(pluginFile)) as { precompiledValidators: esbuild.Plugin };
  const out = await esbuild.build({
    stdin: { contents: "export { schemaValidator } from './server/src/core/validate/schemaValidators';", resolveDir: repoRoot, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, metafile: true, logLevel: 'silent', plugins: [precompiledValidators],
  });
  const mod = { exports: {} as Precompiled };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(path.join(repoRoot, 'package.json')));
  return { validators: mod.exports, inputs: Object.keys(out.metafile.inputs) };
}

const callouts = readdirSync(path.join(examplesRoot, 'callouts')).filter((f) => /\.callout\.(ya?ml|json)$/.test(f))
  .map((f) => parseYaml(readFileSync(path.join(examplesRoot, 'callouts', f), 'utf8')) as unknown);

const BASES: Record<SchemaName, unknown[]> = {
  callout: [
    ...callouts,
    {
      name: 'CreateOrder', label: 'Create order', namedCredential: 'Orders', operation: 'createOrder', object: 'Order__c', method: 'POST', path: '/v2/orders/{orderId}', description: 'Creates an order',
      pathParameters: { orderId: { type: 'String', required: true } }, query: { dryRun: { type: 'Boolean' } }, timeout: 30, flow: 'flows/Create_Order.flow-meta.xml',
      request: { body: { lines: [{ sku: 'A-1', qty: 2 }] } },
      responses: { '201': { sample: { id: 'ord_1', total: 12.5 } }, '4XX': { description: 'refused', sample: { error: 'bad' } }, default: { sample: {} } },
      types: { '201.total': 'Double' }, outputs: [{ from: '201.id', to: 'orderId' }],
      test: { expect: { responseCode: 201, id: { type: 'String', notEmpty: true } } },
    },
  ],
  settings: [
    { $schema: './node_modules/flow-callout-studio/schemas/flowcallout.schema.json', rules: { 'flow-hardcoded-url': 'off', 'flow-callout-in-loop': 'error', schema: 'warning' }, calloutActions: ['dfsle__*', 'Pay.Charge'], ignore: ['force-app/main/default/flows/Legacy_*.flow-meta.xml'], maxFileSizeMB: 4 },
    { rules: {} },
    {},
  ],
  environments: [
    JSON.parse(readFileSync(path.join(examplesRoot, 'flow-callout.environments.json'), 'utf8')) as unknown,
    {
      version: 1, default: 'sandbox',
      environments: {
        sandbox: { baseUrl: 'https://sandbox.example.com', namedCredentials: { Orders: { auth: { kind: 'oauth2-client-credentials', tokenUrl: 'https://login.example.com/token', clientId: 'Orders.clientId', clientSecret: 'Orders.clientSecret', scope: 'orders', clientAuthentication: 'basic' } }, Crm: { auth: { kind: 'bearer', token: 'Crm.token' } } } },
        none: { namedCredentials: { Open: { baseUrl: 'http://127.0.0.1:9000', auth: { kind: 'none' } }, Keyed: { auth: { kind: 'custom', parameters: { apiKey: 'Keyed.apiKey' } } } } },
      },
    },
  ],
};

const POOL: unknown[] = [null, true, false, 0, -1, 1.5, 201, '', 'x', 'GET', 'FETCH', '2XX', '2xx-ok', 'String', 'warn', 'off', 'https://x.example.com', 'Orders.token', 'a b', 'x'.repeat(300), [], {}, ['a', 'a'], ['a', 1], { type: 'String' }, { typo: 1 }, { kind: 'basic' }, { sample: {} }];

/** Every [parent, key] in a value (arrays by index), the root's parent being a holder. */
function slots(value: unknown): [Record<string | number, unknown>, string | number][] {
  const out: [Record<string | number, unknown>, string | number][] = [];
  const walk = (parent: Record<string | number, unknown>, key: string | number) => {
    out.push([parent, key]);
    const v = parent[key];
    if (v && typeof v === 'object') for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) walk(v as Record<string | number, unknown>, k);
  };
  walk({ root: value }, 'root');
  return out;
}

/** Seeded structural mutants: a value replaced, a key removed, renamed or added, an item repeated, in 1–3 steps. */
function valueMutants(base: unknown, rnd: () => number, count: number): unknown[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const holder = { root: structuredClone(base) as unknown };
    for (let step = 1 + Math.floor(rnd() * 3); step > 0; step--) {
      const all = slots(holder.root).map(([p, k]) => [p === undefined ? holder : p, k] as const);
      const [parent, key] = pick(all.length > 1 ? all.slice(1) : all);
      const op = Math.floor(rnd() * 5);
      const v = parent[key as never] as unknown;
      if (op === 0) (parent as Record<string | number, unknown>)[key] = structuredClone(pick(POOL));
      else if (op === 1 && !Array.isArray(parent)) delete (parent as Record<string | number, unknown>)[key];
      else if (op === 2 && !Array.isArray(parent)) {
        delete (parent as Record<string | number, unknown>)[key];
        (parent as Record<string | number, unknown>)[`${String(key)}_`] = v;
      } else if (op === 3 && v && typeof v === 'object' && !Array.isArray(v)) (v as Record<string, unknown>)[pick(['zz', 'Name', '2XX', '600', 'kind', 'version'])] = structuredClone(pick(POOL));
      else if (op === 4 && Array.isArray(v) && v.length) v.push(structuredClone(v[0]));
      else (parent as Record<string | number, unknown>)[key] = structuredClone(pick(POOL));
    }
    out.push(holder.root);
  }
  return out;
}

/** Text mutants (truncations, deletions, noise — the fuzz test's) that still parse as YAML. */
function textMutants(base: unknown, rnd: () => number, count: number): unknown[] {
  const out: unknown[] = [];
  for (const text of mutations(JSON.stringify(base, null, 2), rnd, count)) {
    try {
      out.push(parseYaml(text, { maxAliasCount: 50 }));
    } catch {
      /* not a document any more */
    }
  }
  return out;
}

test('the bundles carry precompiled validators that give the same verdicts and errors as Ajv compiling at run time', async () => {
  const { validators: bundled, inputs } = await bundledValidators();
  // Built from Ajv's generated code and its runtime helpers only: no compiler in the bundle.
  assert.ok(!inputs.some((f) => /node_modules\/ajv\/dist\/(core|ajv|compile\/)/.test(f)), inputs.join('\n'));
  assert.ok(inputs.some((f) => f.startsWith('precompiled-validators:')), inputs.join('\n'));
  for (const name of Object.keys(BASES) as SchemaName[]) {
    const precompiled = bundled.schemaValidator(name);
    const runtime = schemaValidator(name);
    assert.notEqual(precompiled, runtime);
    const rnd = prng(0x5eed + name.length);
    const docs = BASES[name].flatMap((b) => [b, ...valueMutants(b, rnd, 150), ...textMutants(b, rnd, 60)]);
    const keywords = new Set<string>();
    let invalid = 0;
    for (const doc of docs) {
      const ok = runtime(doc);
      const want = structuredClone(runtime.errors);
      assert.equal(precompiled(doc), ok, `${name}: ${JSON.stringify(doc)?.slice(0, 300)}`);
      assert.deepEqual(precompiled.errors, want, `${name}: ${JSON.stringify(doc)?.slice(0, 300)}`);
      if (!ok) invalid++;
      for (const e of want ?? []) keywords.add(e.keyword);
    }
    // The documents exercise both verdicts and several kinds of error, so the comparison can fail.
    for (const b of BASES[name]) assert.equal(runtime(b), true, `${name} base document: ${JSON.stringify(runtime.errors)}`);
    assert.ok(invalid >= 100, `${name}: only ${invalid} invalid documents of ${docs.length}`);
    assert.ok(keywords.size >= 4, `${name}: error keywords ${[...keywords].join(', ')}`);
  }
});
