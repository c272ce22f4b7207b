// dist/cli-validate-worker.js: one worker thread of `flow-callout validate` (cli/validateWorkers.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { validateShare, type FlowIndexEntry } from '../validateShare';
import type { WorkerInput, WorkerMessage } from '../validateWorkers';

const input = workerData as WorkerInput;
const port = parentPort!;

void (async () => {
  const { results, flowParses } = await validateShare(input.root, input.check, input.flowShare, input.severities, (own) => new Promise<FlowIndexEntry[]>((resolve) => {
    port.once('message', (m: WorkerMessage) => {
      if (m.kind === 'all') resolve([...own, ...m.entries]);
    });
    port.postMessage({ kind: 'summaries', entries: own } satisfies WorkerMessage);
  }));
  port.postMessage({ kind: 'results', results, flowParses } satisfies WorkerMessage);
})();
