// Bundles the VS Code test tier to out/test/vscode/: the run() module (index.js), each suite
// (suite/<name>.test.js) and the runner (runTest.js). `vscode` is the host's; mocha, playwright-core and
// @vscode/test-electron are resolved from the extension's node_modules at run time.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const outdir = path.join(root, 'out', 'test', 'vscode');

export async function buildVsCodeTests() {
  const suites = fs
    .readdirSync(path.join(here, 'suite'))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => [`suite/${f.replace(/\.ts$/, '')}`, path.join(here, 'suite', f)]);
  fs.rmSync(path.join(outdir, 'suite'), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: Object.fromEntries([
      ['index', path.join(here, 'index.ts')],
      ['runTest', path.join(here, 'runTest.ts')],
      ...suites,
    ]),
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    // As esbuild.mjs: jsonc-parser's UMD entry cannot be bundled (it requires './impl/format' at run time); its
    // ESM entry can. Suites that import core code reading JSON (importCurl → parse) need it.
    mainFields: ['module', 'main'],
    external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'],
  });
  return outdir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildVsCodeTests();
  console.log(`[test/vscode] built to ${path.relative(root, outdir)}`);
}
