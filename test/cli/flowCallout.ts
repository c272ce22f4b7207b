// Runs the bundled CLI (dist/cli.js, built by `npm run build` / the test runner) as a process.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const cli = path.join(repoRoot, 'dist', 'cli.js');
export const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function flowCallout(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first.`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd ?? repoRoot, input: options.input, env: options.env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of examples/ in a temp folder (so generated files never land in the repo); removed by the caller. */
export function demoCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-cli-'));
  fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true, filter: (src) => !/node_modules|\.sfdx/.test(src) });
  return dir;
}
