// `flow-callout validate` across worker threads. The main thread only lists the project (ProjectIndex.load
// listOnly) and deals the files to check out to the workers in turn. Each worker loads the project itself
// (listing, definitions read and parsed when looked up, registrations, credentials, fields, Apex) and validates
// its files as one thread does (validateShare.ts): each flow read when its turn comes, with the flows its checks
// read — a flow called by another worker's flow is then read by both. The results are put back in the order of
// the files, so the output does not depend on the number of workers (test/cli/workers.test.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileResult } from './validateShare';

/** Worker → main: its results. */
export interface WorkerMessage {
  kind: 'results';
  results: FileResult[];
  flowParses: number;
}

export interface WorkerInput {
  root: string;
  check: string[];
  severities?: Record<string, string>;
}

/** The worker's script: its bundle next to this one (dist/), or, run from the sources, the TypeScript entry. */
function workerScript(): { file: string; execArgv?: string[] } {
  const bundled = path.join(__dirname, 'cli-validate-worker.js');
  if (fs.existsSync(bundled)) return { file: bundled };
  return { file: path.join(__dirname, 'bundles', 'validateWorker.ts'), execArgv: process.execArgv };
}

export async function validateWithWorkers(root: string, files: string[], severities: Record<string, string> | undefined, n: number): Promise<{ results: FileResult[]; flowParses: number }> {
  const checks: string[][] = Array.from({ length: n }, () => []);
  files.forEach((f, i) => checks[i % n].push(f));
  const script = workerScript();
  const workers = checks.map((check) => new Worker(script.file, {
    execArgv: script.execArgv,
    workerData: { root, check, severities } satisfies WorkerInput,
  }));
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
          if (m.kind !== 'results') return;
          results[w] = m.results;
          flowParses += m.flowParses;
          if (++done === n) resolve();
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
