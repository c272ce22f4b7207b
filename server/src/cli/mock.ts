// `flow-callout mock`: the built-in mock as a standalone loopback server for every definition given.
import { promises as fsp } from 'node:fs';
import { pickMockResponse, startMockServer } from '../core/callout';
import { MOCK_RESPONSE_HEADER } from '../core/callout/mock';
import { CalloutDefinition } from '../core/model/definition';
import { parseCalloutText } from '../core/parse';
import { documentKind } from '../core/language';
import { expandPaths } from './paths';
import { registerCommand, UsageError } from './registry';

const HELP = `Usage: flow-callout mock FILE…|DIR [--port N] [--host H]

Serves every callout definition's samples on loopback: each definition's method + path answers with
test.response, else its first 2XX sample (2XX → 201 for POST, else 200; 4XX → 400; 5XX → 500).
Ask for another response with the request header ${MOCK_RESPONSE_HEADER}: 4XX.
Each request is checked against the definition (required query parameters, content type, the request
sample's shape) and logged here. Prints the URL, then runs until Ctrl+C.

  --port N   port to listen on (default 0: a free port)
  --host H   address to listen on (default 127.0.0.1)
`;

async function definitionsIn(paths: string[]): Promise<CalloutDefinition[]> {
  const files = await expandPaths(paths, (f) => documentKind(f) === 'callout', (p) => new UsageError(`${p}: no such file or folder.`));
  const defs: CalloutDefinition[] = [];
  for (const file of files) {
    const text = await fsp.readFile(file, 'utf8');
    const def = new CalloutDefinition({ fileName: file, text, tree: parseCalloutText(text, file) });
    if (def.name && def.responses().length) defs.push(def);
  }
  return defs;
}

export async function runMock(args: string[], write: (s: string) => void = (s) => process.stdout.write(s), stop?: Promise<void>): Promise<number> {
  let port = 0;
  let host = '127.0.0.1';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--port' || a.startsWith('--port=')) {
      const v = a.includes('=') ? a.slice(7) : args[++i];
      port = Number(v);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number 0–65535 (got "${v}").`);
    } else if (a === '--host' || a.startsWith('--host=')) {
      host = (a.includes('=') ? a.slice(7) : args[++i]) ?? host;
    } else if (a.startsWith('--')) throw new UsageError(`Unknown option ${a}.`);
    else paths.push(a);
  }
  if (!paths.length) throw new UsageError('Give callout definitions or a folder that holds them.');
  const defs = await definitionsIn(paths);
  if (!defs.length) throw new UsageError(`No callout definitions with responses under ${paths.join(', ')}.`);
  let server;
  try {
    server = await startMockServer({
      definitions: defs, host, port,
      onRequest: (r) => write(`${r.method} ${r.path} → ${r.pick ? `${r.definition} ${r.pick.key} (HTTP ${r.pick.status})` : 'no match'}${r.findings.length ? `\n  ! ${r.findings.join('\n  ! ')}` : ''}\n`),
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new Error(code === 'EADDRINUSE' ? `Port ${port} on ${host} is in use: pick another with --port, or --port 0 for a free one.` : `The mock could not listen on ${host}:${port} (${(e as Error).message}).`);
  }
  write(`Flow Callout mock for ${defs.length} callout definition${defs.length > 1 ? 's' : ''} listening on ${server.url}\n`);
  for (const d of defs) {
    const pick = pickMockResponse(d);
    write(`  ${d.method.padEnd(6)} ${server.url}${d.path}  ${d.name}.${d.operation} → ${'error' in pick ? pick.error : `${pick.key} (HTTP ${pick.status}: ${pick.reason})`}\n`);
  }
  write('Press Ctrl+C to stop.\n');
  await (stop ?? new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  }));
  await server.close();
  return 0;
}

registerCommand('mock', {
  help: HELP,
  run: (args) => runMock(args),
});
