// The action calls and subflows a flow's start paths reach, with where each sits in the file: what the project
// index keeps of every flow (flow/summary.ts) so flow/reach.ts can follow subflows without their texts.
import { child, childText } from '../parse/xml';
import { endsLine } from '../parse/lines';
import { buildFlowGraph, type FlowGraph } from './graph';
import type { FlowElement, FlowModel } from './model';
import type { ReachStep } from '../project/flowSummary';
import { ownString } from '../parse/ownString';
import { transactionSetting } from '../model/transactionControl';

const LF = 10;
const CR = 13;

/**
 * The steps of a flow that its start paths reach, in document order (kept by the index with each flow).
 * `graphOf`: the flow store's (carry.ts AnalysisStates.graphOf), so the summary and the analyses of a model
 * share one graph.
 */
export function summarizeReach(model: FlowModel, graphOf: (model: FlowModel) => FlowGraph = buildFlowGraph): ReachStep[] {
  if (!model.isFlow) return [];
  const candidates: FlowElement[] = [];
  for (const e of model.elements.values()) if (e.kind === 'actionCalls' || e.kind === 'subflows') candidates.push(e);
  if (!candidates.length) return [];
  const graph = graphOf(model);
  const steps: ReachStep[] = [];
  const text = model.source;
  let line = 0;
  let lineStart = 0;
  let scanned = 0;
  for (const e of candidates.sort((a, b) => a.nameEl.textOffset - b.nameEl.textOffset)) {
    if (!graph.isReachable(e.name)) continue;
    const at = e.nameEl.textOffset;
    // Line endings as the editor and the CLI count them (parse/lines.ts: LF, CR LF, a lone CR), read from one
    // slice of the text (a character at a time through the pieces cost a lookup each).
    if (at > scanned) {
      const chunk = text.slice(scanned, at);
      if (chunk.indexOf('\r') < 0) {
        // LF only (what Salesforce retrieves): found by indexOf, not a character at a time.
        for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) {
          line++;
          lineStart = scanned + k + 1;
        }
      } else {
        for (let k = 0; k < chunk.length; k++) {
          const ch = chunk.charCodeAt(k);
          if (ch === LF || (ch === CR && (k + 1 < chunk.length ? chunk.charCodeAt(k + 1) !== LF : endsLine(text, scanned + k)))) {
            line++;
            lineStart = scanned + k + 1;
          }
        }
      }
      scanned = at;
    }
    const pos = { line, character: at - lineStart, length: e.nameEl.textLength };
    if (e.kind === 'subflows') steps.push({ element: ownString(e.name), kind: 'subflow', flowName: ownString(childText(e.el, 'flowName')), ...pos });
    else {
      const step: ReachStep = { element: ownString(e.name), kind: 'action', actionType: ownString(childText(e.el, 'actionType') ?? ''), actionName: ownString(child(e.el, 'actionName')?.text ?? ''), ...pos };
      const transaction = transactionSetting(e.el);
      if (transaction) step.transaction = ownString(transaction);
      steps.push(step);
    }
  }
  return steps;
}
