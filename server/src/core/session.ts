// ProjectSession: the one owner of a language service's project state — the ProjectIndex of one root, which
// of its flows are read (lazy indexing), which open documents have the flows they read, and every change of a
// project file (the editor's unsaved text, a watched file, a closed document). The language service owns one
// (service.session); the language server and the CLI reach the index only through it, and the LSP shell keeps
// only its plumbing: documents, settings, scheduling, progress, publishing. Pure: no vscode, no LSP.
import { CalloutDefinition, type CalloutDocument } from './model/definition';
import { documentKind, type DocumentInput } from './language';
import type { CharSource } from './model/content';
import type { FlowSummarizer } from './project/flowSummary';
import type { ProjectFs } from './project/fs';
import { classifyFile } from './project/fileKinds';
import { ProjectIndex, type ProjectLoadOptions } from './project/index';

export interface ProjectSessionOptions {
  /** The file access (the server's runtime, the CLI's reading fs); `load` may pass another. */
  fs?: ProjectFs;
  /** The flow store's summarizer: the index's flow summaries share the editor's and validation's parses. */
  summarizeFlow: FlowSummarizer;
  /** The service's parse of an open callout definition (its linked `flow:`, for readFlowsFor). */
  parseCallout: (doc: DocumentInput) => CalloutDocument;
  /** The index's parse of a definition file (ProjectIndexOptions.parseCallout; the CLI shares the service's cache). */
  indexParseCallout?: (file: string, text: string) => CalloutDocument;
}

/** What the index holds, for the client's status bar (protocol.ts ProjectIndexed). */
export interface ProjectCounts {
  namedCredentials: number;
  externalCredentials: number;
  esrs: number;
  flows: number;
  callouts: number;
  objects: number;
}

export class ProjectSession {
  private current: ProjectIndex | undefined;
  /** Open documents (by URI) whose flows (readFlowsFor) were read into the current index. */
  private readonly ready = new Set<string>();

  constructor(private readonly options: ProjectSessionOptions) {}

  /** The current index (undefined before the first load): what the language service's features read. */
  get index(): ProjectIndex | undefined {
    return this.current;
  }

  get loaded(): boolean {
    return this.current !== undefined;
  }

  private fs(fs?: ProjectFs): ProjectFs {
    const got = fs ?? this.options.fs;
    if (!got) throw new Error('The project session was created without file access: pass a ProjectFs to getLanguageService({ fs }) or to load().');
    return got;
  }

  /**
   * Loads the project at `root` (ProjectIndex.load; `flows: 'defer'` lists the flows without reading them) and
   * makes it the current index. A pass over the previous index (FlowReadingPass) stops at its next chunk.
   */
  async load(root: string, how: ProjectLoadOptions = {}, fs?: ProjectFs): Promise<ProjectIndex> {
    const index = await ProjectIndex.load(root, this.fs(fs), { summarizeFlow: this.options.summarizeFlow, parseCallout: this.options.indexParseCallout }, how);
    this.current = index;
    this.ready.clear();
    return index;
  }

  /** How many flow files are still to read (0 once every flow is in). */
  get unreadFlowCount(): number {
    return this.current?.unreadFlowCount ?? 0;
  }

  /** True while this document's diagnostics must wait for the flows it reads (readFlowsFor not done yet). */
  waitsForFlows(uri: string): boolean {
    return !!this.current?.unreadFlowCount && !this.ready.has(uri);
  }

  /**
   * Reads the flows an open document's checks read, before its diagnostics: a flow's own name, its subflows,
   * flow actions and screen actions (transitively: ProjectIndex.readFlowsNamed), a definition's linked `flow:`.
   * Once done the document is ready for this index (even when reading failed: the error is thrown for the
   * caller to log).
   * `fs`: how to read them (default: the session's; the CLI passes the one that keeps the texts it checks).
   */
  async readFlowsFor(doc: DocumentInput, fs?: ProjectFs): Promise<void> {
    const index = this.current;
    if (!index) return;
    try {
      if (!index.unreadFlowCount) return;
      const kind = documentKind(doc.fileName);
      if (kind === 'flow') {
        const summary = this.options.summarizeFlow(doc.fileName, doc.text);
        await index.readFlowsNamed([summary.name, ...calledFlowNames(doc.text)], this.fs(fs));
      } else if (kind === 'callout') {
        const flow = new CalloutDefinition(this.options.parseCallout(doc)).flow;
        await index.readFlowsNamed([], this.fs(fs), flow ? [flow] : []);
      }
    } finally {
      if (index === this.current) this.ready.add(doc.uri);
    }
  }

  /** The document was closed: it no longer waits for flows (readFlowsFor again when it is reopened). */
  forgetDocument(uri: string): void {
    this.ready.delete(uri);
  }

  /** The flows still unread in the current index, read chunk by chunk (the server's background pass). */
  remainingFlows(): FlowReadingPass | undefined {
    return this.current ? new FlowReadingPass(this, this.current, this.fs()) : undefined;
  }

  /** A project file was created or changed on disk: read it again (`openText`: the editor's text wins over disk). Its index error, if any. */
  async fileChanged(file: string, openText?: string): Promise<string | undefined> {
    const index = this.current;
    if (!index) return undefined;
    if (openText !== undefined) index.update(file, openText);
    else await index.reload(file, this.fs());
    return index.indexErrors.get(file);
  }

  /** A project file was deleted on disk. */
  fileDeleted(file: string): void {
    this.current?.remove(file);
  }

  /**
   * The editor changed a project file (unsaved): the index takes its text. True when what other documents read
   * changed (dependencyState): they are to be checked again.
   */
  editorChanged(file: string, text: string, source?: CharSource): boolean {
    const index = this.current;
    const kind = classifyFile(file);
    if (!index || !kind || kind === 'project') return false;
    const before = dependencyState(index);
    index.update(file, text, source);
    return !sameState(dependencyState(index), before);
  }

  /**
   * The editor closed a project file: the index falls back to the file on disk (the unsaved text is gone), or
   * forgets a file that was never saved. `stillClosed` is asked after the disk check (reopened meanwhile: the
   * editor's text is what counts). True when the index changed.
   */
  async documentClosed(file: string, stillClosed: () => boolean): Promise<boolean> {
    if (!this.current || documentKind(file) === 'other' || !classifyFile(file)) return false;
    const fs = this.fs();
    const exists = await fs.exists(file);
    const index = this.current;
    if (!stillClosed() || !index) return false;
    if (exists) await index.reload(file, fs);
    else index.remove(file);
    return true;
  }

  /** What the index holds (undefined before the first load). */
  counts(): { counts: ProjectCounts; errors: number } | undefined {
    const index = this.current;
    if (!index) return undefined;
    return {
      counts: {
        namedCredentials: index.namedCredentials.size, externalCredentials: index.externalCredentials.size, esrs: index.esrs.size,
        flows: index.flows.size, callouts: index.callouts.size, objects: index.objectFields.size,
      },
      errors: index.indexErrors.size,
    };
  }

  /** Files that could not be read (file → message). */
  indexErrors(): ReadonlyMap<string, string> {
    return this.current?.indexErrors ?? new Map();
  }
}

/**
 * One pass over the flows an index had unread when the pass began, in walk order. It owns only its position:
 * the index owns which flows are read (a file read meanwhile — an open document's, an edit — is not read
 * again), and a newer load() of the session ends the pass.
 */
export class FlowReadingPass {
  readonly files: readonly string[];
  private next = 0;

  constructor(private readonly session: ProjectSession, private readonly index: ProjectIndex, private readonly fs: ProjectFs) {
    this.files = index.unreadFlows();
  }

  get total(): number {
    return this.files.length;
  }

  /** How many of `files` this pass has read. */
  get done(): number {
    return this.next;
  }

  /** False once the session loaded a newer index. */
  get current(): boolean {
    return this.session.index === this.index;
  }

  /** Reads the next `count` flows. False (nothing read) when none are left or the session loaded a newer index. */
  async readNext(count: number): Promise<boolean> {
    if (!this.current || this.next >= this.files.length) return false;
    const chunk = this.files.slice(this.next, this.next + count);
    this.next += chunk.length;
    await this.index.readFlows(chunk, this.fs);
    return true;
  }

  /**
   * After the last chunk: the index's flows in walk order, as an eager load gives them (ProjectIndex.finishFlows).
   * False (nothing done) when the session loaded a newer index meanwhile.
   */
  finish(): boolean {
    if (!this.current) return false;
    this.index.finishFlows();
    return true;
  }
}

/**
 * The flows a flow's text may call: every subflow's flowName and every actionName — flow actions, screen actions
 * (screens' <actions>, whose Results read the called flow's outputs) and all others, reachable or not. A superset
 * of what its checks read (an actionName that is not a flow's name reads nothing).
 */
function calledFlowNames(text: string): string[] {
  return [...text.matchAll(/<(flowName|actionName)>\s*([^<\s]+)\s*<\/\1>/g)].map((m) => m[2]);
}

/**
 * What other documents read of the project: the analysed kinds' generation, rule severities, and the flows'
 * summaries (the same objects while an edit leaves a flow's model alone). Compared before and after an edit.
 */
function dependencyState(project: ProjectIndex): unknown[] {
  return [project.generation, JSON.stringify(project.ruleSeverities), ...project.flows.values()];
}

function sameState(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
