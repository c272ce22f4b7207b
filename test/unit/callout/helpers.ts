// Builders for the engine's tests: definitions from YAML text, contexts with credential metadata, and a real
// httpbin (Debian's python3-httpbin) on a free loopback port.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CalloutDefinition } from '../../../server/src/core/model/definition';
import { parseCalloutText } from '../../../server/src/core/parse';
import type { CalloutContext } from '../../../server/src/core/callout/context';
import type { ExternalCredentialInfo, NamedCredentialInfo } from '../../../server/src/core/project/metadata';
export { freePort, startHttpbin, type Httpbin } from './httpbin';
import { freePort } from './httpbin';

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


