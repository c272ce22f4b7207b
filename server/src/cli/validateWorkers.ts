// `flow-callout validate` across worker threads. The main thread only lists the project (ProjectIndex.load
// listOnly) and hands out the files to check in batches, on request: each worker loads the project once
// (listing, definitions read and parsed when looked up, registrations, credentials, fields, Apex) and validates
// its batches as one thread does (validateShare.ts ValidationThread: each flow read when its turn comes, with the
// flows its checks read — a flow called by another worker's flow is then read by both). Batches come from two
// queues: callout definitions and flows. The first worker takes definitions while there are any, the others
// flows, and a worker whose queue is empty takes from the other: a thread keeps to one parser (its code warm,
// and a flow's checks parse only the definitions it names), and no worker idles while another has a backlog.
// The results are put back in the order of the files, so the output does not depend on the number of workers
// (test/cli/workers.test.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { documentKind } from '../core/language';
import type { FileResult } from './validateShare';

/** Worker → main: the results of its last batch (none at first), asking for the next one; then its count. */
export type WorkerMessage =
  | { kind: 'want'; results: FileResult[] }
  | { kind: 'stopped'; flowParses: number };

/** Main → worker: a batch to validate, or no more. */
export type MainMessage = { kind: 'files'; files: string[] } | { kind: 'stop' };

export interface WorkerInput {
  root: string;
  severities?: Record<string, string>;
}

/** Files per batch: small enough that the queues stay balanced, large enough that messages cost nothing. */
export const BATCH_FILES = 16;

/** The worker's script: its bundle next to this one (dist/), or, run from the sources, the TypeScript entry. */
function workerScript(): { file: string; execArgv?: string[] } {
  const bundled = path.join(__dirname, 'cli-validate-worker.js');
  if (fs.existsSync(bundled)) return { file: bundled };
  return { file: path.join(__dirname, 'bundles', 'validateWorker.ts'), execArgv: process.execArgv };
}

export async function validateWithWorkers(root: string, files: string[], severities: Record<string, string> | undefined, n: number): Promise<{ results: FileResult[]; flowParses: number }> {
  const definitions = files.filter((f) => documentKind(f) === 'callout');
  const others = files.filter((f) => documentKind(f) !== 'callout');
  const take = (w: number): string[] => {
    const [mine, theirs] = w === 0 ? [definitions, others] : [others, definitions];
    return (mine.length ? mine : theirs).splice(0, BATCH_FILES);
  };
  const script = workerScript();
  const workers = Array.from({ length: n }, () => new Worker(script.file, {
    execArgv: script.execArgv,
    workerData: { root, severities } satisfies WorkerInput,
  }));
  const byFile = new Map<string, FileResult>();
  let flowParses = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let stopped = 0;
      const finished = new Set<number>();
      workers.forEach((worker, w) => {
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (!finished.has(w)) reject(new Error(`A validation worker stopped (exit code ${code}) before it finished. Run again with --workers 1 to check on one thread.`));
        });
        worker.on('message', (m: WorkerMessage) => {
          if (m.kind === 'want') {
            for (const r of m.results) byFile.set(r.file, r);
            const batch = take(w);
            worker.postMessage((batch.length ? { kind: 'files', files: batch } : { kind: 'stop' }) satisfies MainMessage);
          } else if (m.kind === 'stopped') {
            finished.add(w);
            flowParses += m.flowParses;
            if (++stopped === n) resolve();
          }
        });
      });
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { results: files.map((f) => byFile.get(f)).filter((r): r is FileResult => !!r), flowParses };
}
