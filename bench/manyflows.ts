// A 1,000-flow SFDX project (+ 200 callout definitions) for the flows-at-scale rows, generated the same way
// every run from real shapes: the corpus flows (../shared/corpus) and this repository's flows that call
// callout definitions (examples/, test/fixtures/), cycled until there are `flows` of them. Copy g of a flow
// is named <Name>_c<g>, and its subflow references to other flows of the pool are renamed the same way, so
// subflows resolve inside the project. Every copy is its own text, as in a real org (recipe v2; v1 cycled
// identical texts, and the flow store shared their parses — 176 parses for 1,000 files): copy g renames the
// flow's own names (elements, resources, screen fields, outcomes… — not its input/output variables, which
// callers name) to <name>_c<g>, and every reference to them (connectors, *Reference leaves, {!…} merge
// fields), and gives its labels and its description a copy number (copyFlowText). The 200 definitions are the
// examples' three, renamed (<Name><k>); each copy of a flow that calls ExternalCrmLeads calls one of its
// renamed definitions (actionName and the ExternalService__ Apex types). The examples' credentials and fields
// come along. Written under bench/.cache/manyflows (git-ignored); rewritten only when its recipe changes.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { corpusFlowFiles } from './flow';
import { cacheDir, corpusDir, kb, log, median, now, repoRoot, round, row, spread, type BenchEntry, type BenchSection } from './lib';
import { SCANNER_DEFAULT_RULES, SCANNER_VERSION } from './scanner';
import { ProjectIndexed } from '../server/src/protocol';
import { copyFlowText } from './flowCopy';

export interface ManyFlowsProject {
  dir: string;
  flowsDir: string;
  /** Every flow file, in a stable order. */
  flowFiles: string[];
  definitions: number;
  /** Bytes of all flow files. */
  flowBytes: number;
  /** A flow that calls a definition (the document the server row opens). */
  openFlow: string;
  /** How many of the pool's flows came from the corpus / from this repository. */
  corpusFlows: number;
  repoFlows: number;
}

const EXAMPLES = path.join(repoRoot, 'examples');
/** This repository's flows that call the examples' definitions. */
const REPO_FLOWS = [
  path.join(EXAMPLES, 'force-app/main/default/flows/Lead_To_External_CRM.flow-meta.xml'),
  path.join(repoRoot, 'test/fixtures/flows/Lead_Callout_Problems.flow-meta.xml'),
];
const RECIPE = 'manyflows-v2';

const stemOf = (file: string) => path.basename(file).replace(/\.flow-meta\.xml$|\.flow$/i, '');

export async function makeManyFlowsProject(flows = 1000, definitions = 200): Promise<ManyFlowsProject> {
  const corpus = await corpusFlowFiles(corpusDir);
  if (!corpus.length) throw new Error(`No flows under ${corpusDir} (set BENCH_CORPUS).`);
  // One flow per name: the corpus holds a few same-named flows in different repositories.
  const pool: { file: string; name: string; repo: boolean }[] = [];
  const names = new Set<string>();
  for (const file of [...corpus, ...REPO_FLOWS]) {
    const name = stemOf(file);
    if (names.has(name.toLowerCase())) continue;
    names.add(name.toLowerCase());
    pool.push({ file, name, repo: REPO_FLOWS.includes(file) });
  }
  const texts = await Promise.all(pool.map((p) => fsp.readFile(p.file, 'utf8')));
  const calloutDir = path.join(EXAMPLES, 'callouts');
  const defFiles = (await fsp.readdir(calloutDir)).filter((f) => /\.callout\.ya?ml$/.test(f)).sort();
  const defTexts = await Promise.all(defFiles.map((f) => fsp.readFile(path.join(calloutDir, f), 'utf8')));

  const hash = createHash('sha1').update(RECIPE).update(copyFlowText.toString()).update(String(flows)).update(String(definitions));
  for (const t of [...texts, ...defTexts]) hash.update(t);
  const dir = path.join(cacheDir, `manyflows-${flows}-${definitions}`);
  const flowsDir = path.join(dir, 'force-app', 'main', 'default', 'flows');
  const stamp = path.join(dir, '.recipe');
  const digest = hash.digest('hex');

  const flowFiles: string[] = [];
  const plan: { file: string; text: string }[] = [];
  const poolNames = new Set(pool.map((p) => p.name));
  const crm = defFiles.findIndex((f) => f.startsWith('ExternalCrmLeads.'));
  let calls = 0;
  let openFlow = '';
  const seen = new Set<string>();
  for (let i = 0; i < flows; i++) {
    const k = i % pool.length;
    const g = Math.floor(i / pool.length);
    const suffix = g ? `_c${g}` : '';
    let text = texts[k];
    if (g) {
      text = text.replace(/<flowName>([^<]+)<\/flowName>/g, (m, n: string) => (poolNames.has(n) ? `<flowName>${n}${suffix}</flowName>` : m));
      text = copyFlowText(text, g, pool[k].name);
    } else if (seen.has(text)) {
      text = copyFlowText(text, 0, pool[k].name);
    }
    seen.add(text);
    if (pool[k].repo && crm >= 0) {
      // Definition number d (0-based) is made from defFiles[d % defFiles.length]: pick one of ExternalCrmLeads'.
      const made = Math.max(1, Math.ceil((definitions - crm) / defFiles.length));
      const d = crm + defFiles.length * (calls++ % made);
      text = text.replace(/ExternalCrmLeads(?=[._])/g, `ExternalCrmLeads${d}`);
    }
    const file = path.join(flowsDir, `${pool[k].name}${suffix}.flow-meta.xml`);
    if (pool[k].repo && !openFlow) openFlow = file;
    flowFiles.push(file);
    plan.push({ file, text });
  }
  const defPlan = Array.from({ length: definitions }, (_, d) => {
    const base = defFiles[d % defFiles.length];
    const baseName = base.replace(/\.callout\.ya?ml$/, '');
    const text = defTexts[d % defFiles.length].replace(/^name: .*$/m, `name: ${baseName}${d}`);
    return { file: path.join(dir, 'callouts', `${baseName}${d}.callout.yaml`), text };
  });

  const fresh = existsSync(stamp) && (await fsp.readFile(stamp, 'utf8')) === digest;
  if (!fresh) {
    await fsp.rm(dir, { recursive: true, force: true });
    await fsp.mkdir(flowsDir, { recursive: true });
    await fsp.mkdir(path.join(dir, 'callouts'), { recursive: true });
    await fsp.writeFile(path.join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' }, null, 2));
    // Everything but the examples' flows (tested below the copied folder: the checkout's own path may hold "flows").
    const from = path.join(EXAMPLES, 'force-app', 'main', 'default');
    await fsp.cp(from, path.join(dir, 'force-app', 'main', 'default'), {
      recursive: true, filter: (src) => path.relative(from, src).split(path.sep)[0] !== 'flows',
    });
    for (const p of [...plan, ...defPlan]) await fsp.writeFile(p.file, p.text);
    await fsp.writeFile(stamp, digest);
  }
  return {
    dir, flowsDir, flowFiles, definitions, openFlow,
    flowBytes: plan.reduce((s, p) => s + Buffer.byteLength(p.text), 0),
    corpusFlows: pool.filter((p) => !p.repo).length, repoFlows: pool.filter((p) => p.repo).length,
  };
}

// ——— The flows-at-scale section (npm run bench -- manyflows) ———

interface ProcessRun {
  ms: number;
  rssMB: number;
  cores: number;
  code: number | null;
  stdout: string;
}

const USAGE = path.join(repoRoot, 'bench', 'usage.cjs');

/** One process: wall ms (spawn → exit), peak RSS and CPU time of all its threads (bench/usage.cjs). */
function runProcess(args: string[], cwd: string, usageFile: string): ProcessRun {
  const t0 = now();
  const r = spawnSync(process.execPath, ['-r', USAGE, ...args], { cwd, encoding: 'utf8', env: { ...process.env, BENCH_USAGE_FILE: usageFile }, maxBuffer: 256 * 1024 * 1024 });
  const ms = now() - t0;
  const u = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRSS: number; cpuMicros: number };
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { ms, rssMB: u.maxRSS / 1048576, cores: u.cpuMicros / 1000 / ms, code: r.status, stdout: r.stdout };
}

/** LSP start (spawn) → the first publishDiagnostics of a flow opened right after `initialized`; the server's peak RSS then. */
async function serverFirstDiagnostics(project: ManyFlowsProject): Promise<{ ms: number; rssMB: number; diagnostics: number; completeMs: number; finalDiagnostics: number }> {
  const t0 = now();
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server-cli.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const c = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const uri = pathToFileURL(project.openFlow).toString();
  const published: { at: number; count: number; rssMB: number }[] = [];
  let first!: () => void;
  const gotFirst = new Promise<void>((r) => (first = r));
  let indexedAt = 0;
  let afterIndex!: () => void;
  const gotFinal = new Promise<void>((r) => (afterIndex = r));
  c.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
    if (p.uri !== uri) return;
    published.push({ at: now() - t0, count: p.diagnostics.length, rssMB: peakRssMB(child.pid!) });
    first();
    if (indexedAt) afterIndex();
  });
  c.onNotification(ProjectIndexed, () => (indexedAt = now() - t0));
  c.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ validation: { enable: true, debounceMs: 0 }, rules: {} })));
  c.onRequest('client/registerCapability', () => null);
  c.onRequest('window/workDoneProgress/create', () => null);
  c.listen();
  const rootUri = pathToFileURL(project.dir).toString();
  const text = await fsp.readFile(project.openFlow, 'utf8');
  await c.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }], capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
  await c.sendNotification('initialized', {});
  // An editor restoring an open tab: the document comes right after initialization.
  await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flow-metadata-xml', version: 1, text } });
  await gotFirst;
  await Promise.race([gotFinal, new Promise((r) => setTimeout(r, 60000))]);
  await c.sendRequest('shutdown');
  await c.sendNotification('exit');
  await new Promise((r) => child.once('exit', r));
  c.dispose();
  const last = published[published.length - 1];
  return { ms: published[0].at, rssMB: published[0].rssMB, diagnostics: published[0].count, completeMs: indexedAt, finalDiagnostics: last.count };
}

/** The process's peak RSS so far (VmHWM), in MB; NaN where /proc is not there. */
function peakRssMB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export async function benchManyFlows(): Promise<BenchSection> {
  const project = await makeManyFlowsProject();
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'fcs-bench-many-'));
  const usage = path.join(work, 'usage.json');
  const list = path.join(work, 'flows.txt');
  await fsp.writeFile(list, project.flowFiles.join('\n'));
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const flowsRel = path.relative(project.dir, project.flowsDir);
  const ours = () => runProcess([cli, 'validate', flowsRel, '--format', 'json'], project.dir, usage);
  const ours1 = () => runProcess([cli, 'validate', flowsRel, '--format', 'json', '--workers', '1'], project.dir, usage);
  const scanner = () => runProcess([path.join(repoRoot, 'bench', 'scannerProcess.cjs'), list], project.dir, usage);
  const sax = () => runProcess([path.join(repoRoot, 'bench', 'saxProcess.cjs'), list], project.dir, usage);
  // Workers asked for explicitly (one per core): the default starts them only on machines with enough cores
  // (server/src/cli/validate.ts defaultWorkers), and this row measures the workers themselves.
  const whole = () => runProcess([cli, 'validate', '.', '--format', 'json', '--workers', String(os.cpus().length)], project.dir, usage);
  const whole1 = () => runProcess([cli, 'validate', '.', '--format', 'json', '--workers', '1'], project.dir, usage);

  const RUNS = 3;
  log(`manyflows: ${project.flowFiles.length} flows (${kb(project.flowBytes)}) + ${project.definitions} definitions; 1 warm-up + ${RUNS} runs of each, interleaved`);
  for (const f of [ours, ours1, scanner, sax, whole, whole1]) f(); // warm-up (writes the CLI's code cache)
  const s: Record<string, ProcessRun[]> = { ours: [], ours1: [], scanner: [], sax: [], whole: [], whole1: [] };
  for (let i = 0; i < RUNS; i++) {
    s.ours.push(ours());
    s.scanner.push(scanner());
    s.sax.push(sax());
    s.ours1.push(ours1());
    s.whole.push(whole());
    s.whole1.push(whole1());
  }
  log('manyflows: language server, LSP start → first diagnostics');
  await serverFirstDiagnostics(project); // warm-up
  const server: Awaited<ReturnType<typeof serverFirstDiagnostics>>[] = [];
  for (let i = 0; i < RUNS; i++) server.push(await serverFirstDiagnostics(project));
  await fsp.rm(work, { recursive: true, force: true });

  const ms = (runs: ProcessRun[]) => median(runs.map((r) => r.ms));
  const mb = (runs: ProcessRun[]) => Math.round(median(runs.map((r) => r.rssMB)));
  const cores = (runs: ProcessRun[]) => round(median(runs.map((r) => r.cores)), 2);
  const findings = (run: ProcessRun) => (JSON.parse(run.stdout) as { problems: unknown[] }[]).reduce((n, r) => n + r.problems.length, 0);
  const set = `${project.flowFiles.length} flows (${kb(project.flowBytes)}: ${project.corpusFlows} corpus flows and ${project.repoFlows} of this repository's, cycled, each copy its own text) + ${project.definitions} definitions, generated by bench/manyflows.ts into ${path.relative(repoRoot, project.dir)}`;
  const ourLabel = `\`node dist/cli.js validate ${flowsRel} --format json\` (whole process: start, index the project — ${project.definitions} definitions, credentials, fields, all flows — validate every flow, print)`;
  const spreadOf = (label: string, runs: ProcessRun[]) => `${label}: ${spread(runs.map((r) => r.ms))} ms; peak RSS ${mb(runs)} MB; ${cores(runs)} cores busy`;
  const machineCores = os.cpus().length;
  const entries: BenchEntry[] = [
    {
      ...row('flow-validate-1000-flows-vs-lightning-flow-scanner', ms(s.ours), ms(s.scanner), 'ms (wall, whole process)'),
      rssMB: mb(s.ours),
      oursLabel: ourLabel,
      anchorLabel: `Lightning Flow Scanner ${SCANNER_VERSION} as a process (bench/scannerProcess.cjs): its parse(paths) (reads the files) + scan() with its ${SCANNER_DEFAULT_RULES} default rules, the same flow files`,
      method: `${set}; ${RUNS} runs each after one warm-up, interleaved, median; both sides pay a Node start`,
      details: [spreadOf('ours', s.ours), spreadOf('anchor', s.scanner), `ours on one thread (--workers 1): ${spread(s.ours1.map((r) => r.ms))} ms, peak RSS ${mb(s.ours1)} MB`, `findings: ours ${findings(s.ours[0])}, Lightning Flow Scanner ${s.scanner[0].stdout.trim()} violations`],
    },
    {
      ...row('flow-validate-1000-flows-vs-bare-sax', ms(s.ours), ms(s.sax), 'ms (wall, whole process)'),
      oursLabel: ourLabel,
      anchorLabel: 'a bare saxes pass as a process (bench/saxProcess.cjs): read every flow, parse it with position tracking, count elements — no tree, no rules. Speedup = its time ÷ ours (the goal: ≥ 1/3, within 3× of it)',
      method: `the same runs as the row above (${RUNS}, interleaved, median)`,
      details: [spreadOf('bare sax', s.sax), `elements: ${s.sax[0].stdout.trim()}`],
    },
    {
      ...row('cli-validate-1000-flows-200-definitions', ms(s.whole), ms(s.whole1), 'ms (wall, whole process)'),
      rssMB: mb(s.whole),
      cores: cores(s.whole),
      oursLabel: '`node dist/cli.js validate . --format json --workers <cores>` over the whole project (flows and definitions), one thread per core: the main thread and cores − 1 workers',
      anchorLabel: 'the same command with --workers 1 (one thread) — the anchor is ours before the workers',
      method: `${set}; ${RUNS} runs each after one warm-up, interleaved, median; cores = CPU time of all threads ÷ wall time (machine: ${machineCores} cores)`,
      details: [spreadOf('one thread per core', s.whole), spreadOf('one thread', s.whole1), `findings: ${findings(s.whole[0])} (the same output for any number of workers: test/cli/workers.test.ts)`],
    },
    {
      ...row('server-first-diagnostics-1000-flows', median(server.map((r) => r.ms)), null, 'ms (LSP start → first diagnostics)'),
      rssMB: Math.round(median(server.map((r) => r.rssMB))),
      oursLabel: `dist/server-cli.js --stdio on the project: spawn, initialize, initialized, didOpen of ${path.basename(project.openFlow)} (a flow calling a definition), until its first publishDiagnostics`,
      anchorLabel: '— (goal: < 300 ms, < 100 MB)',
      method: `${RUNS} runs after one warm-up, median; RSS = the server's peak (VmHWM) when the first diagnostics arrived; lazy indexing: the other flows are read after that, in the background`,
      details: [
        `spread: ${spread(server.map((r) => r.ms))} ms`,
        `every flow indexed (ProjectIndexed) at ${spread(server.map((r) => r.completeMs))} ms after start; the document's diagnostics: ${server[0].diagnostics} first, ${server[0].finalDiagnostics} after the index completed`,
      ],
    },
  ];
  return {
    title: 'Flows at scale: 1,000 flows + 200 definitions',
    entries,
    notes: [
      `Project: ${set}. Regenerated only when its inputs change (a stamp of their hash).`,
      'Recipe manyflows-v2 (since 2026-12-04 22:10 UTC): every flow file is its own text. Copy g of a pool flow renames the names only it uses (elements, resources but its input/output variables, screen fields, outcomes…) to <name>_c<g> with every reference to them, and numbers its labels and description (bench/manyflows.ts copyFlowText). Under v1 the copies were identical texts and the flow store shared their parses (176 parses for 1,000 files), which flattered ours; v2 gives every file its own parse. Our findings per file are the same under both recipes (code and severity); Lightning Flow Scanner finds 41 more UnusedVariable in v2 (its check searches the flow text for the name, so in v1 a variable named `task` counted as used by `NewTaskFromFeedItem`).',
      'Process rows measure wall time from spawn to exit, peak RSS and CPU time from process.resourceUsage() at exit (bench/usage.cjs, preloaded).',
      'The CLI runs its bundles through the V8 code cache written by the warm-up run; the worker threads load dist/cli-validate-worker.js, which runs dist/cli-validate-worker-main.js through the same cache.',
    ],
  };
}
