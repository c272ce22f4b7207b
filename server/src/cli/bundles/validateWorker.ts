// dist/cli-validate-worker-main.js: one worker thread of `flow-callout validate` (cli/validateWorkers.ts): loads
// the project, then validates the batches the main thread sends until it says stop. Started through its loader
// (validateWorkerLoader.ts), which runs it from the V8 code cache; `beforeStop` writes that cache, before the
// main thread may end the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { ValidationThread } from '../validateShare';
import type { MainMessage, WorkerInput, WorkerMessage } from '../validateWorkers';

export function runWorker(beforeStop: () => void): void {
  const input = workerData as WorkerInput;
  const port = parentPort!;
  const opened = ValidationThread.open(input.root, input.severities);
  // Batches one at a time, in the order they come.
  let queue: Promise<unknown> = opened;
  port.on('message', (m: MainMessage) => {
    queue = queue.then(async () => {
      const thread = await opened;
      if (m.kind === 'stop') {
        beforeStop();
        port.postMessage({ kind: 'stopped', flowParses: thread.flowParses } satisfies WorkerMessage);
        port.close();
        return;
      }
      port.postMessage({ kind: 'want', results: await thread.validate(m.files) } satisfies WorkerMessage);
    });
  });
  void opened.then(() => port.postMessage({ kind: 'ready' } satisfies WorkerMessage));
}

// Run from the sources (no loader): start at once.
if (require.main === module) runWorker(() => undefined);
