// The owner of the flow pipeline's state. One FlowStore per language service (and one per CLI run) holds
// every parse and derivation of flows: parsed models by key (URI or path) + text, the analyses' shared
// states and what a patched model carries from its predecessor (flow/carry.ts), and the project index's
// flow summaries. Nothing in core/flow keeps state in module maps, so two services never see each other's.
//
// An editor change patches the previous tree (flow/incremental.ts) instead of re-parsing; the previous model
// is then marked superseded (flow/superseded.ts) and refused on use. FLOW_CALLOUT_NO_INCREMENTAL=1 (or
// `incremental: false`) turns patching and carrying off — every version parsed and analysed from scratch —
// to bisect a suspected incremental bug.
import { childText, parseXml } from '../parse/xml';
import { summarizeFlowRoot, type FlowSummary } from '../project/flowSummary';
import { summarizeReach } from './reachSteps';
import type { ProjectView } from './projectView';
import { FlowAnalysis } from './analysis';
import { AnalysisStates, keepsModel } from './carry';
import { patchXml, type PatchedXml } from './incremental';
import { buildFlowModel, type FlowModel } from './model';
import { SourceText } from './source';
import { markSuperseded } from './superseded';

/**
 * The editor's change from the text it replaced: [start, end) of `previous` became `text`. With it the store
 * patches the previous tree without comparing the texts, and reads the new one slice by slice (source.ts), so
 * a keystroke never joins the whole document into one string.
 */
export interface FlowTextChange {
  previous: string;
  start: number;
  end: number;
  text: string;
}

export interface FlowStoreOptions {
  /** Patch edits and carry analyses between versions (default: on, unless FLOW_CALLOUT_NO_INCREMENTAL=1). */
  incremental?: boolean;
  /** Models kept (most recently used first out last); the editor keeps a few, a CLI run one per flow it reads. */
  capacity?: number;
}

/** Whether the environment turns incremental patching off (FLOW_CALLOUT_NO_INCREMENTAL=1). */
export function incrementalByDefault(): boolean {
  return typeof process === 'undefined' || process.env?.FLOW_CALLOUT_NO_INCREMENTAL !== '1';
}

export class FlowStore {
  readonly incremental: boolean;
  private readonly capacity: number;
  private readonly models = new Map<string, FlowModel>();
  /** The analyses' shared states and derivations (flow/carry.ts). */
  readonly states = new AnalysisStates();
  /** Summaries by the model maps they were read with (shared while edits leave the model alone). */
  private readonly summaries = new WeakMap<object, { file: string; label?: string; summary: FlowSummary }>();
  /** How many times a flow text was parsed from scratch / patched (for tests and logs). */
  readonly counts = { parses: 0, patches: 0 };

  constructor(options: FlowStoreOptions = {}) {
    this.incremental = options.incremental ?? incrementalByDefault();
    this.capacity = options.capacity ?? 8;
  }

  /** The model of `text` under `key` (a URI or path): cached, patched from the key's previous text when it can. */
  parse(key: string, text: string, change?: FlowTextChange): FlowModel {
    const hit = key ? this.models.get(key) : undefined;
    // The editor's change of the cached text: patch from it. (Checked first: comparing the new text with
    // the cached ones would make V8 join it into one string when the lengths happen to be equal.)
    const fromChange = !!(hit && change && hit.text === change.previous && hit.text.length - (change.end - change.start) + change.text.length === text.length);
    if (!fromChange) {
      if (hit && hit.text === text) return this.touch(key, hit);
      // The same text under another key (the index and the editor see the same document).
      for (const m of this.models.values()) if (m.text === text) return key ? this.store(key, m) : m;
    }
    const previous = this.incremental ? hit : undefined;
    let patched: PatchedXml | undefined;
    let source: SourceText | undefined;
    if (previous) this.states.beforePatch(previous);
    if (previous && change && fromChange) {
      source = previous.source.edit(change.start, change.end, change.text);
      patched = patchXml(previous.source, source, previous.xml, { start: change.start, oldEnd: change.end, newEnd: change.start + change.text.length });
    } else if (previous) {
      patched = patchXml(previous.text, text, previous.xml);
    }
    let model: FlowModel;
    if (previous && patched) {
      this.counts.patches++;
      // The previous tree now describes `text`: forget every entry that still claims the old text.
      for (const [k, m] of [...this.models]) if (m.xml === previous.xml) this.models.delete(k);
      const xml = { root: patched.root, syntaxErrors: patched.syntaxErrors };
      source ??= SourceText.of(text);
      // An edit no model reads (a label, a value, whitespace): the model's maps still describe the tree.
      // The one element a patch changes in place: what rules remembered of its text is stale.
      if (patched.edit.leaf) this.states.leafMemos.forget(patched.edit.leaf);
      const same = keepsModel(patched.edit);
      model = same ? { ...previous, text, source, xml } : buildFlowModel(text, xml, source);
      this.states.recordDerivation(previous, model, patched.edit, same);
      markSuperseded(previous);
    } else {
      this.counts.parses++;
      model = buildFlowModel(text, parseXml(text));
      if (previous) this.states.recordDerivation(previous, model, undefined, false);
    }
    return key ? this.store(key, model) : model;
  }

  /** An analysis of `model` sharing this store's state (or of `text`, parsed under `key`). */
  analysis(text: string, project: ProjectView | undefined, model: FlowModel = this.parse('', text)): FlowAnalysis {
    return new FlowAnalysis(text, project, model, this.states);
  }

  /**
   * The project index's summary of a flow file (pass it as ProjectIndex's `summarizeFlow`): from this store's
   * parse, so an edited flow is parsed once per version, and summarised again only when its model changed or
   * its label did — everything else a summary reads is a model leaf (carry.ts MODEL_LEAVES).
   */
  readonly summarize = (file: string, text: string): FlowSummary => {
    const model = this.parse(file, text);
    const label = childText(model.root, 'label');
    const hit = this.summaries.get(model.names);
    if (hit && hit.file === file && hit.label === label) return hit.summary;
    const summary = summarizeFlowRoot(file, model.root, [...model.names.values()].map((n) => n.name));
    summary.reach = summarizeReach(model, this.states.graphOf);
    this.summaries.set(model.names, { file, label, summary });
    return summary;
  };

  /** Keeps only the models whose key passes `keep` (a CLI run: the flows it is about to validate). */
  retain(keep: (key: string) => boolean): void {
    for (const [key, model] of [...this.models]) {
      if (keep(key)) continue;
      this.models.delete(key);
      this.release(model);
    }
  }

  /** Drops the model kept under `key` (a closed document; a CLI run done with a file). */
  forget(key: string): void {
    const model = this.models.get(key);
    this.models.delete(key);
    if (model) this.release(model);
  }

  /** A model no longer kept under `key`: unless another key holds it, what the store keeps for it goes too. */
  private release(model: FlowModel): void {
    let namesInUse = false;
    for (const m of this.models.values()) {
      if (m === model) return;
      if (m.names === model.names) namesInUse = true;
    }
    this.states.release(model, namesInUse);
    if (!namesInUse) this.summaries.delete(model.names);
  }

  private touch(key: string, model: FlowModel): FlowModel {
    this.models.delete(key);
    this.models.set(key, model);
    return model;
  }

  private store(key: string, model: FlowModel): FlowModel {
    this.touch(key, model);
    if (this.models.size > this.capacity) this.forget(this.models.keys().next().value as string);
    return model;
  }
}
