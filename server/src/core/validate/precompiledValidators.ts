// The build's side of schemaValidators.ts: Ajv's standalone code generation (ajv/dist/standalone) for each
// schema, with the same Ajv set-up (ajvFor) the sources compile with. esbuild.mjs runs this at build time and
// puts the result in place of schemaValidators.ts in every bundle — nothing generated is written to the
// repository. The generated validators need only Ajv's small runtime helpers (ajv/dist/runtime/*, and
// ajv-formats' formats should a schema use `format`), which the bundler takes from node_modules.
import standaloneCode from 'ajv/dist/standalone';
import { ajvFor, SCHEMA_VALIDATORS, type SchemaName } from './schemaValidators';

export const SCHEMA_NAMES = Object.keys(SCHEMA_VALIDATORS) as SchemaName[];

/** A CommonJS module whose export is `name`'s validator, compiled now. */
export function standaloneValidatorSource(name: SchemaName): string {
  const ajv = ajvFor(name, { code: { source: true } });
  return standaloneCode(ajv, ajv.compile(SCHEMA_VALIDATORS[name].schema));
}

/**
 * What stands in for schemaValidators.ts in a bundle: `schemaValidator(name)` with the same contract, each
 * validator's module (`requireSpecifier(name)`) evaluated on first use — a process that checks only callout
 * definitions never evaluates the others.
 */
export function precompiledIndexSource(requireSpecifier: (name: SchemaName) => string): string {
  const loaders = SCHEMA_NAMES.map((n) => `  ${JSON.stringify(n)}: () => require(${JSON.stringify(requireSpecifier(n))}),`).join('\n');
  return [
    '// Generated at build time by server/src/core/validate/precompiledValidators.ts (esbuild.mjs): Ajv standalone validators.',
    `const load = {\n${loaders}\n};`,
    'const made = new Map();',
    'export function schemaValidator(name) {',
    '  let v = made.get(name);',
    '  if (!v) {',
    '    const m = load[name]();',
    '    v = m.default ?? m;',
    '    made.set(name, v);',
    '  }',
    '  return v;',
    '}',
    '',
  ].join('\n');
}
