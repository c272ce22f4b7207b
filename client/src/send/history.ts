// Recent test callouts (already masked), per workspace, to reopen in the panel. Bodies are cut so the
// workspace state stays small.
import * as vscode from 'vscode';
import type { CalloutPanelState as PanelState } from '../panel/messages';

const KEY = 'flowCallout.history';
const MAX_ENTRIES = 20;
const MAX_BODY = 64 * 1024;

function slim(state: PanelState): PanelState {
  const res = state.result.response;
  if (!res || res.body.text.length <= MAX_BODY) return state;
  return {
    ...state,
    result: { ...state.result, response: { ...res, body: { kind: res.body.kind === 'json' ? 'text' : res.body.kind, text: res.body.text.slice(0, MAX_BODY), truncated: true } } },
    canSaveSample: false,
  };
}

export class History {
  constructor(private readonly state: vscode.Memento) {}

  list(): PanelState[] {
    return this.state.get<PanelState[]>(KEY, []);
  }

  async add(entry: PanelState): Promise<void> {
    const list = [slim(entry), ...this.list().filter((e) => e.result.id !== entry.result.id)].slice(0, MAX_ENTRIES);
    await this.state.update(KEY, list);
  }

  async clear(): Promise<void> {
    await this.state.update(KEY, []);
  }

  async pick(): Promise<PanelState | undefined> {
    const entries = this.list();
    if (!entries.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No test callouts yet: run "Flow Callout: Send Test Callout" first.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      entries.map((e) => ({
        label: `${e.result.response ? `$(${e.result.passed ? 'pass' : 'error'}) ${e.result.response.status}` : `$(error) ${e.result.error?.code ?? ''}`} ${e.result.definition.action}`,
        description: `→ ${e.environment}`,
        detail: new Date(e.result.startedAt).toLocaleString(),
        entry: e,
      })),
      { title: vscode.l10n.t('Recent test callouts') },
    );
    return picked?.entry;
  }
}
