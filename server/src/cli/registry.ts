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

/**
 * The command's options checked before it runs: an option it does not know (a typo, `--dry-run` where there is
 * none) or one missing its value is a usage error, never silently ignored — an ignored `--dry-run` wrote files.
 * `withValue`: options followed by a value (also written `--name=value`); `flags`: options without one.
 * `hint`: said after the error (e.g. how to pass text that holds options of its own).
 */
export function refuseUnknownOptions(args: string[], withValue: readonly string[], flags: readonly string[], hint = ''): void {
  const known = [...withValue, ...flags].sort().join(', ');
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (withValue.includes(name)) {
      if (eq > 0) continue;
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value.`);
      i++;
    } else if (flags.includes(name) && eq < 0) continue;
    else throw new UsageError(`Unknown option ${a}${known ? ` (this command takes ${known})` : ''}.${hint ? ` ${hint}` : ''}`);
  }
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
