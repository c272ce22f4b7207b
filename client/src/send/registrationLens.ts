// Send Test Callout from an External Service registration: a CodeLens above each operation (at its operationId
// in the monolithic `-meta.xml`'s schema, or in the decomposed schema file `X.yaml`/`X.json`; on the root of a
// decomposed `-meta.xml`), and the command that sends it — same environments, secrets, mock and result panel as a
// callout definition. No flow is involved, so the result is the definition panel's (no flow run).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { toCurl } from '../../../server/src/core/callout/curl';
import type { ProxySettings } from '../../../server/src/core/callout/send';
import type { MockServer } from '../../../server/src/core/callout/mock';
import type { SecretResolver } from '../../../server/src/core/callout/secrets';
import type { OperationSendResult } from '../../../server/src/core/flowrun/operation';
import type { CalloutPanelState } from '../panel/messages';
import { chooseEnvironment } from './environments';
import { loadEngine } from './loadEngine';
import { pickMockStatus, windowMock } from './mockChoice';

const ESR_XML = /\.externalServiceRegistration-meta\.xml$/i;
const ESR_SCHEMA = /[\\/]externalServiceRegistrations[\\/][^\\/]+\.(ya?ml|json)$/i;

/** Registration files and decomposed schema files, for the lens provider's selector. */
export const REGISTRATION_SELECTOR: vscode.DocumentSelector = [
  { pattern: '**/*.externalServiceRegistration-meta.xml' },
  { pattern: '**/externalServiceRegistrations/*.{yaml,yml,json}' },
];

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export class RegistrationLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const file = document.uri.fsPath;
    if (!vscode.workspace.isTrusted || !(ESR_XML.test(file) || ESR_SCHEMA.test(file))) return [];
    const engine = loadEngine();
    const text = document.getText();
    const metaUri = vscode.Uri.file(engine.registrationFileOf(file));
    let locations: { operation: string; offset: number }[];
    try {
      if (ESR_XML.test(file)) {
        locations = engine.operationLocations(file, text);
        if (!locations.length && !/<schema>/.test(text)) {
          // Decomposed: the operations are in the schema file beside it; their lenses sit on the root element.
          for (const ext of ['.yaml', '.yml', '.json']) {
            const schemaUri = vscode.Uri.file(file.replace(ESR_XML, ext));
            const schema = await readText(schemaUri);
            if (schema === undefined) continue;
            const root = Math.max(0, text.indexOf('<ExternalServiceRegistration'));
            locations = engine.operationLocations(schemaUri.fsPath, schema, text).map((l) => ({ ...l, offset: root }));
            break;
          }
        }
      } else {
        const xml = await readText(metaUri);
        if (xml === undefined) return []; // not a registration's schema without its -meta.xml beside it
        locations = engine.operationLocations(file, text, xml);
      }
    } catch {
      return [];
    }
    return locations.slice(0, 200).map((l) => {
      const at = document.positionAt(l.offset);
      return new vscode.CodeLens(new vscode.Range(at, at), {
        title: vscode.l10n.t('$(play) Send Test Callout: {0}', l.operation), command: 'flowCallout.sendRegistrationOperation', arguments: [metaUri, l.operation],
        tooltip: vscode.l10n.t('Send {0} as the registration declares it', l.operation),
      });
    });
  }
}

export interface OperationSendOptions {
  environment?: string;
  /** With the mock: a declared status (answered from the registration's response schema). */
  status?: number;
  /** Values by parameter name (tests; the prompt for missing inputs). */
  given?: Record<string, unknown>;
}

export interface OperationSendDeps {
  context: vscode.ExtensionContext;
  secrets: SecretResolver;
  proxy: () => ProxySettings | undefined;
  output: vscode.LogOutputChannel;
  /** The window's one built-in mock (send/sessionMock.ts), shared with definition sends. */
  mock?: () => Promise<MockServer>;
  /** Shows a result in the Test Callout panel (the definition send's). */
  showResult: (state: CalloutPanelState) => void;
}

const LAST_INPUTS = 'flowCallout.operationSend.lastInputs';

export async function sendOperationCommand(deps: OperationSendDeps, uriArg: vscode.Uri | string | undefined, operation: string | undefined, options: OperationSendOptions = {}): Promise<OperationSendResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Send Test Callout is off in Restricted Mode: it sends requests and reads secrets.'));
    return undefined;
  }
  const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg;
  if (!uri || !operation) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Use the "Send Test Callout" lens above an operation of an External Service registration.'));
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  const root = folder?.uri.fsPath ?? path.dirname(uri.fsPath);
  const engine = loadEngine();
  const chosen = await chooseEnvironment(deps.context.workspaceState, folder, options.environment);
  if (!chosen) return undefined;
  const { environment, environments } = chosen;
  const loaded = await engine.loadFlowSendProject(root, engine.nodeFs);
  let status = options.status;
  if (status === undefined && environment === 'mock' && !('status' in options)) {
    const op = engine.registrationOperation(loaded.project, uri.fsPath, operation);
    const picked = await pickMockStatus('error' in op ? [] : op.responses, false);
    if (picked === undefined) return undefined;
    status = picked ?? undefined;
  }
  const mock = await windowMock(environment, deps.mock);
  if (!mock) return undefined;
  const { mockServer } = mock;
  const service = path.basename(uri.fsPath).replace(ESR_XML, '');
  const lastKey = `${LAST_INPUTS}.${service}.${operation}`;
  const last = deps.context.workspaceState.get<Record<string, unknown>>(lastKey);
  const run = (given: Record<string, unknown>) => vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending {0}.{1} → {2}', service, operation, environment), cancellable: true },
    (_p, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return engine.sendOperation({
        project: loaded.project, file: uri.fsPath, operation, readFile: engine.nodeFs.readFile, given, last, status,
        options: {
          secrets: deps.secrets, environment, environments, signal: controller.signal, proxy: deps.proxy(), mockServer,
          defaultTimeoutSeconds: vscode.workspace.getConfiguration('flowCallout', uri).get<number>('send.timeoutSeconds', 120),
        },
      });
    },
  );
  let result = await run(options.given ?? {});
  if (result.missing.length && !options.given) {
    const values: Record<string, unknown> = {};
    for (const name of result.missing) {
      const v = await vscode.window.showInputBox({ title: vscode.l10n.t('Value for {0}', name), prompt: vscode.l10n.t('Required by {0}.{1}; remembered for the next send in this workspace.', service, operation), ignoreFocusOut: true });
      if (v === undefined) break;
      values[name] = v;
    }
    if (!result.missing.every((n) => n in values)) return result;
    result = await run(values);
  }
  if (result.inputs.length) await deps.context.workspaceState.update(lastKey, Object.fromEntries(result.inputs.map((i) => [i.name, i.value])));
  const callout = result.callout;
  deps.output.info(`[send] ${service}.${operation} → ${environment}: ${result.error ?? result.notSent ?? (callout?.response ? `HTTP ${callout.response.status}` : `${callout?.error?.code}: ${callout?.error?.message}`)}`);
  if (!callout) {
    void vscode.window.showWarningMessage(result.error ?? result.notSent ?? vscode.l10n.t('Nothing was sent.'));
    return result;
  }
  deps.showResult({ result: callout, uri: uri.toString(), environment, curl: toCurl(callout.request), canSaveSample: false, registration: { operation, notes: result.notes } });
  if (callout.error && callout.error.code !== 'cancelled') void vscode.window.showErrorMessage(callout.error.message);
  return result;
}
