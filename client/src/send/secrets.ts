// Secrets in VS Code SecretStorage, by reference (`ExternalCRM.apiKey`). Only the *names* of stored secrets
// are kept in globalState (to offer them in Clear Secret); values never leave SecretStorage except into a
// request, and the engine masks them everywhere else.
import * as vscode from 'vscode';
import { SECRET_REF, type SecretResolver } from '../../../server/src/core/callout/secrets';

const KEY_PREFIX = 'flowCallout.secret:';
const NAMES_KEY = 'flowCallout.secretNames';

export class SecretStore implements SecretResolver {
  constructor(private readonly context: vscode.ExtensionContext) {}

  async get(ref: string): Promise<string | undefined> {
    const v = await this.context.secrets.get(KEY_PREFIX + ref);
    return v === undefined || v === '' ? undefined : v;
  }

  howToSet(ref: string): string {
    return vscode.l10n.t("Set the secret with 'Flow Callout: Set Secret' ({0}).", ref);
  }

  names(): string[] {
    return this.context.globalState.get<string[]>(NAMES_KEY, []);
  }

  async set(ref: string, value: string): Promise<void> {
    await this.context.secrets.store(KEY_PREFIX + ref, value);
    const names = new Set(this.names());
    names.add(ref);
    await this.context.globalState.update(NAMES_KEY, [...names].sort());
  }

  async clear(ref: string): Promise<void> {
    await this.context.secrets.delete(KEY_PREFIX + ref);
    await this.context.globalState.update(NAMES_KEY, this.names().filter((n) => n !== ref));
  }
}

async function pickRef(title: string, candidates: string[], allowOther: boolean): Promise<string | undefined> {
  const other = vscode.l10n.t('Another secret…');
  const items: vscode.QuickPickItem[] = [...new Set(candidates)].sort().map((label) => ({ label, description: label.split('.')[0] }));
  if (allowOther) items.push({ label: other, alwaysShow: true });
  if (!items.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No secrets are stored for Flow Callout Studio.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Credential.parameter, e.g. ExternalCRM.apiKey') });
  if (!picked) return undefined;
  if (picked.label !== other) return picked.label;
  return vscode.window.showInputBox({
    title, prompt: vscode.l10n.t('The secret reference: the credential and the parameter, as in {!$Credential.ExternalCRM.apiKey}'), placeHolder: 'ExternalCRM.apiKey',
    validateInput: (v) => (SECRET_REF.test(v) ? undefined : vscode.l10n.t('Write Credential.parameter (letters, digits, _ and -), e.g. ExternalCRM.apiKey')),
  });
}

/** `Flow Callout: Set Secret` (args: optional reference) and `Flow Callout: Clear Secret`. */
export function registerSecretCommands(store: SecretStore, knownRefs: () => Promise<string[]>): vscode.Disposable[] {
  return [
    // Arguments (both optional): the reference, and the value (for scripts and tests; never logged).
    vscode.commands.registerCommand('flowCallout.setSecret', async (ref?: string, given?: string) => {
      // The manifest's enablement hides the command in Restricted Mode; this also stops calls from code.
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Secrets are off in Restricted Mode. Trust this workspace (Manage Workspace Trust) to set secrets for test callouts.'));
        return;
      }
      const target = typeof ref === 'string' && SECRET_REF.test(ref) ? ref : await pickRef(vscode.l10n.t('Set a secret for test callouts'), [...(await knownRefs()), ...store.names()], true);
      if (!target) return;
      const value = typeof given === 'string' && given ? given : await vscode.window.showInputBox({
        title: vscode.l10n.t('Secret {0}', target), prompt: vscode.l10n.t('Stored in VS Code SecretStorage; never written to a file, shown, or logged.'), password: true, ignoreFocusOut: true,
        validateInput: (v) => (v ? undefined : vscode.l10n.t('Enter a value, or press Escape to cancel.')),
      });
      if (!value) return;
      await store.set(target, value);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Secret {0} saved', target), 3000);
    }),
    vscode.commands.registerCommand('flowCallout.clearSecret', async (ref?: string) => {
      const target = typeof ref === 'string' && SECRET_REF.test(ref) ? ref : await pickRef(vscode.l10n.t('Clear a stored secret'), store.names(), false);
      if (!target) return;
      await store.clear(target);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Secret {0} cleared', target), 3000);
    }),
  ];
}
