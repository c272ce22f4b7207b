// Node entry of the language server: the connection (IPC from VS Code, or --stdio for any LSP editor),
// node timers and file access, then the platform-neutral server.
import { createConnection, ProposedFeatures, type MessageReader } from 'vscode-languageserver/node';
import { nodeFs } from '../core/project/fs';
import { startServer } from '../lsp/server';
import { SingleWriteMessageWriter } from './writer';
import { VERSION } from '../version';

if (process.argv.includes('--version')) {
  process.stdout.write(`flow-callout-ls ${VERSION}\n`);
  process.exit(0);
}
if (process.argv.includes('--help') || process.argv.length <= 2) {
  process.stdout.write('Usage: flow-callout-ls --stdio\n\nThe Flow Callout Studio language server (LSP over stdio, --node-ipc or --socket=N).\n');
  process.exit(process.argv.includes('--help') ? 0 : 1);
}

// Over stdio, each message is written in one piece (writer.ts); console output must then never reach stdout.
const stdio = process.argv.includes('--stdio');
// stdin stays a stream (not a MessageReader): vscode-languageserver then reads it itself and exits when it ends.
const connection = stdio
  ? createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, new SingleWriteMessageWriter(process.stdout))
  : createConnection(ProposedFeatures.all);
if (stdio) {
  const toLog = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.info = console.debug = console.trace = toLog;
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
}
startServer(connection, {
  fs: nodeFs,
  timer: {
    setTimeout(cb, ms) {
      // No debounce: run after the messages already read (setTimeout(0) would wait at least 1 ms).
      if (ms <= 0) {
        const i = setImmediate(cb);
        return { dispose: () => clearImmediate(i) };
      }
      const h = setTimeout(cb, ms);
      return { dispose: () => clearTimeout(h) };
    },
  },
});
