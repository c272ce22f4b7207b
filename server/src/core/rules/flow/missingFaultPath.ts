import { child, childText, type XmlElement } from '../../parse/xml';
import { nameRange } from '../../flow/model';
import { declaredErrorsContinue, faultingEvents, isSuccessKey, OUTCOME_SOURCE } from '../../model/outcome';
import type { FlowAnalysis, CalloutAction } from '../../flow/analysis';
import type { FixData } from '../../model/problem';
import type { TextLike } from '../../flow/source';
import type { FlowRule, FlowRuleContext } from './types';

export const missingFaultPath: FlowRule = {
  id: 'flow-missing-fault-path',
  defaultSeverity: 'error',
  doc: 'An HTTP callout action has no fault connector, so a failed call stops the flow with an unhandled fault.',
  source: `${OUTCOME_SOURCE}; §4.3, §5.4`,
  check(ctx) {
    let handler: string | undefined | null = null;
    for (const c of ctx.analysis.callouts) {
      if (child(c.element.el, 'faultConnector')) continue;
      const what = c.actionType === 'apex'
        ? `calls Apex ${c.actionName}, which makes HTTP callouts (${c.apexEvidence ?? 'in its class'}),`
        : c.actionName ? `calls ${c.actionName}` : 'makes an HTTP callout';
      if (c.actionType === 'apex') {
        reportApex(ctx, c, what);
        continue;
      }
      const op = c.resolution?.status === 'ok' ? c.resolution.op : undefined;
      const branch = declaredErrorsContinue() ? branchOnResponse(ctx.analysis, c) : undefined;
      // An External Service whose registration the project lacks: which statuses it declares is unknown (undefined).
      const faulting = faultingEvents(op ? op.responses : c.actionType === 'externalService' ? undefined : []);
      if (handler === null) handler = faultHandler(ctx.analysis);
      const fix = handler ? addFaultConnector(ctx.analysis.model.source, c.element.el, handler) : undefined;
      if (branch) {
        ctx.report({
          ...nameRange(c.element), severity: 'warning', fix,
          message: `${c.element.name} ${what} without a fault connector. ${branch} handles the declared error responses, but ${faulting} can still fault the flow. Add a fault connector to an element that records $Flow.FaultMessage.`,
        });
      } else {
        ctx.report({
          ...nameRange(c.element), fix,
          message: `${c.element.name} ${what} without a fault connector: ${faulting} stops the flow with an unhandled fault. Add a fault path (Flow Builder: Add Fault Path; XML: <faultConnector>) to an element that records $Flow.FaultMessage.`,
        });
      }
    }
  },
};

/**
 * An Apex action: in Apex an HTTP status is the response's status code, never an exception; a timeout or a
 * connection failure is a CalloutException, and only an exception the Apex lets out faults the flow (Apex
 * Developer Guide "HttpResponse Class", "Callout Limits and Limitations"; Help "Flow Fault Handling"). When every
 * callout path of the class catches it, the failure comes back as the action's outputs: an info note, not an error.
 */
function reportApex(ctx: FlowRuleContext, c: CalloutAction, what: string): void {
  if (c.apexCaught) {
    ctx.report({
      ...nameRange(c.element), severity: 'info',
      message: `${c.element.name} ${what} without a fault connector. Its callout failures are caught in Apex (${c.apexCaught}), so they come back in the action's outputs instead of faulting the flow; check those outputs after the action. A fault connector still catches any other exception the Apex lets out.`,
    });
    return;
  }
  const handler = faultHandler(ctx.analysis);
  const fix = handler ? addFaultConnector(ctx.analysis.model.source, c.element.el, handler) : undefined;
  ctx.report({
    ...nameRange(c.element), fix,
    message: `${c.element.name} ${what} without a fault connector: a callout timeout or connection failure (a CalloutException the Apex does not catch) stops the flow with an unhandled fault. Add a fault path (Flow Builder: Add Fault Path; XML: <faultConnector>) to an element that records $Flow.FaultMessage.`,
  });
}

/** An element that already records `$Flow.FaultMessage` (the usual target of fault connectors). */
function faultHandler(analysis: FlowAnalysis): string | undefined {
  for (const site of analysis.sites) {
    if (site.path.toLowerCase() !== '$flow.faultmessage') continue;
    for (let el: XmlElement | undefined = site.el; el; el = el.parent) {
      if (el.parent === analysis.model.root) {
        const name = childText(el, 'name');
        if (name && analysis.model.elements.has(name)) return name;
        break;
      }
    }
  }
  return undefined;
}

/** Inserts `<faultConnector>` where Salesforce writes it: after `<connector>` (or `<actionType>`), same indent. */
function addFaultConnector(text: TextLike, action: XmlElement, target: string): FixData | undefined {
  const after = child(action, 'connector') ?? child(action, 'actionType');
  if (!after) return undefined;
  const at = after.offset + after.length;
  let lineStart = after.offset;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  const indent = /[ \t]*$/.exec(text.slice(lineStart, after.offset))?.[0] ?? '';
  const inner = indent.includes('\t') ? `${indent}\t` : `${indent}    `;
  return {
    kind: 'insert-lines', title: `Add a fault connector to ${target}`, offset: at,
    text: `\n${indent}<faultConnector>\n${inner}<targetReference>${target}</targetReference>\n${indent}</faultConnector>`,
  };
}

/** "Decision X" when a decision reads the action's responseCode / error outputs (or variables they fill). */
function branchOnResponse(analysis: FlowAnalysis, c: CalloutAction): string | undefined {
  const name = c.element.name.toLowerCase();
  const op = c.resolution?.status === 'ok' ? c.resolution.op : undefined;
  const errorOutputs = new Set(['responsecode', ...(op?.outputs.filter((o) => o.name !== 'responseCode' && !isSuccessKey(o.name)).map((o) => o.name.toLowerCase()) ?? [])]);
  if (op && !op.responses.some((k) => !isSuccessKey(k))) return undefined;
  const receivers = new Set<string>();
  for (const p of c.element.el.children) {
    if (p.name !== 'outputParameters') continue;
    const out = child(p, 'name')?.text.toLowerCase();
    const to = child(p, 'assignToReference')?.text.toLowerCase();
    if (out && to && errorOutputs.has(out)) receivers.add(to.split('.')[0]);
  }
  for (const site of analysis.sites) {
    const decision = enclosingDecision(site.el);
    if (!decision) continue;
    const parts = site.path.toLowerCase().split('.');
    if ((parts[0] === name && parts[1] && errorOutputs.has(parts[1])) || receivers.has(parts[0])) return `Decision ${decision}`;
  }
  return undefined;
}

function enclosingDecision(el: XmlElement): string | undefined {
  for (let cur: XmlElement | undefined = el; cur; cur = cur.parent) {
    if (cur.name === 'decisions') return childText(cur, 'name') ?? 'a decision';
  }
  return undefined;
}
