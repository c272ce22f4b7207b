// Lazy indexing (lsp/server.ts reindex): the open documents get their diagnostics before the other flows are
// read, those are read in the background under a window/workDoneProgress, and once the index is complete every
// open document's diagnostics equal what a server that read every flow first (FLOW_CALLOUT_EAGER_INDEX=1) gives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { repoRoot, startServer, type StartedServer } from './client';
import { FLOWS, reachProject } from '../cli/reachProject';

let dir: string;
const FILLERS = 120;

before(() => {
  dir = reachProject('{ "calloutActions": ["dfsle__*"] }');
  const base = fs.readFileSync(path.join(repoRoot, 'test/fixtures/flows/Lead_Callout_Problems.flow-meta.xml'), 'utf8');
  const pricing = fs.readFileSync(path.join(dir, FLOWS, 'Opportunity_Pricing.flow-meta.xml'), 'utf8');
  // Many flows to read in the background; a chain of subflows (Chain_0 → … → Chain_3 → Fetch_Exchange_Rates)
  // whose end makes a callout, and a record-triggered flow running a subflow the project does not hold.
  for (let i = 0; i < FILLERS; i++) fs.writeFileSync(path.join(dir, FLOWS, `Filler_${i}.flow-meta.xml`), base.replace(/<label>[^<]*<\/label>/, `<label>Filler ${i}</label>`));
  for (let i = 0; i < 4; i++) {
    const next = i === 3 ? 'Fetch_Exchange_Rates' : `Chain_${i + 1}`;
    fs.writeFileSync(path.join(dir, FLOWS, `Chain_${i}.flow-meta.xml`), pricing.replace('<flowName>Fetch_Exchange_Rates</flowName>', `<flowName>${next}</flowName>`));
  }
  fs.writeFileSync(path.join(dir, FLOWS, 'Runs_Missing_Subflow.flow-meta.xml'), pricing.replace('<flowName>Fetch_Exchange_Rates</flowName>', '<flowName>Not_In_This_Project</flowName>'));
  // A screen action running a flow (Account_Search_Typos → Search_Accounts): its Results read that flow's outputs.
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'references', 'force-app'), path.join(dir, 'force-app'), { recursive: true });
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const OPEN = ['Chain_0', 'Opportunity_Pricing', 'Runs_Missing_Subflow', 'Filler_7', 'Account_Search_Typos'];
const docs = () => OPEN.map((n) => {
  const file = path.join(dir, FLOWS, `${n}.flow-meta.xml`);
  return { file, text: fs.readFileSync(file, 'utf8'), languageId: 'flow-metadata-xml' };
});
const uris = () => docs().map((d) => pathToFileURL(d.file).toString());

/** Waits until every open document has a publish after the index completed; returns the first and the last per URI. */
async function settle(server: StartedServer): Promise<{ first: Map<string, PublishDiagnosticsParams>; final: Map<string, PublishDiagnosticsParams>; indexedAt: number }> {
  const indexedAt = server.history.findIndex((h) => h.kind === 'indexed');
  for (let tries = 0; tries < 200; tries++) {
    const after = server.history.slice(indexedAt + 1);
    if (uris().every((u) => after.some((h) => h.kind === 'diagnostics' && h.params.uri === u))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const first = new Map<string, PublishDiagnosticsParams>();
  const final = new Map<string, PublishDiagnosticsParams>();
  server.history.forEach((h, i) => {
    if (h.kind !== 'diagnostics') return;
    if (!first.has(h.params.uri)) first.set(h.params.uri, h.params);
    if (i > indexedAt) final.set(h.params.uri, h.params);
  });
  return { first, final, indexedAt };
}

const codes = (p: PublishDiagnosticsParams | undefined) => (p?.diagnostics ?? []).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);

test('lazy indexing: open documents first, the rest under progress, then the same diagnostics as eager indexing', async () => {
  const lazy = await startServer(dir, undefined, { open: docs(), workDoneProgress: true });
  let lazyRun: Awaited<ReturnType<typeof settle>>;
  try {
    lazyRun = await settle(lazy);
  } finally {
    await lazy.stop();
  }
  const eager = await startServer(dir, undefined, { open: docs(), env: { ...process.env, FLOW_CALLOUT_EAGER_INDEX: '1' } });
  let eagerRun: Awaited<ReturnType<typeof settle>>;
  try {
    eagerRun = await settle(eager);
  } finally {
    await eager.stop();
  }

  for (const uri of uris()) {
    assert.ok(lazyRun.final.get(uri), `no diagnostics for ${uri} after the index completed`);
    // Complete index: exactly what eager indexing gives, message by message and range by range.
    assert.deepEqual(lazyRun.final.get(uri)!.diagnostics, eagerRun.final.get(uri)!.diagnostics, uri);
    // Before it: the open document's own checks, with the flows it reads already in (no false "unknown subflow").
    assert.deepEqual(codes(lazyRun.first.get(uri)), codes(eagerRun.final.get(uri)), `first diagnostics of ${uri}`);
  }
  // The open documents were answered before the background pass finished (that is the point of it).
  const firstPublish = lazy.history.findIndex((h) => h.kind === 'diagnostics');
  assert.ok(firstPublish >= 0 && firstPublish < lazyRun.indexedAt, 'the first diagnostics came only after every flow was read');
  // The checks that read other flows are really exercised: through the subflow chain and the missing subflow.
  const chain = lazyRun.final.get(uris()[0])!.diagnostics;
  assert.ok(chain.some((d) => d.code === 'flow-sync-callout' && /Chain_1/.test(d.message)), JSON.stringify(chain.map((d) => d.message)));
  assert.ok(lazyRun.final.get(uris()[2])!.diagnostics.some((d) => d.code === 'flow-unknown-subflow'));
  // Progress: begin, reports, end.
  const progress = lazy.history.filter((h) => h.kind === 'progress').map((h) => (h as { value: { kind: string } }).value.kind);
  assert.equal(progress[0], 'begin');
  assert.equal(progress[progress.length - 1], 'end');
  assert.ok(progress.includes('report'));
});
