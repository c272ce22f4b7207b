// flowCallout/listSendTargets: the project's callout definitions and the External Service actions of its flows,
// from the index (the flows' own parse, not a text scan), for Send Test Callout's pick list.
import type { Connection } from 'vscode-languageserver';
import type { ProjectIndex } from '../core/project/index';
import { ListSendTargets, type SendTarget } from '../protocol';
import type { CustomHandlerDeps } from './customDeps';
import { URI } from './uri';

/** Flow actions Send from a flow can run (client/src/send/flowAction.ts: External Service actions). */
const SENDABLE_ACTION_TYPE = 'externalService';

export function sendTargets(project: ProjectIndex): SendTarget[] {
  const definitions: SendTarget[] = [...project.callouts.values()].map((c) => ({
    kind: 'definition', uri: URI.fromFsPath(c.file), path: project.relativePath(c.file), name: `${c.name}.${c.operation}`, detail: `${c.method} ${c.path}`,
  }));
  const actions: SendTarget[] = [...project.flows.values()].flatMap((f) => f.actionCalls
    .filter((a) => a.actionType === SENDABLE_ACTION_TYPE)
    .map((a): SendTarget => ({
      kind: 'flowAction', uri: URI.fromFsPath(f.file), path: project.relativePath(f.file), name: a.name, element: a.name, detail: `${a.actionName ?? '?'} in flow ${f.name}`,
    })));
  const byPath = (a: SendTarget, b: SendTarget) => a.path.localeCompare(b.path) || a.name.localeCompare(b.name);
  return [...definitions.sort(byPath), ...actions.sort(byPath)];
}

export function registerSendTargetsHandler(connection: Connection, deps: CustomHandlerDeps): void {
  connection.onRequest(ListSendTargets, (_params, token) =>
    deps.runSafeAsync<SendTarget[]>(deps.log, async () => {
      const project = deps.project();
      return project ? sendTargets(project) : [];
    }, [], 'Listing the definitions and flow actions failed', token),
  );
}
