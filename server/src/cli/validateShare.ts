// What one thread of `flow-callout validate` does (the whole run on one thread, or one worker's share:
// validateWorkers.ts): load the project index reading each file once, summarise its flows from the flow
// store's parse, and validate its files from those texts and parses.
import { promises as fsp } from 'node:fs';
import { documentKind } from '../core/language';
import { refuseContent, type FileFacts } from '../core/model/content';
import type { Problem } from '../core/model/problem';
import { nodeFs, probeFile, readCheckedSync, type ProjectFs } from '../core/project/fs';
import { getLanguageService } from '../core/service';
import type { ProjectIndex } from '../core/project/index';
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
  const pending: Promise<{ facts: FileFacts; text: string | undefined }>[] = [];
  let next = 0;
  const fill = () => {
    while (next < files.length && pending.length < window) pending.push(readOne(files[next++], maxBytes));
  };
  fill();
  for (const file of files) {
    const got = await pending.shift()!;
    fill();
    yield { file, ...got };
  }
}

/** One file as readAhead reads it: not read (text undefined) when over `maxBytes` or binary, `facts` say why. */
async function readOne(file: string, maxBytes: number): Promise<{ facts: FileFacts; text: string | undefined }> {
  const facts = await probeFile(file);
  return { facts, text: facts.size > maxBytes || facts.binaryAt >= 0 ? undefined : await fsp.readFile(file, 'utf8') };
}

/**
 * What one thread of `flow-callout validate` does: load the project index once (open), then validate batches of
 * files (validate, in order). The whole run on one thread is one batch (validateShare); a worker validates the
 * batches the main thread hands it (validateWorkers.ts).
 *
 * Flows are read lazily, as the language server reads an open document's (ProjectSession.readFlowsFor): each
 * flow to check, when its turn comes, with the flows its checks read (its own name, its subflows, flow and
 * screen actions, transitively; a definition's linked `flow:`). Its model is dropped once it is validated, so a
 * run holds the models of a few flows at a time instead of every flow's until the end (on 1,000 flows that was
 * ~60 MB alive across the run, and a quarter of its time in the garbage collector). The findings are those of
 * an index that read every flow first (FLOW_CALLOUT_EAGER_INDEX=1 does that; test/cli/lazyFlows.test.ts), so
 * a thread needs nothing from the others: a flow another thread checks is read here too when one of this
 * thread's flows calls it.
 */
export class ValidationThread {
  /** The files of the batch being validated (and those announced to `open`): the index keeps their texts. */
  private readonly toCheck = new Set<string>();
  private readonly kept = new Map<string, { text: string | undefined; facts: FileFacts }>();
  // The index parses flows and definitions through this service's caches: validation finds those parses.
  private readonly service = getLanguageService({ flowStore: { capacity: Infinity }, shareCalloutParses: true });
  // The index's reads (one open and one read per file: readCheckedSync), keeping the texts and facts of the
  // files this thread checks.
  private readonly reading: ProjectFs = {
    ...nodeFs,
    readChecked: async (file, maxBytes) => {
      const got = readCheckedSync(file, maxBytes);
      if (this.toCheck.has(file)) this.kept.set(file, { text: got.text, facts: got.facts });
      return got;
    },
  };
  private index!: ProjectIndex;
  private readonly lazy = process.env.FLOW_CALLOUT_EAGER_INDEX !== '1';

  private constructor(private readonly root: string, private readonly severities?: Record<string, string>) {}

  /** Loads the project at `root`; `expected`: files to check that an eager load may keep (one run's files). */
  static async open(root: string, severities?: Record<string, string>, expected: string[] = []): Promise<ValidationThread> {
    const thread = new ValidationThread(root, severities);
    for (const f of expected) thread.toCheck.add(f);
    thread.index = await thread.service.session.load(root, { flows: 'defer', definitions: thread.lazy ? 'lazy' : 'eager' }, thread.reading);
    if (!thread.lazy) await thread.index.readFlows(thread.index.unreadFlows(), thread.reading);
    thread.service.flowStore.retain((key) => thread.toCheck.has(key));
    return thread;
  }

  /** How many flow texts this thread parsed. */
  get flowParses(): number {
    return this.service.flowStore.counts.parses;
  }

  /** Every diagnostic of `check`, in order (an ignored file has no result). */
  async validate(check: string[]): Promise<FileResult[]> {
    const { index, service, kept, reading, root } = this;
    for (const f of check) this.toCheck.add(f);
    const results: FileResult[] = [];
    const limit = index.maxFileSizeMB * 1024 * 1024;
    const checked = check.filter((f) => !index.settings.isIgnored(f, root));
    // The flows the index reads when their turn comes (lazy): their texts come from that read.
    const unread = new Set(index.unreadFlows());
    const indexReads = new Set(this.lazy ? checked.filter((f) => unread.has(f)) : []);
    const usable = (k: { text: string | undefined; facts: FileFacts } | undefined) => !!k && (k.text !== undefined || refusedFacts(k.facts, limit));
    const ahead = new Set(checked.filter((f) => !indexReads.has(f) && !usable(kept.get(f))));
    const reads = readAhead([...ahead], 8, limit)[Symbol.asyncIterator]();
    for (const file of checked) {
      if (indexReads.has(file)) await index.readFlows([file], reading);
      const k = kept.get(file);
      // A flow the index could not read (its error is in the index) is read here, as any other file.
      const got = usable(k) ? k! : ahead.has(file) ? (await reads.next()).value as { text: string | undefined; facts: FileFacts } : await readOne(file, limit);
      kept.delete(file);
      const { text, facts } = got;
      if (text === undefined) {
        // Not read (binary or too large): its one diagnostic, at the start of the file.
        const kind = documentKind(file);
        const refused = kind === 'flow' || kind === 'callout' ? refuseContent(kind, undefined, index.maxFileSizeMB, facts) : undefined;
        results.push({ file, problems: refused ? [{ ...refused, line: 1, column: 1, endLine: 1, endColumn: 1 }] : [] });
        this.toCheck.delete(file);
        continue;
      }
      const doc = { uri: file, fileName: file, text };
      if (this.lazy && index.unreadFlowCount) {
        const before = index.unreadFlowCount;
        // Lookups find what a load that read every flow finds, though the index's flows are not in walk order:
        // every file of a name (in any case) is read at once, in walk order (ProjectIndex.readFlowsNamed), so
        // the file holding a name and the first spelling of it are the same.
        await service.session.readFlowsFor(doc, reading);
        // The models of flows read only for what this one reads are not kept (those still to check are).
        if (index.unreadFlowCount !== before) service.flowStore.retain((key) => this.toCheck.has(key));
      }
      const lines = new LineTable(text);
      // Keyed by the path, as the index parsed it: validation finds that parse.
      const problems = service.validate(doc, { severities: this.severities as never }).map((p) => located(lines, p));
      results.push({ file, problems });
      // A flow's model goes (see above). A definition's parse stays in the service's cache (it keeps 200): the
      // flows that name it find it through the lazy index, which parses through that cache.
      if (documentKind(file) !== 'callout') service.didClose(file);
      this.toCheck.delete(file);
    }
    for (const f of check) this.toCheck.delete(f);
    return results;
  }
}

/** The whole of `check` on this thread (validate --workers 1). */
export async function validateShare(root: string, check: string[], severities?: Record<string, string>): Promise<{ results: FileResult[]; flowParses: number }> {
  const thread = await ValidationThread.open(root, severities, check);
  return { results: await thread.validate(check), flowParses: thread.flowParses };
}

function refusedFacts(facts: FileFacts, limit: number): boolean {
  return facts.size > limit || facts.binaryAt >= 0;
}

/** A problem's 1-based line:column, through the conversion the language server's ranges use (core/parse/lines.ts). */
export function located(lines: LineTable, p: Problem): FileResult['problems'][number] {
  const s = lines.positionAt(p.offset);
  const e = lines.positionAt(p.offset + p.length);
  return { ...p, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

