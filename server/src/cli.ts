// `flow-callout`: the same core as the language server, for CI and the terminal.
import { readFileSync } from 'node:fs';
import { formatSarif, formatText, validateFiles } from './cli/validate';
import { ruleCatalog } from './cli/rulesCatalog';

const HELP = `Usage: flow-callout <command> [options]

Commands:
  validate [PATHS…]   Check callout definitions (*.callout.yaml|yml|json) and flows (*.flow-meta.xml)
  rules               List every rule with its id, default severity and source

Run "flow-callout <command> --help" for a command's options.

Exit codes: 0 no findings at or above --fail-on; 1 findings; 2 usage or I/O error.
`;

const VALIDATE_HELP = `Usage: flow-callout validate [PATHS…] [--format text|json|sarif] [--fail-on error|warning|info|never]

Checks every callout definition and flow under PATHS (files or folders; default: the current folder).
The project root is the nearest folder with sfdx-project.json; its .flowcallout.json sets rule severities.

  --format    text (default: file:line:col, rule id, caret excerpt), json, or sarif (SARIF 2.1.0)
  --fail-on   lowest severity that makes the exit code 1 (default: error)
`;

export type CommandHandler = (args: string[]) => Promise<number>;
export const COMMANDS = new Map<string, { help: string; run: CommandHandler }>();

COMMANDS.set('validate', { help: VALIDATE_HELP, run: runValidate });
COMMANDS.set('rules', {
  help: 'Usage: flow-callout rules\n\nLists every rule: id, default severity, what it finds, source.\n',
  async run() {
    for (const r of ruleCatalog()) process.stdout.write(`${r.id.padEnd(34)} ${r.defaultSeverity.padEnd(8)} ${r.doc}\n${' '.repeat(44)}source: ${r.source}\n`);
    return 0;
  },
});

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i !== -1) return args[i + 1];
  const eq = args.find((a) => a.startsWith(name + '='));
  return eq?.slice(name.length + 1);
}

export function positional(args: string[], withValue: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (withValue.includes(args[i])) i++;
    else if (!args[i].startsWith('--')) out.push(args[i]);
  }
  return out;
}

async function runValidate(args: string[]): Promise<number> {
  const format = option(args, '--format') ?? 'text';
  const failOn = option(args, '--fail-on') ?? 'error';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}").`);
  if (!['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`--fail-on must be error, warning, info or never (got "${failOn}").`);
  const paths = positional(args, ['--format', '--fail-on']);
  const { results, root } = await validateFiles(paths);
  if (format === 'json') process.stdout.write(JSON.stringify(results.map((r) => ({ file: r.file, problems: r.problems.map(({ fix: _fix, ...p }) => p) })), null, 2) + '\n');
  else if (format === 'sarif') process.stdout.write(JSON.stringify(formatSarif(results, root), null, 2) + '\n');
  else process.stdout.write(formatText(results, process.cwd(), (f) => readFileSync(f, 'utf8')) + '\n');
  const rank = { error: 3, warning: 2, info: 1, hint: 0 } as const;
  const threshold = failOn === 'never' ? Infinity : rank[failOn as 'error'];
  return results.some((r) => r.problems.some((p) => rank[p.severity] >= threshold)) ? 1 : 0;
}

export class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version') {
    process.stdout.write('flow-callout 0.1.0\n');
    return 0;
  }
  const cmd = COMMANDS.get(command);
  if (!cmd) {
    process.stderr.write(`Unknown command "${command}".\n\n${HELP}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(cmd.help);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
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
