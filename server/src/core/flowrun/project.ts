// The part of an SFDX project a send from a flow reads — named and external credentials, registrations,
// callout definitions, Flow Tests and the saved test inputs — through the file access passed in. The CLI and
// the extension host both load it this way (the host holds the secrets, so the send runs there).
import * as path from 'node:path';
import type { ProjectFs } from '../project/fs';
import { classifyFile, ProjectIndex } from '../project/index';
import { summarizeFlow } from '../flow/summary';
import { readFlowTest, readTestInputs, testInputsPath, type FlowTestInputs } from './testInputs';

export interface FlowSendProject {
  project: ProjectIndex;
  flowTests: FlowTestInputs[];
}

export async function loadFlowSendProject(root: string, fs: ProjectFs): Promise<FlowSendProject> {
  const project = new ProjectIndex(root, { summarizeFlow });
  const projectFile = path.join(root, 'sfdx-project.json');
  if (await fs.exists(projectFile)) project.update(projectFile, await fs.readFile(projectFile));
  const flowTests: FlowTestInputs[] = [];
  const dirs = project.packageDirectories.length ? project.packageDirectories.map((d) => path.join(root, d)) : [root];
  const seen = new Set<string>();
  for (const dir of [...dirs, root]) {
    for (const file of await fs.listFiles(dir)) {
      if (seen.has(file)) continue;
      seen.add(file);
      const kind = classifyFile(file);
      const isTest = file.endsWith('.flowtest-meta.xml');
      if (!isTest && kind !== 'namedCredential' && kind !== 'externalCredential' && kind !== 'esr' && kind !== 'callout') continue;
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
