// 2. Flow analysis over the corpus: our flow lint (flowLanguage.validate) vs Lightning Flow Scanner's
// parse + scan, same files, same run.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { flowLanguage } from '../server/src/core/flow';
import { FLOW_RULES } from '../server/src/core/rules/flow';
import { corpusDir, fmt, kb, log, median, row, spread, timePaired, timeRuns, type BenchEntry, type BenchSection } from './lib';
import { readAhead } from '../server/src/cli/validate';
import { SCANNER_DEFAULT_RULES, SCANNER_VERSION, scannerParseAndScanFiles, scannerParseAndScanText, scannerParseText, violationCount } from './scanner';

export async function corpusFlowFiles(dir = corpusDir): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fsp.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && /\.flow-meta\.xml$|\.flow$/i.test(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out.sort();
}

/** Our validation of one flow text. The URI is empty so the per-URI parse cache is bypassed: every run parses. */
export function oursValidateFlow(file: string, text: string): number {
  return flowLanguage.validate({ uri: '', fileName: file, text }, {}).length;
}

export async function benchFlow(): Promise<BenchSection> {
  const files = await corpusFlowFiles();
  if (!files.length) throw new Error(`No flows under ${corpusDir} (set BENCH_CORPUS).`);
  const items = await Promise.all(files.map(async (p) => ({ path: p, text: await fsp.readFile(p, 'utf8') })));
  const bytes = items.reduce((s, i) => s + Buffer.byteLength(i.text), 0);

  const oursWithRead = async () => {
    let n = 0;
    for await (const { file, text } of readAhead(files)) if (text !== undefined) n += oursValidateFlow(file, text);
    return n;
  };
  const theirsWithRead = () => scannerParseAndScanFiles(files);
  const oursInMemory = () => {
    let n = 0;
    for (const i of items) n += oursValidateFlow(i.path, i.text);
    return n;
  };
  const theirsInMemory = () => scannerParseAndScanText(items);

  // Findings (untimed), and how many flows each side could read.
  const ourProblems = oursInMemory();
  const theirResults = await theirsWithRead();
  const theirParsed = scannerParseText(items);
  const theirUnreadable = theirParsed.filter((p) => p.errorMessage || !p.flow).length;

  const RUNS = 5;
  const WARMUP = 2;
  log(`flow corpus: ${files.length} flows, ${RUNS} runs (files read in the timing)`);
  const withRead = await timePaired(oursWithRead, theirsWithRead, WARMUP, RUNS);
  log(`flow corpus: ${RUNS} runs (in memory)`);
  const inMemory = await timePaired(oursInMemory, theirsInMemory, WARMUP, RUNS);
  const parseOnly = await timeRuns(() => scannerParseText(items), 1, RUNS);

  const set = `${files.length} flows (${kb(bytes)}) under ${path.relative(process.cwd(), corpusDir) || corpusDir}`;
  const oursLabel = `flowLanguage.validate (XML syntax + ${FLOW_RULES.length} flow rules, no project index), one document per flow`;
  const anchorLabel = `@flow-scanner/lightning-flow-scanner-core@${SCANNER_VERSION} parse + scan (its ${SCANNER_DEFAULT_RULES} default rules, default detail level)`;
  const entries: BenchEntry[] = [
    {
      ...row('flow-analyze-vs-lightning-flow-scanner', median(withRead.a), median(withRead.b), 'ms per corpus'),
      oursLabel: `${oursLabel}; files read as flow-callout validate reads them (fs.promises.readFile, 8 reads ahead of the analysis)`,
      anchorLabel: `${anchorLabel}: await parse(filePaths) (reads the files itself) then scan(parsedFlows)`,
      method: `${set}; file reading included on both sides; in-process, warm (${WARMUP} unmeasured runs), median of ${RUNS}, interleaved`,
      details: [`ours: ${spread(withRead.a)} ms`, `anchor: ${spread(withRead.b)} ms`],
    },
    {
      ...row('flow-analyze-in-memory-vs-lightning-flow-scanner', median(inMemory.a), median(inMemory.b), 'ms per corpus'),
      oursLabel: `${oursLabel}; texts already in memory`,
      anchorLabel: `${anchorLabel}: its parse() minus the file read (same XMLParser options, new Flow/ParsedFlow), then scan`,
      method: `${set}; no file reading on either side; in-process, warm (${WARMUP} unmeasured runs), median of ${RUNS}, interleaved`,
      details: [`ours: ${spread(inMemory.a)} ms`, `anchor: ${spread(inMemory.b)} ms`],
    },
  ];
  return {
    title: 'Flow analysis over the corpus',
    entries,
    notes: [
      `Inputs: every *.flow-meta.xml and *.flow under the corpus: ${files.length} files (${files.filter((f) => f.endsWith('.flow')).length} with the bare .flow extension), ${kb(bytes)}.`,
      `Our parse cache is keyed by URI; the bench passes an empty URI so every run parses every flow from scratch (no cached trees).`,
      `Findings (untimed): ours ${ourProblems} problem(s) over ${files.length} flows with no project index (rules that need the project's callout definitions/ESRs/fields report less without it); Lightning Flow Scanner ${violationCount(theirResults)} violation(s) over ${theirResults.length} scanned flow(s) (${theirUnreadable} unreadable). The two rule sets overlap only partly (both: missing fault path, hard-coded ids/URLs, actions in loops), so this is a comparison of the cost of a full lint pass of each tool, not of identical checks.`,
      `Anchor split (in memory): its XML parse + Flow model alone ${fmt(median(parseOnly))} ms (measured separately) of the ${fmt(median(inMemory.b))} ms.`,
    ],
  };
}
