// The SFDX project index: package directories, named/external credentials, External Service
// registrations, object fields, flows and callout definitions. Built from a ProjectFs, updated per file.
import * as path from 'node:path';
import type { FlowSummarizer, FlowSummary } from './flowSummary';
import { STANDARD_FIELDS } from '../model/standardFields';
import type { CalloutDocument } from '../model/definition';
import { CalloutMap, LazyDefinitions, summarizeDefinition, type CalloutSummary } from './definitions';
import { VersionedMap } from './versionedMap';
import { parseCalloutText } from '../parse';
import type { ParsedTree } from '../parse/tree';
import type { ProjectFs } from './fs';
import { classifyFile, esrNameOf, type MetadataKind, fieldObjectOf, flowNameOf, metadataNameOf, SETTINGS_FILE, SFDX_PROJECT_FILE } from './fileKinds';
import { parseSfdxProject } from './sfdxProject';
import { DerivedMemo } from './derived';
import { maxFileMB, refuseContent, type CharSource, type CheckedKind } from '../model/content';
import { readApexClass, type ApexClassInfo } from './apex';
import { ProjectSettings, readSettings } from './settings';
import {
  readExternalCredential, readExternalServiceRegistration, readField, readNamedCredential,
  type EsrInfo, type ExternalCredentialInfo, type NamedCredentialInfo, type ObjectFieldInfo,
} from './metadata';

export type { CalloutSummary } from './definitions';

export { classifyFile, type MetadataKind } from './fileKinds';
export type { FlowResource, FlowSummary } from './flowSummary';

/** The kinds the flow analysis reads (ProjectView.generation). */
const ANALYSED_KINDS = new Set<MetadataKind>(['callout', 'esr', 'esrSchema', 'apex', 'field', 'settings']);

export interface ProjectLoadOptions {
  /**
   * 'defer': flows are listed, not read (the language server reads the open documents' flows first and the
   * rest in the background: readFlows / readFlowsNamed / finishFlows; the CLI reads each flow to check, with
   * the flows it calls, when its turn comes: ProjectSession.readFlowsFor).
   */
  flows?: 'read' | 'defer';
  /** Only sfdx-project.json and .flowcallout.json are read; the rest is listed (flows: unreadFlows). The CLI's main thread. */
  listOnly?: boolean;
  /**
   * 'lazy' (the default): callout definitions are read but parsed only when a lookup by name may need them
   * (project/definitions.ts); 'eager': every one is parsed while loading (FLOW_CALLOUT_EAGER_INDEX=1). Same answers.
   */
  definitions?: 'lazy' | 'eager';
}

export interface ProjectIndexOptions {
  /**
   * How a flow file becomes its summary: the flow side's (core/flow/summary.ts, or the language service's
   * `summarizeFlow`), which shares its parses with the editor and validation. Passed in because the project
   * layer does not depend on the flow pipeline.
   */
  summarizeFlow: FlowSummarizer;
  /**
   * How a callout definition's text becomes its parse (default: parsed here). The CLI passes its language
   * service's cached parse, so the index and validation share one parse per definition.
   */
  parseCallout?: (file: string, text: string) => CalloutDocument;
}

function checkedKind(kind: MetadataKind): CheckedKind {
  return kind === 'flow' ? 'flow' : kind === 'callout' ? 'callout' : 'metadata';
}

/** `dir/X.externalServiceRegistration-meta.xml` and `dir/X.yaml` share the stem `dir/X`. */
function esrStem(file: string): string {
  return file.replace(ESR_META, '').replace(/\.(ya?ml|json)$/, '');
}
const ESR_SCHEMA_EXTENSIONS = ['.yaml', '.yml', '.json'];
const ESR_META = /\.externalServiceRegistration-meta\.xml$/;

export class ProjectIndex {
  private changes = 0;
  private readonly changed = () => {
    this.changes++;
  };

  /** Increases with every change to what the index holds (ProjectView.version). */
  get version(): number {
    return this.changes;
  }

  readonly namedCredentials = new VersionedMap<string, NamedCredentialInfo>(this.changed);
  readonly externalCredentials = new VersionedMap<string, ExternalCredentialInfo>(this.changed);
  readonly esrs = new VersionedMap<string, EsrInfo>(this.changed);
  /** Object API name → field API name → field (custom fields from the project). */
  readonly objectFields = new VersionedMap<string, Map<string, ObjectFieldInfo>>(this.changed);
  readonly flows = new VersionedMap<string, FlowSummary>(this.changed);
  /**
   * Callout definitions by name. After load() they are parsed lazily, by name (project/definitions.ts: the map
   * asks its LazyDefinitions, owned by this index); whatever needs every name settles them (settleDefinitions).
   */
  readonly callouts: CalloutMap = new CalloutMap(this.changed, () => this.settleDefinitions());
  /** Apex classes by name: invocable actions and whether they call out (project/apex.ts). */
  readonly apexClasses = new VersionedMap<string, ApexClassInfo>(this.changed);
  packageDirectories: string[] = [];
  /** Problems met while indexing (file → message), surfaced by `validate` and logs, never thrown. */
  readonly indexErrors = new Map<string, string>();
  /** Bumped by every change to callout definitions, registrations, Apex classes or object fields (ProjectView). */
  generation = 0;
  /** Registration XML by file, and decomposed schema files by stem, so either side can change alone. */
  private readonly esrXml = new Map<string, string>();
  private readonly esrSchemaTexts = new Map<string, { file: string; text: string }[]>();
  /** Rule severities from the project's `.flowcallout.json` (settings.rules). */
  ruleSeverities: Record<string, string> = {};
  /** The project's `.flowcallout.json` (project/settings.ts); replaced, never mutated, when the file changes. */
  settings: ProjectSettings = ProjectSettings.EMPTY;
  /** The largest file checked or indexed, in MB (`.flowcallout.json` "maxFileSizeMB"; model/content.ts). */
  maxFileSizeMB = maxFileMB(undefined);
  /** What the flow analysis derives from this index's entries (their operations): ProjectView.derived. */
  readonly derived = new DerivedMemo();

  private readonly summarizeFlow: FlowSummarizer;
  private readonly parseCallout: ((file: string, text: string) => CalloutDocument) | undefined;

  constructor(readonly root: string | undefined, options: ProjectIndexOptions) {
    this.summarizeFlow = options.summarizeFlow;
    this.parseCallout = options.parseCallout;
  }

  /** A file of the project as shown to people (hovers, completion): relative to the project root, forward slashes. */
  relativePath(file: string): string {
    if (!this.root) return file.replace(/^.*[\\/]/, '');
    const rel = path.relative(this.root, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.replace(/\\/g, '/') : file.replace(/^.*[\\/]/, '');
  }

  /** Every file of the project once: its package directories (sfdx-project.json), then the rest of the root. */
  async projectFiles(fs: ProjectFs): Promise<Set<string>> {
    const root = this.root ?? '.';
    const dirs = this.packageDirectories.length ? this.packageDirectories.map((d) => path.join(root, d).replace(/(.)[\\/]+$/, '$1')) : [root];
    const files = new Set<string>();
    // The root's walk does not go through the package directories again (their files are in already).
    const listed = new Set<string>();
    for (const dir of [...dirs, root]) {
      if (listed.has(dir)) continue;
      for (const file of await fs.listFiles(dir, listed)) files.add(file);
      listed.add(dir);
    }
    return files;
  }

  /**
   * Every flow file of the project in walk order (set by load), and those not read yet (load with flows
   * 'defer'). A flow updated, reloaded or removed meanwhile (the editor, a watched file) counts as read.
   */
  private flowOrder: string[] = [];
  private readonly unread = new Set<string>();
  /** Flow files by lower-case flow name: listed (walk order), then any read since (a file may no longer hold it). */
  private readonly flowFilesByName = new Map<string, string[]>();
  private listFlowFile(file: string, name: string): void {
    const key = name.toLowerCase();
    const files = this.flowFilesByName.get(key);
    if (!files) this.flowFilesByName.set(key, [file]);
    else if (!files.includes(file)) files.push(file);
  }

  /** Unread flow files by lower-case flow name. */
  private readonly unreadByName = new Map<string, string[]>();

  /** How many flow files are still to read (0 once every flow is in `flows`). */
  get unreadFlowCount(): number {
    return this.unread.size;
  }

  /** The flow files still to read, in walk order. */
  unreadFlows(): string[] {
    return this.flowOrder.filter((f) => this.unread.has(f));
  }

  private markRead(file: string): void {
    if (!this.unread.delete(file)) return;
    const key = flowNameOf(file).toLowerCase();
    const rest = (this.unreadByName.get(key) ?? []).filter((f) => f !== file);
    if (rest.length) this.unreadByName.set(key, rest);
    else this.unreadByName.delete(key);
  }

  /** Reads the given flow files that are still unread (each yields to the event loop while reading). */
  async readFlows(files: string[], fs: ProjectFs): Promise<void> {
    for (const file of files) {
      // A file being read by another caller (the background pass, another document) is waited for, not read twice.
      let reading = this.reading.get(file);
      if (!reading && this.unread.has(file)) {
        reading = this.reload(file, fs).finally(() => this.reading.delete(file));
        this.reading.set(file, reading);
      }
      await reading;
    }
  }

  private readonly reading = new Map<string, Promise<void>>();

  /**
   * Reads the unread flows named `names` (case-insensitive, like Salesforce flow names) or found at `paths`
   * (findFlowByPath's rule), then the flows those call — subflows and flow actions — until nothing unread is
   * named: what an open document's analysis reads of other flows.
   */
  async readFlowsNamed(names: Iterable<string>, fs: ProjectFs, paths: Iterable<string> = []): Promise<void> {
    const queue = [...names];
    for (const p of paths) {
      const norm = p.replace(/\\/g, '/').replace(/^\.\//, '');
      for (const f of this.unread) if (f.replace(/\\/g, '/') === norm || f.replace(/\\/g, '/').endsWith('/' + norm)) queue.push(flowNameOf(f));
      queue.push(flowNameOf(p));
    }
    const seen = new Set<string>();
    while (queue.length) {
      const key = queue.pop()!.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      await this.readFlows(this.unreadByName.get(key) ?? [], fs);
      // The flows of that name (in any case) the index holds: what they call.
      for (const file of this.flowFilesByName.get(key) ?? []) {
        const f = this.flowSummaryOf(file);
        if (f && this.flows.get(f.name) === f) queue.push(...calledFlows(f));
      }
    }
  }

  /**
   * After deferred flows were read (in whatever order): `flows` in the order an eager load gives — the walk's,
   * the last file of a name holding it — so every later reading of the index is the same as after load().
   */
  finishFlows(): void {
    const placed = new Set<string>();
    const order = [...this.flowOrder, ...[...this.claims.keys()].filter((f) => classifyFile(f) === 'flow')];
    this.flows.clear();
    for (const file of order) {
      if (placed.has(file)) continue;
      placed.add(file);
      const c = this.claims.get(file);
      if (c && c.map === (this.flows as Map<string, unknown>)) this.flows.set(c.name, c.value as FlowSummary);
    }
  }

  /** The summary read from this flow file (undefined: not read, refused, or not a flow). */
  flowSummaryOf(file: string): FlowSummary | undefined {
    const c = this.claims.get(file);
    return c && c.map === (this.flows as Map<string, unknown>) ? (c.value as FlowSummary) : undefined;
  }

  static async load(root: string, fs: ProjectFs, options: ProjectIndexOptions, how: ProjectLoadOptions = {}): Promise<ProjectIndex> {
    const index = new ProjectIndex(root, options);
    const projectFile = path.join(root, SFDX_PROJECT_FILE);
    if (await fs.exists(projectFile)) await index.update(projectFile, await fs.readFile(projectFile));
    const settings = path.join(root, SETTINGS_FILE);
    if (await fs.exists(settings)) await index.update(settings, await fs.readFile(settings));
    const seen = await index.projectFiles(fs);
    // Definitions are read now (one read per file, as every other file) and parsed when a lookup needs them.
    if (!how.listOnly && how.definitions !== 'eager') index.callouts.lazy = new LazyDefinitions((file, text) => index.summarizeCallout(file, text));
    index.loading = true;
    for (const file of seen) {
      const kind = classifyFile(file);
      if (!kind || kind === 'project' || kind === 'settings') continue;
      if (kind === 'flow') {
        index.flowOrder.push(file);
        index.listFlowFile(file, flowNameOf(file));
        if (how.flows === 'defer' || how.listOnly) {
          index.unread.add(file);
          const key = flowNameOf(file).toLowerCase();
          index.unreadByName.set(key, [...(index.unreadByName.get(key) ?? []), file]);
          continue;
        }
      }
      if (!how.listOnly) await index.reload(file, fs);
    }
    index.loading = false;
    if (how.listOnly) return index;
    // A decomposed schema outside an `externalServiceRegistrations` folder: look beside the registration itself.
    for (const e of [...index.esrs.values()]) {
      if (e.schema || e.schemaError || e.schemaFile) continue;
      for (const ext of ESR_SCHEMA_EXTENSIONS) {
        const sibling = esrStem(e.file) + ext;
        if (seen.has(sibling) && classifyFile(sibling)) continue;
        try {
          if (await fs.exists(sibling)) {
            index.addEsrSchema(sibling, await fs.readFile(sibling));
            break;
          }
        } catch (err) {
          index.indexErrors.set(sibling, (err as Error).message);
        }
      }
    }
    return index;
  }

  /** Pairs a decomposed schema file with its registration (re-read when either changes). */
  private addEsrSchema(file: string, text: string): void {
    const stem = esrStem(file);
    const list = (this.esrSchemaTexts.get(stem) ?? []).filter((s) => s.file !== file);
    list.push({ file, text });
    list.sort((a, b) => ESR_SCHEMA_EXTENSIONS.indexOf(a.file.slice(stem.length)) - ESR_SCHEMA_EXTENSIONS.indexOf(b.file.slice(stem.length)));
    this.esrSchemaTexts.set(stem, list);
    this.rereadEsr(stem);
  }

  private rereadEsr(stem: string): void {
    const file = stem + '.externalServiceRegistration-meta.xml';
    const xml = this.esrXml.get(file);
    if (xml === undefined) return;
    const name = esrNameOf(file);
    this.claim(this.esrs, name, file, readExternalServiceRegistration(name, file, xml, this.esrSchemaTexts.get(stem)?.[0]));
  }


  /**
   * Reads one file from disk (created or changed) into the index. Binary or past the size limit, it is not
   * read at all (decoding 50 MB of random bytes takes seconds): what it said before is dropped, and the
   * reason is an index error. Never throws.
   */
  async reload(file: string, fs: ProjectFs): Promise<void> {
    const kind = classifyFile(file);
    if (!kind) return;
    try {
      const got = kind === 'project' || kind === 'settings' ? undefined : await fs.readChecked?.(file, this.maxFileSizeMB * 1024 * 1024);
      const refused = got ? refuseContent(checkedKind(kind), undefined, this.maxFileSizeMB, got.facts) : undefined;
      if (refused) {
        this.remove(file);
        this.indexErrors.set(file, refused.message);
      } else {
        this.update(file, got?.text ?? await fs.readFile(file));
      }
    } catch (e) {
      if (kind === 'flow') this.markRead(file);
      this.indexErrors.set(file, (e as Error).message);
    }
  }

  /**
   * Re-reads one file (created or changed) from its text. Never throws. `source`: the same text as an open
   * document's pieces, so the binary check does not join an edited text into one string (model/content.ts).
   */
  update(file: string, text: string, source?: CharSource): void {
    const kind = classifyFile(file);
    // A definition changed after a lazy load: an edit that keeps its name is taken by the lazy definitions; anything
    // else parses the rest first, then goes the eager way (its parse, made here already, is handed over).
    let parsed: { summary: CalloutSummary | undefined } | { error: Error } | undefined;
    if (kind === 'callout' && this.callouts.lazy && !this.loading) {
      const lazy = this.callouts.lazy;
      if (!refuseContent('callout', source ?? text, this.maxFileSizeMB)) {
        try {
          parsed = { summary: this.summarizeCallout(file, text, lazy.treeOf(file)) };
        } catch (e) {
          parsed = { error: e as Error };
        }
        if ('summary' in parsed && lazy.pin(file, text, parsed.summary)) {
          this.changes++;
          this.fieldsCache.clear();
          this.generation++;
          this.indexErrors.delete(file);
          return;
        }
      }
      this.settleDefinitions();
    }
    this.changes++;
    this.fieldsCache.clear();
    if (kind === 'flow') this.markRead(file);
    if (kind && ANALYSED_KINDS.has(kind)) this.generation++;
    try {
      this.indexErrors.delete(file);
      const refused = kind && kind !== 'project' && kind !== 'settings' ? refuseContent(checkedKind(kind), source ?? text, this.maxFileSizeMB) : undefined;
      if (refused) {
        // Binary or too large: what the file said before is gone, and nothing is read from it now.
        this.remove(file);
        this.indexErrors.set(file, refused.message);
        return;
      }
      switch (kind) {
        case 'project': {
          this.packageDirectories = parseSfdxProject(text).packageDirectories;
          break;
        }
        case 'settings': {
          this.settings = readSettings(text);
          this.ruleSeverities = { ...this.settings.rules };
          this.maxFileSizeMB = maxFileMB(this.settings.maxFileSizeMB);
          break;
        }
        case 'namedCredential': {
          const name = metadataNameOf(file, 'namedCredential');
          this.claim(this.namedCredentials, name, file, readNamedCredential(name, file, text));
          break;
        }
        case 'externalCredential': {
          const name = metadataNameOf(file, 'externalCredential');
          this.claim(this.externalCredentials, name, file, readExternalCredential(name, file, text));
          break;
        }
        case 'esr': {
          this.esrXml.set(file, text);
          this.rereadEsr(esrStem(file));
          break;
        }
        case 'esrSchema':
          this.addEsrSchema(file, text);
          break;
        case 'field': {
          const object = fieldObjectOf(file);
          const field = readField(file, text);
          if (object && field) {
            if (!this.objectFields.has(object)) this.objectFields.set(object, new VersionedMap(this.changed));
            this.objectFields.get(object)!.set(field.name, field);
          }
          break;
        }
        case 'apex': {
          const name = metadataNameOf(file, 'apex');
          this.claim(this.apexClasses, name, file, readApexClass(name, file, text));
          break;
        }
        case 'flow': {
          const summary = this.summarizeFlow(file, text);
          this.claim(this.flows, summary.name, file, summary);
          break;
        }
        case 'callout': {
          if (this.loading && this.callouts.lazy) {
            this.callouts.lazy.add(file, text);
            break;
          }
          if (parsed && 'error' in parsed) throw parsed.error;
          const summary = parsed ? parsed.summary : this.summarizeCallout(file, text, this.previousTree(file));
          if (!summary) {
            // No name (yet): the file answers for none; a name it held goes back to another file that has it.
            this.release(file);
            break;
          }
          this.claim(this.callouts, summary.name, file, summary);
          break;
        }
      }
    } catch (e) {
      this.indexErrors.set(file, (e as Error).message.split('\n')[0]);
    }
  }

  remove(file: string): void {
    const kind = classifyFile(file);
    // While a lazy load reads the files, a refused definition was never kept: nothing of it to drop.
    const unkept = kind === 'callout' && this.loading && !!this.callouts.lazy;
    if (kind === 'callout' && !unkept) this.settleDefinitions();
    this.changes++;
    this.fieldsCache.clear();
    if (kind === 'flow') this.markRead(file);
    if (kind && ANALYSED_KINDS.has(kind)) this.generation++;
    const drop = <T extends { file?: string }>(map: Map<string, T>) => {
      // Another file with the same name (other folder) gets the name back.
      this.release(file);
      for (const [k, v] of map) if (v.file === file) map.delete(k);
    };
    if (kind === 'settings') {
      this.settings = ProjectSettings.EMPTY;
      this.ruleSeverities = {};
      this.maxFileSizeMB = maxFileMB(undefined);
    } else if (kind === 'namedCredential') drop(this.namedCredentials);
    else if (kind === 'externalCredential') drop(this.externalCredentials);
    else if (kind === 'esr') {
      drop(this.esrs);
      this.esrXml.delete(file);
    } else if (kind === 'esrSchema') {
      const stem = esrStem(file);
      const rest = (this.esrSchemaTexts.get(stem) ?? []).filter((x) => x.file !== file);
      if (rest.length) this.esrSchemaTexts.set(stem, rest);
      else this.esrSchemaTexts.delete(stem);
      this.rereadEsr(stem);
    }
    else if (kind === 'flow') drop(this.flows);
    else if (kind === 'callout' && !unkept) drop(this.callouts);
    else if (kind === 'apex') drop(this.apexClasses);
    else if (kind === 'field') for (const fields of this.objectFields.values()) drop(fields);
    this.indexErrors.delete(file);
  }

  /** True while load() reads the project's files (definitions are then only kept for the lazy index). */
  private loading = false;

  /**
   * A definition file's text → its entry (undefined: it has no name). The CLI's shared parse (parseCallout), else
   * an unsaved edit's: the file's previous parse is handed over (YAML re-parses only the entries the edit touched).
   */
  private summarizeCallout(file: string, text: string, previous?: ParsedTree): CalloutSummary | undefined {
    return summarizeDefinition(this.parseCallout ? this.parseCallout(file, text) : { fileName: file, text, tree: parseCalloutText(text, file, previous) });
  }

  /** The file's last parse, while it holds a claim (consumed by the next: parse/yaml.ts reparseYamlTree). */
  private previousTree(file: string): ParsedTree | undefined {
    const c = this.claims.get(file);
    return c && c.map === (this.callouts as Map<string, unknown>) ? (c.value as CalloutSummary).definition?.doc.tree : undefined;
  }

  /**
   * Parses the definitions the lazy load left (in walk order) and claims them as an eager load does, then the
   * names edits pinned: from then on `callouts` is the eager map. Not a change of what the index says, so the
   * version does not move.
   */
  settleDefinitions(): void {
    const lazy = this.callouts.lazy;
    if (!lazy) return;
    const version = this.changes;
    const { files, pinned } = lazy.all();
    this.callouts.lazy = undefined;
    for (const f of files) {
      if (f.error !== undefined) this.indexErrors.set(f.file, f.error);
      else if (f.summary) this.claim(this.callouts, f.summary.name, f.file, f.summary);
    }
    for (const s of pinned) this.callouts.set(s.name, s);
    this.changes = version;
  }

  /**
   * Every file's entry, also when another file with the same name (another folder) holds the name: removing
   * or renaming that one gives the name back instead of losing it.
   */
  private readonly claims = new Map<string, { map: Map<string, unknown>; name: string; value: unknown }>();

  private claim<T>(map: Map<string, T>, name: string, file: string, value: T): void {
    // The file answered for another name before (a `name:` edit in a callout definition): that name goes back
    // to another file that has it, or away.
    const before = this.claims.get(file);
    if (before && (before.map !== map || before.name !== name)) this.release(file);
    map.set(name, value);
    this.claims.set(file, { map: map as Map<string, unknown>, name, value });
    if (map === (this.flows as Map<string, unknown>)) this.listFlowFile(file, name);
  }

  /** The file no longer answers for its name: the name passes to another file that claims it, or is removed. */
  private release(file: string): void {
    const own = this.claims.get(file);
    if (!own) return;
    this.claims.delete(file);
    const holder = own.map.get(own.name) as { file?: string } | undefined;
    if (holder !== own.value && holder?.file !== file) return; // another file holds the name: keep it
    own.map.delete(own.name);
    for (const other of this.claims.values()) {
      if (other.map === own.map && other.name === own.name) {
        own.map.set(own.name, other.value);
        break;
      }
    }
  }

  /** Fields of an object: project metadata over the shipped standard fields. Undefined when unknown. */
  fieldsOf(object: string): Map<string, { name: string; type: string; standard: boolean }> | undefined {
    const key = object.toLowerCase();
    if (this.fieldsCache.has(key)) return this.fieldsCache.get(key);
    const fields = this.computeFields(object);
    this.fieldsCache.set(key, fields);
    return fields;
  }

  /** Merged fields per lower-case object name; cleared by every update and removal. */
  private readonly fieldsCache = new Map<string, Map<string, { name: string; type: string; standard: boolean }> | undefined>();

  private computeFields(object: string): Map<string, { name: string; type: string; standard: boolean }> | undefined {
    const std = Object.entries(STANDARD_FIELDS).find(([k]) => k.toLowerCase() === object.toLowerCase())?.[1];
    const custom = [...this.objectFields.entries()].find(([k]) => k.toLowerCase() === object.toLowerCase())?.[1];
    if (!std && !custom) return undefined;
    const out = new Map<string, { name: string; type: string; standard: boolean }>();
    for (const [n, t] of Object.entries(std ?? {})) out.set(n, { name: n, type: t, standard: true });
    for (const f of custom?.values() ?? []) out.set(f.name, { name: f.name, type: f.type, standard: false });
    return out;
  }

  /** Where named credentials were looked for, for messages. */
  namedCredentialFolders(): string[] {
    const dirs = this.packageDirectories.length ? this.packageDirectories : ['.'];
    return dirs.map((d) => path.posix.join(d.replace(/\\/g, '/'), '**/namedCredentials/'));
  }

  findFlowByPath(relOrAbs: string): FlowSummary | undefined {
    const norm = relOrAbs.replace(/\\/g, '/');
    for (const f of this.flows.values()) {
      const file = f.file.replace(/\\/g, '/');
      if (file === norm || file.endsWith('/' + norm.replace(/^\.\//, ''))) return f;
    }
    return this.flows.get(flowNameOf(relOrAbs));
  }
}

/** The flows a flow's summary calls: its subflows (reach steps) and flow actions (a screen action's outputs). */
function calledFlows(f: FlowSummary): string[] {
  const out: string[] = [];
  for (const step of f.reach ?? []) if (step.kind === 'subflow' && step.flowName) out.push(step.flowName);
  for (const a of f.actionCalls) if (a.actionType === 'flow' && a.actionName) out.push(a.actionName);
  return out;
}
