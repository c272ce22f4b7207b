// One build for every bundle: the VS Code client, the language server, the stdio entry and the CLI.
// `--production` minifies; `--watch` rebuilds on change. Only the client marks `vscode` external.
import * as path from 'node:path';
import * as esbuild from 'esbuild';

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

/** proxy-agent (with a PAC interpreter, FTP/SOCKS clients: about 1.5 MB) is only needed when a proxy is set: it
 * is its own bundle (dist/proxy-agent.js), required from the engine's `import('proxy-agent')` on first use
 * (a require, not an import(): the CLI runs its bundles through vm.Script, which has no dynamic import). */
const lazyProxyAgent = {
  name: 'lazy-proxy-agent',
  setup(build) {
    build.onResolve({ filter: /^proxy-agent$/ }, () => ({ path: 'proxy-agent', namespace: 'lazy-bundle' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-bundle' }, () => ({
      contents: "module.exports = require(require('node:path').join(__dirname, 'proxy-agent.js'));",
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
/** The send engine imports Ajv for environments files, which most runs do not have: server/src/node/lazyAjv.ts
 * stands in for `ajv` and loads it when first constructed. */
const lazyAjv = {
  name: 'lazy-ajv',
  setup(build) {
    build.onResolve({ filter: /^ajv$/ }, () => ({ path: path.resolve('server/src/node/lazyAjv.ts') }));
  },
};
const engine = { plugins: [lazyProxyAgent, noStreamsPolyfill, lazyAjv] };
/** The CLI's command bundles: loaded per command by the dispatcher (dist/cli.js) through a V8 code cache;
 * minified (smaller to read and compile on every run; the source maps keep the stack traces readable). */
const cliCommand = (name) => ({ entryPoints: { [`cli-${name}`]: `server/src/cli/bundles/${name}.ts` }, minify: !process.env.NO_MINIFY, ...engine });

const entries = [
  { entryPoints: { client: 'client/src/extension.ts' }, external: ['vscode'] },
  // Send Test Callout's engine for the extension, required on the first send (not at activation).
  { entryPoints: { 'send-engine': 'client/src/send/engine.ts' }, ...engine },
  // The generators' core for the extension, required on the first generator command (not at activation).
  { entryPoints: { generators: 'client/src/generate/engine.ts' } },
  { entryPoints: { server: 'server/src/node/main.ts' } },
  { entryPoints: { 'server-cli': 'server/src/node/stdio.ts' }, banner: { js: '#!/usr/bin/env node' } },
  // The CLI: a small dispatcher, one bundle per command, and proxy-agent on its own (see above).
  { entryPoints: { cli: 'server/src/cli.ts' }, banner: { js: '#!/usr/bin/env node' }, minify: true },
  ...['validate', 'send', 'mock', 'generate', 'import'].map(cliCommand),
  { entryPoints: { 'proxy-agent': 'node_modules/proxy-agent/dist/index.js' }, minify: true },
];

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e, outdir: 'dist' })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching client, server and CLI');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
