// Writing generated files from VS Code: atomic on disk (temp + rename through node's fs for file: URIs),
// and a file edited since it was generated is shown as a diff first and replaced only if the user says so.
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import type { GeneratedFile } from '../../../server/src/core/generate/files';
import { loadGenerators } from './loadEngine';
import { readText } from './project';

export const GENERATED_SCHEME = 'flow-callout-generated';

/** Serves the not-yet-written content for the diff editor. */
export class GeneratedContentProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  show(target: vscode.Uri, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: GENERATED_SCHEME, path: target.path, query: Date.now().toString(36) });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}

export type WriteResult = 'created' | 'updated' | 'unchanged' | 'overwritten' | 'kept';

async function write(uri: vscode.Uri, text: string): Promise<void> {
  if (uri.scheme === 'file') await loadGenerators().writeFileAtomic(fsp, uri.fsPath, text);
  else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Writes one generated file; asks (after showing a diff) before replacing a file edited by hand. */
export async function writeGeneratedFile(target: vscode.Uri, file: GeneratedFile, source: string, provider: GeneratedContentProvider): Promise<WriteResult> {
  const { decideWrite, withMarker } = loadGenerators();
  const text = withMarker(file.path, file.text, source);
  const existing = await readText(target);
  const decision = decideWrite(existing, text);
  if (decision === 'unchanged') return 'unchanged';
  if (decision === 'create' || decision === 'update') {
    await write(target, text);
    return decision === 'create' ? 'created' : 'updated';
  }
  const name = target.path.replace(/^.*\//, '');
  const generated = provider.show(target, text);
  await vscode.commands.executeCommand('vscode.diff', target, generated, vscode.l10n.t('{0}: on disk ↔ generated', name), { preview: true });
  const overwrite = vscode.l10n.t('Overwrite');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} was edited by hand or retrieved from an org since it was generated. Replace it with the generated {1}?', name, file.kind),
    { modal: true, detail: vscode.l10n.t('The diff shows what would change. Keep it to merge by hand.') },
    overwrite,
  );
  if (answer !== overwrite) return 'kept';
  await write(target, text);
  return 'overwritten';
}
