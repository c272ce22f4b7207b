// Driving the VS Code workbench in the browser the way a user does: Quick Open, the command palette, the
// keyboard. Each helper waits for what the user would see before going on (never a fixed sleep).
import type { FrameLocator, Locator, Page } from 'playwright-core';

export const QUICK_INPUT = '.quick-input-widget';
const FOCUSED_ROW = '.quick-input-list .monaco-list-row.focused';

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The explorer shows the folder once the remote connection and file service are up.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** Quick Open (Ctrl+P) a file by name and wait for its editor tab to be active. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator(`${QUICK_INPUT} input`).waitFor();
  await page.keyboard.type(fileName);
  await page.locator(`${FOCUSED_ROW}:has-text("${fileName}")`).waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active:has-text("${fileName}")`).waitFor();
  await activeEditor(page).locator('.view-lines').waitFor();
}

/** Runs a command from the palette (F1) by its label. */
export async function runCommand(page: Page, label: string, rowText = label): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator(`${QUICK_INPUT} input`).waitFor();
  await page.keyboard.type(label);
  await page.locator(`${FOCUSED_ROW}:has-text("${rowText}")`).waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Picks an entry in an open quick pick (e.g. the color theme list) and waits for the pick to close — or, when the
 * command asks another question at once, for that question (`nextTitle`): VS Code reuses the one quick-input widget,
 * so it may never be hidden in between.
 */
export async function pick(page: Page, text: string, nextTitle?: string): Promise<void> {
  await page.keyboard.type(text);
  await page.locator(`${FOCUSED_ROW}:has-text("${text}")`).waitFor();
  await page.keyboard.press('Enter');
  if (nextTitle) await page.locator(`${QUICK_INPUT} .quick-input-title:has-text("${nextTitle}")`).waitFor();
  else await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
}

/** Moves the cursor with Go to Line (Ctrl+G), 1-based line and column. */
export async function goTo(page: Page, line: number, column?: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.locator(`${QUICK_INPUT} input`).waitFor();
  await page.keyboard.type(column ? `${line}:${column}` : String(line));
  await page.keyboard.press('Enter');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** The webview iframe of an editor panel: VS Code nests the content in a second iframe (#active-frame). */
export function webviewFrame(page: Page, title?: string): FrameLocator {
  const outer = title ? `iframe.webview.ready[title="${title}"]` : 'iframe.webview.ready';
  return page.frameLocator(outer).last().frameLocator('#active-frame');
}

export async function setColorTheme(page: Page, themeLabel: string): Promise<void> {
  // Typing the command's name also lists "Preferences: Browse Color Themes in Marketplace", first: click ours.
  await page.keyboard.press('F1');
  await page.locator(`${QUICK_INPUT} input`).waitFor();
  await page.keyboard.type('Preferences: Color Theme');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: /^\s*Preferences: Color Theme/ }).first().click();
  await page.locator(`${QUICK_INPUT} input[placeholder*="Theme" i]`).waitFor();
  await pick(page, themeLabel);
}

/** Editor text with the non-breaking spaces Monaco renders turned back into spaces. */
export async function editorText(page: Page): Promise<string> {
  const text = await activeEditor(page).locator('.view-lines').innerText();
  return text.replace(/\u00a0/g, ' ');
}
