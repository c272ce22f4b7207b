// One analysed flow: the model, and — computed on first use, shared by every rule and feature — the graph,
// the reference sites, the callout actions and the operations they call.
import { child, childText, parseXml, type XmlElement } from '../parse/xml';
import type { ProjectIndex } from '../project/index';
import { buildFlowGraph, type FlowGraph } from './graph';
import { buildFlowModel, type FlowElement, type FlowModel } from './model';
import { resolveAction, type ActionResolution, type OperationInfo } from './operations';
import { resolvePath, type PathResolution, type ResolveScope } from './resolve';
import { collectSites, type ReferenceSite } from './sites';

/** An action element that makes an HTTP callout. */
export interface CalloutAction {
  element: FlowElement;
  actionName: string;
  actionNameEl?: XmlElement;
  actionType: string;
  /** Resolution of `actionName` against the project (undefined without a project). */
  resolution?: ActionResolution;
}

/** `actionType`s that are HTTP callouts (reference §2.6). */
const CALLOUT_ACTION_TYPES = new Set(['externalService']);

export class FlowAnalysis implements ResolveScope {
  readonly model: FlowModel;
  private graphCache?: FlowGraph;
  private sitesCache?: ReferenceSite[];
  private textLeavesCache?: XmlElement[];
  private calloutsCache?: CalloutAction[];
  private calloutByName?: Map<string, CalloutAction>;
  private readonly opCache = new Map<string, OperationInfo | undefined>();
  /** Merge fields and reference elements resolve alike; targets name elements only. */
  private readonly resolved = new Map<string, PathResolution>();
  private readonly resolvedTargets = new Map<string, PathResolution>();
  private failuresCache?: { site: ReferenceSite; failure: Extract<PathResolution, { ok: false }> }[];

  constructor(readonly text: string, readonly project?: ProjectIndex, model?: FlowModel) {
    this.model = model ?? buildFlowModel(text, parseXml(text));
  }

  get graph(): FlowGraph {
    return (this.graphCache ??= buildFlowGraph(this.model));
  }

  get sites(): ReferenceSite[] {
    if (!this.sitesCache) {
      this.textLeavesCache = [];
      this.sitesCache = collectSites(this.model, this.textLeavesCache);
    }
    return this.sitesCache;
  }

  /** Leaves with values or display text (`stringValue`, `expression`, `fieldText`…), in document order. */
  get textLeaves(): XmlElement[] {
    if (!this.textLeavesCache) void this.sites;
    return this.textLeavesCache!;
  }

  /** `externalService` actions, with their resolution against the project. */
  get callouts(): CalloutAction[] {
    if (this.calloutsCache) return this.calloutsCache;
    const out: CalloutAction[] = [];
    for (const element of this.model.elements.values()) {
      if (element.kind !== 'actionCalls') continue;
      const actionType = childText(element.el, 'actionType') ?? '';
      if (!CALLOUT_ACTION_TYPES.has(actionType)) continue;
      const actionNameEl = child(element.el, 'actionName');
      const actionName = actionNameEl?.text ?? '';
      out.push({ element, actionName, actionNameEl, actionType, resolution: this.project && actionName ? resolveAction(this.project, actionName) : undefined });
    }
    return (this.calloutsCache = out);
  }

  operationOf(elementName: string): OperationInfo | undefined {
    if (this.opCache.has(elementName)) return this.opCache.get(elementName);
    if (!this.calloutByName) {
      this.calloutByName = new Map();
      for (const x of this.callouts) this.calloutByName.set(x.element.name.toLowerCase(), x);
    }
    const c = this.calloutByName.get(elementName.toLowerCase());
    const op = c?.resolution?.status === 'ok' ? c.resolution.op : undefined;
    this.opCache.set(elementName, op);
    return op;
  }

  /** Resolution of a reference, cached by kind and path (flows repeat the same references). */
  resolve(site: Pick<ReferenceSite, 'path' | 'kind'>): PathResolution {
    const cache = site.kind === 'target' ? this.resolvedTargets : this.resolved;
    let hit = cache.get(site.path);
    if (!hit) {
      hit = resolvePath(site.path, this, site.kind);
      cache.set(site.path, hit);
    }
    return hit;
  }

  /** Sites whose reference does not resolve, with the failure (computed once for the reference rules). */
  get failures(): { site: ReferenceSite; failure: Extract<PathResolution, { ok: false }> }[] {
    if (this.failuresCache) return this.failuresCache;
    const out: { site: ReferenceSite; failure: Extract<PathResolution, { ok: false }> }[] = [];
    for (const site of this.sites) {
      const r = this.resolve(site);
      if (!r.ok) out.push({ site, failure: r });
    }
    return (this.failuresCache = out);
  }
}
