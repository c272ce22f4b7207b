// Bad input: a 50 MB random-binary *.flow-meta.xml in a project (the file that used to cost minutes and
// gigabytes). Wall time and peak RSS of the bundled CLI (`flow-callout validate`) and of the language server
// opening it over stdio. The CLI rows have no anchor (the goal is ≤ 2 s, ≤ 300 MB extra); the server row's anchor
// is the same didOpen sent to a bare vscode-jsonrpc endpoint (bench/jsonrpcEcho.cjs): the transfer alone.
import { spawn, spawnSync } from 'node:child_process';
import { promises as fsp, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ProjectIndexed } from '../server/src/protocol';
import { writeBinary } from '../test/binaryFiles';
import { log, median, now, repoRoot, row, spread, type BenchEntry, type BenchSection } from './lib';

const MAXRSS = path.join(repoRoot, 'bench', 'maxrss.cjs');
const SERVER = [path.join(repoRoot, 'dist', 'server-cli.js'), '--stdio'];
const JSONRPC_ONLY = [path.join(repoRoot, 'bench', 'jsonrpcEcho.cjs')];
const RUNS = 3;

/** One run of the CLI: wall ms and peak RSS (MB) from the preload. */
function cliRun(dir: string, rssFile: string): { ms: number; rssMB: number; code: number | null } {
  const t0 = now();
  const r = spawnSync(process.execPath, ['-r', MAXRSS, path.join(repoRoot, 'dist', 'cli.js'), 'validate', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, BENCH_MAXRSS_FILE: rssFile }, maxBuffer: 64 * 1024 * 1024 });
  const ms = now() - t0;
  return { ms, rssMB: Number(readFileSync(rssFile, 'utf8')) / 1048576, code: r.status };
}

/** One server run: didOpen of the file's text until its diagnostic; wall ms and the server's peak RSS (MB). */
async function serverRun(dir: string, file: string, rssFile: string, command = SERVER): Promise<{ ms: number; rssMB: number; diagnostics: number }> {
  const child = spawn(process.execPath, ['-r', MAXRSS, ...command], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, BENCH_MAXRSS_FILE: rssFile } });
  const c = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const uri = pathToFileURL(file).toString();
  let diagnosed!: (n: number) => void;
  const got = new Promise<number>((r) => (diagnosed = r));
  c.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => { if (p.uri === uri) diagnosed(p.diagnostics.length); });
  c.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ validation: { enable: true, debounceMs: 0 }, rules: {} })));
  c.onRequest('client/registerCapability', () => null);
  c.listen();
  const indexed = command === SERVER ? new Promise<void>((r) => c.onNotification(ProjectIndexed, () => r())) : Promise.resolve();
  const rootUri = pathToFileURL(dir).toString();
  await c.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }], capabilities: { workspace: { configuration: true } } });
  await c.sendNotification('initialized', {});
  await indexed;
  // What an editor would send: the file decoded as UTF-8.
  const text = await fsp.readFile(file, 'utf8');
  const t0 = now();
  await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flow-metadata-xml', version: 1, text } });
  const diagnostics = await got;
  const ms = now() - t0;
  await c.sendRequest('shutdown');
  await c.sendNotification('exit');
  await new Promise((r) => child.once('exit', r));
  c.dispose();
  return { ms, rssMB: Number(readFileSync(rssFile, 'utf8')) / 1048576, diagnostics };
}

export async function benchBinary(): Promise<BenchSection> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'fcs-bench-binary-'));
  const rssFile = path.join(dir, 'maxrss');
  try {
    writeFileSync(path.join(dir, 'sfdx-project.json'), '{"packageDirectories":[{"path":"force-app","default":true}]}');
    const flows = path.join(dir, 'force-app', 'flows');
    await fsp.mkdir(flows, { recursive: true });
    writeFileSync(path.join(flows, 'Good.flow-meta.xml'), '<?xml version="1.0" encoding="UTF-8"?>\n<Flow xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Good</label>\n    <processType>AutoLaunchedFlow</processType>\n</Flow>\n');
    const empty = Array.from({ length: RUNS }, () => cliRun(dir, rssFile));
    const binary = path.join(flows, 'Garbage.flow-meta.xml');
    writeBinary(binary, 50);
    const entries: BenchEntry[] = [];

    log('binary: CLI validate, default limit');
    const cli = Array.from({ length: RUNS }, () => cliRun(dir, rssFile));
    writeFileSync(path.join(dir, '.flowcallout.json'), '{"maxFileSizeMB": 64}');
    log('binary: CLI validate, limit raised to 64 MB');
    const raised = Array.from({ length: RUNS }, () => cliRun(dir, rssFile));
    log('binary: language server didOpen');
    const lsp: Awaited<ReturnType<typeof serverRun>>[] = [];
    const transfer: Awaited<ReturnType<typeof serverRun>>[] = [];
    // Alternated, so both sides see the same machine load.
    for (let i = 0; i < RUNS; i++) {
      transfer.push(await serverRun(dir, binary, rssFile, JSONRPC_ONLY));
      lsp.push(await serverRun(dir, binary, rssFile));
    }

    const base = median(empty.map((r) => r.rssMB));
    const cliEntry = (name: string, runs: typeof cli, what: string): BenchEntry => ({
      ...row(name, median(runs.map((r) => r.ms)), null, 'ms (wall, whole process)'),
      rssMB: Math.round(median(runs.map((r) => r.rssMB))),
      oursLabel: `flow-callout validate (dist/cli.js) on a project with a 50 MB random-binary flow, ${what}`,
      anchorLabel: '— (no anchor: the goal is ≤ 2 s and ≤ 300 MB more than the same project without the file)',
      method: `${RUNS} runs, median; peak RSS from process.resourceUsage() at exit (bench/maxrss.cjs); exit code ${runs[0].code}`,
      details: [`spread ${spread(runs.map((r) => r.ms))}`, `peak RSS ${median(runs.map((r) => r.rssMB)).toFixed(0)} MB; the same project without the file: ${base.toFixed(0)} MB, ${median(empty.map((r) => r.ms)).toFixed(0)} ms`],
    });
    entries.push(cliEntry('binary-flow-50mb', cli, 'default settings (refused by size, the file is never read)'));
    entries.push(cliEntry('binary-flow-50mb-limit-raised', raised, '"maxFileSizeMB": 64 (refused as binary from its first 8 KB)'));
    entries.push({
      ...row('binary-flow-50mb-lsp-open', median(lsp.map((r) => r.ms)), median(transfer.map((r) => r.ms)), 'ms (didOpen → diagnostics)'),
      rssMB: Math.round(median(lsp.map((r) => r.rssMB))),
      oursLabel: 'the language server (dist/server-cli.js --stdio) opening the 50 MB random-binary flow as UTF-8 text',
      anchorLabel: 'the same didOpen to a bare vscode-jsonrpc endpoint that only answers (bench/jsonrpcEcho.cjs): the JSON-RPC transfer alone',
      method: `${RUNS} runs each, alternated, median, from sending textDocument/didOpen to its publishDiagnostics (${lsp[0].diagnostics} diagnostic from the server); both include the client's JSON encoding and the pipe transfer of ~50 M characters (~124 MB of JSON: control bytes become \\u escapes); peak RSS of the receiving process`,
      details: [
        `spread ours ${spread(lsp.map((r) => r.ms))}, anchor ${spread(transfer.map((r) => r.ms))}`,
        `peak RSS: server ${median(lsp.map((r) => r.rssMB)).toFixed(0)} MB, bare vscode-jsonrpc endpoint ${median(transfer.map((r) => r.rssMB)).toFixed(0)} MB — the server's own share is the difference`,
      ],
    });
    return { title: 'Bad input: a 50 MB binary flow', entries, notes: [
      'Editors rarely send such a file: VS Code opens binary files in a binary viewer unless asked to open them anyway, and does not sync text models over 50 MB to extensions (TextModel._MODEL_SYNC_LIMIT), so its language client never sends them; the server row is the worst case.',
      'The server row is dominated by the JSON-RPC transfer (its anchor): the client encoding ~124 MB of JSON, the pipe, and vscode-jsonrpc buffering and decoding the message before the server sees it. The server\'s own work on the refused file is the difference between the two.',
    ] };
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
