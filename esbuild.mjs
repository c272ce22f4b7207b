// One build for every bundle: the VS Code client, the language server, the stdio entry and the CLI.
// `--production` minifies (the CLI's bundles always are); `--watch` rebuilds on change. Only the client
// marks `vscode` external.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { precompiledValidators } from './scripts/precompiledValidators.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  loader: { '.json': 'json' },
  // jsonc-parser's UMD entry cannot be bundled; its ESM entry can.
  mainFields: ['module', 'main'],
};

/**
 * What the send engine needs only sometimes is its own bundle, required on first use: proxy-agent (a PAC
 * interpreter, FTP/SOCKS clients: about 1.2 MB) when a proxy is set. The engine's `import('proxy-agent')`
 * becomes `require(<dist>/proxy-agent.js)` — a require, not an import(): the CLI runs its bundles through
 * vm.Script, which has no dynamic import.
 */
const LAZY_BUNDLES = {
  'proxy-agent': { specifier: /^proxy-agent$/, entry: 'node_modules/proxy-agent/dist/index.js' },
};
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    for (const [name, { specifier }] of Object.entries(LAZY_BUNDLES)) build.onResolve({ filter: specifier }, () => ({ path: name, namespace: 'lazy-bundle' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-bundle' }, (args) => ({
      contents: `module.exports = require(require('node:path').join(__dirname, ${JSON.stringify(`${args.path}.js`)}));`,
      loader: 'js',
    }));
  },
};
/** node-fetch's fetch-blob falls back to web-streams-polyfill only where globalThis.ReadableStream is missing
 * (Node < 16.5); on Node 20 the branch never runs, so the polyfill is left out. */
const noStreamsPolyfill = {
  name: 'no-web-streams-polyfill',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/|$)/ }, (args) => ({ path: args.path, namespace: 'unused' }));
    build.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};
const engine = { plugins: [lazyBundles, noStreamsPolyfill] };
/** The CLI's command bundles: loaded per command by the dispatcher (dist/cli.js) through a V8 code cache;
 * minified (smaller to read and compile on every run; the source maps keep the stack traces readable;
 * NO_MINIFY=1 for readable profiles). send and mock use the engine's lazy bundles. */
const cliCommand = (name) => ({
  entryPoints: { [`cli-${name}`]: `server/src/cli/bundles/${name}.ts` }, minify: !process.env.NO_MINIFY,
  ...(name === 'send' || name === 'mock' ? engine : {}),
});

const entries = [
  { entryPoints: { client: 'client/src/extension.ts' }, external: ['vscode'] },
  // Send Test Callout's engine for the extension, required on the first send (not at activation).
  { entryPoints: { 'send-engine': 'client/src/send/engine.ts' }, ...engine },
  // The generators' core for the extension, required on the first generator command (not at activation).
  { entryPoints: { generators: 'client/src/generate/engine.ts' } },
  // The language server (node/main.ts) is dist/server-main.js; dist/server.js (VS Code, IPC) and dist/server-cli.js
  // (flow-callout-ls) are its small loader (node/stdio.ts), which goes through the CLI's V8 code cache. Minified
  // like the CLI's bundles: every server start reads, hashes and loads it (1.4 MB → 0.7 MB; ~20–30 ms CPU a start).
  { entryPoints: { 'server-main': 'server/src/node/main.ts' }, minify: !process.env.NO_MINIFY },
  { entryPoints: { server: 'server/src/node/stdio.ts' } },
  { entryPoints: { 'server-cli': 'server/src/node/stdio.ts' }, banner: { js: '#!/usr/bin/env node' } },
  // The CLI: a small dispatcher, one bundle per command; proxy-agent on its own (see above).
  { entryPoints: { cli: 'server/src/cli.ts' }, banner: { js: '#!/usr/bin/env node' }, minify: true },
  ...['validate', 'send', 'mock', 'generate', 'import'].map(cliCommand),
  // A worker thread of `validate` (cli/validateWorkers.ts), started from dist/ beside cli-validate.js: a small
  // loader that runs the worker's bundle through the V8 code cache.
  { entryPoints: { 'cli-validate-worker': 'server/src/cli/bundles/validateWorkerLoader.ts' }, minify: true },
  { entryPoints: { 'cli-validate-worker-main': 'server/src/cli/bundles/validateWorker.ts' }, minify: !process.env.NO_MINIFY },
  ...Object.entries(LAZY_BUNDLES).map(([name, { entry }]) => ({ entryPoints: { [name]: entry }, minify: true })),
  // The flow-run panel's diagram (dagre layout + SVG), loaded by the webview under its CSP: a browser script.
  { entryPoints: { 'webview/flow-diagram': 'client/src/webview/flowDiagram.mts' }, platform: 'browser', format: 'iife', target: 'chrome114', minify: true, sourcemap: false, mainFields: ['browser', 'module', 'main'] },
];

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e, plugins: [precompiledValidators, ...(e.plugins ?? [])], outdir: 'dist', metafile: true })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching client, server and CLI');
} else {
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  // A bundle this build no longer makes (a retired lazy bundle) must not linger in dist/: the VSIX packs dist/*.js.
  const made = new Set(results.flatMap((r) => Object.keys(r.metafile.outputs)).map((f) => path.resolve(f)));
  for (const f of fs.readdirSync('dist')) {
    if (/\.js(\.map)?$/.test(f) && !made.has(path.resolve('dist', f))) fs.rmSync(path.join('dist', f));
  }
}
