// What one thread of `flow-callout validate` does (the whole run on one thread, or one worker's share:
// validateWorkers.ts): load the project index reading each file once, summarise its flows from the flow
// store's parse, and validate its files from those texts and parses.
import { promises as fsp } from 'node:fs';
import { documentKind } from '../core/language';
import { refuseContent, type FileFacts } from '../core/model/content';
import type { Problem } from '../core/model/problem';
import type { FlowSummary } from '../core/project/flowSummary';
import { nodeFs, probeFile, readCheckedSync, type ProjectFs } from '../core/project/fs';
import { getLanguageService } from '../core/service';
import { LineTable } from '../core/parse/lines';

export interface FileResult {
  file: string;
  problems: (Problem & { line: number; column: number; endLine: number; endColumn: number })[];
}

/**
 * The files' texts in order, with up to `window` reads in flight while the caller works on the current one
 * (I/O overlaps validation; memory stays bounded on large repositories). A file over `maxBytes` or with
 * binary content (a NUL byte in its first 8 KB) is not read: text undefined, `facts` say why.
 */
export async function* readAhead(files: string[], window = 8, maxBytes = Infinity): AsyncGenerator<{ file: string; text: string | undefined; facts: FileFacts }> {
  const read = async (file: string) => {
    const facts = await probeFile(file);
    return { facts, text: facts.size > maxBytes || facts.binaryAt >= 0 ? undefined : await fsp.readFile(file, 'utf8') };
  };
  const pending: Promise<{ facts: FileFacts; text: string | undefined }>[] = [];
  let next = 0;
  const fill = () => {
    while (next < files.length && pending.length < window) pending.push(read(files[next++]));
  };
  fill();
  for (const file of files) {
    const got = await pending.shift()!;
    fill();
    yield { file, ...got };
  }
}

/**
 * What one thread does: load the project index (its flows: all of them, or with `flowShare` only those —
 * the rest come from the other workers through `exchange`), then validate `check` (in order). Shared by the
 * single-thread run and each worker (validateWorkers.ts).
 */
export async function validateShare(
  root: string, check: string[], flowShare: string[] | 'all', severities?: Record<string, string>,
  exchange?: (own: FlowIndexEntry[]) => Promise<FlowIndexEntry[]>,
): Promise<{ results: FileResult[]; flowParses: number }> {
  // The index parses flows and definitions through this service's caches: validation finds those parses.
  const service = getLanguageService({ flowStore: { capacity: Infinity }, shareCalloutParses: true });
  const toCheck = new Set(check);
  const kept = new Map<string, { text: string | undefined; facts: FileFacts }>();
  // The index's reads (one open and one read per file: readCheckedSync), keeping the texts and facts of the
  // files this thread checks.
  const reading: ProjectFs = {
    ...nodeFs,
    async readChecked(file, maxBytes) {
      const got = readCheckedSync(file, maxBytes);
      if (toCheck.has(file)) kept.set(file, { text: got.text, facts: got.facts });
      return got;
    },
  };
  const index = await service.session.load(root, { flows: 'defer', definitions: process.env.FLOW_CALLOUT_EAGER_INDEX === '1' ? 'eager' : 'lazy' }, reading);
  await index.readFlows(flowShare === 'all' ? index.unreadFlows() : flowShare, reading);
  if (exchange) {
    const own = (flowShare === 'all' ? [] : flowShare).map((file): FlowIndexEntry => ({ file, summary: index.flowSummaryOf(file), error: index.indexErrors.get(file) }));
    for (const e of await exchange(own)) {
      if (e.summary) index.addFlowSummary(e.file, e.summary);
      else if (e.error !== undefined) index.addFlowError(e.file, e.error);
    }
    index.finishFlows();
  }
  service.flowStore.retain((key) => toCheck.has(key));
  const results: FileResult[] = [];
  const limit = index.maxFileSizeMB * 1024 * 1024;
  const ignored = check.filter((f) => index.settings.isIgnored(f, root));
  const checked = check.filter((f) => !ignored.includes(f));
  const unread = checked.filter((f) => kept.get(f)?.text === undefined && !(kept.get(f) && refusedFacts(kept.get(f)!.facts, limit)));
  const ahead = readAhead(unread, 8, limit)[Symbol.asyncIterator]();
  for (const file of checked) {
    const k = kept.get(file);
    const got = k && (k.text !== undefined || refusedFacts(k.facts, limit)) ? { text: k.text, facts: k.facts } : (await ahead.next()).value as { text: string | undefined; facts: FileFacts };
    kept.delete(file);
    const { text, facts } = got;
    if (text === undefined) {
      // Not read (binary or too large): its one diagnostic, at the start of the file.
      const kind = documentKind(file);
      const refused = kind === 'flow' || kind === 'callout' ? refuseContent(kind, undefined, index.maxFileSizeMB, facts) : undefined;
      results.push({ file, problems: refused ? [{ ...refused, line: 1, column: 1, endLine: 1, endColumn: 1 }] : [] });
      continue;
    }
    const lines = new LineTable(text);
    // Keyed by the path, as the index parsed it: validation finds that parse.
    const problems = service.validate({ uri: file, fileName: file, text }, { severities: severities as never }).map((p) => located(lines, p));
    results.push({ file, problems });
    service.didClose(file);
  }
  return { results, flowParses: service.flowStore.counts.parses };
}

function refusedFacts(facts: FileFacts, limit: number): boolean {
  return facts.size > limit || facts.binaryAt >= 0;
}

/** A flow's index entry passed between threads: its summary, or why it could not be read. */
export interface FlowIndexEntry {
  file: string;
  summary?: FlowSummary;
  error?: string;
}

/** A problem's 1-based line:column, through the conversion the language server's ranges use (core/parse/lines.ts). */
export function located(lines: LineTable, p: Problem): FileResult['problems'][number] {
  const s = lines.positionAt(p.offset);
  const e = lines.positionAt(p.offset + p.length);
  return { ...p, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

