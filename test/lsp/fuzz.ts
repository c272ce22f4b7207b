// A seeded fuzzer driving the real language server (dist/server-cli.js) over stdio, as a hostile user and a
// long editor session would: mutated callout definitions and flows (byte flips, cuts, duplicated and deleted
// lines, unicode, huge numbers, deep nesting, CR / LF / CRLF / mixed line endings), random incremental edits,
// and completion, hover, code actions, outline and go-to-definition at random positions.
//
// Checked: the server never exits and never answers with an RPC error; every range it returns lies inside
// the text it was given; after the edits, the diagnostics equal those a second server gives for a fresh open
// of the same final text; the server's RSS at the end is within 2× of its RSS at the start.
//
//   test/lsp/fuzz.test.ts          a short fixed seed in `npm test`
//   FUZZ_SECONDS=600 npm run fuzz  a long run (FUZZ_SEED picks the seed); failures print a replayable case
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse as parseYaml } from 'yaml';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { repoRoot, startServer, type TestServer } from './client';

export interface FuzzOptions {
  seed: number;
  /** Stop after this many documents… */
  documents?: number;
  /** …or after this many seconds (whichever comes first). */
  seconds?: number;
  editsPerDocument?: number;
  log?: (line: string) => void;
}

export interface FuzzReport {
  documents: number;
  operations: number;
  failures: string[];
  rssStartMB: number;
  rssEndMB: number;
}

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNICODE = ['é', '😀', '\u202E', '\uFEFF', '\u0301', '中文', '\uD800', '\u2028', 'ẞ', '\u00A0'];
const HUGE = ['1e99999', '-1e-99999', '123456789012345678901234567890', '9007199254740993', 'NaN', '0x7fffffff', '1.7976931348623157e309'];
const SNIPPETS = ['\n', '\r', '\r\n', '\r\r\n', ' ', '  ', 'x', '<', '>', '</', '/>', '"', "'", ':', '- ', '{', '}', '[', ']', ',', '{!', '}', '$Record.', '.', '2XX.', '<name>', '</name>', '<elementReference>', '&amp;', '&', '#', '\t', ...UNICODE, ...HUGE];

export type Mutation = 'flip' | 'cut' | 'dupLine' | 'delLine' | 'unicode' | 'hugeNumber' | 'deepNesting' | 'endingsCR' | 'endingsCRLF' | 'endingsMixed';
const MUTATIONS: Mutation[] = ['flip', 'cut', 'dupLine', 'delLine', 'unicode', 'hugeNumber', 'deepNesting', 'endingsCR', 'endingsCRLF', 'endingsMixed'];

export function mutate(text: string, m: Mutation, random: () => number, xml: boolean): string {
  const at = Math.floor(random() * (text.length + 1));
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const lines = text.split('\n');
  const line = Math.floor(random() * lines.length);
  switch (m) {
    case 'flip': {
      let out = text;
      for (let i = 0, n = 1 + Math.floor(random() * 8); i < n; i++) {
        const p = Math.floor(random() * out.length);
        out = out.slice(0, p) + String.fromCharCode(Math.floor(random() * 128)) + out.slice(p + 1);
      }
      return out;
    }
    case 'cut': return text.slice(0, at);
    case 'dupLine': return [...lines.slice(0, line + 1), lines[line], ...lines.slice(line + 1)].join('\n');
    case 'delLine': return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
    case 'unicode': return text.slice(0, at) + pick(UNICODE) + text.slice(at);
    case 'hugeNumber': return text.slice(0, at) + pick(HUGE) + text.slice(at);
    case 'deepNesting': {
      const depth = 50 + Math.floor(random() * 400);
      const deep = xml ? '<a>'.repeat(depth) + '</a>'.repeat(Math.floor(random() * depth)) : random() < 0.5 ? '['.repeat(depth) : '{a: '.repeat(depth);
      return text.slice(0, at) + deep + text.slice(at);
    }
    case 'endingsCR': return text.replace(/\r?\n/g, '\r');
    case 'endingsCRLF': return text.replace(/\r?\n/g, '\r\n');
    case 'endingsMixed': return text.replace(/\r?\n/g, () => pick(['\n', '\r\n', '\r', '\r\r\n']));
  }
}

interface Seed { name: string; text: string; xml: boolean }

function seeds(): Seed[] {
  const out: Seed[] = [];
  const flows = path.join(repoRoot, 'examples', 'force-app', 'main', 'default', 'flows');
  for (const f of fs.readdirSync(flows)) if (f.endsWith('.flow-meta.xml')) out.push({ name: f, text: fs.readFileSync(path.join(flows, f), 'utf8'), xml: true });
  const callouts = path.join(repoRoot, 'examples', 'callouts');
  for (const f of fs.readdirSync(callouts)) if (/\.callout\.(ya?ml|json)$/.test(f)) out.push({ name: f, text: fs.readFileSync(path.join(callouts, f), 'utf8'), xml: false });
  // The same definitions as JSON.
  for (const s of out.filter((x) => x.name.endsWith('.callout.yaml')).slice(0, 2)) {
    out.push({ name: s.name.replace(/\.yaml$/, '.json'), text: JSON.stringify(parseYaml(s.text), null, 2) + '\n', xml: false });
  }
  return out;
}

/** Every range inside `text` (LSP positions: lines split at CR LF, CR and LF; characters in UTF-16 units). */
export function rangeInside(range: Range, doc: TextDocument): string | undefined {
  const lineLength = (line: number) => {
    const start = doc.offsetAt({ line, character: 0 });
    const next = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : doc.getText().length;
    let end = next;
    const t = doc.getText();
    while (end > start && (t.charCodeAt(end - 1) === 10 || t.charCodeAt(end - 1) === 13)) end--;
    return end - start;
  };
  for (const p of [range.start, range.end]) {
    if (p.line < 0 || p.line >= doc.lineCount || p.character < 0 || p.character > lineLength(p.line)) return `position ${JSON.stringify(p)} outside the text (${doc.lineCount} lines)`;
  }
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) return `reversed range ${JSON.stringify(range)}`;
  return undefined;
}

function rssMB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`;

/** Collects every range in a response (completion, hover, symbols, locations, code actions). */
function rangesIn(value: unknown, uri: string, out: Range[] = [], inOtherDoc = false): Range[] {
  if (!value || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) rangesIn(v, uri, out, inOtherDoc);
    return out;
  }
  const o = value as Record<string, unknown>;
  const other = inOtherDoc || (typeof o.uri === 'string' && o.uri !== uri);
  for (const [k, v] of Object.entries(o)) {
    if ((k === 'range' || k === 'selectionRange' || k === 'insert' || k === 'replace') && v && typeof v === 'object' && 'start' in (v as object)) {
      if (!other) out.push(v as Range);
    } else if (k === 'changes' && v && typeof v === 'object') {
      for (const [u, edits] of Object.entries(v as Record<string, unknown>)) rangesIn(edits, uri, out, u !== uri);
    } else if (k !== 'diagnostics') rangesIn(v, uri, out, other);
  }
  return out;
}

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const random = rng(options.seed);
  const log = options.log ?? (() => undefined);
  const deadline = options.seconds ? Date.now() + options.seconds * 1000 : Infinity;
  const maxDocs = options.documents ?? Infinity;
  const editsPerDocument = options.editsPerDocument ?? 20;
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-fuzz-'));
  fs.cpSync(path.join(repoRoot, 'examples'), workspace, { recursive: true, filter: (src) => !/node_modules|\.sfdx/.test(src) });
  const folder = path.join(workspace, 'force-app', 'main', 'default', 'fuzz');
  fs.mkdirSync(folder, { recursive: true });
  const pool = seeds();
  const failures: string[] = [];
  let operations = 0;
  const edited = await startServer(workspace);
  const fresh = await startServer(workspace);
  let exited = '';
  for (const [name, s] of [['edited', edited], ['fresh', fresh]] as const) s.process.once('exit', (code, signal) => (exited ||= `the ${name} server exited (code ${code}, signal ${signal})`));
  const pid = edited.process.pid!;
  // The start is measured once every feature has run (the first documents load Ajv, compile the schema,
  // build the project's type index): what is measured after that is what documents leave behind.
  const warmup = 6;
  let rssStartMB = rssMB(pid);
  let documents = 0;
  try {
    for (; documents < maxDocs && Date.now() < deadline && !exited && failures.length < 20; documents++) {
      const seed = pool[Math.floor(random() * pool.length)];
      const mutations = Array.from({ length: 1 + Math.floor(random() * 3) }, () => MUTATIONS[Math.floor(random() * MUTATIONS.length)]);
      let text = seed.text;
      for (const m of mutations) text = mutate(text, m, random, seed.xml);
      const file = path.join(folder, `D${documents}_${seed.name}`);
      const uri = pathToFileURL(file).toString();
      const languageId = seed.xml ? 'flow-metadata-xml' : seed.name.endsWith('.json') ? 'flow-callout-json' : 'flow-callout-yaml';
      const where = (what: string) => `seed ${options.seed}, document ${documents} (${seed.name}, mutations ${mutations.join('+')}): ${what}`;
      const texts = new Map<number, string>([[1, text]]);
      let lastDiagnostics: Diagnostic[] = [];
      const onDiagnostics = edited.onDiagnostics((p) => {
        if (p.uri !== uri) return;
        lastDiagnostics = p.diagnostics;
        const t = p.version !== undefined ? texts.get(p.version) : undefined;
        if (t === undefined) return;
        const doc = TextDocument.create(uri, languageId, p.version!, t);
        for (const d of p.diagnostics) {
          const bad = rangeInside(d.range, doc);
          if (bad) failures.push(where(`diagnostic ${d.code} at version ${p.version}: ${bad}`));
        }
      });
      const request = async (method: string, params: unknown, doc: TextDocument) => {
        operations++;
        try {
          const result = await edited.connection.sendRequest(method, params);
          for (const r of rangesIn(result, uri)) {
            const bad = rangeInside(r, doc);
            if (bad) failures.push(where(`${method} at version ${doc.version}: ${bad}`));
          }
        } catch (e) {
          failures.push(where(`${method} at version ${doc.version} answered with an error: ${(e as Error).message}`));
        }
      };
      try {
        await edited.open(file, text, languageId);
        let version = 1;
        for (let e = 0; e < editsPerDocument && !exited; e++) {
          const before = TextDocument.create(uri, languageId, version, text);
          const a = Math.floor(random() * (text.length + 1));
          const b = Math.min(text.length, a + Math.floor(random() * (random() < 0.1 ? 400 : 4)));
          const insert = random() < 0.25 ? '' : Array.from({ length: 1 + Math.floor(random() * 4) }, () => SNIPPETS[Math.floor(random() * SNIPPETS.length)]).join('');
          const range = { start: before.positionAt(a), end: before.positionAt(b) };
          text = TextDocument.update(before, [{ range, text: insert }], version + 1).getText();
          version++;
          texts.set(version, text);
          operations++;
          await edited.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
          const doc = TextDocument.create(uri, languageId, version, text);
          const position = doc.positionAt(Math.floor(random() * (text.length + 1)));
          const at = { textDocument: { uri }, position };
          switch (Math.floor(random() * 5)) {
            case 0: await request('textDocument/completion', at, doc); break;
            case 1: await request('textDocument/hover', at, doc); break;
            case 2: await request('textDocument/definition', at, doc); break;
            case 3: await request('textDocument/documentSymbol', { textDocument: { uri } }, doc); break;
            default: await request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: lastDiagnostics } }, doc); break;
          }
        }
        // The final version's diagnostics against a fresh open of the same text on the other server.
        // An empty edit makes the server publish once more, for the final text.
        texts.set(version + 1, text);
        const settled = edited.diagnostics(uri, version + 1, 60_000);
        await edited.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: version + 1 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }] });
        const finalEdited = await settled;
        const freshPending = fresh.diagnostics(uri, 1, 60_000);
        await fresh.open(file, text, languageId);
        const finalFresh = await freshPending;
        const a = finalEdited.map(key).sort();
        const b = finalFresh.map(key).sort();
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          failures.push(where(`edited ≠ fresh.\n  only after edits: ${a.filter((x) => !b.includes(x)).join('\n    ') || '—'}\n  only fresh: ${b.filter((x) => !a.includes(x)).join('\n    ') || '—'}\n  final text: ${JSON.stringify(text.length > 4000 ? `${text.slice(0, 4000)}…` : text)}`));
        }
      } catch (e) {
        failures.push(where(`${(e as Error).message}`));
      } finally {
        onDiagnostics.dispose();
        await edited.connection.sendNotification('textDocument/didClose', { textDocument: { uri } }).catch(() => undefined);
        await fresh.connection.sendNotification('textDocument/didClose', { textDocument: { uri } }).catch(() => undefined);
      }
      if (documents === warmup - 1) rssStartMB = rssMB(pid);
      if (documents % 10 === 9) log(`${documents + 1} documents, ${operations} operations, RSS ${rssMB(pid).toFixed(0)} MB`);
    }
    if (exited) failures.push(exited);
    // Let the closes and any pending collection settle before measuring.
    await new Promise((r) => setTimeout(r, 500));
    const rssEndMB = exited ? NaN : rssMB(pid);
    if (!exited && rssEndMB > 2 * rssStartMB) failures.push(`seed ${options.seed}: RSS grew from ${rssStartMB.toFixed(0)} MB to ${rssEndMB.toFixed(0)} MB over ${documents} documents`);
    return { documents, operations, failures, rssStartMB, rssEndMB };
  } finally {
    await edited.stop();
    await fresh.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

export type { TestServer };

if (require.main === module) {
  const seconds = Number(process.env.FUZZ_SECONDS ?? 60);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
  process.stderr.write(`fuzzing the language server for ${seconds} s, seed ${seed}\n`);
  fuzz({ seed, seconds, log: (l) => process.stderr.write(`${l}\n`) }).then((r) => {
    process.stdout.write(`${r.documents} documents, ${r.operations} operations, RSS ${r.rssStartMB.toFixed(0)} → ${r.rssEndMB.toFixed(0)} MB\n`);
    if (r.failures.length) {
      process.stdout.write(`${r.failures.length} failure(s); replay with FUZZ_SEED=${seed}:\n${r.failures.join('\n')}\n`);
      process.exitCode = 1;
    }
  }, (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 2;
  });
}
