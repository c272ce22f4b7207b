// What a send to the window's built-in mock asks and starts, shared by the flow-action and registration-operation
// sends: the status the mock answers with, and the mock itself (send/sessionMock.ts owns it).
import * as vscode from 'vscode';
import type { MockServer } from '../../../server/src/core/callout/mock';
import type { SimulatedOutcome } from '../../../server/src/core/flowrun/send';

/**
 * The status the mock answers: one of the operation's declared responses (served from the registration's sample),
 * the mock's first 2XX (null), and with `simulated` also a timeout or a connection error. Without `simulated` and
 * with no declared status there is nothing to choose: null without asking. undefined: the user cancelled.
 */
export async function pickMockStatus(responses: string[], simulated: false): Promise<number | null | undefined>;
export async function pickMockStatus(responses: string[], simulated: true): Promise<SimulatedOutcome | null | undefined>;
export async function pickMockStatus(responses: string[], simulated: boolean): Promise<SimulatedOutcome | null | undefined> {
  const items: (vscode.QuickPickItem & { value: SimulatedOutcome | null })[] = [
    ...responses.filter((k) => /^\d{3}$/.test(k)).map((k) => ({ label: k, description: vscode.l10n.t('declared: answered from the registration'), value: Number(k) as SimulatedOutcome })),
    { label: vscode.l10n.t('First 2XX'), description: vscode.l10n.t('the mock\'s default'), value: null },
  ];
  if (simulated) {
    items.push(
      { label: 'timeout', description: vscode.l10n.t('simulated, nothing sent'), value: 'timeout' },
      { label: 'connection', description: vscode.l10n.t('connection error, simulated'), value: 'connection' },
    );
  } else if (items.length === 1) {
    return null;
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('The mock answers with…') });
  return picked === undefined ? undefined : picked.value;
}

/** The window's mock when the environment is `mock` (`{}` otherwise); undefined after showing why it did not start. */
export async function windowMock(environment: string, mock: (() => Promise<MockServer>) | undefined): Promise<{ mockServer?: MockServer } | undefined> {
  if (environment !== 'mock' || !mock) return {};
  try {
    return { mockServer: await mock() };
  } catch (e) {
    void vscode.window.showErrorMessage((e as Error).message);
    return undefined;
  }
}
