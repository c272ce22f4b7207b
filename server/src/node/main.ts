// Node entry of the language server: the connection (IPC from VS Code, or --stdio for any LSP editor),
// node timers and file access, then the platform-neutral server.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeFs } from '../core/project/fs';
import { startServer } from '../lsp/server';

if (process.argv.includes('--version')) {
  process.stdout.write('flow-callout-ls 0.1.0\n');
  process.exit(0);
}
if (process.argv.includes('--help') || process.argv.length <= 2) {
  process.stdout.write('Usage: flow-callout-ls --stdio\n\nThe Flow Callout Studio language server (LSP over stdio, --node-ipc or --socket=N).\n');
  process.exit(process.argv.includes('--help') ? 0 : 1);
}

const connection = createConnection(ProposedFeatures.all);
startServer(connection, {
  fs: nodeFs,
  timer: {
    setTimeout(cb, ms) {
      const h = setTimeout(cb, ms);
      return { dispose: () => clearTimeout(h) };
    },
  },
});
