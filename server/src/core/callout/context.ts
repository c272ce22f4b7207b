// Everything a test callout needs from the project, as plain data: the definition text, the named and
// external credential metadata, and the flow that calls the action. The language server answers it from its
// index (flowCallout/getCalloutContext); the CLI builds it from a ProjectIndex the same way.
import * as path from 'node:path';
import { CalloutDefinition } from '../model/definition';
import { parseCalloutText } from '../parse';
import type { ProjectIndex } from '../project/index';
import type { ExternalCredentialInfo, NamedCredentialInfo } from '../project/metadata';
import { buildFlowGraph } from '../flow/graph';
import { buildFlowModel } from '../flow/model';
import { actionElementsOf, type LinkedFlow } from './variables';

export interface CalloutContext {
  definition: { text: string; fileName: string };
  projectRoot?: string;
  namedCredential?: NamedCredentialInfo;
  externalCredential?: ExternalCredentialInfo;
  flow?: LinkedFlow;
  /** Problems met while gathering the context (a linked flow that cannot be read). */
  notes?: string[];
}

export function definitionOf(ctx: CalloutContext): CalloutDefinition {
  const { text, fileName } = ctx.definition;
  return new CalloutDefinition({ fileName, text, tree: parseCalloutText(text, fileName) });
}

/** The flow file a definition links (`flow:`), else the first flow of the project that calls its action. */
export function linkedFlowFile(project: ProjectIndex | undefined, def: CalloutDefinition): string | undefined {
  if (def.flow) {
    const hit = project?.findFlowByPath(def.flow);
    if (hit) return hit.file;
    const root = project?.root ?? path.dirname(def.doc.fileName);
    return path.isAbsolute(def.flow) ? def.flow : path.join(root, def.flow);
  }
  if (!project || !def.name) return undefined;
  const action = `${def.name}.${def.operation}`.toLowerCase();
  for (const f of project.flows.values()) {
    if (f.actionCalls.some((a) => a.actionType === 'externalService' && (a.actionName ?? '').toLowerCase() === action)) return f.file;
  }
  return undefined;
}

export async function contextFromProject(
  project: ProjectIndex | undefined,
  definition: { text: string; fileName: string },
  readFile: (file: string) => Promise<string>,
): Promise<CalloutContext> {
  const ctx: CalloutContext = { definition, projectRoot: project?.root, notes: [] };
  const def = definitionOf(ctx);
  const ncName = def.namedCredential;
  const find = <T>(map: Map<string, T> | undefined, key: string | undefined) => {
    if (!map || !key) return undefined;
    return map.get(key) ?? [...map.entries()].find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  };
  ctx.namedCredential = find(project?.namedCredentials, ncName);
  ctx.externalCredential = find(project?.externalCredentials, ctx.namedCredential?.externalCredential);
  const flowFile = linkedFlowFile(project, def);
  if (flowFile) {
    try {
      ctx.flow = { file: flowFile, text: await readFile(flowFile) };
    } catch (e) {
      ctx.notes!.push(`The linked flow ${def.flow ?? flowFile} could not be read (${(e as Error).message.split('\n')[0]}): flow variables are checked against the definition's outputs only. Fix "flow" in ${path.basename(definition.fileName)}.`);
    }
  }
  return ctx;
}

/** Whether the flow reaches the action only on an asynchronous path (then the 12 MB limit applies). */
export function isAsyncInFlow(flow: LinkedFlow | undefined, def: CalloutDefinition): { async: boolean; reason: string } {
  if (!flow) return { async: false, reason: 'no flow calls this action here, so the synchronous limit applies' };
  const model = buildFlowModel(flow.text);
  const actions = actionElementsOf(model, def);
  if (!actions.length) return { async: false, reason: `${path.basename(flow.file)} does not call ${def.name}.${def.operation}; the synchronous limit applies` };
  const graph = buildFlowGraph(model);
  const syncOnes = actions.filter((a) => graph.isSync(a.name) || !graph.asyncPathOf(a.name));
  if (syncOnes.length) return { async: false, reason: `${syncOnes[0].name} runs on the synchronous path of ${path.basename(flow.file)}` };
  return { async: true, reason: `${actions[0].name} runs on the asynchronous path ${graph.asyncPathOf(actions[0].name)} of ${path.basename(flow.file)}` };
}
