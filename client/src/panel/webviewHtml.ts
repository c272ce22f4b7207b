// The one way a webview page is made: a strict CSP (default-src 'none'; styles, images and fonts only from the
// extension's own resources; scripts only with this page's nonce), the styles and scripts listed, and a body
// whose text is escaped. Used by the Test Callout panel (resultPanel.ts).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  title: string;
  /** Style sheets, in order (webview URIs are made here). */
  styles: vscode.Uri[];
  /** Scripts, in order, each loaded with the nonce. */
  scripts: vscode.Uri[];
  /** The text shown until the script renders (escaped). */
  placeholder: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function webviewHtml(webview: vscode.Webview, page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = `default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; font-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${page.styles.map((u) => `<link rel="stylesheet" href="${webview.asWebviewUri(u).toString()}">`).join('\n')}
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="empty-state">${escapeHtml(page.placeholder)}</p></main>
${page.scripts.map((u) => `<script nonce="${nonce}" src="${webview.asWebviewUri(u).toString()}"></script>`).join('\n')}
</body>
</html>`;
}
