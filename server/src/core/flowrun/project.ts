// The part of an SFDX project a send from a flow reads — named and external credentials, registrations,
// callout definitions, Flow Tests and the saved test inputs — through the file access passed in. The CLI and
// the extension host both load it this way (the host holds the secrets, so the send runs there).
import * as path from 'node:path';
import type { ProjectFs } from '../project/fs';
import { classifyFile, ProjectIndex, type MetadataKind } from '../project/index';
import { summarizeFlow } from '../flow/summary';
import { classifyAction } from '../flow/reach';
import { SFDX_PROJECT_FILE } from '../project/fileKinds';
import { readFlowTest, readTestInputs, testInputsPath, type FlowTestInputs } from './testInputs';

export interface FlowSendProject {
  project: ProjectIndex;
  flowTests: FlowTestInputs[];
}

/** What a send reads: credentials, registrations (with their decomposed schema files), definitions, and Apex
 * classes (to say what an Apex callout action does: send.ts apexNotSent). */
const SEND_KINDS = new Set<MetadataKind>(['namedCredential', 'externalCredential', 'esr', 'esrSchema', 'callout', 'apex']);

/** Only the Apex classes (and sfdx-project.json): enough to tell which Apex actions call out (the flow lens). */
export async function loadApexProject(root: string, fs: ProjectFs): Promise<ProjectIndex> {
  const project = new ProjectIndex(root, { summarizeFlow });
  const projectFile = path.join(root, SFDX_PROJECT_FILE);
  if (await fs.exists(projectFile)) project.update(projectFile, await fs.readFile(projectFile));
  for (const file of await project.projectFiles(fs)) {
    if (classifyFile(file) !== 'apex') continue;
    try {
      project.update(file, await fs.readFile(file));
    } catch {
      // unreadable: not a callout we can name
    }
  }
  return project;
}

/** The Apex actions (by action name) among `actionNames` that call out, as the lint classifies them. */
export function apexCalloutActions(project: ProjectIndex, actionNames: string[]): string[] {
  return actionNames.filter((n) => !!classifyAction(project, 'apex', n)?.apexEvidence);
}

export async function loadFlowSendProject(root: string, fs: ProjectFs): Promise<FlowSendProject> {
  const project = new ProjectIndex(root, { summarizeFlow });
  const projectFile = path.join(root, SFDX_PROJECT_FILE);
  if (await fs.exists(projectFile)) project.update(projectFile, await fs.readFile(projectFile));
  const flowTests: FlowTestInputs[] = [];
  for (const file of await project.projectFiles(fs)) {
    const isTest = file.endsWith('.flowtest-meta.xml');
    const kind = classifyFile(file);
    if (!isTest && !(kind && SEND_KINDS.has(kind))) continue;
    let text: string;
    try {
      text = await fs.readFile(file);
    } catch {
      continue;
    }
    if (isTest) {
      const t = readFlowTest(text);
      if (t) flowTests.push(t);
    } else project.update(file, text);
  }
  return { project, flowTests };
}

/** The Flow Tests of a flow (by API name). */
export function flowTestsOf(p: FlowSendProject, flowName: string): FlowTestInputs[] {
  return p.flowTests.filter((t) => t.flowApiName.toLowerCase() === flowName.toLowerCase());
}

/** The saved test inputs of an action, if the file exists; throws a message the user can act on when it is broken. */
export async function savedTestInputs(root: string, flowName: string, element: string, fs: ProjectFs): Promise<Record<string, unknown> | undefined> {
  const file = path.join(root, testInputsPath(flowName, element));
  if (!(await fs.exists(file))) return undefined;
  const r = readTestInputs(await fs.readFile(file), testInputsPath(flowName, element));
  if (r.error) throw new Error(r.error);
  return r.values;
}
