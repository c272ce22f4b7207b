// The project's callout definitions by name (ProjectIndex.callouts), indexed lazily: load() keeps each
// definition file's text and parses a file only when a lookup may need it. The answers are those of parsing
// every file in walk order (the last file of a name holds it), which happens as soon as anything needs every
// name (listing, size, iteration, a change other than an edit that keeps a file's name).
//
// Why a lookup can skip a file: a definition's name is the string value of its `name` key. In JSON (either parse
// path, parse/json.ts and parse/jsonLazy.ts) a string's characters are written as they are unless escaped, and
// every escape (`\n`, `\u0041`) needs a backslash. In YAML a plain or quoted scalar keeps its characters but for
// escapes (double quotes: a backslash), `''` (single quotes: a quote in the name) and line folding (a line
// break becomes whitespace, indentation is dropped: whitespace in the name); block scalars only fold or keep
// lines; anchors, aliases and merge keys copy text that is in the file; tags (`!!binary`, `!!timestamp`, a
// `%TAG` handle, `!<…>`) turn other text into a string. So a file whose text has no backslash, no `!!`, no `!<`
// and no directive line can be named S — S without whitespace or quotes — only if S is in its text. The
// lookups compare names regardless of case (String.prototype.toLowerCase; findIgnoringCase): for an ASCII S,
// the lower-cased text contains S lower-cased whenever some spelling of S is in it (the only non-ASCII
// character whose lower case is ASCII is the Kelvin sign, lower-cased alike in both). Any other S parses every file.
import { CalloutDefinition, type CalloutDocument } from '../model/definition';
import type { ParsedTree } from '../parse/tree';
import { exactNameValues, exactNameWord, nameValueStarts, nearNameValue } from '../model/similar';
import { VersionedMap } from './versionedMap';

export interface CalloutSummary {
  name: string;
  operation: string;
  file: string;
  namedCredential?: string;
  method: string;
  path: string;
  responses: string[];
  queryParameters: { name: string; required: boolean; type?: string }[];
  hasBody: boolean;
  /** The parsed definition (samples, path parameters), for flow outputs, completion and hover. */
  definition?: CalloutDefinition;
}

/** A definition file's entry in the index: undefined when it has no name (yet). */
export function summarizeDefinition(doc: CalloutDocument): CalloutSummary | undefined {
  const def = new CalloutDefinition(doc);
  const name = def.name;
  if (!name) return undefined;
  return {
    name, file: doc.fileName, operation: def.operation, namedCredential: def.namedCredential, method: def.method, path: def.path,
    responses: def.responses().map((r) => r.key),
    queryParameters: def.parameters('query').map((p) => ({ name: p.name, required: p.required, type: p.type })),
    hasBody: !!def.requestBody, definition: def,
  };
}

/** Text that can make a name that is not written in it: escapes, explicit tags, directives (see the top of this file). */
const TRANSFORMS = /\\|!!|!<|^%/m;
/** Names the substring test applies to: printable ASCII without quotes (other names parse every file). */
const PLAIN_NAME = /^[\x21\x23-\x26\x28-\x7e]+$/;

function scanOf(entry: Entry): TextScan {
  return (entry.scan ??= { transforms: TRANSFORMS.test(entry.text), quotes: entry.text.includes("''"), starts: nameValueStarts(entry.text) });
}

/** One definition file read by load(): its text, and its summary once parsed. */
interface Entry {
  readonly file: string;
  readonly text: string;
  /** The text lower-cased (kept while the file is unparsed), for the lookups by a part of a name. */
  lower?: string;
  parsed?: { summary: CalloutSummary | undefined; error?: string };
  /** What the lookups read of the text, found on first need (the text never changes: an edit makes a new entry). */
  scan?: TextScan;
}

/** An entry's text as the lookups test it, before it is parsed. */
interface TextScan {
  /** TRANSFORMS: a name may be written other than as it is. */
  transforms: boolean;
  /** `''`: a quote in a single-quoted name. */
  quotes: boolean;
  /** model/similar.ts nameValueStarts. */
  starts: number[] | undefined;
  /** model/similar.ts exactNameValues (made on the first exact lookup), when there are starts. */
  exact?: Set<string>;
}

/**
 * The definition files load() read, in walk order, parsed on demand (owned by the ProjectIndex that loaded
 * them, through its `callouts` map). Valid while nothing changed but edits that kept a file's name (`pin`);
 * anything else makes the index parse the rest (`all`) and keep its claims as an eager load does.
 */
export class LazyDefinitions {
  private readonly entries: Entry[] = [];
  private readonly byFile = new Map<string, Entry>();
  /** Names whose holder an edit set (the edited file claims its name again, as ProjectIndex.claim does). */
  private readonly pinned = new Map<string, Entry>();
  /** Holder by exact name, for names looked up since the last pin. */
  private readonly holders = new Map<string, CalloutSummary | undefined>();
  /** holdersNear's answers by limit and word since the last add or pin: many flows name the same unknown service. */
  private readonly near = new Map<string, CalloutSummary[]>();

  constructor(private readonly summarize: (file: string, text: string) => CalloutSummary | undefined) {}

  add(file: string, text: string): void {
    const entry: Entry = { file, text };
    this.entries.push(entry);
    this.byFile.set(file, entry);
    this.near.clear();
  }

  has(file: string): boolean {
    return this.byFile.has(file);
  }

  /** Per file, an object replaced whenever what the file says changes (carry.ts projectStamp reads these, not the parses). */
  stampItems(): readonly unknown[] {
    return this.entries;
  }

  private parse(entry: Entry): CalloutSummary | undefined {
    if (!entry.parsed) {
      try {
        entry.parsed = { summary: this.summarize(entry.file, entry.text) };
      } catch (e) {
        entry.parsed = { summary: undefined, error: (e as Error).message.split('\n')[0] };
      }
      entry.lower = undefined;
      entry.scan = undefined;
    }
    return entry.parsed.summary;
  }

  /**
   * Whether `entry` may be named `lower` (a plain name lower-cased; undefined: any name), or with `prefix` a name
   * starting with it: its text holds it, and (a whole name) a `name` value may be it (model/similar.ts nearNameValue).
   */
  private mayName(entry: Entry, lower: string | undefined, prefix = false): boolean {
    if (entry.parsed || lower === undefined) return true;
    const scan = scanOf(entry);
    if (scan.transforms) return true;
    if (!prefix && scan.starts && exactNameWord(lower)) {
      // A `name` value equal to it (then the text holds it too): one set lookup, not a search of the text.
      return (scan.exact ??= exactNameValues(entry.text, scan.starts)).has(lower);
    }
    entry.lower ??= entry.text.toLowerCase();
    return entry.lower.includes(lower) && (prefix || nearNameValue(entry.text, lower, 0, scan.starts));
  }

  /** The summary of the file holding `name` (exact), as an eager load gives it. */
  holder(name: string): CalloutSummary | undefined {
    if (this.holders.has(name)) return this.holders.get(name);
    let found: CalloutSummary | undefined;
    const pin = this.pinned.get(name);
    if (pin) found = this.parse(pin);
    else {
      const lower = PLAIN_NAME.test(name) ? name.toLowerCase() : undefined;
      for (const e of this.entries) {
        if (!this.mayName(e, lower)) continue;
        const s = this.parse(e);
        if (s && s.name === name) found = s;
      }
    }
    this.holders.set(name, found);
    return found;
  }

  /**
   * `name`'s holder, else the holder of the first name in the map's order (the walk order of each name's first
   * file: pins keep a name's place) equal to it regardless of case.
   */
  findIgnoringCase(name: string): CalloutSummary | undefined {
    const exact = this.holder(name);
    if (exact) return exact;
    const lowerName = name.toLowerCase();
    const lower = PLAIN_NAME.test(name) ? lowerName : undefined;
    for (const e of this.entries) {
      if (!this.mayName(e, lower)) continue;
      const s = this.parse(e);
      if (s && s.name.toLowerCase() === lowerName) return this.holder(s.name);
    }
    return undefined;
  }

  /**
   * The holders of every name whose lower case is in `lowers`, in the map's order; `probe`: a lower-case text
   * each of them starts with (a file is parsed when it may hold one of the names and holds the probe).
   */
  holdersIgnoringCase(lowers: ReadonlySet<string>, probe: string): CalloutSummary[] {
    const list = [...lowers];
    const plain = list.every((l) => PLAIN_NAME.test(l));
    const plainProbe = PLAIN_NAME.test(probe) ? probe : undefined;
    const names = new Set<string>();
    for (const e of this.entries) {
      // The names first: a set lookup each for most files (mayName), where the probe is a search of the text.
      if (plain && !e.parsed && !scanOf(e).transforms && !list.some((l) => this.mayName(e, l))) continue;
      if (!this.mayName(e, plainProbe, true)) continue;
      const s = this.parse(e);
      if (s && lowers.has(s.name.toLowerCase())) names.add(s.name);
    }
    return [...names].map((n) => this.holder(n)!);
  }

  /**
   * The holders of every name that may be within `limit` edits of `word` (model/similar.ts editDistance), with
   * others, in the map's order: files whose `name` value (or, with aliases, merge or complex keys, any scalar)
   * cannot be that near are not parsed (model/similar.ts nearNameValue).
   * A name of several lines is folded (whitespace runs read as one space); `''` and TRANSFORMS parse the file.
   */
  holdersNear(word: string, limit: number): CalloutSummary[] {
    const key = `${limit}\u0000${word}`;
    const known = this.near.get(key);
    if (known) return known;
    const plain = !/[\s']/.test(word);
    const names = new Set<string>();
    for (const e of this.entries) {
      if (!e.parsed && plain) {
        const scan = scanOf(e);
        if (!scan.transforms && !scan.quotes && !nearNameValue(e.text, word, limit, scan.starts)) continue;
      }
      const s = this.parse(e);
      if (s) names.add(s.name);
    }
    const found = [...names].map((n) => this.holder(n)!);
    this.near.set(key, found);
    return found;
  }

  /** The tree of the file's current parse, if it was parsed (handed to the next parse of an edit). */
  treeOf(file: string): ParsedTree | undefined {
    return this.byFile.get(file)?.parsed?.summary?.definition?.doc.tree;
  }

  /**
   * An edit of a loaded file (ProjectIndex.update): when its new text keeps the name it had (or it had none and
   * has none), the edit is taken here and true is returned — the file holds its name again, as the eager
   * index's claim makes it. Otherwise (a renamed, named or unnamed definition, an unreadable text) false, and
   * nothing changed: the index parses every file and applies the edit itself.
   */
  pin(file: string, text: string, summary: CalloutSummary | undefined): boolean {
    const before = this.byFile.get(file);
    if (!before) return false;
    const old = this.parse(before);
    if (before.parsed?.error || old?.name !== summary?.name) return false;
    const entry: Entry = { file, text, parsed: { summary } };
    this.entries[this.entries.indexOf(before)] = entry;
    this.byFile.set(file, entry);
    this.near.clear();
    if (summary) {
      this.pinned.delete(summary.name);
      this.pinned.set(summary.name, entry);
      this.holders.delete(summary.name);
    }
    return true;
  }

  /** Every file parsed, in walk order, then the pinned holders in the order of their last edit: how the index replays them. */
  all(): { files: { file: string; summary: CalloutSummary | undefined; error?: string }[]; pinned: CalloutSummary[] } {
    const files = this.entries.map((e) => {
      const summary = this.parse(e);
      return { file: e.file, summary, error: e.parsed?.error };
    });
    return { files, pinned: [...this.pinned.values()].map((e) => e.parsed!.summary!) };
  }
}

/**
 * ProjectIndex.callouts: a VersionedMap whose exact and case-insensitive lookups go to the lazy definitions
 * while there are any; every other read or change first has the index parse them all (`settle`), after which
 * it is the plain map an eager load fills.
 */
/** What the flow analysis asks of the definitions without needing every one (ProjectView.callouts). */
export interface DefinitionLookups {
  /** True once every definition is parsed (the map is the eager one). */
  readonly settled: boolean;
  /** Objects replaced whenever what a definition file says changes (flow/carry.ts projectStamp). */
  stampItems(): Iterable<unknown>;
  findIgnoringCase(key: string): CalloutSummary | undefined;
  /** The holders of every name whose lower case is in `lowers`, in the map's order; each starts with `probe` (lower case). */
  holdersIgnoringCase(lowers: ReadonlySet<string>, probe: string): CalloutSummary[];
  /** The holders of every name within `limit` edits of `word` (and maybe others), in the map's order. */
  holdersNear(word: string, limit: number): CalloutSummary[];
}

export class CalloutMap extends VersionedMap<string, CalloutSummary> implements DefinitionLookups {
  lazy: LazyDefinitions | undefined;

  get settled(): boolean {
    return !this.lazy;
  }

  holdersNear(word: string, limit: number): CalloutSummary[] {
    return this.lazy ? this.lazy.holdersNear(word, limit) : [...super.values()];
  }

  holdersIgnoringCase(lowers: ReadonlySet<string>, probe: string): CalloutSummary[] {
    if (this.lazy) return this.lazy.holdersIgnoringCase(lowers, probe);
    const out: CalloutSummary[] = [];
    for (const [k, v] of super.entries()) if (lowers.has(k.toLowerCase())) out.push(v);
    return out;
  }

  constructor(changed: () => void, private readonly settleAll: () => void) {
    super(changed);
  }

  /** Parses whatever is left (the index replays the files in walk order), so the map holds every name. */
  settle(): void {
    if (this.lazy) this.settleAll();
  }

  /** Per definition file (lazy) or per name (settled), objects replaced whenever what they say changes: flow/carry.ts projectStamp. */
  stampItems(): Iterable<unknown> {
    return this.lazy ? this.lazy.stampItems() : super.values();
  }

  override get(key: string): CalloutSummary | undefined {
    return this.lazy ? this.lazy.holder(key) : super.get(key);
  }

  override has(key: string): boolean {
    return this.lazy ? this.lazy.holder(key) !== undefined : super.has(key);
  }

  override findIgnoringCase(key: string): CalloutSummary | undefined {
    return this.lazy ? this.lazy.findIgnoringCase(key) : super.findIgnoringCase(key);
  }

  override get size(): number {
    this.settle();
    return super.size;
  }

  override keys(): MapIterator<string> {
    this.settle();
    return super.keys();
  }

  override values(): MapIterator<CalloutSummary> {
    this.settle();
    return super.values();
  }

  override entries(): MapIterator<[string, CalloutSummary]> {
    this.settle();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, CalloutSummary]> {
    this.settle();
    return super[Symbol.iterator]();
  }

  override forEach(fn: (value: CalloutSummary, key: string, map: Map<string, CalloutSummary>) => void, thisArg?: unknown): void {
    this.settle();
    super.forEach(fn, thisArg);
  }

  override set(key: string, value: CalloutSummary): this {
    this.settle();
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.settle();
    return super.delete(key);
  }

  override clear(): void {
    this.settle();
    super.clear();
  }
}
