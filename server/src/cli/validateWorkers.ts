// `flow-callout validate` across worker threads. The main thread only lists the project (ProjectIndex.load
// listOnly) and splits the work: each worker gets every n-th flow of the project (in walk order) to read and
// summarise, and the files to check — a flow by the worker that read it (its text and parse are still there:
// one read and one parse per flow across the run), the others in turn. Each worker loads the project's other
// metadata itself (definitions, registrations, credentials, fields, Apex). Then the summaries are exchanged
// through this thread: every worker's index gets every flow, in walk order (ProjectIndex.finishFlows), the
// same index a one-thread run builds; each validates its files and sends the results, which are put back in
// the order of the files. So the output does not depend on the number of workers (test/cli/workers.test.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileResult, FlowIndexEntry } from './validateShare';

/** Worker → main, then main → worker, then worker → main. */
export type WorkerMessage =
  | { kind: 'summaries'; entries: FlowIndexEntry[] }
  | { kind: 'all'; entries: FlowIndexEntry[] }
  | { kind: 'results'; results: FileResult[]; flowParses: number };

export interface WorkerInput {
  root: string;
  check: string[];
  flowShare: string[];
  severities?: Record<string, string>;
}

/** The worker's script: its bundle next to this one (dist/), or, run from the sources, the TypeScript entry. */
function workerScript(): { file: string; execArgv?: string[] } {
  const bundled = path.join(__dirname, 'cli-validate-worker.js');
  if (fs.existsSync(bundled)) return { file: bundled };
  return { file: path.join(__dirname, 'bundles', 'validateWorker.ts'), execArgv: process.execArgv };
}

export async function validateWithWorkers(root: string, files: string[], flows: string[], severities: Record<string, string> | undefined, n: number): Promise<{ results: FileResult[]; flowParses: number }> {
  const owner = new Map<string, number>();
  flows.forEach((f, i) => owner.set(f, i % n));
  const shares = Array.from({ length: n }, (_, w) => flows.filter((_f, i) => i % n === w));
  const checks: string[][] = Array.from({ length: n }, () => []);
  let next = 0;
  for (const f of files) checks[owner.get(f) ?? next++ % n].push(f);

  const script = workerScript();
  const workers = shares.map((flowShare, w) => new Worker(script.file, {
    execArgv: script.execArgv,
    workerData: { root, check: checks[w], flowShare, severities } satisfies WorkerInput,
  }));
  const summaries: (FlowIndexEntry[] | undefined)[] = new Array(n);
  const results: (FileResult[] | undefined)[] = new Array(n);
  let flowParses = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let done = 0;
      workers.forEach((worker, w) => {
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (!results[w]) reject(new Error(`A validation worker stopped (exit code ${code}) before it finished. Run again with --workers 1 to check on one thread.`));
        });
        worker.on('message', (m: WorkerMessage) => {
          if (m.kind === 'summaries') {
            summaries[w] = m.entries;
            if (summaries.filter(Boolean).length < n) return;
            // Every worker's summaries, in walk order, to every worker (each skips its own).
            const byFile = new Map<string, FlowIndexEntry>();
            for (const list of summaries) for (const e of list!) byFile.set(e.file, e);
            const all = flows.map((f) => byFile.get(f)).filter((e): e is FlowIndexEntry => !!e);
            workers.forEach((other, k) => {
              const own = new Set(shares[k]);
              other.postMessage({ kind: 'all', entries: all.filter((e) => !own.has(e.file)) } satisfies WorkerMessage);
            });
          } else if (m.kind === 'results') {
            results[w] = m.results;
            flowParses += m.flowParses;
            if (++done === n) resolve();
          }
        });
      });
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const byFile = new Map<string, FileResult>();
  for (const list of results) for (const r of list!) byFile.set(r.file, r);
  return { results: files.map((f) => byFile.get(f)).filter((r): r is FileResult => !!r), flowParses };
}
