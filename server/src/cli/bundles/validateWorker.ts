// dist/cli-validate-worker.js: one worker thread of `flow-callout validate` (cli/validateWorkers.ts): loads the
// project, then validates the batches the main thread sends until it says stop.
import { parentPort, workerData } from 'node:worker_threads';
import { ValidationThread } from '../validateShare';
import type { MainMessage, WorkerInput, WorkerMessage } from '../validateWorkers';

const input = workerData as WorkerInput;
const port = parentPort!;

void (async () => {
  const thread = await ValidationThread.open(input.root, input.severities);
  // Batches one at a time, in the order they come.
  let queue = Promise.resolve();
  port.on('message', (m: MainMessage) => {
    queue = queue.then(async () => {
      if (m.kind === 'stop') {
        port.postMessage({ kind: 'stopped', flowParses: thread.flowParses } satisfies WorkerMessage);
        port.close();
        return;
      }
      port.postMessage({ kind: 'want', results: await thread.validate(m.files) } satisfies WorkerMessage);
    });
  });
  port.postMessage({ kind: 'want', results: [] } satisfies WorkerMessage);
})();
