// Transaction Control of a flow action (`<flowTransactionModel>`): what Salesforce does with the setting, the one
// place the callout rules read it (flow-callout-after-dml, flow-callout-in-loop). Facts and sources:
// - Screen flows have had Transaction Control since Spring '21 (API 51.0, when the field became required). With
//   "Let the flow decide" (Automatic) the flow commits pending work and starts a new transaction before an action
//   only when the action declares a callout (an Apex action: @InvocableMethod(callout=true)) and there is
//   uncommitted work. [V] Apex Developer Guide "Making Callouts to External Systems from Invocable Actions"
//   (apex_forcecom_flow_invocable_action_callout.htm; shared reference C6).
// - "Starting from Winter '26, you can configure all flow types to determine at run time whether a new transaction
//   is required … Previously, only screen flows had transaction control. For record-triggered flows, you can apply
//   transaction control to actions in an asynchronous or scheduled path but not in a path to run immediately."
//   Actions configured in Summer '25 or earlier default to "Always continue in current transaction".
//   [V] Help "How Flows Run in Transactions" (platform.flow_concepts_transaction.htm); docs/salesforce-facts.md TX-1…TX-3.
// - "Always start a new transaction" (NewTransaction) commits and starts a new transaction before the action, so a
//   per-transaction limit (100 callouts, 120 s of callouts) does not add up across calls. [I] from the setting's
//   name and the Help page above; the rules that read it report less, never more.
import { childText, type XmlElement } from '../parse/xml';

/** How an action's callout meets the transaction around it. */
export type TransactionControl =
  /** Always a new transaction before the action (NewTransaction where Transaction Control applies). */
  | 'new'
  /** Let the flow decide: a new transaction only for an action declaring a callout, when work is pending. */
  | 'decide'
  /** The action runs in the current transaction. */
  | 'current';

export interface TransactionControlContext {
  /** The flow's `<processType>` (`Flow` is a screen flow). */
  processType: string | undefined;
  /** The action runs on the run-immediately path of a record-triggered flow (no Transaction Control there). */
  recordTriggeredImmediate: boolean;
}

/** What Salesforce does with `action`'s `<flowTransactionModel>` in this flow. */
export function transactionControlOf(action: XmlElement, ctx: TransactionControlContext): TransactionControl {
  return transactionControlOfSetting(transactionSetting(action), ctx);
}

/** transactionControlOf from the setting as written (a subflow's action, read from the project's flow summaries). */
export function transactionControlOfSetting(setting: string | undefined, ctx: TransactionControlContext): TransactionControl {
  if (ctx.recordTriggeredImmediate) return 'current';
  if (setting === 'NewTransaction') return 'new';
  if (setting === 'Automatic') return 'decide';
  if (setting === undefined && ctx.processType === 'Flow') {
    // A screen flow saved before API 51.0, when Transaction Control did not exist yet: as we understand the
    // Summer '20 behaviour, screen flows already committed before an action declaring a callout. Not verified,
    // so read like Automatic (report less). Other flow types had no Transaction Control before Winter '26.
    return 'decide';
  }
  return 'current';
}

/** The setting as written, for messages ("saved before API 51.0" when absent). */
export function transactionSetting(action: XmlElement): string | undefined {
  return childText(action, 'flowTransactionModel');
}
