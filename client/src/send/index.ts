// Send Test Callout in VS Code. The send runs here, in the extension host, with the pure engine: the host
// holds the secrets (SecretStorage) and the proxy settings; the language server only answers the project
// context (credentials, calling flow) from its index. Disabled in untrusted workspaces.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { toCurl } from '../../../server/src/core/callout/curl';
import { MOCK_ENVIRONMENT } from '../../../server/src/core/callout/names';
import type { MockServer } from '../../../server/src/core/callout/mock';
import { calloutFileStem, isCalloutFile } from '../../../server/src/core/project/fileKinds';
import { mayBeSecret } from '../../../server/src/core/callout/secrets';
import type { CalloutResult } from '../../../server/src/core/callout/result';
import type { ProxySettings } from '../../../server/src/core/callout/send';
import { GetCalloutContext, ListSendTargets, type SendTarget } from '../../../server/src/protocol';
import type { CalloutPanelState, PanelState } from '../panel/messages';
import { registerPanelSerializer, ResultPanel, type PanelActions, type PanelListener } from '../panel/resultPanel';
import { FlowActionLensProvider, revealElement, saveFlowTestInputs, sendFromFlowCommand, type FlowSendOptions } from './flowAction';
import { REGISTRATION_SELECTOR, RegistrationLensProvider, sendOperationCommand, type OperationSendOptions } from './registrationLens';
import { chooseEnvironment, loadEnvironments } from './environments';
import { History } from './history';
import { loadEngine, setEngineRoot } from './loadEngine';
import { sampleValueOf, saveAsSample } from './saveSample';
import { registerSecretCommands, SecretStore } from './secrets';
import { SessionMock } from './sessionMock';

export interface SendFeature {
  lastResult(): CalloutResult | undefined;
  /** References of the stored secrets (names only, never values). */
  secretNames(): string[];
  /** The URL of this window's built-in mock while it runs. */
  mockUrl(): string | undefined;
}

function proxySettings(): ProxySettings | undefined {
  const http = vscode.workspace.getConfiguration('http');
  const url = http.get<string>('proxy') || process.env.HTTPS_PROXY || process.env.https_proxy || process.env.HTTP_PROXY || process.env.http_proxy;
  if (!url) return undefined;
  const noProxy = http.get<string[]>('noProxy', []);
  return { url, noProxy: [...noProxy, process.env.NO_PROXY ?? process.env.no_proxy ?? ''].filter(Boolean).join(',') };
}

function isCallout(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && isCalloutFile(doc.fileName);
}

export function registerSendTestCallout(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  output: vscode.LogOutputChannel,
  listeners: Set<PanelListener>,
  ready: Promise<void>,
): SendFeature {
  setEngineRoot(context.extensionPath);
  const secrets = new SecretStore(context);
  const history = new History(context.workspaceState);
  const mock = new SessionMock(output);
  context.subscriptions.push(mock);
  // A port set (npm start sets one in its demo copy): listen from the start, so the URL printed answers.
  if (SessionMock.port() && vscode.workspace.isTrusted) void mock.ensure().catch((e: Error) => output.warn(`[mock] ${e.message}`));
  let last: CalloutResult | undefined;
  // Values typed at the missing-input prompt, per definition, for this session only: kept in memory, never
  // written (test.inputs is where a value lives for good). test.inputs wins: they fill only what is missing.
  const answers = new Map<string, Record<string, unknown>>();
  // Answers to inputs whose name may be a secret: masked in every result, like stored secrets.
  const secretAnswers = new Set<string>();

  const status = vscode.window.createStatusBarItem('flowCallout.sendResult', vscode.StatusBarAlignment.Left, 10);
  status.name = vscode.l10n.t('Flow Callout: last test callout');
  status.command = 'flowCallout.showTestCalloutResult';


  const actions: PanelActions = {
    resend: (s) => void (s.flowRun
      ? vscode.commands.executeCommand('flowCallout.sendFromFlow', vscode.Uri.parse(s.uri), s.flowRun.element, { environment: s.environment, status: s.flowRun.status })
      : s.registration
        ? vscode.commands.executeCommand('flowCallout.sendRegistrationOperation', vscode.Uri.parse(s.uri), s.registration.operation, { environment: s.environment })
        : vscode.commands.executeCommand('flowCallout.sendTestCallout', vscode.Uri.parse(s.uri), s.environment)),
    copyCurl: (s) => {
      void vscode.env.clipboard.writeText(s.curl).then(() => ResultPanel.active?.notice(vscode.l10n.t('Copied as cURL (secrets stay ••••).')));
    },
    saveSample: (s) => void saveAsSample(s),
    openFlow: (s) => {
      const flow = s.flowRun ? vscode.Uri.parse(s.uri) : s.result?.definition.flow ? vscode.Uri.file(s.result.definition.flow) : undefined;
      if (flow) void vscode.window.showTextDocument(flow, { viewColumn: vscode.ViewColumn.One });
    },
    openDefinition: (s) => {
      const file = s.flowRun ? s.flowRun.result.operation?.file : undefined;
      void vscode.window.showTextDocument(file ? vscode.Uri.file(file) : vscode.Uri.parse(s.uri), { viewColumn: vscode.ViewColumn.One });
    },
    saveInputs: (s) => void saveFlowTestInputs(s),
    revealElement: (s, element) => void (s.flowRun && revealElement(vscode.Uri.parse(s.uri), element)),
  };

  const showResult = (state: PanelState) => {
    ResultPanel.show(context.extensionUri, listeners, actions).showResult(state);
  };

  const updateStatus = (r: CalloutResult) => {
    if (r.response) {
      status.text = `$(${r.passed ? 'pass' : 'error'}) ${r.response.status} · ${Math.round(r.response.timing.totalMs)} ms`;
    } else status.text = `$(error) ${r.error?.code ?? 'error'}`;
    status.tooltip = `${r.definition.action} → ${r.environment}: ${r.error ? r.error.message : `${r.path.kind} path${r.expectations.length ? `, ${r.expectations.filter((e) => e.pass).length}/${r.expectations.length} expectations pass` : ''}`}`;
    status.show();
  };

  async function send(uriArg?: vscode.Uri | string, environmentArg?: string, given: Record<string, unknown> = {}, askedOnce = false): Promise<CalloutResult | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Send Test Callout is off in Restricted Mode: it sends requests and reads secrets. Trust this workspace (Manage Workspace Trust) to use it; validation keeps working.'));
      return undefined;
    }
    let uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg instanceof vscode.Uri ? uriArg : isCallout(vscode.window.activeTextEditor?.document) ? vscode.window.activeTextEditor!.document.uri : undefined;
    if (uri && !isCalloutFile(uri.path)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not a callout definition (*.callout.yaml, *.callout.json).', vscode.workspace.asRelativePath(uri)));
      return undefined;
    }
    if (!uri) {
      // No definition given or open: pick one of the project's, or a flow's callout action.
      const target = await pickSendTarget();
      if (!target) return undefined;
      if (target.kind === 'flowAction') {
        await vscode.commands.executeCommand('flowCallout.sendFromFlow', vscode.Uri.parse(target.uri), target.element);
        return undefined;
      }
      uri = vscode.Uri.parse(target.uri);
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
    const chosen = await chooseEnvironment(context.workspaceState, folder, environmentArg);
    if (!chosen) return undefined;
    const { environment, environments } = chosen;
    let mockServer: MockServer | undefined;
    if (environment === MOCK_ENVIRONMENT) {
      try {
        mockServer = await mock.ensure();
      } catch (e) {
        void vscode.window.showErrorMessage((e as Error).message);
        return undefined;
      }
    }
    // The panel opens (or shows "Sending…") when the request goes out, not before: a send that stops at the
    // missing-input prompt leaves no panel behind, and one that stops for a missing secret opens it with the error.
    const name = calloutFileStem(uri.fsPath);
    const onSending = () => ResultPanel.show(context.extensionUri, listeners, actions).sending(name, environment);

    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending test callout {0} → {1}', name, environment), cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        await ready;
        const ctx = await client.sendRequest(GetCalloutContext, { uri: uri.toString() }, token);
        if (!ctx || 'code' in (ctx as object)) throw new Error(vscode.l10n.t('The language server could not read {0}. See "Flow Callout: Show Output".', vscode.workspace.asRelativePath(uri)));
        return loadEngine().runCallout(ctx, {
          secrets, environment, environments, inputs: given, signal: controller.signal, proxy: proxySettings(), secretValues: [...secretAnswers], mockServer, onSending,
          defaultTimeoutSeconds: vscode.workspace.getConfiguration('flowCallout', uri).get<number>('send.timeoutSeconds', 120),
        });
      },
    ).then((r) => r, (e: unknown) => {
      void vscode.window.showErrorMessage(vscode.l10n.t('Send Test Callout failed: {0}', e instanceof Error ? e.message : String(e)));
      return undefined;
    });
    if (!result) return undefined;

    // Merge fields nobody gave a value for (nothing was sent): what was answered before in this session, else
    // ask; then send again. Escape at a prompt cancels the send quietly: no failure, the panel as it was.
    if (result.error?.code === 'input-missing' && result.error.details?.length && !askedOnce) {
      const remembered = answers.get(uri.toString()) ?? {};
      answers.set(uri.toString(), remembered);
      const values: Record<string, unknown> = { ...given };
      for (const name of result.error.details) {
        if (name in values) continue;
        if (name in remembered) {
          values[name] = remembered[name];
          continue;
        }
        const secret = mayBeSecret(name);
        const v = await vscode.window.showInputBox({
          title: vscode.l10n.t('Value for {0}', name),
          prompt: secret
            ? vscode.l10n.t('Not in test.inputs. Kept in memory for this session and shown as •••• in the result; never written to a file.')
            : vscode.l10n.t('Not in test.inputs: kept for this session (add it to test.inputs to keep it for good). Escape cancels the send.'),
          password: secret, ignoreFocusOut: true,
        });
        if (v === undefined) {
          output.info(`[send] ${name}: cancelled at the prompt for ${result.error.details.join(', ')}; nothing was sent`);
          return undefined;
        }
        if (secret && v) secretAnswers.add(v);
        remembered[name] = v;
        values[name] = v;
      }
      return send(uri, environment, values, true);
    }

    last = result;
    const state: CalloutPanelState = {
      result, uri: uri.toString(), environment, curl: toCurl(result.request), canSaveSample: !sampleValueOf({ result, uri: uri.toString(), environment, curl: '', canSaveSample: false }).why,
    };
    showResult(state);
    updateStatus(result);
    await history.add(state);
    output.info(`[send] ${result.definition.action} → ${environment}: ${result.response ? `HTTP ${result.response.status} in ${Math.round(result.response.timing.totalMs)} ms, ${result.path.kind} path` : `${result.error?.code}: ${result.error?.message}`}`);

    if (result.error && result.error.code !== 'cancelled') {
      const setSecret = vscode.l10n.t('Set Secret');
      const choices = result.error.code === 'secret-missing' ? [setSecret] : [];
      void vscode.window.showErrorMessage(result.error.message, ...choices).then(async (c) => {
        if (c === setSecret) {
          for (const ref of result.error?.details ?? []) await vscode.commands.executeCommand('flowCallout.setSecret', ref);
        }
      });
    }
    return result;
  }

  /** The QuickPick of definitions and flow callout actions (from the server's index). */
  async function pickSendTarget(): Promise<SendTarget | undefined> {
    const targets = (async () => {
      await ready;
      return client.sendRequest(ListSendTargets, {});
    })();
    type Item = vscode.QuickPickItem & { target?: SendTarget };
    const items = targets.then((list): Item[] => {
      const defs = list.filter((t) => t.kind === 'definition');
      const actions = list.filter((t) => t.kind === 'flowAction');
      const item = (t: SendTarget): Item => ({
        label: `${t.kind === 'definition' ? '$(file-code)' : '$(type-hierarchy)'} ${t.name}`, description: t.detail, detail: t.path, target: t,
      });
      return [
        ...(defs.length ? [{ label: vscode.l10n.t('Callout definitions'), kind: vscode.QuickPickItemKind.Separator }, ...defs.map(item)] : []),
        ...(actions.length ? [{ label: vscode.l10n.t('Flow callout actions'), kind: vscode.QuickPickItemKind.Separator }, ...actions.map(item)] : []),
      ];
    });
    const list = await items.catch(() => [] as Item[]);
    if (!list.length) {
      const create = vscode.l10n.t('New Callout Definition…');
      const c = await vscode.window.showInformationMessage(vscode.l10n.t('This project has no callout definitions (*.callout.yaml) and no flow with an External Service action yet.'), create);
      if (c === create) await vscode.commands.executeCommand('flowCallout.newCalloutDefinition');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(list, {
      title: vscode.l10n.t('Send Test Callout'), placeHolder: vscode.l10n.t('Pick a callout definition or a flow\'s callout action'), matchOnDescription: true, matchOnDetail: true,
    });
    return picked?.target;
  }

  const knownRefs = async (): Promise<string[]> => {
    const refs = new Set<string>();
    const doc = vscode.window.activeTextEditor?.document;
    if (isCallout(doc)) {
      try {
        await ready;
        const ctx = await client.sendRequest(GetCalloutContext, { uri: doc.uri.toString() });
        for (const h of ctx?.namedCredential?.customHeaders ?? []) for (const m of h.value.matchAll(/\$Credential\.([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_-]*)/g)) refs.add(`${m[1]}.${m[2]}`);
        const ec = ctx?.externalCredential?.name;
        if (ec && /basic/i.test(`${ctx?.externalCredential?.protocol} ${ctx?.externalCredential?.parameters.map((p) => p.value).join(' ')}`)) refs.add(`${ec}.username`).add(`${ec}.password`);
      } catch {
        // The picker still offers stored names and "Another secret…".
      }
    }
    try {
      const envs = await loadEnvironments(vscode.workspace.workspaceFolders?.[0]);
      for (const env of envs?.environments.values() ?? []) {
        for (const nc of Object.values(env.namedCredentials)) {
          const a = nc.auth as Record<string, unknown> | undefined;
          for (const k of ['username', 'password', 'token', 'clientId', 'clientSecret']) if (typeof a?.[k] === 'string') refs.add(a[k] as string);
          for (const v of Object.values((a?.parameters as Record<string, string> | undefined) ?? {})) refs.add(v);
        }
      }
    } catch {
      // A broken environments file is reported when sending.
    }
    return [...refs];
  };

  const flowLenses = new FlowActionLensProvider();
  const registrationLenses = new RegistrationLensProvider();
  const operationDeps = {
    context, secrets, proxy: proxySettings, output, mock: () => mock.ensure(),
    showResult: (state: CalloutPanelState) => {
      last = state.result;
      showResult(state);
      updateStatus(state.result);
      void history.add(state);
    },
  };
  const flowDeps = {
    context, secrets, proxy: proxySettings, output, mock: () => mock.ensure(),
    showResult: (state: PanelState) => {
      if (state.result) {
        last = state.result;
        updateStatus(state.result);
      }
      showResult(state);
    },
  };
  context.subscriptions.push(
    flowLenses,
    status,
    vscode.languages.registerCodeLensProvider([{ language: 'flow-metadata-xml' }, { pattern: '**/*.flow-meta.xml' }], flowLenses),
    vscode.workspace.onDidGrantWorkspaceTrust(() => flowLenses.refresh()),
    vscode.languages.registerCodeLensProvider(REGISTRATION_SELECTOR, registrationLenses),
    vscode.workspace.onDidGrantWorkspaceTrust(() => registrationLenses.refresh()),
    vscode.commands.registerCommand('flowCallout.sendRegistrationOperation', (uri?: vscode.Uri | string, operation?: string, options?: OperationSendOptions) => sendOperationCommand(operationDeps, uri, operation, options)),
    vscode.commands.registerCommand('flowCallout.sendFromFlow', (uri?: vscode.Uri | string, element?: string, options?: FlowSendOptions) => sendFromFlowCommand(flowDeps, uri, element, options)),
    registerPanelSerializer(context.extensionUri, listeners, actions),
    vscode.commands.registerCommand('flowCallout.sendTestCallout', (uri?: vscode.Uri | string, environment?: string) => send(uri, environment)),
    vscode.commands.registerCommand('flowCallout.showTestCalloutResult', async () => {
      const state = ResultPanel.active?.currentState ?? history.list()[0];
      if (state) showResult(state);
      else void vscode.window.showInformationMessage(vscode.l10n.t('No test callouts yet: run "Flow Callout: Send Test Callout" first.'));
    }),
    vscode.commands.registerCommand('flowCallout.showTestCalloutHistory', async () => {
      const state = await history.pick();
      if (state) showResult(state);
    }),
    ...registerSecretCommands(secrets, knownRefs),
  );
  return { lastResult: () => last, secretNames: () => secrets.names(), mockUrl: () => mock.url };
}
