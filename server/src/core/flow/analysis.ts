// One analysed flow: the model, and — computed on first use, shared by every rule and feature — the graph,
// the reference sites, the callout actions and the operations they call. What it computes lives in an
// AnalysisState shared by every analysis of the same model and project state, which starts from the
// previous version's when the flow was patched (flow/carry.ts).
import { child, childText, parseXml, type XmlElement } from '../parse/xml';
import type { ProjectView } from './projectView';
import { freshState, mergeByOffset, outcomesOf, type AnalysisState, type AnalysisStates, type Failure } from './carry';
import { buildFlowGraph, type FlowGraph } from './graph';
import { buildFlowModel, type FlowModel } from './model';
import type { OperationInfo } from './operations';
import { classifyAction, subflowCallouts, subflowReach } from './reach';
import { checkFieldOf, resolvePath, type PathResolution, type ResolveScope } from './resolve';
import type { FieldCheck } from './objectFields';
import type { GlobalInfo } from '../model/globals';
import { collectSites, type ReferenceSite } from './sites';
import type { CalloutAction, CalloutKind, SubflowReach } from './calloutAction';
import { assertCurrent } from './superseded';
import { LeafMemos } from './leafMemo';
import { ApexTypeIndex } from './typeIndex';

export type { CalloutAction } from './calloutAction';

/** The projectMemo slot: action type → action name → what makes it a callout (null: it is none). */
const CALLOUT_KINDS = 'classifyAction: action type → action name → callout kind';
/** The projectMemo slot: the global read through (or strict or not) and the object → field → resolve.ts checkFieldOf's answer. */
const FIELD_CHECKS = 'checkFieldOf: global or strictness, object → field → check';

export class FlowAnalysis implements ResolveScope {
  readonly model: FlowModel;
  /** Shared by every analysis of this model against this project state, and started from the previous version's. */
  private readonly state: AnalysisState;
  /** The store's states (the graph of a model is shared with its summary), when the analysis is the store's. */
  private readonly states?: AnalysisStates;
  private calloutByName?: Map<string, CalloutAction>;
  private reachable?: CalloutAction[];
  private throughSubflows?: CalloutAction[];
  private reaches?: SubflowReach[];
  private readonly opCache = new Map<string, OperationInfo | undefined>();
  /** The store's (shared by its analyses), or this analysis's own. */
  readonly apexTypes: ApexTypeIndex;
  /** What rules computed from single leaves' texts (flow/leafMemo.ts): the store's, or this analysis's own. */
  readonly leafMemos: LeafMemos;

  /**
   * `states`: the flow store's (core/flow/store.ts), so analyses of one model share what they compute and a
   * patched model starts from its predecessor's; without it, this analysis computes everything itself.
   */
  constructor(readonly text: string, readonly project?: ProjectView, model?: FlowModel, states?: AnalysisStates) {
    this.model = model ?? buildFlowModel(text, parseXml(text));
    assertCurrent(this.model);
    this.state = states ? states.stateFor(this.model, project) : freshState(project);
    this.states = states;
    this.apexTypes = states?.apexTypes ?? new ApexTypeIndex();
    this.leafMemos = states?.leafMemos ?? new LeafMemos();
  }

  get graph(): FlowGraph {
    assertCurrent(this.model);
    return (this.state.graph ??= this.states ? this.states.graphOf(this.model) : buildFlowGraph(this.model));
  }

  get sites(): ReferenceSite[] {
    assertCurrent(this.model);
    if (!this.state.sites) {
      const textLeaves: XmlElement[] = [];
      this.state.sites = collectSites(this.model, textLeaves);
      this.state.textLeaves = textLeaves;
    }
    return this.state.sites;
  }

  /** Leaves with values or display text (`stringValue`, `expression`, `fieldText`…), in document order. */
  get textLeaves(): XmlElement[] {
    if (!this.state.textLeaves) void this.sites;
    return this.state.textLeaves!;
  }

  /**
   * Action calls that make HTTP callouts and that a start path reaches (an element no connector reaches never
   * runs: flow-unreachable-callout notes it once): `externalService` actions (resolved against the project),
   * Apex actions whose class or a helper class calls out, standard actions Salesforce documents as callouts,
   * and actions `.flowcallout.json` declares (flow/reach.ts classifyAction).
   */
  get callouts(): CalloutAction[] {
    assertCurrent(this.model);
    if (this.reachable) return this.reachable;
    const all = this.allCallouts;
    const graph = this.graph;
    return (this.reachable = all.every((c) => graph.isReachable(c.element.name)) ? all : all.filter((c) => graph.isReachable(c.element.name)));
  }

  /** Every action call that makes an HTTP callout, reached or not. */
  get allCallouts(): CalloutAction[] {
    assertCurrent(this.model);
    if (this.state.callouts) return this.state.callouts;
    const out: CalloutAction[] = [];
    for (const element of this.model.elements.values()) {
      if (element.kind !== 'actionCalls') continue;
      const actionType = childText(element.el, 'actionType') ?? '';
      const actionNameEl = child(element.el, 'actionName');
      const actionName = actionNameEl?.text ?? '';
      const kind = this.classify(actionType, actionName);
      if (kind) out.push({ element, actionName, actionNameEl, actionType, ...kind });
    }
    return (this.state.callouts = out);
  }

  /**
   * The reached callouts plus the reached subflow elements whose subflow (transitively, in the project) makes a
   * callout: what the synchronous-path, loop and uncommitted-DML rules check (reference C5).
   */
  get calloutsWithSubflows(): CalloutAction[] {
    this.throughSubflows ??= subflowCallouts(this, this.subflowReaches);
    return this.throughSubflows.length ? [...this.callouts, ...this.throughSubflows] : this.callouts;
  }

  /** What each reached subflow element reaches (flow/reach.ts subflowReach), computed once per analysis. */
  get subflowReaches(): SubflowReach[] {
    assertCurrent(this.model);
    return (this.reaches ??= subflowReach(this));
  }

  /**
   * classifyAction against this analysis's project: what makes an action a callout depends on the project
   * alone (definitions, registrations, Apex classes, settings — all in its generation), so each action is
   * classified once per project generation and the answer shared by every flow of the project.
   */
  classify(actionType: string, actionName: string): CalloutKind | undefined {
    if (!this.project) return classifyAction(undefined, actionType, actionName);
    return this.projectMemoEntry(CALLOUT_KINDS, actionType, actionName, () => classifyAction(this.project, actionType, actionName) ?? null) ?? undefined;
  }

  /**
   * resolve.ts checkFieldOf against this analysis's project: it reads the project's fields, the standard tables
   * and the global's members only (all in its generation), so each field is checked once per project generation
   * for every flow of the project. A failure's candidates are copied for each caller (they end up in fixes).
   */
  checkField(object: string, field: string, strict: boolean, global?: GlobalInfo): FieldCheck {
    if (!this.project?.derived) return checkFieldOf(this.project, object, field, strict, global);
    // A global's name starts with `$`: it never meets the strictness marks.
    const scope = `${global ? global.name : strict ? 'strict' : 'near'}\u0000${object}`;
    const check = this.projectMemoEntry(FIELD_CHECKS, scope, field, () => checkFieldOf(this.project, object, field, strict, global));
    return check.ok ? check : { ...check, candidates: check.candidates.slice() };
  }

  /** `make()` kept under `outer` → `inner` in the projectMemo `slot` (a value, or null for "none": never undefined). */
  private projectMemoEntry<V>(slot: string, outer: string, inner: string, make: () => V): V {
    const memo = this.projectMemo(slot, () => new Map<string, Map<string, V>>());
    let byInner = memo.get(outer);
    if (!byInner) memo.set(outer, (byInner = new Map()));
    let value = byInner.get(inner);
    if (value === undefined) byInner.set(inner, (value = make()));
    return value;
  }

  /** The `externalService` actions among the callouts, reached or not: what the operation rules (inputs, outputs, types) check. */
  get externalServiceCallouts(): CalloutAction[] {
    return this.allCallouts.filter((c) => c.actionType === 'externalService');
  }

  operationOf(elementName: string): OperationInfo | undefined {
    if (this.opCache.has(elementName)) return this.opCache.get(elementName);
    if (!this.calloutByName) {
      this.calloutByName = new Map();
      for (const x of this.allCallouts) this.calloutByName.set(x.element.name.toLowerCase(), x);
    }
    const c = this.calloutByName.get(elementName.toLowerCase());
    const op = c?.resolution?.status === 'ok' ? c.resolution.op : undefined;
    this.opCache.set(elementName, op);
    return op;
  }

  /** Resolution of a reference, cached by kind and path (flows repeat the same references). */
  resolve(site: Pick<ReferenceSite, 'path' | 'kind'>): PathResolution {
    assertCurrent(this.model);
    const cache = site.kind === 'target' ? this.state.resolvedTargets : this.state.resolved;
    let hit = cache.get(site.path);
    if (!hit) {
      hit = resolvePath(site.path, this, site.kind);
      cache.set(site.path, hit);
    }
    return hit;
  }

  /**
   * A value derived from the project's callouts, registrations, Apex classes, fields and settings (not its flows)
   * as this analysis sees them, made once per project generation and shared by every analysis of the project
   * meanwhile (kept by the view's DerivedMemo; without one, made for each call). For what every flow of a run
   * would otherwise derive again (an unknown service's candidates); a CLI run reading flows one by one leaves it.
   */
  projectMemo<V>(slot: string, make: () => V): V {
    const project = this.project;
    return project?.derived ? project.derived.atGeneration(slot, project.generation, make) : make();
  }

  /** Sites whose reference does not resolve, with the failure (computed once for the reference rules). */
  get failures(): { site: ReferenceSite; failure: Failure }[] {
    assertCurrent(this.model);
    if (this.state.failures) return this.state.failures;
    // Outcomes outlive the model: the next version of the flow keeps them while its names and types stay.
    const outcomes = outcomesOf(this.state, this.model);
    const out: { site: ReferenceSite; failure: Failure }[] = [];
    // Carried from the previous version (flow/carry.ts): only the sites of the leaves edited are looked at.
    const carried = this.state.carriedFailures;
    this.state.carriedFailures = undefined;
    for (const site of carried ? carried.added : this.sites) {
      const memo = site.kind === 'target' ? outcomes.targets : outcomes.references;
      let failure = memo.get(site.path);
      if (failure === undefined) {
        const r = this.resolve(site);
        failure = r.ok ? null : r;
        memo.set(site.path, failure);
      }
      if (failure) out.push({ site, failure });
    }
    return (this.state.failures = carried ? mergeByOffset(carried.kept, out, (f) => f.site.offset) : out);
  }
}
