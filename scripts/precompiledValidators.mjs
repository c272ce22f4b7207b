// esbuild plugin: the JSON Schema validators, precompiled. Every import of
// server/src/core/validate/schemaValidators.ts (which compiles with Ajv at run time, for the sources) becomes
// the code Ajv's standalone generation writes for the same schemas and set-up
// (server/src/core/validate/precompiledValidators.ts, run here in memory at each build), so no bundle carries
// Ajv's compiler and no process compiles a schema. Nothing generated is written to the repository.
// Used by esbuild.mjs for every bundle and by test/unit/schemaValidators.test.ts (the same path, compared with
// the run-time compile).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VALIDATORS_SOURCE = path.join(root, 'server/src/core/validate/schemaValidators.ts');
const VALIDATORS_GENERATOR = path.join(root, 'server/src/core/validate/precompiledValidators.ts');
let generated; // { key, modules } for the current inputs (watch mode regenerates when one changes)
async function precompiledModules() {
  const inputs = [VALIDATORS_SOURCE, VALIDATORS_GENERATOR, ...fs.readdirSync(path.join(root, 'schemas')).filter((f) => f.endsWith('.schema.json')).map((f) => path.join(root, 'schemas', f))];
  const key = inputs.map((f) => fs.statSync(f).mtimeMs).join(',');
  if (generated?.key !== key) {
    generated = { key, modules: runGenerator(inputs) };
  }
  return generated.modules;
}
async function runGenerator(inputs) {
  // The generator is TypeScript: bundle it in memory (node_modules stay outside) and run it here.
  const out = await esbuild.build({ entryPoints: [VALIDATORS_GENERATOR], bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', write: false, logLevel: 'warning' });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(VALIDATORS_GENERATOR));
  const { SCHEMA_NAMES, standaloneValidatorSource, precompiledIndexSource } = mod.exports;
  const validators = Object.fromEntries(SCHEMA_NAMES.map((n) => [n, standaloneValidatorSource(n)]));
  return { index: precompiledIndexSource((n) => `precompiled-validator:${n}`), validators, inputs };
}
export const precompiledValidators = {
  name: 'precompiled-validators',
  setup(build) {
    build.onResolve({ filter: /schemaValidators$/ }, (args) => {
      if (path.resolve(args.resolveDir, args.path) + '.ts' !== VALIDATORS_SOURCE) return undefined;
      return { path: 'index', namespace: 'precompiled-validators' };
    });
    build.onResolve({ filter: /^precompiled-validator:/ }, (args) => ({ path: args.path.slice('precompiled-validator:'.length), namespace: 'precompiled-validators' }));
    build.onLoad({ filter: /.*/, namespace: 'precompiled-validators' }, async (args) => {
      const m = await precompiledModules();
      const contents = args.path === 'index' ? m.index : m.validators[args.path];
      if (contents === undefined) return { errors: [{ text: `no precompiled validator "${args.path}"` }] };
      return { contents, loader: 'js', resolveDir: root, watchFiles: m.inputs };
    });
    // Ajv's compiler in a bundle would mean a schema compiled at run time: only its runtime helpers belong here.
    build.onResolve({ filter: /^ajv(-formats)?(\/|$)/ }, (args) => (/^ajv\/dist\/runtime\/|^ajv-formats\/dist\/formats$/.test(args.path) ? undefined : {
      errors: [{ text: `${args.path} (from ${args.importer}): the bundles use the precompiled schema validators (core/validate/schemaValidators.ts), not Ajv itself` }],
    }));
  },
};

