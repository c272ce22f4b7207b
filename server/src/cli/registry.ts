// The CLI's command registry: each command module adds itself here (its one-line summary is in catalog.ts);
// cli.ts only dispatches, to the bundle of the command.

export type CommandHandler = (args: string[]) => Promise<number>;

export interface CliCommand {
  /** Full `--help` text. */
  help: string;
  run: CommandHandler;
}

export const COMMANDS = new Map<string, CliCommand>();

export function registerCommand(name: string, command: CliCommand): void {
  COMMANDS.set(name, command);
}

/** A usage mistake: printed with the command's help, exit code 2. */
export class UsageError extends Error {
  /** How the dispatcher (another bundle, another copy of this class) tells it from other errors. */
  readonly isUsageError = true;
}

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
