// 4. Keystroke → diagnostics over stdio: the bundled server, a ~1 MB flow and the largest example callout
// definition, incremental didChange edits one at a time, time from sending each change to the
// publishDiagnostics of that version. Anchor: Lightning Flow Scanner's parse + scan of the same edited
// texts, in-process.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { parseXml, type XmlElement } from '../server/src/core/parse/xml';
import { parseYamlTree } from '../server/src/core/parse/yaml';
import { makeBigFlow } from './bigflow';
import { cacheDir, collectGarbage, fmt, kb, log, median, now, percentile, repoRoot, row, spread, timeRuns, type BenchEntry, type BenchSection } from './lib';
import { BENCH_SETTINGS, startBenchServer, type BenchServer } from './lsp';
import { SCANNER_VERSION, scannerParseAndScanText, scannerParseText, violationCount } from './scanner';

interface Edit {
  offset: number;
  removeLength: number;
  insert: string;
}

interface EditRun {
  /** ms from didChange sent to publishDiagnostics received, per measured edit. */
  times: number[];
  /** Texts after each measured edit (only the first `keepTexts`). */
  texts: string[];
  diagnostics: number;
}

/** Applies `edits` one at a time (each offset is in the text as it is when the edit is made). */
export async function typeInto(server: BenchServer, uri: string, doc: TextDocument, edits: Edit[], warmup: number, keepTexts: number): Promise<EditRun> {
  const run: EditRun = { times: [], texts: [], diagnostics: 0 };
  let version = doc.version;
  let current = doc;
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i];
    // The bench's rule (lib.ts): one full GC of this process after the warm-up, outside the timing, so the
    // client side of the round trip does not pay for the garbage of the sections before.
    if (i === warmup) collectGarbage();
    const change: TextDocumentContentChangeEvent = { range: { start: current.positionAt(e.offset), end: current.positionAt(e.offset + e.removeLength) }, text: e.insert };
    version++;
    current = TextDocument.update(current, [change], version);
    const t = now();
    const published = await server.change(uri, version, [change]);
    const ms = now() - t;
    if (i >= warmup) {
      run.times.push(ms);
      run.diagnostics = published.diagnostics.length;
      if (run.texts.length < keepTexts) run.texts.push(current.getText());
    }
  }
  return run;
}

function leaves(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.name === name && !el.children.length) out.push(el);
    stack.push(...el.children);
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Typing `count` characters at the end of the first <label> in the second half of the flow (one leaf value). */
export function valueTyping(text: string, count: number): Edit[] {
  const root = parseXml(text).root!;
  const label = leaves(root, 'label').find((l) => l.offset > text.length / 2 && l.textLength > 0)!;
  const at = label.textOffset + label.textLength;
  const typed = ' typed in the bench';
  return Array.from({ length: count }, (_, i) => ({ offset: at + i, removeLength: 0, insert: typed[i % typed.length] }));
}

/** Pasting a <description> element after an element's <name> and removing it again, alternately (markup changes: a full re-parse). */
export function structuralEdits(text: string, count: number): Edit[] {
  const root = parseXml(text).root!;
  const name = root.children.filter((el) => el.offset > text.length / 2).map((el) => el.children.find((c) => c.name === 'name')).find(Boolean)!;
  const at = name.offset + name.length;
  const pasted = '\n        <description>Pasted in the bench</description>';
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? { offset: at, removeLength: 0, insert: pasted } : { offset: at, removeLength: pasted.length, insert: '' }));
}

/** Typing `count` characters at the end of the definition's `description:` line. */
function calloutTyping(text: string, count: number): Edit[] {
  const m = /^description:.*$/m.exec(text);
  const at = m ? m.index + m[0].length : text.indexOf('\n');
  const typed = ' typed';
  return Array.from({ length: count }, (_, i) => ({ offset: at + i, removeLength: 0, insert: typed[i % typed.length] }));
}

/**
 * A ~300 KB YAML callout definition, made the same way every run: the ExternalCrmLeads example with a 2XX
 * sample of customer records (block style, as the yaml package writes it) until the text passes `bytes`.
 */
export async function makeBigYamlDefinition(bytes = 300 * 1024): Promise<{ text: string; records: number }> {
  const base = parseYaml(await fsp.readFile(path.join(repoRoot, 'examples', 'callouts', 'ExternalCrmLeads.callout.yaml'), 'utf8')) as Record<string, unknown>;
  const record = (i: number) => ({
    id: `C-${String(i).padStart(6, '0')}`, name: `Customer ${i}`, email: `customer${i}@example.com`, score: (i * 37) % 100,
    active: i % 3 !== 0, createdAt: '2026-11-25T06:00:00Z',
    address: { street: `${i} Main Street`, city: 'Springfield', postalCode: String(10000 + i), country: 'US' },
    tags: ['inbound', 'web', `segment-${i % 7}`],
    orders: [{ number: `O-${i}-1`, total: 1250, currency: 'USD', lines: [{ sku: 'SKU-1', quantity: 2 }] }],
  });
  const make = (records: number) => stringifyYaml({
    ...base,
    name: 'BenchBigYaml',
    responses: { ...(base.responses as Record<string, unknown>), '2XX': { sample: { page: 1, total: records, items: Array.from({ length: records }, (_, i) => record(i)) } } },
  });
  // Records per KB from a small probe, then exact: the smallest count that passes `bytes`.
  let records = Math.ceil(bytes / (make(10).length / 10));
  while (make(records).length < bytes) records += 10;
  return { text: make(records), records };
}

function anchorTimes(texts: string[], file: string, warmup: number): { times: number[]; parseMs: number[]; violations: number } {
  const items = (t: string) => [{ path: file, text: t }];
  let violations = 0;
  for (let i = 0; i < warmup; i++) violations = violationCount(scannerParseAndScanText(items(texts[0])));
  const times: number[] = [];
  const parseMs: number[] = [];
  for (const t of texts) {
    collectGarbage(); // each run here is seconds long; a GC before it costs it nothing and keeps runs independent
    let s = now();
    scannerParseAndScanText(items(t));
    times.push(now() - s);
    collectGarbage();
    s = now();
    scannerParseText(items(t));
    parseMs.push(now() - s);
  }
  return { times, parseMs, violations };
}

export async function benchKeystroke(): Promise<BenchSection> {
  // The 1 MB flow in a one-flow SFDX project, so the server indexes it like a real project.
  const big = await makeBigFlow();
  const ws = path.join(cacheDir, 'keystroke');
  const flowFile = path.join(ws, 'force-app', 'main', 'default', 'flows', 'BenchBig.flow-meta.xml');
  await fsp.mkdir(path.dirname(flowFile), { recursive: true });
  await fsp.writeFile(path.join(ws, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
  await fsp.writeFile(flowFile, big.text);

  const VALUE_WARMUP = 5;
  const VALUE_RUNS = 60;
  const STRUCT_WARMUP = 2;
  const STRUCT_RUNS = 30;
  const ANCHOR_RUNS = 5;
  const CALLOUT_WARMUP = 10;
  const CALLOUT_RUNS = 100;

  let value: EditRun;
  let structural: EditRun;
  let openMs: number;
  let openDiagnostics: number;
  log(`keystroke: 1 MB flow (${kb(big.text.length)}), ${VALUE_RUNS} value edits + ${STRUCT_RUNS} structural edits over stdio`);
  const server = await startBenchServer(ws);
  try {
    const t = now();
    const opened = await server.open(flowFile, big.text, 'flow-metadata-xml');
    openMs = now() - t;
    openDiagnostics = opened.diagnostics.diagnostics.length;
    let doc = TextDocument.create(opened.uri, 'flow-metadata-xml', 1, big.text);
    value = await typeInto(server, opened.uri, doc, valueTyping(big.text, VALUE_WARMUP + VALUE_RUNS), VALUE_WARMUP, ANCHOR_RUNS);
    // Continue from the typed text (the server has it).
    const typedText = applyAll(big.text, valueTyping(big.text, VALUE_WARMUP + VALUE_RUNS));
    doc = TextDocument.create(opened.uri, 'flow-metadata-xml', 1 + VALUE_WARMUP + VALUE_RUNS, typedText);
    structural = await typeInto(server, opened.uri, doc, structuralEdits(typedText, STRUCT_WARMUP + STRUCT_RUNS), STRUCT_WARMUP, 0);
  } finally {
    await server.stop();
  }

  log(`keystroke: anchor, ${ANCHOR_RUNS} edited texts, Lightning Flow Scanner parse + scan each`);
  const anchor = anchorTimes(value.texts, flowFile, 1);

  // The largest example callout definition, in the examples project.
  const examples = path.join(repoRoot, 'examples');
  const calloutDir = path.join(examples, 'callouts');
  const sized = await Promise.all((await fsp.readdir(calloutDir)).filter((f) => /\.callout\.ya?ml$/.test(f)).map(async (f) => ({ f: path.join(calloutDir, f), size: (await fsp.stat(path.join(calloutDir, f))).size })));
  const largest = sized.sort((a, b) => b.size - a.size)[0].f;
  const calloutText = await fsp.readFile(largest, 'utf8');
  log(`keystroke: ${path.basename(largest)}, ${CALLOUT_RUNS} edits over stdio`);
  let callout: EditRun;
  const cserver = await startBenchServer(examples);
  try {
    const opened = await cserver.open(largest, calloutText, 'flow-callout-yaml');
    callout = await typeInto(cserver, opened.uri, TextDocument.create(opened.uri, 'flow-callout-yaml', 1, calloutText), calloutTyping(calloutText, CALLOUT_WARMUP + CALLOUT_RUNS), CALLOUT_WARMUP, 0);
  } finally {
    await cserver.stop();
  }

  // A ~300 KB YAML definition in a one-definition SFDX project: typing into its description.
  const bigYaml = await makeBigYamlDefinition();
  const yws = path.join(cacheDir, 'keystroke-yaml');
  const yamlFile = path.join(yws, 'callouts', 'BenchBigYaml.callout.yaml');
  await fsp.mkdir(path.dirname(yamlFile), { recursive: true });
  await fsp.writeFile(path.join(yws, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
  await fsp.writeFile(yamlFile, bigYaml.text);
  const YAML_WARMUP = 5;
  const YAML_RUNS = 60;
  log(`keystroke: ${path.basename(yamlFile)} (${kb(bigYaml.text.length)}), ${YAML_RUNS} edits over stdio`);
  let yamlRun: EditRun;
  let yamlOpenMs: number;
  let yamlOpenDiagnostics: number;
  const yserver = await startBenchServer(yws);
  try {
    const t = now();
    const opened = await yserver.open(yamlFile, bigYaml.text, 'flow-callout-yaml');
    yamlOpenMs = now() - t;
    yamlOpenDiagnostics = opened.diagnostics.diagnostics.length;
    yamlRun = await typeInto(yserver, opened.uri, TextDocument.create(opened.uri, 'flow-callout-yaml', 1, bigYaml.text), calloutTyping(bigYaml.text, YAML_WARMUP + YAML_RUNS), YAML_WARMUP, 0);
  } finally {
    await yserver.stop();
  }

  const yamlFullParseMs = median(await timeRuns(() => parseYamlTree(bigYaml.text), 1, 5));

  const p = (xs: number[], q: number) => percentile(xs, q);
  const settings = JSON.stringify(BENCH_SETTINGS.validation);
  const ourFlow = `dist/server-cli.js --stdio, ${big.text.length} B flow open, incremental didChange → publishDiagnostics of that version, one edit at a time`;
  const anchorFlow = `@flow-scanner/lightning-flow-scanner-core@${SCANNER_VERSION}: parse (same XMLParser options as its parse(), no file read) + scan of the whole flow, in-process, per edited text`;
  const entries: BenchEntry[] = [
    {
      ...row('keystroke-diagnostics-1mb-flow-p95', p(value.times, 95), p(anchor.times, 95), 'ms per keystroke (p95)'),
      oursLabel: `${ourFlow}; typing one character per edit into a <label> value`,
      anchorLabel: anchorFlow,
      method: `ours: ${VALUE_RUNS} measured keystrokes after ${VALUE_WARMUP} unmeasured; anchor: the texts after the first ${anchor.times.length} of those same keystrokes (1 unmeasured warm-up run), so its p95 is the max of ${anchor.times.length}`,
      details: [`ours: p50 ${fmt(p(value.times, 50))}, p95 ${fmt(p(value.times, 95))}; ${spread(value.times)} ms`, `anchor: p50 ${fmt(p(anchor.times, 50))}, p95 ${fmt(p(anchor.times, 95))}; ${spread(anchor.times)} ms`],
    },
    {
      ...row('keystroke-diagnostics-1mb-flow-p50', p(value.times, 50), p(anchor.times, 50), 'ms per keystroke (p50)'),
      oursLabel: 'as above', anchorLabel: 'as above', method: 'the same runs as the p95 row',
    },
    {
      ...row('keystroke-diagnostics-1mb-flow-reparse-p95', p(structural.times, 95), p(anchor.times, 95), 'ms per edit (p95)'),
      oursLabel: `${ourFlow}; pasting / removing a <description> element (markup changes: only the children the edit reaches are re-parsed, and the model is kept when none of them is one it reads)`,
      anchorLabel: `${anchorFlow} (the same anchor samples as the keystroke rows: the scanner re-parses the whole flow for any edit)`,
      method: `ours: ${STRUCT_RUNS} measured edits after ${STRUCT_WARMUP} unmeasured`,
      details: [`ours: p50 ${fmt(p(structural.times, 50))}, p95 ${fmt(p(structural.times, 95))}; ${spread(structural.times)} ms`],
    },
    {
      ...row('keystroke-diagnostics-callout-example-p95', p(callout.times, 95), null, 'ms per keystroke (p95)'),
      oursLabel: `dist/server-cli.js --stdio, ${path.relative(repoRoot, largest)} (${calloutText.length} B, the largest example) in the examples project; typing into the description value`,
      anchorLabel: 'none measured (the callout validation anchor is vscode-json-languageservice on the JSON form, rows above; yaml-language-server with the same schema would be the YAML one and is not installed)',
      method: `${CALLOUT_RUNS} measured keystrokes after ${CALLOUT_WARMUP} unmeasured, one at a time`,
      details: [`ours: p50 ${fmt(p(callout.times, 50))}, p95 ${fmt(p(callout.times, 95))}; ${spread(callout.times)} ms`],
    },
    {
      ...row('keystroke-diagnostics-callout-example-p50', p(callout.times, 50), null, 'ms per keystroke (p50)'),
      oursLabel: 'as above', anchorLabel: 'none', method: 'the same runs as the p95 row',
    },
    {
      ...row('keystroke-diagnostics-300kb-yaml-p95', p(yamlRun.times, 95), null, 'ms per keystroke (p95)'),
      oursLabel: `dist/server-cli.js --stdio, a ${kb(bigYaml.text.length)} YAML callout definition (the ExternalCrmLeads example with a ${bigYaml.records}-record 2XX sample, generated by the bench) in a one-definition project; typing into the description value`,
      anchorLabel: 'none measured (yaml-language-server is not installed; the yaml package\'s parseDocument of the whole text is the floor a full re-parse would pay, see the notes)',
      method: `${YAML_RUNS} measured keystrokes after ${YAML_WARMUP} unmeasured, one at a time`,
      details: [`ours: p50 ${fmt(p(yamlRun.times, 50))}, p95 ${fmt(p(yamlRun.times, 95))}; ${spread(yamlRun.times)} ms`, `didOpen → first diagnostics (a full parse) ${fmt(yamlOpenMs)} ms; ${yamlOpenDiagnostics} diagnostic(s) on open, ${yamlRun.diagnostics} after the typing`],
    },
  ];
  return {
    title: 'Keystroke → diagnostics',
    entries,
    notes: [
      `The 1 MB flow: ${path.basename(big.base)} from the corpus with each named top-level element followed by ${big.copies} renamed copies (references inside each copy renamed too): ${big.elements} elements, ${kb(big.text.length)}, well-formed, unique names. Written to ${path.relative(repoRoot, flowFile)} inside a one-flow SFDX project that the server indexes.`,
      `The server's settings come from the bench's answer to workspace/configuration: flowCallout ${settings} — no debounce, so the time is the server's work plus the stdio round trip, not a timer. With the default debounce (200 ms) a user sees that much more.`,
      `Edits are sent one at a time, each after the previous diagnostics arrived (no coalescing of fast typing). Opening the 1 MB flow (didOpen → first diagnostics) took ${fmt(openMs)} ms; it has ${openDiagnostics} diagnostic(s) from us on open, ${value.diagnostics} after the typing and ${structural.diagnostics} after the structural edits; Lightning Flow Scanner reports ${anchor.violations} violation(s) on it (its rules include style checks such as descriptions and unconnected elements, and the renamed copies are not connected from <start>).`,
      `Ours goes through a process boundary (JSON-RPC over stdio, diagnostics converted to LSP ranges); the anchor runs in the bench process with no IPC — a handicap for ours. The anchor's XML parse + Flow model alone is ${fmt(median(anchor.parseMs))} ms of its ${fmt(median(anchor.times))} ms median; the rest is its rules.`,
      `The 300 KB YAML definition: a full parse (yaml parseDocument → our tree, in-process) takes ${fmt(yamlFullParseMs)} ms (median of 5); a keystroke re-parses only the top-level entries the edit touches (parse/yaml.ts reparseYamlTree: here the description line) and keeps the others, shifted — test/unit/yamlIncremental.test.ts compares it with a full parse through random edits. An edit inside the big responses entry re-parses that entry, i.e. about the whole text.`,
      'How ours keeps up: the server holds a document as pieces shared between versions (server/src/lsp/document.ts over core/flow/source.ts), so a keystroke never copies the 1 MB text; it patches the cached tree from the editor\'s change (flow/incremental.ts: a value in place, markup by re-parsing only the children the edit reaches), and the next analysis starts from the previous one (flow/carry.ts: graph, callout actions, resolutions, reference sites). test/unit/flow/carry.test.ts and test/lsp/flow.test.ts check the results against fresh analyses.',
    ],
  };
}

export function applyAll(text: string, edits: Edit[]): string {
  let t = text;
  for (const e of edits) t = t.slice(0, e.offset) + e.insert + t.slice(e.offset + e.removeLength);
  return t;
}
