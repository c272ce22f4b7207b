// Send Test Callout from a flow's External Service action: a CodeLens above each such action, and the
// command that sends it (environment and, with the mock, the status to answer) and shows what the flow does
// next in the Test Callout panel (its flow-run part). The send runs here in the host (secrets, proxy), with the
// engine bundle.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FlowSendResult, SimulatedOutcome } from '../../../server/src/core/flowrun/send';
import type { ProxySettings } from '../../../server/src/core/callout/send';
import type { MockServer } from '../../../server/src/core/callout/mock';
import type { SecretResolver } from '../../../server/src/core/callout/secrets';
import { randomUUID } from 'node:crypto';
import { toCurl } from '../../../server/src/core/callout/curl';
import type { PanelState } from '../panel/messages';
import { chooseEnvironment } from './environments';
import { loadEngine } from './loadEngine';
import { pickMockStatus, windowMock } from './mockChoice';

const ACTION_BLOCK = /<actionCalls>([\s\S]*?)<\/actionCalls>/g;

/**
 * Lenses above every `<actionCalls>` whose actionType is externalService, and above Apex actions whose class (or a
 * helper it calls) calls out, as the lint classifies them (flow/reach.ts; the project's Apex classes are read once
 * per workspace folder and again after a .cls file changes). Actions are located by a bounded scan.
 */
export class FlowActionLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly apexProjects = new Map<string, Promise<import('../../../server/src/core/project/index').ProjectIndex>>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*.cls');

  constructor() {
    const reset = () => {
      this.apexProjects.clear();
      this.refresh();
    };
    this.watcher.onDidChange(reset);
    this.watcher.onDidCreate(reset);
    this.watcher.onDidDelete(reset);
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }

  private async apexCallouts(uri: vscode.Uri, actionNames: string[]): Promise<Set<string>> {
    const root = (vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0])?.uri.fsPath;
    if (!root) return new Set();
    const engine = loadEngine();
    let project = this.apexProjects.get(root);
    if (!project) this.apexProjects.set(root, (project = engine.loadApexProject(root, engine.nodeFs)));
    try {
      return new Set(engine.apexCalloutActions(await project, actionNames));
    } catch {
      return new Set();
    }
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted || !/\.flow(-meta\.xml)?$/i.test(document.fileName)) return [];
    const text = document.getText();
    const actions: { name: string; apex?: string; index: number }[] = [];
    ACTION_BLOCK.lastIndex = 0;
    for (let m = ACTION_BLOCK.exec(text); m && actions.length < 400; m = ACTION_BLOCK.exec(text)) {
      const type = /<actionType>\s*(\w+)\s*<\/actionType>/.exec(m[1])?.[1];
      if (type !== 'externalService' && type !== 'apex') continue;
      const name = /<name>\s*([^<\s]+)\s*<\/name>/.exec(m[1])?.[1];
      if (!name) continue;
      actions.push({ name, index: m.index, apex: type === 'apex' ? /<actionName>\s*([^<\s]+)\s*<\/actionName>/.exec(m[1])?.[1] ?? '' : undefined });
    }
    const apexNames = actions.filter((a) => a.apex).map((a) => a.apex!);
    const apexCallouts = apexNames.length ? await this.apexCallouts(document.uri, apexNames) : new Set<string>();
    const out: vscode.CodeLens[] = [];
    for (const a of actions) {
      if (a.apex !== undefined && !apexCallouts.has(a.apex)) continue;
      const range = new vscode.Range(document.positionAt(a.index), document.positionAt(a.index));
      out.push(new vscode.CodeLens(range, {
        title: vscode.l10n.t('$(play) Send Test Callout'), command: 'flowCallout.sendFromFlow', arguments: [document.uri, a.name],
        tooltip: a.apex !== undefined
          ? vscode.l10n.t('{0} calls out through Apex {1}: shows what can be known here (Apex runs in the org)', a.name, a.apex)
          : vscode.l10n.t('Send {0} and show what the flow does next', a.name),
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
  output: vscode.LogOutputChannel;
  /** Shows the result in the Test Callout panel. */
  showResult: (state: PanelState) => void;
  /** The window's one built-in mock (send/sessionMock.ts), shared with definition sends. */
  mock?: () => Promise<MockServer>;
}

const LAST_INPUTS = 'flowCallout.flowSend.lastInputs';

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
  // The flow as the editor has it (read again after the prompts: it may have been edited meanwhile).
  const readFlow = async () => (vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri))).getText();
  const flowText = await readFlow();
  if (actionTypeOf(flowText, element) === 'apex') {
    // Apex runs in the org: nothing is sent, so no environment or status to ask for; the panel says why.
    const loaded = await engine.loadFlowSendProject(root, engine.nodeFs);
    const result = await engine.sendFromFlow({ project: loaded.project, flow: { file: uri.fsPath, text: flowText }, element, readFile: engine.nodeFs.readFile, options: { secrets: deps.secrets, environment: 'mock' } });
    deps.output.info(`[send] ${result.flow}.${element}: ${result.error ?? result.notSent}`);
    deps.showResult(panelState(result, uri, 'not sent (Apex)', element, undefined, engine.diagramOfFlowText(flowText, result.element || element)));
    return result;
  }
  const chosen = await chooseEnvironment(deps.context.workspaceState, folder, options.environment);
  if (!chosen) return undefined;
  const { environment, environments } = chosen;
  const text = await readFlow();
  const flowName = path.basename(uri.fsPath).replace(/\.flow(-meta\.xml)?$/i, '');
  const loaded = await engine.loadFlowSendProject(root, engine.nodeFs);
  let status = options.status;
  if (status === undefined && environment === 'mock' && !('status' in options)) {
    const op = engine.resolveAction(loaded.project, actionNameOf(text, element) ?? '');
    const picked = await pickMockStatus(op.status === 'ok' ? op.op.responses : [], true);
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
  const mock = await windowMock(environment, deps.mock);
  if (!mock) return undefined;
  const { mockServer } = mock;
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
        options: { secrets: deps.secrets, environment, environments, signal: controller.signal, proxy: deps.proxy(), mockServer },
      });
    },
  );
  let result = await run(options.given ?? {});
  if (result.missing.length && !options.given) {
    const values: Record<string, unknown> = {};
    for (const name of result.missing) {
      // Why it is asked ("body: requestBody is set by Build_Request before the callout."), from the send's notes.
      const why = result.notes.find((n) => n.startsWith(`${name}: `))?.slice(name.length + 2);
      // A body starts from the definition's (or the registration's) sample request body, when it has one.
      const sample = result.samples?.[name];
      const prompt = sample !== undefined
        ? vscode.l10n.t('Starts from the sample request body of {0}: edit it. Save test inputs (in the panel) keeps it in .flowcallout/tests/.', result.operation ? `${result.operation.service}.${result.operation.operation}` : name)
        : vscode.l10n.t('JSON for a record (the body), text otherwise. Save test inputs (in the panel) keeps it in .flowcallout/tests/.');
      const v = await vscode.window.showInputBox({ title: vscode.l10n.t('Value for {0}', name), prompt: why ? `${why} ${prompt}` : prompt, value: sample, ignoreFocusOut: true });
      if (v === undefined) break;
      values[name] = v;
    }
    if (result.missing.every((n) => n in values)) result = await run(values);
  }
  if (result.inputs.length) await deps.context.workspaceState.update(lastKey, Object.fromEntries(result.inputs.map((i) => [i.name, i.value])));
  deps.output.info(`[send] ${flowName}.${element} → ${environment}: ${result.error ?? result.notSent ?? `HTTP ${result.run?.outcome.status ?? '—'}, ${result.run?.end.kind}`}`);
  deps.showResult(panelState(result, uri, environment, element, status, engine.diagramOfFlowText(text, result.element || element, result.run)));
  if (result.error) void vscode.window.showErrorMessage(result.error);
  return result;
}

/** The Test Callout panel's state for a flow send: the callout sent (if any) and, beside it, the run. */
function panelState(result: FlowSendResult, uri: vscode.Uri, environment: string, element: string, status: SimulatedOutcome | undefined, diagram: ReturnType<ReturnType<typeof loadEngine>['diagramOfFlowText']>): PanelState {
  const { callout, ...run } = result;
  return {
    result: callout, uri: uri.toString(), environment, curl: callout ? toCurl(callout.request) : '', canSaveSample: false,
    flowRun: { id: callout?.id ?? randomUUID(), result: run, diagram: diagram ?? undefined, element, status },
  };
}

/** "Save test inputs" in the panel: the inputs the send used, without the flow's own literals. */
export async function saveFlowTestInputs(state: PanelState): Promise<void> {
  if (!state.flowRun) return;
  const uri = vscode.Uri.parse(state.uri);
  const root = (vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0])?.uri.fsPath ?? path.dirname(uri.fsPath);
  await saveTestInputs(root, state.flowRun.result.flow, state.flowRun.element, state.flowRun.result);
}

function actionTypeOf(text: string, element: string): string | undefined {
  ACTION_BLOCK.lastIndex = 0;
  for (let m = ACTION_BLOCK.exec(text); m; m = ACTION_BLOCK.exec(text)) {
    if (new RegExp(`<name>\\s*${element.replace(/[^\w]/g, '')}\\s*</name>`).test(m[1])) return /<actionType>\s*(\w+)\s*<\/actionType>/.exec(m[1])?.[1];
  }
  return undefined;
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
