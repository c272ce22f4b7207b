// `flow-callout`: the same core as the language server, for CI and the terminal. Each command lives in
// its own module under cli/ and registers itself; to add one, import it below.
import { COMMANDS, UsageError } from './cli/registry';
import './cli/validateCommand';
import './cli/send';
import './cli/mock';
import './cli/generate';
import './cli/import';

function topHelp(): string {
  const width = Math.max(...[...COMMANDS.keys()].map((k) => k.length)) + 2;
  const lines = [...COMMANDS.entries()].map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`);
  return `Usage: flow-callout <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "flow-callout <command> --help" for a command's options.\nExit codes: 0 success; 1 findings or failed checks; 2 usage or I/O error.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(topHelp());
    return command ? 0 : 2;
  }
  if (command === '--version') {
    process.stdout.write('flow-callout 0.1.0\n');
    return 0;
  }
  const cmd = COMMANDS.get(command);
  if (!cmd) {
    process.stderr.write(`Unknown command "${command}".\n\n${topHelp()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(cmd.help);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`flow-callout ${command}: ${e.message}\n\n${cmd.help}`);
      return 2;
    }
    process.stderr.write(`flow-callout ${command}: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    process.stderr.write(`flow-callout: ${(e as Error).message}\n`);
    process.exit(2);
  });
}
