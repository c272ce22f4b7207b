// What the generate and import commands share: the project around a file (root, default package folder,
// API version), reading definitions, and writing generated files safely (atomic; never over a hand-edited
// file without --force).
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { CalloutDefinition } from '../core/model/definition';
import { parseCalloutText } from '../core/parse';
import { decideWrite, writeFileAtomic, withMarker, type GeneratedFile } from '../core/generate/files';
import { findProjectRoot } from './projectRoot';
import { SFDX_PROJECT_FILE } from '../core/project/fileKinds';
import { readSfdxProject } from '../core/project/sfdxProject';

export interface ProjectLayout {
  root: string;
  /** The default package directory (`force-app`), relative to root. */
  packageDir: string;
  apiVersion?: string;
}

export async function projectLayout(start: string): Promise<ProjectLayout> {
  const root = await findProjectRoot(start);
  const project = readSfdxProject(await fsp.readFile(path.join(root, SFDX_PROJECT_FILE), 'utf8').catch(() => undefined));
  return { root, packageDir: project.defaultPackageDir, apiVersion: project.apiVersion };
}

/** `<packageDir>/main/default`, where SFDX source format keeps metadata folders. */
export function metadataDir(layout: ProjectLayout): string {
  return path.join(layout.root, layout.packageDir, 'main', 'default');
}

export async function readDefinition(file: string): Promise<CalloutDefinition> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch {
    throw new Error(`${file}: cannot be read. Give the path of a callout definition (*.callout.yaml or *.callout.json).`);
  }
  return new CalloutDefinition({ fileName: file, text, tree: parseCalloutText(text, file) });
}

export interface WriteOutcome {
  file: string;
  decision: 'create' | 'unchanged' | 'update' | 'conflict' | 'overwrite';
}

/** Writes generated files (marked, atomically). A conflicting file is written only with `force`. */
export async function writeGenerated(files: GeneratedFile[], source: string, force: boolean, dryRun = false): Promise<WriteOutcome[]> {
  const out: WriteOutcome[] = [];
  for (const f of files) {
    const text = withMarker(f.path, f.text, source);
    const existing = await fsp.readFile(f.path, 'utf8').catch(() => undefined);
    let decision: WriteOutcome['decision'] = decideWrite(existing, text);
    if (decision === 'conflict' && force) decision = 'overwrite';
    if (!dryRun && decision !== 'unchanged' && decision !== 'conflict') await writeFileAtomic(fsp, f.path, text);
    out.push({ file: f.path, decision });
  }
  return out;
}

const VERB: Record<WriteOutcome['decision'], string> = {
  create: 'created', update: 'updated', overwrite: 'overwritten (--force)', unchanged: 'unchanged', conflict: 'NOT written',
};

export function reportWrites(outcomes: WriteOutcome[], cwd: string, dryRun = false): string[] {
  return outcomes.map((o) => {
    const rel = path.relative(cwd, o.file) || o.file;
    if (o.decision === 'conflict') return `${rel}: not written — it was edited by hand or retrieved from an org since it was generated. Compare it, then run again with --force to replace it.`;
    return `${rel}: ${dryRun && o.decision !== 'unchanged' ? `would be ${VERB[o.decision]}` : VERB[o.decision]}`;
  });
}

/** `[2/10] file` on stderr when it is a terminal, for long runs. */
export function progress(i: number, n: number, label: string): void {
  if (n > 1 && process.stderr.isTTY) process.stderr.write(`[${i}/${n}] ${label}\n`);
}
