// The SFDX project around a file, read through vscode.workspace.fs: its root (nearest sfdx-project.json),
// default package directory, API version and named/external credentials — what the generators need.
import * as vscode from 'vscode';
import type { ExternalCredentialInfo, NamedCredentialInfo } from '../../../server/src/core/project/metadata';
import { loadGenerators } from './loadEngine';
import { SFDX_PROJECT_FILE } from '../../../server/src/core/project/fileKinds';
import { readSfdxProject } from '../../../server/src/core/project/sfdxProject';

export interface ClientProject {
  root: vscode.Uri;
  packageDir: string;
  apiVersion?: string;
}

const decoder = new TextDecoder();

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export async function projectOf(file: vscode.Uri): Promise<ClientProject> {
  const folder = vscode.workspace.getWorkspaceFolder(file);
  let dir = vscode.Uri.joinPath(file, '..');
  for (let i = 0; i < 32; i++) {
    const text = await readText(vscode.Uri.joinPath(dir, SFDX_PROJECT_FILE));
    if (text !== undefined) {
      const project = readSfdxProject(text);
      return { root: dir, packageDir: project.defaultPackageDir, apiVersion: project.apiVersion };
    }
    if (folder && dir.path === folder.uri.path) break;
    const parent = vscode.Uri.joinPath(dir, '..');
    if (parent.path === dir.path) break;
    dir = parent;
  }
  return { root: folder?.uri ?? vscode.Uri.joinPath(file, '..'), packageDir: 'force-app' };
}

export function metadataDir(project: ClientProject): vscode.Uri {
  return vscode.Uri.joinPath(project.root, ...project.packageDir.split(/[\\/]/), 'main', 'default');
}

/** Named credentials (and the external credential of `name`) from the project's metadata files. */
export async function credentialsOf(project: ClientProject, name?: string): Promise<{ all: NamedCredentialInfo[]; named?: NamedCredentialInfo; external?: ExternalCredentialInfo }> {
  const base = new vscode.RelativePattern(project.root, '**/namedCredentials/*.namedCredential-meta.xml');
  const files = await vscode.workspace.findFiles(base, '**/node_modules/**', 500);
  const { readNamedCredential, readExternalCredential } = loadGenerators();
  const all: NamedCredentialInfo[] = [];
  for (const f of files) {
    const text = await readText(f);
    const n = f.path.replace(/^.*\//, '').replace(/\.namedCredential-meta\.xml$/, '');
    if (text !== undefined) all.push(readNamedCredential(n, f.fsPath, text));
  }
  const named = name ? all.find((c) => c.name === name) : undefined;
  let external: ExternalCredentialInfo | undefined;
  if (named?.externalCredential) {
    const ecFiles = await vscode.workspace.findFiles(new vscode.RelativePattern(project.root, `**/externalCredentials/${named.externalCredential}.externalCredential-meta.xml`), '**/node_modules/**', 1);
    const text = ecFiles[0] ? await readText(ecFiles[0]) : undefined;
    if (text !== undefined) external = readExternalCredential(named.externalCredential, ecFiles[0].fsPath, text);
  }
  return { all, named, external };
}
