// VS Code commands for the generators: Generate External Service, Apex Types preview, Import from cURL…,
// Import External Service…, Copy as cURL. They call the pure core (server/src/core/generate) directly — see
// ARCHITECTURE.md "Generators and import" for why not through the language server.
import * as vscode from 'vscode';
import type { CalloutDefinition } from '../../../server/src/core/model/definition';
import { isCalloutFile } from '../../../server/src/core/project/fileKinds';
import { loadGenerators, setGeneratorsRoot } from './loadEngine';
import { newCalloutDefinition, type NewDefinitionPreset } from './newDefinition';
import { credentialsOf, metadataDir, projectOf, readText } from './project';
import { GENERATED_SCHEME, GeneratedContentProvider, writeGeneratedFile, type WriteResult } from './write';

const CALLOUT_LANGUAGES = ['flow-callout-yaml', 'flow-callout-json'];

const isCalloutDocument = (doc: vscode.TextDocument | undefined): doc is vscode.TextDocument => !!doc && (CALLOUT_LANGUAGES.includes(doc.languageId) || isCalloutFile(doc.fileName));

/** The definition given, else the active one, else one picked from the workspace's (the palette works anywhere). */
async function calloutDocument(uri?: vscode.Uri, title = vscode.l10n.t('Pick a callout definition')): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) {
    const doc = await vscode.workspace.openTextDocument(uri);
    if (isCalloutDocument(doc)) return doc;
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not a callout definition (*.callout.yaml or *.callout.json).', vscode.workspace.asRelativePath(uri)));
    return undefined;
  }
  const active = vscode.window.activeTextEditor?.document;
  if (isCalloutDocument(active)) return active;
  const files = (await vscode.workspace.findFiles('**/*.callout.{yaml,yml,json}', '**/node_modules/**', 2000))
    .sort((a, b) => vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b)));
  if (!files.length) {
    const create = vscode.l10n.t('New Callout Definition…');
    const c = await vscode.window.showInformationMessage(vscode.l10n.t('This workspace has no callout definitions (*.callout.yaml) yet.'), create);
    if (c === create) await vscode.commands.executeCommand('flowCallout.newCalloutDefinition');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((f) => ({ label: f.path.replace(/^.*\//, '').replace(/\.callout\.(ya?ml|json)$/, ''), description: vscode.workspace.asRelativePath(f), uri: f })),
    { title, matchOnDescription: true },
  );
  return picked ? vscode.workspace.openTextDocument(picked.uri) : undefined;
}

function definitionOf(doc: vscode.TextDocument): CalloutDefinition {
  const { CalloutDefinition, parseCalloutText } = loadGenerators();
  const text = doc.getText();
  return new CalloutDefinition({ fileName: doc.fileName, text, tree: parseCalloutText(text, doc.fileName) });
}

/** The errors the editor shows for the document (the language server's diagnostics): what must be fixed first. */
function errorsOf(doc: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.source === 'flow-callout');
}

function relative(project: vscode.Uri, file: vscode.Uri): string {
  const root = project.path.replace(/\/?$/, '/');
  return file.path.startsWith(root) ? file.path.slice(root.length) : file.path.replace(/^.*\//, '');
}

const VERB: Record<WriteResult, string> = { created: 'created', updated: 'updated', unchanged: 'unchanged', overwritten: 'replaced', kept: 'kept as it was' };

async function generateExternalService(provider: GeneratedContentProvider, uri?: vscode.Uri): Promise<void> {
  const doc = await calloutDocument(uri, vscode.l10n.t('Generate External Service from…'));
  if (!doc) return;
  const def = definitionOf(doc);
  const errors = errorsOf(doc);
  if (errors.length) {
    const show = vscode.l10n.t('Show Problems');
    const pick = await vscode.window.showErrorMessage(vscode.l10n.t('{0} has {1} error(s), so no External Service was generated: {2}', doc.fileName.replace(/^.*[\\/]/, ''), errors.length, errors[0].message), show);
    if (pick === show) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return;
  }
  const { esrFileName, generateEsr } = loadGenerators();
  const project = await projectOf(doc.uri);
  const esr = generateEsr(def, { apiVersion: project.apiVersion ? Number(project.apiVersion) : undefined });
  if (esr.errors.length) {
    void vscode.window.showErrorMessage(esr.errors.join(' '));
    return;
  }
  const target = vscode.Uri.joinPath(metadataDir(project), 'externalServiceRegistrations', esrFileName(esr.name));
  const result = await writeGeneratedFile(target, { path: target.path, text: esr.xml, kind: 'External Service registration' }, relative(project.root, doc.uri), provider);
  const open = vscode.l10n.t('Open');
  const types = vscode.l10n.t('Apex Types');
  const warn = esr.warnings.length ? ` ${vscode.l10n.t('Note: {0}', esr.warnings.join(' '))}` : '';
  const pick = await (esr.warnings.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)(
    vscode.l10n.t('External Service {0}: {1} {2}.', esr.name, relative(project.root, target), VERB[result]) + warn, open, types,
  );
  if (pick === open) await vscode.window.showTextDocument(target);
  if (pick === types) await previewTypes(provider, doc.uri);
}

async function previewTypes(provider: GeneratedContentProvider, uri?: vscode.Uri): Promise<void> {
  const doc = await calloutDocument(uri, vscode.l10n.t('Apex Types of…'));
  if (!doc) return;
  const def = definitionOf(doc);
  const { formatApexTypesMarkdown, previewApexTypes } = loadGenerators();
  const markdown = `# ${def.name ?? 'Callout'}: what Flow gets\n\n${formatApexTypesMarkdown(previewApexTypes(def))}`;
  const virtual = provider.show(vscode.Uri.file(`/${def.name ?? 'callout'}.apex-types.md`), markdown);
  await vscode.commands.executeCommand('markdown.showPreviewToSide', virtual);
}

async function copyAsCurl(uri?: vscode.Uri): Promise<void> {
  const doc = await calloutDocument(uri, vscode.l10n.t('Copy as cURL…'));
  if (!doc) return;
  const def = definitionOf(doc);
  const project = await projectOf(doc.uri);
  const creds = await credentialsOf(project, def.namedCredential);
  const { command, placeholders } = loadGenerators().definitionToCurl(def, { namedCredential: creds.named, externalCredential: creds.external });
  await vscode.env.clipboard.writeText(command);
  const vars = placeholders.filter((p) => p.name !== '(host)').map((p) => `$${p.name}`);
  const host = placeholders.some((p) => p.name === '(host)') ? ` ${vscode.l10n.t('Named credential {0} is not in the project: replace the stand-in host.', def.namedCredential ?? '')}` : '';
  void vscode.window.showInformationMessage(vars.length ? vscode.l10n.t('Copied as cURL. Set {0} before running it.', vars.join(', ')) + host : vscode.l10n.t('Copied as cURL.') + host);
}

const looksLikeCurl = (text: string) => /^\s*(\$\s+)?curl(\.exe)?\s/.test(text);

/**
 * The curl command: typed or pasted into the pick box, or read from the clipboard when the person picks
 * "Read from clipboard" — never before (a browser asks for clipboard access on the read; it must follow a choice
 * that explains it). The clipboard's command is shown in an input box to check before anything is written.
 */
async function askCurlCommand(): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { action: 'typed' | 'clipboard' };
  const title = vscode.l10n.t('Import from cURL');
  const clipboard: Item = { label: `$(clippy) ${vscode.l10n.t('Read from clipboard')}`, description: vscode.l10n.t('reads it now and shows it before importing'), action: 'clipboard', alwaysShow: true };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = title;
  pick.placeholder = vscode.l10n.t('Paste cURL command (from the API docs) here, or pick "Read from clipboard"');
  pick.items = [clipboard];
  const chosen = await new Promise<{ action: Item['action']; value: string } | undefined>((resolve) => {
    pick.onDidChangeValue((v) => {
      pick.items = looksLikeCurl(v)
        ? [{ label: `$(check) ${vscode.l10n.t('Import this command')}`, description: v.trim().slice(0, 120), action: 'typed', alwaysShow: true }, clipboard]
        : [clipboard];
    });
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? pick.activeItems[0];
      resolve(item ? { action: item.action, value: pick.value } : undefined);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!chosen) return undefined;
  if (chosen.action === 'typed') return chosen.value.trim();
  const clip = await vscode.env.clipboard.readText().then((t) => t, () => undefined);
  const found = clip !== undefined && looksLikeCurl(clip);
  return vscode.window.showInputBox({
    title,
    prompt: found
      ? vscode.l10n.t('The command from the clipboard: check it, then Enter. Headers and credentials become notes; secrets are not copied.')
      : clip === undefined
        ? vscode.l10n.t('The clipboard could not be read (the browser did not allow it). Paste the command here.')
        : vscode.l10n.t('The clipboard holds no curl command. Paste one here.'),
    value: found ? clip.trim() : '',
    ignoreFocusOut: true,
    validateInput: (v) => (looksLikeCurl(v) ? undefined : vscode.l10n.t('A curl command starts with "curl"')),
  });
}

async function importFromCurl(provider: GeneratedContentProvider): Promise<void> {
  const command = await askCurlCommand();
  if (!command) return;
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  // projectOf looks upward from a file; a file name inside the folder stands in when no editor is open.
  const from = active?.scheme === 'file' ? active : folder ? vscode.Uri.joinPath(folder, 'sfdx-project.json') : undefined;
  if (!from) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder (an SFDX project) first: the definition is saved in its callouts/ folder.'));
    return;
  }
  const project = await projectOf(from);
  const creds = await credentialsOf(project);
  const { importCurl, isValidExternalServiceName } = loadGenerators();
  const knownCredentials = creds.all.map((c) => ({ name: c.name, url: c.url }));
  // The names, prefilled from the URL (and a project credential whose URL matches), for the person to confirm.
  const derived = importCurl(command, { knownCredentials });
  if (!derived.operation) {
    void vscode.window.showErrorMessage(derived.errors.join(' '));
    return;
  }
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Import from cURL: External Service name'),
    prompt: vscode.l10n.t('The service name flows show (Service.operation): a letter first, then letters and digits.'),
    value: derived.name, ignoreFocusOut: true,
    validateInput: (v) => (isValidExternalServiceName(v.trim()) ? undefined : vscode.l10n.t('A letter first, then letters and digits only (no spaces, dashes or underscores).')),
  });
  if (name === undefined) return;
  const operation = await vscode.window.showInputBox({
    title: vscode.l10n.t('Import from cURL: operation name'),
    prompt: vscode.l10n.t('The operation of {0} (the Flow action is {0}.<operation>).', name.trim()),
    value: derived.operation, ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Give the operation a name.')),
  });
  if (operation === undefined) return;
  const result = importCurl(command, { knownCredentials, name: name.trim(), operation: operation.trim() });
  if (result.errors.length) {
    void vscode.window.showErrorMessage(result.errors.join(' '));
    return;
  }
  const target = vscode.Uri.joinPath(project.root, 'callouts', result.fileName);
  if ((await readText(target)) !== undefined) {
    const doc = await vscode.workspace.openTextDocument({ language: 'flow-callout-yaml', content: result.text });
    await vscode.window.showTextDocument(doc);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists, so the import is in an unsaved editor.', relative(project.root, target)));
    return;
  }
  await writeGeneratedFile(target, { path: target.path, text: result.text, kind: 'callout definition' }, 'curl', provider);
  await vscode.window.showTextDocument(target);
  void vscode.window.showInformationMessage(vscode.l10n.t('Imported {0}. Paste a real response into the 2XX sample; {1} note(s) about the named credential are at the top.', result.name, result.notes.length));
}

async function importExternalService(provider: GeneratedContentProvider, uri?: vscode.Uri): Promise<void> {
  let file = uri instanceof vscode.Uri ? uri : undefined;
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import External Service'), canSelectMany: false, openLabel: vscode.l10n.t('Import'),
      filters: { [vscode.l10n.t('External Service registrations')]: ['xml', 'yaml', 'yml'] },
    });
    file = picked?.[0];
  }
  if (!file) return;
  const { esrNameOf, importEsr } = loadGenerators();
  const name = esrNameOf(file.path);
  const xmlUri = /\.ya?ml$|\.json$/i.test(file.path) ? vscode.Uri.joinPath(file, '..', `${name}.externalServiceRegistration-meta.xml`) : file;
  const xml = await readText(xmlUri);
  if (xml === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be read. Pick an *.externalServiceRegistration-meta.xml file.', xmlUri.path.replace(/^.*\//, '')));
    return;
  }
  let schemaText: string | undefined;
  for (const ext of ['yaml', 'yml', 'json']) schemaText ??= await readText(vscode.Uri.joinPath(xmlUri, '..', `${name}.${ext}`));
  const result = importEsr({ name, xml, schemaText, source: xmlUri.path.replace(/^.*\//, '') });
  if (result.errors.length) {
    void vscode.window.showErrorMessage(result.errors.join(' '));
    return;
  }
  const project = await projectOf(xmlUri);
  const written: vscode.Uri[] = [];
  for (const d of result.definitions) {
    const target = vscode.Uri.joinPath(project.root, 'callouts', d.fileName);
    const r = await writeGeneratedFile(target, { path: target.path, text: d.text, kind: 'callout definition' }, xmlUri.path.replace(/^.*\//, ''), provider);
    if (r !== 'kept') written.push(target);
  }
  if (written[0]) await vscode.window.showTextDocument(written[0]);
  const notes = result.definitions.reduce((n, d) => n + d.notes.length, 0);
  void vscode.window.showInformationMessage(vscode.l10n.t('Imported {0} callout definition(s) from {1} into callouts/.{2}', written.length, name, notes ? ' ' + vscode.l10n.t('See the notes at the top of each file.') : ''));
}

export function registerGenerators(context: vscode.ExtensionContext): void {
  setGeneratorsRoot(context.extensionPath);
  const provider = new GeneratedContentProvider();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(GENERATED_SCHEME, provider),
    vscode.commands.registerCommand('flowCallout.generateExternalService', (uri?: vscode.Uri) => generateExternalService(provider, uri)),
    vscode.commands.registerCommand('flowCallout.previewApexTypes', (uri?: vscode.Uri) => previewTypes(provider, uri)),
    vscode.commands.registerCommand('flowCallout.copyAsCurl', (uri?: vscode.Uri) => copyAsCurl(uri)),
    vscode.commands.registerCommand('flowCallout.importCurl', () => importFromCurl(provider)),
    vscode.commands.registerCommand('flowCallout.newCalloutDefinition', (folder?: vscode.Uri, preset?: NewDefinitionPreset) => newCalloutDefinition(folder, preset)),
    vscode.commands.registerCommand('flowCallout.importExternalService', (uri?: vscode.Uri) => importExternalService(provider, uri)),
  );
}
