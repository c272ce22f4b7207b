// dist/cli-validate-worker.js: what a `flow-callout validate` worker thread starts with. It loads the worker
// itself (validateWorker.ts, bundled as dist/cli-validate-worker-main.js) through the CLI's V8 code cache
// (cli/codeCache.ts), as the dispatcher loads a command's bundle, so a worker does not compile the validation
// code anew on every run; the worker writes the cache before it reports that it stopped.
import * as path from 'node:path';
import { requireBundle, saveCodeCaches } from '../codeCache';

(requireBundle(path.join(__dirname, 'cli-validate-worker-main.js')) as { runWorker(beforeStop: () => void): void }).runWorker(saveCodeCaches);
