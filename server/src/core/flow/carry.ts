// What one version of a flow's analysis can hand to the next. The flow store (flow/store.ts) patches the
// previous tree for an edit (flow/incremental.ts) and records here how the new model derives from the old
// one; the first analysis of the new model then starts from what the last analysis of the old one computed:
//   - an edit that leaves the model alone (inside a value no model, callout or resolution reads, in
//     whitespace, or pasting/removing elements none of them reads): the model's maps are shared, and so are
//     the graph, the callout actions and every resolution;
//   - any patch: the reference sites and text leaves are kept except those of the leaves the edit changed,
//     removed or inserted, which are collected again (sites read their offset from their leaf, so nothing
//     is shifted); when the edits only changed leaves in place (typing in a value), the changed leaves'
//     entries are found by binary search and the lists are shared when they are unchanged, and so are the
//     unresolved references while the outcomes hold;
//   - any edit, even a full re-parse: reference outcomes (resolved or not, and why) are kept when
//     resolutionKey — everything resolution reads from the model — is unchanged.
// All of it only against the same project state (the same ProjectView with the same callout, ESR and
// field entries). test/unit/flow/incremental.test.ts checks every carried analysis against a fresh one.
import { childText, type XmlElement } from '../parse/xml';
import { findIgnoringCase } from '../project/versionedMap';
import type { ProjectView } from './projectView';
import type { FlowSummary } from '../project/flowSummary';
import type { CalloutAction } from './calloutAction';
import { buildFlowGraph, type FlowGraph } from './graph';
import type { XmlEdit } from './incremental';
import type { FlowModel } from './model';
import { LeafMemos } from './leafMemo';
import { ApexTypeIndex } from './typeIndex';
import { resolutionKey, type PathResolution } from './resolve';
import { inFlowLogic, leavesUnder, SITE_LIMIT, visitLeaf, type ReferenceSite } from './sites';

export type Failure = Extract<PathResolution, { ok: false }>;

/** What the analyses of one model against one project state compute once and share. */
export interface AnalysisState {
  readonly project?: ProjectView;
  /** What the state's analyses read of the project (AnalysisStates.stampFor); an analysis outside a store has none. */
  readonly projectStamp: ProjectStamp;
  graph?: FlowGraph;
  /** Set together with textLeaves. */
  sites?: ReferenceSite[];
  textLeaves?: XmlElement[];
  callouts?: CalloutAction[];
  /** Full resolutions (with declarations of this model's names), by path. */
  resolved: Map<string, PathResolution>;
  resolvedTargets: Map<string, PathResolution>;
  /** Failed or not (null), by path, valid for every model with resolution key `key`. */
  outcomes?: Outcomes;
  failures?: { site: ReferenceSite; failure: Failure }[];
  /**
   * Carried instead of `failures` when the previous version's outcomes still hold: its failures minus those of
   * the leaves edited in place, and the sites collected again for those leaves (FlowAnalysis.failures resolves
   * only these and merges them in).
   */
  carriedFailures?: { kept: { site: ReferenceSite; failure: Failure }[]; added: ReferenceSite[] };
}

/**
 * The project entries an analysis state's values depend on, compared item by item: `entries` — settings, callout
 * definitions, registrations, Apex classes, object fields — shared by every model while the project's version
 * stays (equal items keep the same array); `flows` — for each flow the model's screen actions call (resolve.ts
 * screenActionMembers, the only reader of other flows in a state), that flow's name and outputs, or null when the
 * project has none of that name.
 */
export interface ProjectStamp {
  readonly entries: readonly unknown[];
  readonly flows: readonly unknown[];
}

export interface Outcomes {
  /**
   * resolutionKey of the model they were made for: made on first need — a run that never edits a flow never
   * needs it — and at the latest before that model's tree is patched (AnalysisStates.beforePatch), since a
   * patch changes leaves the key reads.
   */
  readonly key: string;
  /** Connector targets (`kind: 'target'`). */
  targets: Map<string, Failure | null>;
  /** References and merge fields (they resolve alike). */
  references: Map<string, Failure | null>;
}

interface Derivation {
  base: AnalysisState;
  /** The patches since the base's model, in order; undefined after a full re-parse. */
  edits?: XmlEdit[];
  /** Every edit left the model alone: the new model shares the base model's maps. */
  sameModel: boolean;
}

/** Patches composed without an analysis between them (typing during the debounce); beyond, only outcomes carry. */
const MAX_EDITS = 64;

/**
 * Leaves whose text the model (flow/model.ts), the callout actions (flow/analysis.ts) or resolution
 * (flow/resolve.ts, see resolutionKey) read. An edit inside any other leaf leaves the model as it was.
 */
export const MODEL_LEAVES = new Set([
  // model.ts
  'name', 'processType', 'apiVersion', 'triggerType', 'recordTriggerType', 'object', 'pathType', 'targetReference',
  'startElementReference', 'dataType', 'isCollection', 'apexClass', 'objectType', 'isInput', 'isOutput',
  // analysis.ts callouts, resolve.ts
  'actionType', 'actionName', 'storeOutputAutomatically',
  // flow/reach.ts (subflows)
  'flowName',
]);

/**
 * Elements the model reads below the top level (flow/model.ts: connectors, decision outcomes, wait events,
 * screen fields, stage steps, scheduled paths) besides the leaves above. Elements re-parsed by a patch that
 * are none of these, below a top-level element, leave the model as it was: a pasted description, a moved
 * label, an input value.
 */
const MODEL_ELEMENTS = new Set([
  ...MODEL_LEAVES, 'connector', 'connectors', 'faultConnector', 'defaultConnector', 'nextValueConnector', 'noMoreValuesConnector',
  'timeoutConnector', 'rules', 'waitEvents', 'fields', 'actions', 'stageSteps', 'scheduledPaths',
]);

/** Whether a patch leaves the model as it was (its maps can be shared). */
export function keepsModel(edit: XmlEdit): boolean {
  if (edit.leaf) return !MODEL_LEAVES.has(edit.leaf.name);
  if (!edit.replaced) return true;
  // The top-level list (elements, resources, start) is the model's own: any change there rebuilds it.
  const { parent, removed, inserted } = edit.replaced;
  if (!parent.parent) return false;
  return removed.every(inert) && inserted.every(inert);
}

function inert(el: XmlElement): boolean {
  const stack = [el];
  while (stack.length) {
    const cur = stack.pop()!;
    if (MODEL_ELEMENTS.has(cur.name)) return false;
    for (const c of cur.children) stack.push(c);
  }
  return true;
}

/**
 * The analysis states of one flow store's models (core/flow/store.ts owns one): each model's shared state, and
 * for a model patched from another, what it derives from. Weakly held: a model nobody holds is forgotten.
 */
export class AnalysisStates {
  /** The project's generated Apex types, shared by every analysis of the store. */
  readonly apexTypes = new ApexTypeIndex();
  /** What rules computed from single leaves' texts, kept while those texts are (flow/leafMemo.ts). */
  readonly leafMemos = new LeafMemos();
  private readonly states = new WeakMap<FlowModel, AnalysisState>();
  private readonly derivations = new WeakMap<FlowModel, Derivation>();
  /** Each model's graph (a function of the model alone): shared by its summary (reachSteps.ts) and its analyses. */
  private readonly graphs = new WeakMap<FlowModel, FlowGraph>();
  /** Each flow summary's outputsKey, made once per summary for this store's stamps. */
  private readonly outputKeys = new WeakMap<FlowSummary, string>();

  /**
   * The store no longer holds `model` (FlowStore.release): what is kept for it goes now, not when a full
   * collection finds the key dead. While these maps are in V8's old generation, the young-generation collections
   * keep their entries' values — a state, a graph, and through them the whole tree — alive and promote them;
   * measured on the bench's 1,000-flow CLI run: ~40 MB of trees and 25 MB of texts promoted, peak RSS 165 MB,
   * against 1 MB, 10 MB and 120 MB with this. `namesInUse`: another model shares the names map (an edit that left
   * it alone), so what is kept by names stays.
   */
  release(model: FlowModel, namesInUse: boolean): void {
    this.states.delete(model);
    this.derivations.delete(model);
    this.graphs.delete(model);
    if (!namesInUse) this.calledFlows.delete(model.names);
  }

  /** The graph of `model`, built on first use. */
  readonly graphOf = (model: FlowModel): FlowGraph => {
    let graph = this.graphs.get(model);
    if (!graph) this.graphs.set(model, (graph = buildFlowGraph(model)));
    return graph;
  };

  /**
   * `model`'s tree is about to be patched into its next version: what its analyses keep that is read from the
   * tree lazily is read now (the outcomes' resolution key, which the next version is compared with).
   */
  beforePatch(model: FlowModel): void {
    const outcomes = this.states.get(model)?.outcomes;
    if (outcomes) void outcomes.key;
  }

  /** `next` is `previous` after `edit` (undefined: re-parsed from scratch); `sameModel` when it shares the maps. */
  recordDerivation(previous: FlowModel, next: FlowModel, edit: XmlEdit | undefined, sameModel: boolean): void {
    const own = this.states.get(previous);
    const inherited = own ? undefined : this.derivations.get(previous);
    const base = own ?? inherited?.base;
    if (!base) return;
    const before = own ? [] : inherited!.edits;
    const edits = edit && before && before.length < MAX_EDITS ? [...before, edit] : undefined;
    this.derivations.set(next, { base, edits, sameModel: !!edits && sameModel && (own ? true : inherited!.sameModel) });
  }

  /** The last entries stamp made, and the project version it was made at (one per store, not per analysis). */
  private entries?: { project: ProjectView; version: number; items: readonly unknown[] };
  /** The flows each model's screen actions call (by its names map: shared by the models an edit leaves alone). */
  private readonly calledFlows = new WeakMap<object, readonly string[]>();

  /**
   * `model`'s stamp against `project`. The entries part is made again only when the project's version moved
   * (equal items keep the previous array, so states compare by identity); the flows part reads only the flows
   * the model's screen actions call — reading every flow summary whenever the version moved made a run that
   * reads flows one by one (the CLI) quadratic in flows.
   */
  stampFor(model: FlowModel, project: ProjectView | undefined): ProjectStamp {
    if (!project) return NO_PROJECT;
    const last = this.entries;
    let entries: readonly unknown[];
    if (last && last.project === project && last.version === project.version) entries = last.items;
    else {
      const items = entriesStamp(project);
      entries = last && last.project === project && sameItems(last.items, items) ? last.items : items;
      this.entries = { project, version: project.version, items: entries };
    }
    let called = this.calledFlows.get(model.names);
    if (!called) this.calledFlows.set(model.names, (called = screenActionFlows(model)));
    if (!called.length) return { entries, flows: NO_ITEMS };
    const flows: unknown[] = [];
    for (const name of called) {
      const flow = findIgnoringCase(project.flows, name);
      flows.push(name, flow ? outputsKey(flow, this.outputKeys) : null);
    }
    return { entries, flows };
  }

  /** The shared state of `model`'s analyses against `project`: its own, else started from what it derives from. */
  stateFor(model: FlowModel, project: ProjectView | undefined): AnalysisState {
    const stamp = this.stampFor(model, project);
    const own = this.states.get(model);
    if (own && own.project === project && sameStamp(own.projectStamp, stamp)) return own;
    const state = freshState(project, stamp);
    const d = this.derivations.get(model);
    if (d && d.base.project === project && sameStamp(d.base.projectStamp, stamp)) carry(d, state, model);
    // A graph carried from the base (an edit that kept the model's maps) is this model's too.
    if (state.graph && !this.graphs.has(model)) this.graphs.set(model, state.graph);
    this.derivations.delete(model);
    this.states.set(model, state);
    return state;
  }
}

/** A state of its own (an analysis outside any store: nothing shared, nothing carried, nothing compared). */
export function freshState(project: ProjectView | undefined, stamp: ProjectStamp = NO_PROJECT): AnalysisState {
  return { project, projectStamp: stamp, resolved: new Map(), resolvedTargets: new Map() };
}

/** The outcome memo of `state` (created for its model's resolution key on first use). */
export function outcomesOf(state: AnalysisState, model: FlowModel): Outcomes {
  return (state.outcomes ??= new OutcomeMemo(model));
}

function newOutcomes(key: string): Outcomes {
  return new OutcomeMemo(key);
}

/** Outcomes whose key is made from their model on first read (the model is let go then). */
class OutcomeMemo implements Outcomes {
  readonly targets = new Map<string, Failure | null>();
  readonly references = new Map<string, Failure | null>();
  private model: FlowModel | undefined;
  private made: string | undefined;

  constructor(of: FlowModel | string) {
    if (typeof of === 'string') this.made = of;
    else this.model = of;
  }

  get key(): string {
    if (this.made === undefined) {
      this.made = resolutionKey(this.model!);
      this.model = undefined;
    }
    return this.made;
  }
}

function carry(d: Derivation, state: AnalysisState, model: FlowModel): void {
  const { base } = d;
  if (d.sameModel) {
    state.graph = base.graph;
    state.callouts = base.callouts;
    state.resolved = base.resolved;
    state.resolvedTargets = base.resolvedTargets;
    state.outcomes = base.outcomes;
  } else if (base.outcomes) {
    const key = resolutionKey(model);
    state.outcomes = key === base.outcomes.key ? base.outcomes : newOutcomes(key);
  }
  if (d.edits && base.sites && base.textLeaves && base.sites.length < SITE_LIMIT && model.isFlow) {
    // The failures of the base's sites hold for the same sites when the outcome memo they came from is the same.
    const failures = state.outcomes && state.outcomes === base.outcomes ? base.failures : undefined;
    carrySites(d.edits, base.sites, base.textLeaves, state, model, failures);
  }
}

/** The base's sites and text leaves minus those of changed/removed leaves, plus those of changed/inserted ones. */
function carrySites(edits: XmlEdit[], sites: ReferenceSite[], textLeaves: XmlElement[], state: AnalysisState, model: FlowModel, failures: AnalysisState['failures']): void {
  const changed = new Set<XmlElement>();
  const removed = new Set<XmlElement>();
  const inserted: XmlElement[] = [];
  for (const e of edits) {
    if (e.leaf) changed.add(e.leaf);
    if (e.replaced) {
      for (const r of e.replaced.removed) everyElement(r, removed);
      inserted.push(...e.replaced.inserted);
    }
  }
  if (!removed.size && !inserted.length) {
    carryLeafEdits(changed, sites, textLeaves, state, model, failures);
    return;
  }
  const fresh = new Set<XmlElement>();
  for (const leaf of changed) if (!removed.has(leaf) && leaf.textLength && inFlowLogic(model, leaf)) fresh.add(leaf);
  for (const el of inserted) {
    if (removed.has(el) || !inFlowLogic(model, el)) continue;
    leavesUnder(el, (leaf) => {
      if (!removed.has(leaf)) fresh.add(leaf);
    });
  }
  const dropped = (el: XmlElement) => changed.has(el) || removed.has(el);
  const keptSites = changed.size || removed.size ? sites.filter((s) => !dropped(s.el)) : sites.slice();
  const keptLeaves = changed.size || removed.size ? textLeaves.filter((l) => !dropped(l)) : textLeaves.slice();
  const newSites: ReferenceSite[] = [];
  const newLeaves: XmlElement[] = [];
  for (const leaf of fresh) visitLeaf(model, leaf, newSites, newLeaves);
  const allSites = mergeByOffset(keptSites, newSites, (s) => s.offset);
  if (allSites.length >= SITE_LIMIT) return;
  state.sites = allSites;
  state.textLeaves = mergeByOffset(keptLeaves, newLeaves, (l) => l.offset);
}

/**
 * carrySites when the edits only changed leaves in place (no element added or removed): each changed leaf's
 * entries are replaced where they sit — the lists are in document order, so found by binary search on their
 * leaf's offset — and a list no entry of which changed is shared, not copied.
 */
function carryLeafEdits(changed: Set<XmlElement>, sites: ReferenceSite[], textLeaves: XmlElement[], state: AnalysisState, model: FlowModel, failures: AnalysisState['failures']): void {
  let keptSites = sites;
  let keptLeaves = textLeaves;
  let keptFailures = failures;
  const added: ReferenceSite[] = [];
  for (const leaf of changed) {
    const newSites: ReferenceSite[] = [];
    const newLeaves: XmlElement[] = [];
    if (leaf.textLength && inFlowLogic(model, leaf)) visitLeaf(model, leaf, newSites, newLeaves);
    keptSites = replaceLeafEntries(keptSites, leaf, siteLeaf, newSites);
    keptLeaves = replaceLeafEntries(keptLeaves, leaf, (l) => l, newLeaves);
    if (keptFailures) keptFailures = replaceLeafEntries(keptFailures, leaf, failureLeaf, []);
    added.push(...newSites);
  }
  if (keptSites.length >= SITE_LIMIT) return;
  state.sites = keptSites;
  state.textLeaves = keptLeaves;
  if (keptFailures) {
    if (added.length) state.carriedFailures = { kept: keptFailures, added };
    else state.failures = keptFailures;
  }
}

const siteLeaf = (s: ReferenceSite): XmlElement => s.el;
const failureLeaf = (f: { site: ReferenceSite }): XmlElement => f.site.el;

/**
 * `list` (in document order of `leafOf`) with `leaf`'s entries replaced by `replacement`; `list` itself when
 * it has none and there is nothing to put in.
 */
function replaceLeafEntries<T>(list: T[], leaf: XmlElement, leafOf: (x: T) => XmlElement, replacement: T[]): T[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (leafOf(list[mid]).offset < leaf.offset) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < list.length && leafOf(list[end]) === leaf) end++;
  if (end === lo && !replacement.length) return list;
  return [...list.slice(0, lo), ...replacement, ...list.slice(end)];
}

/** `a` (in order) and `b` (any order, each item's own run in order) as one list in order of `at`. */
export function mergeByOffset<T>(a: T[], b: T[], at: (x: T) => number): T[] {
  if (!b.length) return a;
  const sortedB = b.map((x, i) => ({ x, i, o: at(x) })).sort((p, q) => p.o - q.o || p.i - q.i).map((p) => p.x);
  const out: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < sortedB.length) out[k++] = at(a[i]) <= at(sortedB[j]) ? a[i++] : sortedB[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < sortedB.length) out[k++] = sortedB[j++];
  return out;
}

function everyElement(el: XmlElement, into: Set<XmlElement>): void {
  const stack = [el];
  while (stack.length) {
    const cur = stack.pop()!;
    into.add(cur);
    for (const c of cur.children) stack.push(c);
  }
}

/**
 * The project entries resolution and callout actions read but flows: settings, callout definitions, ESRs, Apex
 * classes, object fields (the flows screen actions call: ProjectStamp.flows).
 */
function entriesStamp(project: ProjectView): readonly unknown[] {
  // The definitions' stamp items: per file while they are parsed lazily (a lookup parsing one changes nothing).
  const out: unknown[] = [project.settings, ...(project.callouts.stampItems?.() ?? project.callouts.values()), 0, ...project.esrs.values(), 0, ...project.apexClasses.values(), 0];
  for (const [object, fields] of project.objectFields) {
    out.push(object);
    for (const f of fields.values()) out.push(f);
  }
  return out;
}

/** The flow names the model's screen actions call (`actionType` flow), as resolve.ts screenActionMembers reads them. */
function screenActionFlows(model: FlowModel): readonly string[] {
  const out: string[] = [];
  for (const n of model.names.values()) {
    if (n.kind !== 'screenAction' || childText(n.el, 'actionType') !== 'flow') continue;
    const name = childText(n.el, 'actionName');
    if (name) out.push(name);
  }
  return out.length ? out : NO_NAMES;
}

/**
 * A flow's name and output variables as one string: equal strings resolve screen-action results alike. Kept in
 * `memo` (the store's AnalysisStates) when given: a summary is never changed, only replaced.
 */
function outputsKey(flow: FlowSummary, memo?: WeakMap<FlowSummary, string>): string {
  let key = memo?.get(flow);
  if (key === undefined) {
    key = flow.name;
    for (const r of flow.resources.values()) if (r.isOutput) key += `|${r.name}:${r.dataType}:${r.objectType}:${r.isCollection}:${r.apexClass}`;
    memo?.set(flow, key);
  }
  return key;
}

const NO_ITEMS: readonly unknown[] = Object.freeze([]);
const NO_NAMES: readonly string[] = Object.freeze([]);
const NO_PROJECT: ProjectStamp = Object.freeze({ entries: NO_ITEMS, flows: NO_ITEMS });

function sameStamp(a: ProjectStamp, b: ProjectStamp): boolean {
  return a === b || (sameItems(a.entries, b.entries) && sameItems(a.flows, b.flows));
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
