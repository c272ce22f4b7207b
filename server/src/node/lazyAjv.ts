// Ajv, loaded when first constructed. The send engine validates an environments file only when the project
// has one, so its bundles (dist/cli-send.js, dist/send-engine.js) import this instead of `ajv` (esbuild.mjs)
// and skip initialising Ajv's ~130 KB of modules on every other run. Same constructor, same instances.
import type AjvClass from 'ajv';

type Ajv = InstanceType<typeof AjvClass>;
let real: typeof AjvClass | undefined;

function LazyAjv(...args: ConstructorParameters<typeof AjvClass>): Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  real ??= (require('ajv/dist/ajv') as { default: typeof AjvClass }).default;
  return new real(...args);
}

export default LazyAjv as unknown as typeof AjvClass;
