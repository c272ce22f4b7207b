// Where a callout definition starts in the editor: the first line that is not blank or a comment (the
// `# yaml-language-server: $schema=…` header included). The CodeLenses of send and generate sit there.
import * as vscode from 'vscode';

export function definitionStartRange(document: vscode.TextDocument): vscode.Range {
  let line = 0;
  for (; line < Math.min(document.lineCount, 200); line++) {
    const text = document.lineAt(line).text.trim();
    if (text && !text.startsWith('#') && !text.startsWith('//')) break;
  }
  if (line >= document.lineCount) line = 0;
  return new vscode.Range(line, 0, line, 0);
}
