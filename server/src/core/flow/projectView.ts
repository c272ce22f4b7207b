// What the flow analysis reads of the project: callout definitions, External Service registrations, Apex
// classes, object fields and the other flows' summaries. ProjectIndex implements it; core/flow depends on
// this interface only, so the project layer never depends on the flow pipeline (not even by type).
import type { CalloutSummary } from '../project/index';
import type { DefinitionLookups } from '../project/definitions';
import type { CaseInsensitiveLookup } from '../project/versionedMap';
import type { ApexClassInfo } from '../project/apex';
import type { FlowSummary } from '../project/flowSummary';
import type { EsrInfo, ObjectFieldInfo } from '../project/metadata';
import type { ProjectSettings } from '../project/settings';
import type { DerivedMemo } from '../project/derived';

export interface ProjectView {
  /**
   * Callout definitions by name. The index's parses them lazily (project/definitions.ts): look one up by name
   * (get, has, findIgnoringCase, holdersIgnoringCase); listing them parses every one.
   */
  readonly callouts: ReadonlyMap<string, CalloutSummary> & Partial<DefinitionLookups>;
  /** External Service registrations by name. */
  readonly esrs: ReadonlyMap<string, EsrInfo> & Partial<CaseInsensitiveLookup<EsrInfo>>;
  /** Apex classes by name (invocable actions, whether they call out). */
  readonly apexClasses: ReadonlyMap<string, ApexClassInfo> & Partial<CaseInsensitiveLookup<ApexClassInfo>>;
  /** Object API name → field API name → custom field from the project. */
  readonly objectFields: ReadonlyMap<string, ReadonlyMap<string, ObjectFieldInfo>>;
  /** Flows' summaries by flow name. */
  readonly flows: ReadonlyMap<string, FlowSummary> & Partial<CaseInsensitiveLookup<FlowSummary>>;
  /** Fields of an object: the project's over the shipped standard fields; undefined when unknown. */
  fieldsOf(object: string): Map<string, { name: string; type: string; standard: boolean }> | undefined;
  /**
   * Increases whenever something the analysis reads (callouts, registrations, Apex classes, object fields)
   * changes: analyses keyed by it are reused only while it stays the same.
   */
  readonly generation: number;
  /**
   * Increases with every change to anything this view shows (also the flows' summaries, settings and fields):
   * what is derived from the whole view (flow/carry.ts projectStamp) is made again only when it moved.
   */
  readonly version: number;
  /** The project's `.flowcallout.json` (calloutActions; rules and ignore are applied by the service). */
  readonly settings: ProjectSettings;
  /** The largest file checked, in MB (`.flowcallout.json` "maxFileSizeMB"; model/content.ts). */
  readonly maxFileSizeMB: number;
  /** What the analysis derives from the view's entries (flow/operations.ts), kept by the view; without one it is derived afresh. */
  readonly derived?: DerivedMemo;
}
