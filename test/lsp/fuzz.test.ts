// The language server under a short, fixed-seed fuzz run (test/lsp/fuzz.ts): no exit, no RPC error, every
// range inside the text, edited == fresh for every document, RSS within 2× of the start. A long run for
// humans: FUZZ_SECONDS=600 npm run fuzz. Cases the fuzzer found are replayed in test/lsp/fuzzCases.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from './fuzz';

test('fuzz (seed 20261204): mutated flows and definitions, random edits and requests', async () => {
  const report = await fuzz({ seed: 20261204, documents: 20, editsPerDocument: 20 });
  assert.deepEqual(report.failures, []);
  assert.equal(report.documents, 20);
});
