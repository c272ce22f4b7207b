// Debian's httpbin on a free loopback port, and a free port: kept apart from helpers.ts (which reads the core)
// so the VS Code suites can bundle it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const PYTHON = '/usr/bin/python3';

export interface Httpbin {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts Debian's httpbin on a free loopback port; throws (the test fails) when it is not installed. */
export async function startHttpbin(): Promise<Httpbin> {
  const probe = spawnSync(PYTHON, ['-c', 'import httpbin.core'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`Debian's httpbin is not installed (${PYTHON} -c 'import httpbin.core' failed: ${probe.error?.message ?? probe.stderr.trim().split('\n').pop()}). Run scripts/setup-test-host.sh (it installs python3-httpbin), then run the tests again.`);
  }
  const port = await freePort();
  const child: ChildProcess = spawn(PYTHON, ['-m', 'httpbin.core', '--host', '127.0.0.1', '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`httpbin exited (${child.exitCode}) before answering: ${stderr.slice(-500)}`);
    try {
      const res = await fetch(`${url}/get`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`httpbin did not answer on ${url} within 15 s: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, port,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    }),
  };
}
