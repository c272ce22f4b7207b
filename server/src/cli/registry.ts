// The CLI's command registry: each command module adds itself here; cli.ts only dispatches.

export type CommandHandler = (args: string[]) => Promise<number>;

export interface CliCommand {
  /** One line for the top-level help. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  run: CommandHandler;
}

export const COMMANDS = new Map<string, CliCommand>();

export function registerCommand(name: string, command: CliCommand): void {
  COMMANDS.set(name, command);
}

/** A usage mistake: printed with the command's help, exit code 2. */
export class UsageError extends Error {}

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i !== -1) return args[i + 1];
  const eq = args.find((a) => a.startsWith(name + '='));
  return eq?.slice(name.length + 1);
}

export function flag(args: string[], name: string): boolean {
  return args.includes(name);
}

/** Arguments that are not options (skipping the values of `withValue` options). */
export function positional(args: string[], withValue: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (withValue.includes(args[i])) i++;
    else if (!args[i].startsWith('--')) out.push(args[i]);
  }
  return out;
}
