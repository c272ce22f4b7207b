// The language server's entry: dist/server.js (VS Code, over IPC) and dist/server-cli.js (`flow-callout-ls
// --stdio`: the same server for Neovim, Helix and any LSP client). It only loads the server itself
// (main.ts, bundled as dist/server-main.js) through the CLI's V8 code cache (cli/codeCache.ts), so a start
// does not parse and compile the server's JavaScript again; the cache is written when the process exits —
// by then it holds every function the server ran. FLOW_CALLOUT_NO_CODE_CACHE=1 turns it off.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { requireBundle, saveCodeCaches } from '../cli/codeCache';

const bundle = path.join(__dirname, 'server-main.js');
if (fs.existsSync(bundle)) {
  process.once('exit', saveCodeCaches);
  requireBundle(bundle);
} else {
  // Run from the sources (tsx): the server module itself (a path esbuild leaves alone: not bundled in here).
  require(path.join(__dirname, 'main'));
}
