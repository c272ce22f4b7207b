// Send Test Callout from a flow's External Service action: a CodeLens above each such action, and the
// command that sends it (environment and, with the mock, the status to answer) and shows what the flow does
// next in the flow-run panel. The send runs here in the host (secrets, proxy), with the engine bundle.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FlowSendResult, SimulatedOutcome } from '../../../server/src/core/flowrun/send';
import type { ProxySettings } from '../../../server/src/core/callout/send';
import type { SecretResolver } from '../../../server/src/core/callout/secrets';
import { FlowRunPanel, type FlowRunListener } from '../panel/flowRunPanel';
import { loadEnvironments, pickEnvironment, rememberEnvironment } from './environments';
import { loadEngine } from './loadEngine';

const ACTION_BLOCK = /<actionCalls>([\s\S]*?)<\/actionCalls>/g;

/** Lenses above every `<actionCalls>` whose actionType is externalService (located by a bounded scan). */
export class FlowActionLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || !/\.flow(-meta\.xml)?$/i.test(document.fileName)) return [];
    const text = document.getText();
    const out: vscode.CodeLens[] = [];
    ACTION_BLOCK.lastIndex = 0;
    for (let m = ACTION_BLOCK.exec(text); m && out.length < 400; m = ACTION_BLOCK.exec(text)) {
      if (!/<actionType>\s*externalService\s*<\/actionType>/.test(m[1])) continue;
      const name = /<name>\s*([^<\s]+)\s*<\/name>/.exec(m[1])?.[1];
      if (!name) continue;
      const range = new vscode.Range(document.positionAt(m.index), document.positionAt(m.index));
      out.push(new vscode.CodeLens(range, {
        title: vscode.l10n.t('$(play) Send Test Callout'), command: 'flowCallout.sendFromFlow', arguments: [document.uri, name],
        tooltip: vscode.l10n.t('Send {0} and show what the flow does next', name),
      }));
    }
    return out;
  }
}

export interface FlowSendOptions {
  environment?: string;
  /** With the mock: a status (declared ones are served from the registration's sample), `timeout` or `connection`. */
  status?: SimulatedOutcome;
  /** Values by parameter name or flow reference (tests; the prompt for missing inputs). */
  given?: Record<string, unknown>;
  /** Send even when the flow has errors, without asking. */
  confirmErrors?: boolean;
}

export interface FlowSendDeps {
  context: vscode.ExtensionContext;
  secrets: SecretResolver;
  proxy: () => ProxySettings | undefined;
  listeners: Set<FlowRunListener>;
  output: vscode.LogOutputChannel;
}

const LAST_INPUTS = 'flowCallout.flowSend.lastInputs';

/** The status the mock answers: picked from the operation's declared responses, plus timeout and connection error. */
async function pickStatus(responses: string[]): Promise<SimulatedOutcome | undefined | null> {
  const items: (vscode.QuickPickItem & { value: SimulatedOutcome | null })[] = [
    ...responses.filter((k) => /^\d{3}$/.test(k)).map((k) => ({ label: k, description: vscode.l10n.t('declared: answered from the registration'), value: Number(k) as SimulatedOutcome })),
    { label: vscode.l10n.t('First 2XX'), description: vscode.l10n.t('the mock\'s default'), value: null },
    { label: 'timeout', description: vscode.l10n.t('simulated, nothing sent'), value: 'timeout' },
    { label: 'connection', description: vscode.l10n.t('connection error, simulated'), value: 'connection' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('The mock answers with…') });
  return picked === undefined ? undefined : picked.value;
}

export async function sendFromFlowCommand(deps: FlowSendDeps, uriArg: vscode.Uri | string | undefined, element: string | undefined, options: FlowSendOptions = {}): Promise<FlowSendResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Send Test Callout is off in Restricted Mode: it sends requests and reads secrets.'));
    return undefined;
  }
  const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !element) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Use the "Send Test Callout" lens above an External Service action of a flow.'));
    return undefined;
  }
  // A flow with errors may not do what the path shows: ask first (tests pass confirmErrors).
  const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'flow-callout' && d.severity === vscode.DiagnosticSeverity.Error).length;
  if (errors && !options.confirmErrors) {
    const go = vscode.l10n.t('Send anyway');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} has {1} error(s) — send anyway?', path.basename(uri.fsPath), errors), { modal: true }, go);
    if (choice !== go) return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  const root = folder?.uri.fsPath ?? path.dirname(uri.fsPath);
  const engine = loadEngine();
  let environments;
  try {
    environments = await loadEnvironments(folder);
  } catch (e) {
    void vscode.window.showErrorMessage((e as Error).message);
    return undefined;
  }
  const environment = options.environment ?? (await pickEnvironment(deps.context.workspaceState, environments));
  if (!environment) return undefined;
  await rememberEnvironment(deps.context.workspaceState, environment);
  const text = (vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri))).getText();
  const flowName = path.basename(uri.fsPath).replace(/\.flow(-meta\.xml)?$/i, '');
  const loaded = await engine.loadFlowSendProject(root, engine.nodeFs);
  let status = options.status;
  if (status === undefined && environment === 'mock' && !('status' in options)) {
    const op = engine.resolveAction(loaded.project, actionNameOf(text, element) ?? '');
    const picked = await pickStatus(op.status === 'ok' ? op.op.responses : []);
    if (picked === undefined) return undefined;
    status = picked ?? undefined;
  }
  let saved: Record<string, unknown> | undefined;
  try {
    saved = await engine.savedTestInputs(root, flowName, element, engine.nodeFs);
  } catch (e) {
    void vscode.window.showErrorMessage((e as Error).message);
    return undefined;
  }
  const lastKey = `${LAST_INPUTS}.${flowName}.${element}`;
  const last = deps.context.workspaceState.get<Record<string, unknown>>(lastKey);
  const run = (given: Record<string, unknown>) => vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending {0} › {1} → {2}', flowName, element, environment), cancellable: true },
    (_p, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return engine.sendFromFlow({
        project: loaded.project, flow: { file: uri.fsPath, text }, element, readFile: engine.nodeFs.readFile, given, saved, last,
        flowTest: engine.flowTestsOf(loaded, flowName)[0], status,
        options: { secrets: deps.secrets, environment, environments, signal: controller.signal, proxy: deps.proxy() },
      });
    },
  );
  let result = await run(options.given ?? {});
  if (result.missing.length && !options.given) {
    const values: Record<string, unknown> = {};
    for (const name of result.missing) {
      const v = await vscode.window.showInputBox({ title: vscode.l10n.t('Value for {0}', name), prompt: vscode.l10n.t('JSON for a record (the body), text otherwise. Save test inputs keeps it in .flowcallout/tests/.'), ignoreFocusOut: true });
      if (v === undefined) break;
      values[name] = v;
    }
    if (result.missing.every((n) => n in values)) result = await run(values);
  }
  if (result.inputs.length) await deps.context.workspaceState.update(lastKey, Object.fromEntries(result.inputs.map((i) => [i.name, i.value])));
  deps.output.info(`[send] ${flowName}.${element} → ${environment}: ${result.error ?? result.notSent ?? `HTTP ${result.run?.outcome.status ?? '—'}, ${result.run?.end.kind}`}`);
  FlowRunPanel.show(deps.context.extensionUri, deps.listeners, {
    revealElement: (name) => void revealElement(uri, name),
    saveInputs: () => void saveTestInputs(root, flowName, element, result),
  }).showResult({ result, uri: uri.toString(), environment, version: documentVersion(uri), diagram: engine.diagramOfFlowText(text, result.element || element, result.run) });
  if (result.error) void vscode.window.showErrorMessage(result.error);
  return result;
}

/** The flow's open-document version when the send read it (the panel marks the result stale after an edit). */
function documentVersion(uri: vscode.Uri): number | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.version;
}

function actionNameOf(text: string, element: string): string | undefined {
  ACTION_BLOCK.lastIndex = 0;
  for (let m = ACTION_BLOCK.exec(text); m; m = ACTION_BLOCK.exec(text)) {
    if (new RegExp(`<name>\\s*${element.replace(/[^\w]/g, '')}\\s*</name>`).test(m[1])) return /<actionName>\s*([^<\s]+)\s*<\/actionName>/.exec(m[1])?.[1];
  }
  return undefined;
}

/** Selects the element's API name (its `<name>` value, read through the flow model: never an outcome's or a
 * parameter's `<name>` of the same spelling) in the flow XML. */
export async function revealElement(uri: vscode.Uri, name: string): Promise<vscode.Range | undefined> {
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
  const at = loadEngine().elementNameRange(editor.document.getText(), name);
  if (!at) return undefined;
  const range = new vscode.Range(editor.document.positionAt(at.offset), editor.document.positionAt(at.offset + at.length));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
  return range;
}

/** Writes the inputs used into .flowcallout/tests/<Flow>.<Action>.yaml — only when the user presses the button. */
async function saveTestInputs(root: string, flowName: string, element: string, result: FlowSendResult): Promise<void> {
  const engine = loadEngine();
  const rel = engine.testInputsPath(flowName, element);
  const target = vscode.Uri.file(path.join(root, rel));
  const values = Object.fromEntries(result.inputs.filter((i) => i.source !== 'flow literal').map((i) => [i.name, i.value]));
  const text = `# Test inputs for ${flowName} › ${element} (Flow Callout Studio). Values by parameter name or flow reference.\n${engine.stringifyYaml(values)}`;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the test inputs to {0}.', rel));
}
