// Builders for the engine's tests: definitions from YAML text, contexts with credential metadata, and a real
// httpbin (Debian's python3-httpbin) on a free loopback port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CalloutDefinition } from '../../../server/src/core/model/definition';
import { parseCalloutText } from '../../../server/src/core/parse';
import type { CalloutContext } from '../../../server/src/core/callout/context';
import type { ExternalCredentialInfo, NamedCredentialInfo } from '../../../server/src/core/project/metadata';

export function def(yaml: string, fileName = 'Test.callout.yaml'): CalloutDefinition {
  return new CalloutDefinition({ fileName, text: yaml, tree: parseCalloutText(yaml, fileName) });
}

export function nc(name: string, extra: Partial<NamedCredentialInfo> = {}): NamedCredentialInfo {
  return { name, file: `namedCredentials/${name}.namedCredential-meta.xml`, kind: 'SecuredEndpoint', customHeaders: [], ...extra };
}

export function ec(name: string, protocol: string, variant?: string): ExternalCredentialInfo {
  return { name, file: `externalCredentials/${name}.externalCredential-meta.xml`, protocol, principals: [], parameters: variant ? [{ name: 'Custom', type: 'AuthProtocolVariant', value: variant }] : [] };
}

export function ctx(yaml: string, extra: Partial<CalloutContext> = {}): CalloutContext {
  return { definition: { text: yaml, fileName: '/project/callouts/Test.callout.yaml' }, ...extra };
}

/** A minimal GET definition against `path` on named credential Api. */
export function getDef(path: string, more = ''): string {
  return `name: Probe\nnamedCredential: Api\nmethod: GET\npath: ${path}\nresponses:\n  2XX:\n    sample: { url: x }\n${more}`;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A small loopback server the test controls (invalid JSON, token endpoints…). */
export async function loopbackServer(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
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
