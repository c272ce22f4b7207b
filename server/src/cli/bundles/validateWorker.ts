// dist/cli-validate-worker.js: one worker thread of `flow-callout validate` (cli/validateWorkers.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { validateShare } from '../validateShare';
import type { WorkerInput, WorkerMessage } from '../validateWorkers';

const input = workerData as WorkerInput;

void (async () => {
  const { results, flowParses } = await validateShare(input.root, input.check, input.severities);
  parentPort!.postMessage({ kind: 'results', results, flowParses } satisfies WorkerMessage);
})();
