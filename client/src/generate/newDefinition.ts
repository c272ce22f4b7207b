// "New Callout Definition": asks for the name, the method and the named credential (the project's own are
// offered), writes <folder>/<Name>.callout.yaml that validates clean, and opens it. From the palette it goes
// to callouts/ in the project; from the explorer, to the folder clicked. A flow action can start one with its
// service and operation filled in (the code action on <actionCalls> in flow XML).
import * as vscode from 'vscode';
import { loadGenerators } from './loadEngine';
import { credentialsOf, projectOf } from './project';

export interface NewDefinitionPreset {
  name?: string;
  operation?: string;
  origin?: string;
}

const METHOD_HINTS: Record<string, string> = {
  GET: 'read: no request body',
  POST: 'create: sends a body',
  PUT: 'replace: sends a body',
  PATCH: 'update: sends a body',
  DELETE: 'delete: no request body',
};

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The folder to write into: the one given (explorer), else callouts/ in the project of the active file or first folder. */
async function targetFolder(given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri) {
    try {
      const stat = await vscode.workspace.fs.stat(given);
      return stat.type & vscode.FileType.Directory ? given : vscode.Uri.joinPath(given, '..');
    } catch {
      return given;
    }
  }
  const anchor = vscode.window.activeTextEditor?.document.uri;
  const folder = (anchor && vscode.workspace.getWorkspaceFolder(anchor)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const project = await projectOf(vscode.Uri.joinPath(folder.uri, 'sfdx-project.json'));
  return vscode.Uri.joinPath(project.root, 'callouts');
}

export async function newCalloutDefinition(folderArg?: vscode.Uri, preset: NewDefinitionPreset = {}): Promise<vscode.Uri | undefined> {
  const folder = await targetFolder(folderArg);
  if (!folder) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder (your SFDX project) first: the definition is written into it.'));
    return undefined;
  }
  const { checkServiceName, newDefinitionFileName, newDefinitionYaml, NEW_DEFINITION_METHODS } = loadGenerators();
  const title = vscode.l10n.t('New Callout Definition');
  const name = await vscode.window.showInputBox({
    title: `${title} (1/3)`,
    prompt: vscode.l10n.t('External Service name: letters and digits, starting with a letter. The Flow action is <name>.<operation>.'),
    placeHolder: 'OrderStatus',
    value: preset.name,
    ignoreFocusOut: true,
    validateInput: async (v) => checkServiceName(v.trim()) ?? ((await exists(vscode.Uri.joinPath(folder, newDefinitionFileName(v.trim())))) ? vscode.l10n.t('{0} already exists in this folder.', newDefinitionFileName(v.trim())) : undefined),
  });
  if (name === undefined) return undefined;
  const method = await vscode.window.showQuickPick(
    NEW_DEFINITION_METHODS.map((m) => ({ label: m, description: METHOD_HINTS[m] })),
    { title: `${title} (2/3)`, placeHolder: vscode.l10n.t('HTTP method'), ignoreFocusOut: true },
  );
  if (!method) return undefined;
  const namedCredential = await pickNamedCredential(folder, `${title} (3/3)`);
  if (!namedCredential) return undefined;

  const file = vscode.Uri.joinPath(folder, newDefinitionFileName(name.trim()));
  if (await exists(file)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} already exists: nothing was written.', vscode.workspace.asRelativePath(file)));
    return undefined;
  }
  const text = newDefinitionYaml({ name: name.trim(), method: method.label as (typeof NEW_DEFINITION_METHODS)[number], namedCredential, operation: preset.operation, origin: preset.origin });
  await vscode.workspace.fs.createDirectory(folder);
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(file);
  return file;
}

async function pickNamedCredential(folder: vscode.Uri, title: string): Promise<string | undefined> {
  const project = await projectOf(vscode.Uri.joinPath(folder, 'x'));
  const { all } = await credentialsOf(project);
  const other = vscode.l10n.t('Another named credential…');
  if (all.length) {
    const items: vscode.QuickPickItem[] = [
      ...all.sort((a, b) => a.name.localeCompare(b.name)).map((c) => ({ label: c.name, description: c.url, detail: c.externalCredential ? vscode.l10n.t('external credential {0}', c.externalCredential) : undefined })),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: other, description: vscode.l10n.t('one that is only in the org') },
    ];
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Named credential (gives the base URL and authentication)'), ignoreFocusOut: true, matchOnDescription: true });
    if (!picked) return undefined;
    if (picked.label !== other) return picked.label;
  }
  const typed = await vscode.window.showInputBox({
    title,
    prompt: all.length
      ? vscode.l10n.t('API name of the named credential.')
      : vscode.l10n.t('No named credentials in this project (namedCredentials/*.namedCredential-meta.xml). API name of the one in the org — retrieve it later so its URL and authentication can be checked.'),
    ignoreFocusOut: true,
    validateInput: (v) => (/^[A-Za-z][A-Za-z0-9_]*$/.test(v.trim()) ? undefined : vscode.l10n.t('An API name: letters, digits and underscores, starting with a letter.')),
  });
  return typed?.trim() || undefined;
}
