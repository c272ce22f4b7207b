// `flow-callout validate` on several threads: this one and n − 1 worker threads. The main thread lists the
// project (ProjectIndex.load listOnly), starts the workers and hands out the files to check in batches, on
// request; it also checks batches itself while the workers start. Each thread loads the project once (listing,
// definitions read and parsed when looked up, registrations, credentials, fields, Apex) and validates its batches
// as one thread does (validateShare.ts ValidationThread: each flow read when its turn comes, with the flows its
// checks read — a flow called by another thread's flow is then read by both). Batches come from two queues:
// callout definitions and flows. The first worker takes definitions while there are any, the other threads flows,
// and a thread whose queue is empty takes from the other: a thread keeps to one parser (its code warm, and a
// flow's checks parse only the definitions it names), and none idles while another has a backlog. The results are
// put back in the order of the files, so the output does not depend on the number of threads
// (test/cli/workers.test.ts). On 2 cores here two threads were still slower than one (bench row
// cli-validate-1000-flows-200-definitions): each repeats the start, the JIT warm-up and the project load, and the
// two cores gave ~1.5× on independent work — so the default stays one thread below 4 cores (validate.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { documentKind } from '../core/language';
import { ValidationThread, type FileResult } from './validateShare';

/** Worker → main: ready (the project loaded), then the results of each batch, then its count once stopped. */
export type WorkerMessage =
  | { kind: 'ready' }
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

/**
 * `files` on `n` threads: this one and n − 1 workers. Thread 0 (a worker) takes callout definitions first, the
 * others (this thread last) flows; each takes from the other queue once its own is empty. A worker always has
 * its next batch in hand (two in flight), so it never waits while this thread is inside a batch of its own.
 */
export async function validateWithWorkers(root: string, files: string[], severities: Record<string, string> | undefined, n: number): Promise<{ results: FileResult[]; flowParses: number }> {
  const definitions = files.filter((f) => documentKind(f) === 'callout');
  const others = files.filter((f) => documentKind(f) !== 'callout');
  const take = (w: number): string[] => {
    const [mine, theirs] = w === 0 ? [definitions, others] : [others, definitions];
    return (mine.length ? mine : theirs).splice(0, BATCH_FILES);
  };
  const script = workerScript();
  const workers = Array.from({ length: n - 1 }, () => new Worker(script.file, {
    execArgv: script.execArgv,
    workerData: { root, severities } satisfies WorkerInput,
  }));
  const byFile = new Map<string, FileResult>();
  let flowParses = 0;
  const stopSent = new Set<number>();
  /** The next batch for worker `w`, or stop (once) when both queues are empty. */
  const feed = (worker: Worker, w: number) => {
    if (stopSent.has(w)) return;
    const batch = take(w);
    if (!batch.length) stopSent.add(w);
    worker.postMessage((batch.length ? { kind: 'files', files: batch } : { kind: 'stop' }) satisfies MainMessage);
  };
  const workersDone = new Promise<void>((resolve, reject) => {
    if (!workers.length) resolve();
    let stopped = 0;
    const finished = new Set<number>();
    workers.forEach((worker, w) => {
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (!finished.has(w)) reject(new Error(`A validation worker stopped (exit code ${code}) before it finished. Run again with --workers 1 to check on one thread.`));
      });
      worker.on('message', (m: WorkerMessage) => {
        if (m.kind === 'ready') {
          // Two batches, so the next one is always there.
          feed(worker, w);
          feed(worker, w);
        } else if (m.kind === 'want') {
          for (const r of m.results) byFile.set(r.file, r);
          feed(worker, w);
        } else if (m.kind === 'stopped') {
          finished.add(w);
          flowParses += m.flowParses;
          if (++stopped === workers.length) resolve();
        }
      });
    });
  });
  // A worker's failure is reported once this thread's own share is done (not as an unhandled rejection).
  workersDone.catch(() => undefined);
  try {
    // This thread's share, a batch at a time, letting the workers' requests in between.
    const own = n - 1;
    const thread = await ValidationThread.open(root, severities);
    for (let batch = take(own); batch.length; batch = take(own)) {
      for (const r of await thread.validate(batch)) byFile.set(r.file, r);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    flowParses += thread.flowParses;
    await workersDone;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { results: files.map((f) => byFile.get(f)).filter((r): r is FileResult => !!r), flowParses };
}
