// `flow-callout`: the same core as the language server, for CI and the terminal. This entry is only the
// dispatcher: the help comes from cli/catalog.ts, and each command lives in its own bundle
// (dist/cli-<bundle>.js, entries in cli/bundles/), loaded when that command runs — through a V8 code cache
// (cli/codeCache.ts) — so a one-shot `flow-callout send` reads and compiles only what sending needs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOG, type CatalogEntry } from './cli/catalog';
import { requireBundle, saveCodeCaches } from './cli/codeCache';
import type { CliCommand } from './cli/registry';
import { VERSION } from './version';

function topHelp(): string {
  const width = Math.max(...CATALOG.map((c) => c.name.length)) + 2;
  const lines = CATALOG.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `Usage: flow-callout <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "flow-callout <command> --help" for a command's options.\nExit codes: 0 success; 1 findings or failed checks; 2 usage or I/O error.\n`;
}

/** The command's module: its bundle next to this file, or (run from the sources) the bundle entry. */
function load(entry: CatalogEntry): CliCommand {
  const bundle = path.join(__dirname, `cli-${entry.bundle}.js`);
  const exports = (fs.existsSync(bundle) ? requireBundle(bundle) : require(path.join(__dirname, 'cli', 'bundles', entry.bundle))) as { COMMANDS: Map<string, CliCommand> };
  const command = exports.COMMANDS.get(entry.name);
  if (!command) throw new Error(`${path.basename(bundle)} has no command "${entry.name}". Rebuild the CLI (npm run build).`);
  return command;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(topHelp());
    return command ? 0 : 2;
  }
  if (command === '--version') {
    process.stdout.write(`flow-callout ${VERSION}\n`);
    return 0;
  }
  const entry = CATALOG.find((c) => c.name === command);
  if (!entry) {
    process.stderr.write(`Unknown command "${command}".\n\n${topHelp()}`);
    return 2;
  }
  const cmd = load(entry);
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(cmd.help);
      return 0;
    }
    return await cmd.run(rest);
  } catch (e) {
    // The registry's UsageError (each bundle has its own copy of the class, so it is told by its mark).
    if ((e as { isUsageError?: boolean })?.isUsageError) {
      process.stderr.write(`flow-callout ${command}: ${(e as Error).message}\n\n${cmd.help}`);
      return 2;
    }
    process.stderr.write(`flow-callout ${command}: ${(e as Error).message}\n`);
    return 2;
  } finally {
    saveCodeCaches();
  }
}

/**
 * Ends the process once stdout and stderr have drained. A pipe to another process (`| jq`, a CI step) takes
 * the output asynchronously: `process.exit` with data still queued would cut it at the pipe's buffer (64 KB).
 * An empty write's callback runs after everything written before it has been handed to the OS. The exit
 * itself stays explicit: a command may leave a handle open (a keep-alive socket, the mock's server).
 */
export function exitWhenDrained(code: number): void {
  process.exitCode = code;
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0 && !s.destroyed);
  let left = pending.length;
  if (!left) process.exit(code);
  for (const stream of pending) stream.write('', () => { if (--left === 0) process.exit(code); });
}

/** The reader went away (`| head`): nothing more can be written, which is not an error of the command. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw e;
  });
}

if (require.main === module) {
  quietOnClosedPipe(process.stdout);
  main(process.argv.slice(2)).then(exitWhenDrained, (e) => {
    process.stderr.write(`flow-callout: ${(e as Error).message}\n`);
    exitWhenDrained(2);
  });
}
