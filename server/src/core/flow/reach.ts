// What a flow reaches beyond its own elements: which action calls make HTTP callouts (External Services,
// Apex actions whose class or helper classes call out, standard actions Salesforce documents as callouts,
// actions the project declares in `.flowcallout.json`), and the callouts inside the subflows it runs,
// followed through the project index transitively with cycle protection. A record-triggered flow fails when
// its synchronous path reaches a callout "including through a subflow" (reference C5), so the callout rules
// read what a subflow element reaches like a callout on that element, with the chain as related information.
// Screen actions (`<screens><actions>`, actionType flow) are not followed: they run when the screen is
// shown, after the screen's commit, in a request of their own — never on a record's save nor in a loop's
// transaction.
import { childText } from '../parse/xml';
import type { RelatedInfo } from '../model/problem';
import { standardCalloutAction } from '../model/standardCalloutActions';
import type { ProjectView } from './projectView';
import type { ApexClassInfo } from '../project/apex';
import { apexCallout } from '../project/apexCalls';
import { findIgnoringCase } from '../project/versionedMap';
import type { CalloutAction, CalloutKind, ChainLink, SubflowReach } from './calloutAction';
import type { FlowGraph } from './graph';
import type { FlowModel } from './model';
import { resolveAction } from './operations';
import { isRecordTriggered } from './model';
import { transactionControlOf, transactionControlOfSetting, type TransactionControl } from '../model/transactionControl';
import type { FlowSummary } from '../project/flowSummary';

/** What subflow following reads of an analysis (FlowAnalysis has it). */
export interface ReachScope {
  readonly project?: ProjectView;
  readonly model: FlowModel;
  readonly graph: FlowGraph;
  /** classifyAction against `project`, when the scope remembers its answers (FlowAnalysis.classify). */
  classify?(actionType: string, actionName: string): CalloutKind | undefined;
}

/** Subflows followed at most this deep (Salesforce itself stops nested subflows long before). */
const SUBFLOW_DEPTH = 12;

/** Whether an action call (`actionType`, `actionName`) makes an HTTP callout, read from the project. */
export function classifyAction(project: ProjectView | undefined, actionType: string, actionName: string): CalloutKind | undefined {
  if (actionType === 'externalService') return { resolution: project && actionName ? resolveAction(project, actionName) : undefined };
  const declared = project?.settings.calloutActionGlob(actionName);
  if (actionType === 'apex') {
    // An invocable Apex action whose class (in the project), or a helper class it calls, makes HTTP callouts in this transaction.
    const cls = project && actionName ? apexClassNamed(project, actionName) : undefined;
    if (cls) {
      const found = apexCallout(cls, (n) => apexClassNamed(project!, n));
      if (found) return { apexEvidence: found.evidence, apexCaught: found.caught, calloutModifier: cls.invocableCallout };
    }
  }
  if (declared) return { reason: `declared in .flowcallout.json calloutActions ("${declared}")` };
  const standard = standardCalloutAction(actionType);
  if (standard) return { reason: `the standard action ${standard.label}, which Salesforce documents as a callout` };
  return undefined;
}

/** The project's Apex class for an `actionName` (Apex names are case-insensitive; a namespace prefix is dropped). */
export function apexClassNamed(project: ProjectView, actionName: string): ApexClassInfo | undefined {
  const name = actionName.replace(/^\w+__(?=\w)/, '');
  return project.apexClasses.get(actionName) ?? findIgnoringCase(project.apexClasses, name);
}

function flowNamed(project: ProjectView, name: string): FlowSummary | undefined {
  return findIgnoringCase(project.flows, name);
}

/**
 * For each reachable subflow element of the analysed flow: the first callout its subflow reaches (through
 * nested subflows), else the first subflow on the way that is not in the project. Subflows that reach
 * neither are left out. Read from the project index, so an unsaved edit of a subflow counts once the index
 * has it.
 */
export function subflowReach(analysis: ReachScope): SubflowReach[] {
  const project = analysis.project;
  if (!project) return [];
  const classify = analysis.classify ? analysis.classify.bind(analysis) : (actionType: string, actionName: string) => classifyAction(project, actionType, actionName);
  const out: SubflowReach[] = [];
  // Per analysis: what a flow (by lower-case name) reaches; null while on the stack (a cycle reaches nothing new).
  const memo = new Map<string, { chain: ChainLink[]; callout?: SubflowReach['callout']; missing?: string } | null | undefined>();
  const explore = (name: string, depth: number): { chain: ChainLink[]; callout?: SubflowReach['callout']; missing?: string } | undefined => {
    const key = name.toLowerCase();
    if (memo.has(key)) return memo.get(key) ?? undefined;
    const flow = flowNamed(project, name);
    if (!flow) {
      const r = { chain: [], missing: name };
      memo.set(key, r);
      return r;
    }
    if (depth > SUBFLOW_DEPTH) return undefined;
    memo.set(key, null);
    let found: { chain: ChainLink[]; callout?: SubflowReach['callout']; missing?: string } | undefined;
    let missing: { chain: ChainLink[]; missing?: string } | undefined;
    for (const step of flow.reach ?? []) {
      const link: ChainLink = { flow: flow.name, file: flow.file, step };
      if (step.kind === 'action') {
        const kind = classify(step.actionType ?? '', step.actionName ?? '');
        if (kind) {
          found = { chain: [link], callout: { ...kind, actionType: step.actionType ?? '', actionName: step.actionName ?? '', transaction: step.transaction, processType: flow.processType } };
          break;
        }
      } else if (step.flowName) {
        const inner = explore(step.flowName, depth + 1);
        if (inner?.callout) {
          found = { chain: [link, ...inner.chain], callout: inner.callout };
          break;
        }
        if (inner?.missing && !missing) missing = { chain: [link, ...inner.chain], missing: inner.missing };
      }
    }
    const result = found ?? missing;
    memo.set(key, result);
    return result;
  };
  for (const element of analysis.model.elements.values()) {
    if (element.kind !== 'subflows' || !analysis.graph.isReachable(element.name)) continue;
    const flowName = childText(element.el, 'flowName');
    if (!flowName) continue;
    const r = explore(flowName, 1);
    if (r) out.push({ element, flowName, ...r });
  }
  return out;
}

/** `Sub_A → Sub_B → Get_Rates`: the flows entered, then the callout element. */
export function chainText(r: SubflowReach): string {
  const names = [r.flowName, ...r.chain.filter((l) => l.step.kind === 'subflow').map((l) => l.step.flowName ?? l.step.element)];
  const last = r.chain[r.chain.length - 1];
  if (r.callout && last) names.push(last.step.element);
  return names.join(' → ');
}

/** The chain as related information: each hop at its element in the subflow's file. */
export function chainRelated(r: SubflowReach): RelatedInfo[] {
  return r.chain.map((l) => ({
    file: l.file, line: l.step.line, character: l.step.character, length: l.step.length,
    message: l.step.kind === 'subflow'
      ? `${l.flow}: ${l.step.element} runs subflow ${l.step.flowName}${l.step.flowName && r.missing && l === r.chain[r.chain.length - 1] ? ', which is not in this project' : ''}`
      : `${l.flow}: ${l.step.element} makes an HTTP callout (${describeKind(l.step.actionType ?? '', l.step.actionName ?? '', r.callout)})`,
  }));
}

function describeKind(actionType: string, actionName: string, kind: CalloutKind | undefined): string {
  if (actionType === 'externalService') return `External Service action ${actionName}`;
  if (kind?.apexEvidence) return `Apex ${actionName}: ${kind.apexEvidence}`;
  return kind?.reason ? `${actionName}, ${kind.reason}` : actionName;
}

/** The subflow callouts as callout actions on the outer flow's subflow elements, for the callout-context rules. */
export function subflowCallouts(analysis: ReachScope, reaches: SubflowReach[] = subflowReach(analysis)): CalloutAction[] {
  const out: CalloutAction[] = [];
  for (const r of reaches) {
    if (!r.callout) continue;
    out.push({ element: r.element, actionName: r.flowName, actionType: 'flow', reason: `runs subflow ${r.flowName}, which makes an HTTP callout (${chainText(r)})`, via: r });
  }
  return out;
}

/**
 * Transaction Control of the action that makes `c`'s callout (model/transactionControl.ts): the element itself, or
 * for a subflow element the action at the end of its chain, as written in that subflow (read from the project's
 * flow summaries). On a record-triggered flow's run-immediately path there is none (fact TX-1).
 */
export function calloutTransactionControl(c: CalloutAction, model: FlowModel, graph: FlowGraph): TransactionControl {
  const recordTriggeredImmediate = isRecordTriggered(model) && graph.isSync(c.element.name);
  if (!c.via) return transactionControlOf(c.element.el, { processType: model.processType, recordTriggeredImmediate });
  return transactionControlOfSetting(c.via.callout?.transaction, { processType: c.via.callout?.processType, recordTriggeredImmediate });
}

/** How a finding names the callout: `Get_Rates makes an HTTP callout`, or through a subflow with its chain. */
export function calloutSubject(c: CalloutAction): string {
  return c.via ? `${c.element.name} runs subflow ${c.via.flowName}, which makes an HTTP callout (${chainText(c.via)}),` : `${c.element.name} makes an HTTP callout`;
}

/** Related information for a finding on `c`: the chain through the subflows, when there is one. */
export function calloutRelated(c: CalloutAction): RelatedInfo[] | undefined {
  return c.via ? chainRelated(c.via) : undefined;
}
