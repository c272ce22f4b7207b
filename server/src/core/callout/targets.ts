// What Send Test Callout can send in a project: its callout definitions and the External Service actions of
// its flows (from the index: the flows' own parse, not a text scan). The server's flowCallout/listSendTargets
// answers with these (lsp/sendTargets.ts adds each file's URI).
import type { ProjectIndex } from '../project/index';

/** Flow actions Send from a flow can run (client/src/send/flowAction.ts: External Service actions). */
const SENDABLE_ACTION_TYPE = 'externalService';

/** One thing Send Test Callout can send (protocol.ts SendTarget, with the file's path instead of its URI). */
export interface ProjectSendTarget {
  kind: 'definition' | 'flowAction';
  /** The definition or flow file. */
  file: string;
  /** Project-relative path of that file. */
  path: string;
  /** The definition's action (`Service.operation`) or the flow action's element name. */
  name: string;
  /** Definition: method and path; flow action: its actionName and flow. */
  detail: string;
  /** Flow actions only: the element to send. */
  element?: string;
}

/** Definitions first, then flow actions, each sorted by path and name. */
export function sendTargets(project: ProjectIndex): ProjectSendTarget[] {
  const definitions: ProjectSendTarget[] = [...project.callouts.values()].map((c) => ({
    kind: 'definition', file: c.file, path: project.relativePath(c.file), name: `${c.name}.${c.operation}`, detail: `${c.method} ${c.path}`,
  }));
  const actions: ProjectSendTarget[] = [...project.flows.values()].flatMap((f) => f.actionCalls
    .filter((a) => a.actionType === SENDABLE_ACTION_TYPE)
    .map((a): ProjectSendTarget => ({
      kind: 'flowAction', file: f.file, path: project.relativePath(f.file), name: a.name, element: a.name, detail: `${a.actionName ?? '?'} in flow ${f.name}`,
    })));
  const byPath = (a: ProjectSendTarget, b: ProjectSendTarget) => a.path.localeCompare(b.path) || a.name.localeCompare(b.name);
  return [...definitions.sort(byPath), ...actions.sort(byPath)];
}
