// "Then the last values used" (issue 11): the inputs of the last `flow-callout send <flow> --element <Action>`,
// kept per project and action in the user's cache folder — never in the project (nothing lands in tracked files,
// `.flowcallout/tests/` is the user's, saved on purpose). Read last, under the flow's inputParameters, the Flow
// Test and the saved test-inputs file (core/flowrun/send.ts decides the order). Nothing that may be a secret is
// kept: names that say so (mayBeSecret, the test the extension's prompt uses) and values that were masked.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mayBeSecret, MASK } from '../core/callout/secrets';
import type { FlowInputValue } from '../core/flowrun/send';

/** The user's cache folder for the CLI: FLOW_CALLOUT_CACHE_DIR, else the OS's (XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  // Each OS's own place for caches: %LOCALAPPDATA% on Windows, ~/Library/Caches on macOS, $XDG_CACHE_HOME or
  // ~/.cache elsewhere. Paths are joined with that OS's separator (path.win32 on Windows).
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (env.FLOW_CALLOUT_CACHE_DIR) return p.resolve(env.FLOW_CALLOUT_CACHE_DIR);
  const base = platform === 'win32' ? env.LOCALAPPDATA || p.join(home, 'AppData', 'Local')
    : platform === 'darwin' ? p.join(home, 'Library', 'Caches')
      : env.XDG_CACHE_HOME || p.join(home, '.cache');
  return p.join(base, 'flow-callout');
}

/** Where the last inputs of one action of one project live: one folder per project root (its path, hashed). */
export function lastInputsFile(root: string, flow: string, element: string, env: NodeJS.ProcessEnv = process.env): string {
  const project = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
  const safe = (s: string) => s.replace(/[^\w.-]/g, '_');
  return path.join(cacheDir(env), 'last-inputs', project, `${safe(flow)}.${safe(element)}.json`);
}

/** The values worth keeping: not a flow literal (the flow has it), no secret-looking name, nothing masked. */
export function keepableInputs(inputs: FlowInputValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const i of inputs) {
    if (i.source === 'flow literal' || mayBeSecret(i.name)) continue;
    if (JSON.stringify(i.value ?? null).includes(MASK)) continue;
    out[i.name] = i.value;
  }
  return out;
}

export async function readLastInputs(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await fsp.readFile(file, 'utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes them (atomically); a cache that cannot be written is not an error of the send. */
export async function writeLastInputs(file: string, values: Record<string, unknown>): Promise<void> {
  if (!Object.keys(values).length) return;
  try {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, `${JSON.stringify(values, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
    await fsp.rename(tmp, file);
  } catch {
    // best effort: the next send asks again
  }
}
