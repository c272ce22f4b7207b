// One build for every bundle: the VS Code client, the language server, the stdio entry and the CLI.
// `--production` minifies; `--watch` rebuilds on change. Only the client marks `vscode` external.
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

const entries = [
  { entryPoints: { client: 'client/src/extension.ts' }, external: ['vscode'] },
  // Send Test Callout's engine for the extension, required on the first send (not at activation).
  { entryPoints: { 'send-engine': 'client/src/send/engine.ts' } },
  // The generators' core for the extension, required on the first generator command (not at activation).
  { entryPoints: { generators: 'client/src/generate/engine.ts' } },
  { entryPoints: { server: 'server/src/node/main.ts' } },
  { entryPoints: { 'server-cli': 'server/src/node/stdio.ts' }, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: { cli: 'server/src/cli.ts' }, banner: { js: '#!/usr/bin/env node' } },
];

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e, outdir: 'dist' })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching client, server and CLI');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
