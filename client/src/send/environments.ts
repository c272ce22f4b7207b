// The environments file of the workspace (setting flowCallout.environmentsFile) and the environment picker,
// which remembers the last choice per workspace.
import * as vscode from 'vscode';
import type { EnvironmentsFile } from '../../../server/src/core/callout/environments';
import { loadEngine } from './loadEngine';
import { DEFAULT_ENVIRONMENTS_FILE, defaultEnvironment, environmentNames, MOCK_ENVIRONMENT, METADATA_ENVIRONMENT } from '../../../server/src/core/callout/names';

const LAST_KEY = 'flowCallout.lastEnvironment';

export function environmentsFileUri(folder: vscode.WorkspaceFolder | undefined): vscode.Uri | undefined {
  if (!folder) return undefined;
  const setting = vscode.workspace.getConfiguration('flowCallout', folder.uri).get<string>('environmentsFile') || DEFAULT_ENVIRONMENTS_FILE;
  return /^([a-zA-Z]:)?[\\/]/.test(setting) ? vscode.Uri.file(setting) : vscode.Uri.joinPath(folder.uri, setting);
}

/** The parsed environments file, undefined when there is none; throws with a message naming the file when it is broken. */
export async function loadEnvironments(folder: vscode.WorkspaceFolder | undefined): Promise<EnvironmentsFile | undefined> {
  const uri = environmentsFileUri(folder);
  if (!uri) return undefined;
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
  const { parseEnvironments } = loadEngine();
  const parsed = parseEnvironments(text, vscode.workspace.asRelativePath(uri));
  if (!parsed.value) throw new Error(vscode.l10n.t('{0} Fix it (schema: schemas/environments.schema.json) or change the setting flowCallout.environmentsFile.', parsed.problems.join(' ')));
  return parsed.value;
}

/** The environment used last; `trustStored` accepts it without the file (for the CodeLens title). */
export function lastEnvironment(state: vscode.Memento, file: EnvironmentsFile | undefined, trustStored = false): string {
  const last = state.get<string>(LAST_KEY);
  return last && (trustStored || environmentNames(file).includes(last)) ? last : defaultEnvironment(file);
}

export async function rememberEnvironment(state: vscode.Memento, name: string): Promise<void> {
  await state.update(LAST_KEY, name);
}

/** Asks for the environment, the last used first; with only one there is nothing to ask. */
export async function pickEnvironment(state: vscode.Memento, file: EnvironmentsFile | undefined): Promise<string | undefined> {
  const last = lastEnvironment(state, file);
  // Before the first send nothing was used: the default is first, and says so (not "last used").
  const used = state.get<string>(LAST_KEY) === last;
  const names = environmentNames(file);
  if (names.length === 1) {
    await rememberEnvironment(state, names[0]);
    return names[0];
  }
  const items: (vscode.QuickPickItem & { name: string })[] = names.map((name) => ({
    name,
    label: name,
    description: name === MOCK_ENVIRONMENT ? vscode.l10n.t('built-in mock: serves the samples on loopback, offline')
      : name === METADATA_ENVIRONMENT ? vscode.l10n.t('the URL in the named credential metadata')
      : file?.environments.get(name)?.description ?? file?.file,
    detail: name === last ? (used ? vscode.l10n.t('last used') : vscode.l10n.t('default')) : undefined,
  }));
  items.sort((a, b) => (a.name === last ? -1 : b.name === last ? 1 : 0));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Send Test Callout to…'), placeHolder: file ? undefined : vscode.l10n.t('Add environments in {0} (setting flowCallout.environmentsFile)', DEFAULT_ENVIRONMENTS_FILE) });
  if (!picked) return undefined;
  await rememberEnvironment(state, picked.name);
  return picked.name;
}

/**
 * What every send does first: read the environments file, take the environment asked for (when the file has it)
 * or ask, and remember the choice. Undefined when the file is broken (the message names it, with Open file) or
 * the pick is cancelled.
 */
export async function chooseEnvironment(state: vscode.Memento, folder: vscode.WorkspaceFolder | undefined, asked?: unknown): Promise<{ environment: string; environments: EnvironmentsFile | undefined } | undefined> {
  let environments: EnvironmentsFile | undefined;
  try {
    environments = await loadEnvironments(folder);
  } catch (e) {
    const open = vscode.l10n.t('Open file');
    void vscode.window.showErrorMessage((e as Error).message, open).then((c) => {
      const file = environmentsFileUri(folder);
      if (c === open && file) void vscode.window.showTextDocument(file);
    });
    return undefined;
  }
  let environment = typeof asked === 'string' && environmentNames(environments).includes(asked) ? asked : undefined;
  if (typeof asked === 'string' && !environment) void vscode.window.showWarningMessage(vscode.l10n.t('There is no environment "{0}"; pick one.', asked));
  environment ??= await pickEnvironment(state, environments);
  if (!environment) return undefined;
  await rememberEnvironment(state, environment);
  return { environment, environments };
}
