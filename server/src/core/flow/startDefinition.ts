// "New Callout Definition from this Flow Action": for the HTTP callout action (actionType externalService)
// whose <actionCalls> element holds the cursor and that has no callout definition in the project yet, what
// the new definition starts from: the External Service name and operation of its actionName.
import { isValidExternalServiceName } from '../model/naming';
import type { FlowAnalysis } from './analysis';

export interface DefinitionStart {
  /** The External Service name (before the dot of actionName). */
  service: string;
  operation: string;
  /** The action element's name in the flow. */
  element: string;
}

export function definitionStartAt(analysis: FlowAnalysis, offset: number): DefinitionStart | undefined {
  for (const c of analysis.externalServiceCallouts) {
    const el = c.element.el;
    if (offset < el.offset || offset > el.offset + el.length) continue;
    const dot = c.actionName.indexOf('.');
    if (dot <= 0) return undefined;
    const service = c.actionName.slice(0, dot);
    const operation = c.actionName.slice(dot + 1);
    if (!isValidExternalServiceName(service) || !operation) return undefined;
    // Already defined here: go to definition (F12) on the actionName opens it.
    if (analysis.project?.callouts.has(service)) return undefined;
    return { service, operation, element: c.element.name };
  }
  return undefined;
}
