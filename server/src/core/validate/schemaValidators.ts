// The JSON Schema validators the tools ship: each schema in schemas/ and the one way Ajv is set up for it.
// This is the only module that compiles a schema. The bundles do not run it: esbuild.mjs replaces it with
// Ajv's standalone code, generated at build time from the same settings (precompiledValidators.ts), so a
// process starts with its validators ready instead of loading Ajv and compiling (~0.1 s per schema, more on
// a cold process). Run from the sources (tsx: the tests, the benchmarks' helpers) it compiles on first use.
// test/unit/schemaValidators.test.ts checks that both give the same verdict and the same errors.
import Ajv, { type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import calloutSchema from '../../../../schemas/callout.schema.json';
import environmentsSchema from '../../../../schemas/environments.schema.json';
import settingsSchema from '../../../../schemas/flowcallout.schema.json';

export type SchemaName = 'callout' | 'settings' | 'environments';

/** Each validator's schema and whether ajv-formats' formats are added (the callout schema's only). */
export const SCHEMA_VALIDATORS: Record<SchemaName, { schema: object; formats: boolean }> = {
  callout: { schema: calloutSchema, formats: true },
  settings: { schema: settingsSchema, formats: false },
  environments: { schema: environmentsSchema, formats: false },
};

/**
 * The Ajv that compiles `name`'s schema: every error, not only the first (the editor shows them all); not
 * strict (the schemas carry editor keywords such as markdownDescription). `extra` is for the build, which
 * asks for the generated source (`code.source`); it must not change what is checked.
 */
export function ajvFor(name: SchemaName, extra: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, ...extra });
  if (SCHEMA_VALIDATORS[name].formats) addFormats(ajv);
  return ajv;
}

const compiled = new Map<SchemaName, ValidateFunction>();

/** The validator of `name`'s schema (compiled once per process when run from the sources). */
export function schemaValidator(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    v = ajvFor(name).compile(SCHEMA_VALIDATORS[name].schema);
    compiled.set(name, v);
  }
  return v;
}
