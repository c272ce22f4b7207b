// An action element of a flow that makes an HTTP callout (FlowAnalysis.callouts).
import type { XmlElement } from '../parse/xml';
import type { FlowElement } from './model';
import type { ActionResolution } from './operations';
import type { ReachStep } from '../project/flowSummary';

/** An action element that makes an HTTP callout. */
export interface CalloutAction {
  element: FlowElement;
  actionName: string;
  actionNameEl?: XmlElement;
  actionType: string;
  /** Resolution of `actionName` against the project (undefined without a project; never for Apex actions). */
  resolution?: ActionResolution;
  /** For an Apex action: what in its class, or a helper class it calls, makes the callout (`new HttpRequest() (line 12)`). */
  apexEvidence?: string;
  /**
   * For an Apex action whose every callout path catches the callout's failures: where (project/apexCalls.ts
   * apexCallout). A timeout or connection failure then returns from the action instead of faulting the flow.
   */
  apexCaught?: string;
  /** For an Apex action: its `@InvocableMethod` has `callout=true` (reference C6). */
  calloutModifier?: boolean;
  /** Why another action counts as a callout (a standard action, `.flowcallout.json` calloutActions, a subflow). */
  reason?: string;
  /** For a subflow element: the chain to the callout its subflow reaches (flow/reach.ts). */
  via?: SubflowReach;
}

/** What makes an action call a callout, when it is one (flow/reach.ts classifyAction). */
export type CalloutKind = Pick<CalloutAction, 'resolution' | 'apexEvidence' | 'apexCaught' | 'reason' | 'calloutModifier'>;

/** One hop of a chain into subflows: the element in the flow `flow` (a subflow call, or the callout). */
export interface ChainLink {
  flow: string;
  file: string;
  step: ReachStep;
}

/** A subflow element of the analysed flow and what it reaches (flow/reach.ts). */
export interface SubflowReach {
  element: FlowElement;
  flowName: string;
  /** Links from the first subflow to the callout (or to the subflow that is not in the project). */
  chain: ChainLink[];
  /** The callout at the end of the chain; undefined when the chain ends at a subflow missing from the project. */
  callout?: CalloutKind & {
    actionType: string;
    actionName: string;
    /** The action's Transaction Control as written in its flow, and that flow's processType (model/transactionControl.ts). */
    transaction?: string;
    processType?: string;
  };
  /** The flow the chain could not enter: not in the project (or in a package). */
  missing?: string;
}
