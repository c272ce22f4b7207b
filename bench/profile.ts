// A dev tool, not part of npm run bench: the keystroke section's two 1 MB flow workloads (value typing and
// structural edits) against dist/server-cli.js, without the anchor, printing p50/p95 — optionally with the
// server under `--cpu-prof` (profiles in bench/.cache/profile/).
//   node --import tsx bench/profile.ts [--cpu-prof] [--runs N] [--all] [--broken]
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { makeBigFlow } from './bigflow';
import { applyAll, structuralEdits, typeInto, valueTyping } from './keystroke';
import { cacheDir, fmt, percentile } from './lib';
import { startBenchServer } from './lsp';

async function main(): Promise<void> {
  const prof = process.argv.includes('--cpu-prof');
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 60;
  const big = await makeBigFlow();
  // --broken: every <elementReference> misspelled, so each keystroke re-sends hundreds of diagnostics.
  if (process.argv.includes('--broken')) big.text = big.text.replace(/<elementReference>(\w)/g, '<elementReference>Zz$1');
  const ws = path.join(cacheDir, 'keystroke');
  const flowFile = path.join(ws, 'force-app', 'main', 'default', 'flows', 'BenchBig.flow-meta.xml');
  await fsp.mkdir(path.dirname(flowFile), { recursive: true });
  await fsp.writeFile(path.join(ws, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
  await fsp.writeFile(flowFile, big.text);
  const profDir = path.join(cacheDir, 'profile');
  const server = await startBenchServer(ws, prof ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
  try {
    const opened = await server.open(flowFile, big.text, 'flow-metadata-xml');
    let doc = TextDocument.create(opened.uri, 'flow-metadata-xml', 1, big.text);
    const typing = valueTyping(big.text, 5 + runs);
    const value = await typeInto(server, opened.uri, doc, typing, 5, 0);
    const typed = applyAll(big.text, typing);
    doc = TextDocument.create(opened.uri, 'flow-metadata-xml', 1 + typing.length, typed);
    const structural = await typeInto(server, opened.uri, doc, structuralEdits(typed, 2 + Math.ceil(runs / 2)), 2, 0);
    const p = (xs: number[]) => `p50 ${fmt(percentile(xs, 50))}, p95 ${fmt(percentile(xs, 95))}, max ${fmt(Math.max(...xs))} (n=${xs.length}) ms`;
    console.log(`value typing:      ${p(value.times)}; ${value.diagnostics} diagnostics`);
    console.log(`structural edits:  ${p(structural.times)}; ${structural.diagnostics} diagnostics`);
    if (process.argv.includes('--all')) console.log(`value: ${value.times.map((t) => fmt(t)).join(' ')}\nstructural: ${structural.times.map((t) => fmt(t)).join(' ')}`);
  } finally {
    await server.stop();
  }
  if (prof) console.log(`profile in ${profDir}`);
}

void main();
