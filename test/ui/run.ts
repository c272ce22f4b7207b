// The UI check: the extension in a real VS Code workbench (code-server route) in Debian's Chromium, driven
// like a user would, with screenshots in test-results/screenshots/. Every check can fail; the last line is
// `N passed, N failed` and the exit code is 1 when anything failed.
//
// Usage: node --import tsx test/ui/run.ts [--no-build]
// Environment: FLOW_CALLOUT_VERBOSE=1 (server and browser logs), FLOW_CALLOUT_UI_TIMEOUT (ms, default 600000).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  copyWorkspace,
  ensureTestHost,
  findExtensionRoot,
  launchChromium,
  newWorkbenchContext,
  onInterrupt,
  startVsCodeServer,
  workbenchUrl,
} from '../vscode/host';
import { measureTextLayout } from './layout';
import { activeEditor, editorText, goTo, openFile, pick, QUICK_INPUT, runCommand, setColorTheme, waitForWorkbench, webviewFrame } from './workbench';

const root = findExtensionRoot(__dirname);
const screenshots = path.join(root, 'test-results', 'screenshots');
const verbose = process.env.FLOW_CALLOUT_VERBOSE === '1';
const overallTimeoutMs = Number(process.env.FLOW_CALLOUT_UI_TIMEOUT ?? 600_000);
/** Ordinary windows, with the side bar open: the panel beside the definition must fit both. */
const WINDOWS = [{ width: 1280, height: 800 }, { width: 1600, height: 1000 }];

interface CheckResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

const results: CheckResult[] = [];

/** Runs one check; a failure is recorded with a screenshot and the run goes on with the next check. */
async function check(page: Page, name: string, body: () => Promise<void>): Promise<boolean> {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
    results.push({ name, ok: false, ms: Date.now() - started, error: message });
    console.log(`  ✘ ${name}\n      ${message.replace(/\n/g, '\n      ')}`);
    await page
      .screenshot({ path: path.join(screenshots, `failed-${slug(name)}.png`) })
      .catch(() => undefined);
    await page.keyboard.press('Escape').catch(() => undefined);
    return false;
  }
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

async function shoot(page: Page, name: string): Promise<string> {
  const file = path.join(screenshots, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`      screenshot: ${path.relative(root, file)}`);
  return file;
}

/** Screenshot of the editor area only (the editors and the panel beside them), for the docs. */
async function shootEditorArea(page: Page, name: string): Promise<string> {
  const file = path.join(screenshots, `${name}.png`);
  await page.locator('.part.editor').screenshot({ path: file });
  console.log(`      screenshot: ${path.relative(root, file)}`);
  return file;
}

/** Hides a workbench part (the bottom panel, the side bar) if it is showing, to give the editors the room. */
async function hidePart(page: Page, selector: string, toggleCommand: string): Promise<void> {
  const part = page.locator(selector);
  if (!(await part.isVisible())) return;
  await runCommand(page, toggleCommand);
  await part.waitFor({ state: 'hidden' });
}

/**
 * The boxes of some elements once the workbench's layout has settled: after a viewport resize or a panel opening,
 * the editor lays itself out over a few frames, and a box read in between belongs to neither layout. Reads until
 * two reads 150 ms apart agree (at most ~5 s), then returns the last read, whatever it shows.
 */
async function settledBoxes(page: Page, ...locators: Locator[]): Promise<(Awaited<ReturnType<Locator['boundingBox']>>)[]> {
  let last = '';
  let boxes: (Awaited<ReturnType<Locator['boundingBox']>>)[] = [];
  for (let i = 0; i < 33; i++) {
    boxes = await Promise.all(locators.map((l) => l.boundingBox()));
    const now = JSON.stringify(boxes);
    if (now === last) break;
    last = now;
    await page.waitForTimeout(150);
  }
  return boxes;
}

/** The demo workspace with one definition made wrong on purpose, so there is something to see. */
function prepareWorkspace(): string {
  const workspace = copyWorkspace(path.join(root, 'examples'), 'ui-examples');
  const file = path.join(workspace, 'callouts', 'ExternalCrmLeads.callout.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const broken = text.replace('tags: [inbound, web]', 'tags: [inbound, 42]').replace('namedCredential: ExternalCRM', 'namedCredential: ExternalCrm');
  if (broken === text) throw new Error('examples/callouts/ExternalCrmLeads.callout.yaml changed: update prepareWorkspace() in test/ui/run.ts');
  fs.writeFileSync(file, broken);
  return workspace;
}

async function uiChecks(page: Page, workspace: string): Promise<void> {
  const definition = 'ExternalCrmLeads.callout.yaml';

  await check(page, 'the workbench opens the demo workspace with the extension', async () => {
    await waitForWorkbench(page);
  });

  await check(page, 'the demo definition shows squiggles for its problems', async () => {
    await openFile(page, definition);
    const editor = activeEditor(page);
    await editor.locator('.squiggly-error').first().waitFor({ timeout: 20_000 });
    await editor.locator('.squiggly-warning').first().waitFor({ timeout: 20_000 });
  });

  await check(page, 'the Problems panel lists them with their rule codes', async () => {
    await runCommand(page, 'View: Focus Problems');
    const panel = page.locator('.markers-panel');
    await panel.locator('.monaco-list-row:has-text("mixes string and number values")').first().waitFor({ timeout: 15_000 });
    await panel.locator('.monaco-list-row:has-text("ExternalCrm")').first().waitFor();
    const codes = await panel.locator('.monaco-list-row .marker-code, .monaco-list-row .code').allInnerTexts();
    const text = (await panel.innerText()).replace(/\u00a0/g, ' ');
    for (const code of ['callout-mixed-array', 'callout-named-credential']) {
      if (!text.includes(code) && !codes.some((c) => c.includes(code))) throw new Error(`Problems panel does not show ${code}:\n${text.slice(0, 800)}`);
    }
    await shoot(page, 'editor-diagnostics');
  });

  await check(page, 'typing "{!$Record. character by character lists the Lead fields; picking one closes the merge field and the string', async () => {
    await openFile(page, definition);
    await goTo(page, 16);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // Typed as a user does, one key at a time, with whatever the editor auto-closes (a quote, a brace).
    await page.keyboard.type('phone: "{!$Record.', { delay: 60 });
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    await suggest.locator('.monaco-list-row').first().waitFor({ timeout: 10_000 }).catch(() => {
      throw new Error('no suggestions after typing "{!$Record.');
    });
    await suggest.locator('.monaco-list-row:has-text("CRM_Score__c")').waitFor({ timeout: 15_000 });
    await shoot(page, 'completion-merge-field');
    // The list is virtualised: narrow it to reach a standard field further down, then pick it.
    await page.keyboard.type('Pho', { delay: 60 });
    await suggest.locator('.monaco-list-row.focused:has-text("Phone")').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await suggest.waitFor({ state: 'hidden' });
    const line = (await editorText(page)).split('\n').find((l) => l.includes('phone:'))?.trim();
    if (line !== 'phone: "{!$Record.Phone}"') throw new Error(`after picking Phone the line reads ${JSON.stringify(line)}; expected phone: "{!$Record.Phone}"`);
    // The README's next step: delete the line again with Ctrl+Shift+K (one Ctrl+Z would leave `{!$Record.Pho}`).
    await page.keyboard.press('Control+Shift+K');
    await activeEditor(page).locator('.view-line', { hasText: 'phone:' }).waitFor({ state: 'detached' });
    await runCommand(page, 'File: Revert File');
    // The revert is done when the typed line is gone and the tab is no longer dirty.
    await activeEditor(page).locator('.view-line', { hasText: 'phone:' }).waitFor({ state: 'detached' });
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  });

  await check(page, 'New Callout Definition (palette) asks name, method and named credential, opens a definition with zero problems', async () => {
    await runCommand(page, 'Flow Callout: New Callout Definition');
    await page.locator(`${QUICK_INPUT} .quick-input-title:has-text("1/3")`).waitFor();
    await page.keyboard.type('OrderStatus');
    await page.keyboard.press('Enter');
    await page.locator(`${QUICK_INPUT} .quick-input-title:has-text("2/3")`).waitFor();
    await page.keyboard.type('POST');
    await page.locator('.quick-input-list .monaco-list-row.focused:has-text("POST")').waitFor();
    await page.keyboard.press('Enter');
    // The project's own named credentials are offered.
    await page.locator(`${QUICK_INPUT} .quick-input-title:has-text("3/3")`).waitFor();
    for (const nc of ['AddressCheck', 'ExternalCRM', 'OpenMeteo']) await page.locator(`.quick-input-list .monaco-list-row:has-text("${nc}")`).first().waitFor();
    await page.keyboard.type('ExternalCRM');
    await page.locator('.quick-input-list .monaco-list-row.focused:has-text("ExternalCRM")').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active:has-text("OrderStatus.callout.yaml")').waitFor({ timeout: 20_000 });
    const file = path.join(workspace, 'callouts', 'OrderStatus.callout.yaml');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const methodLine = lines.findIndex((l) => l === 'method: POST') + 1;
    if (!methodLine || !lines.includes('namedCredential: ExternalCRM')) throw new Error(`unexpected definition:\n${lines.join('\n')}`);
    // Zero problems, shown to be the server's verdict: a typo gets a squiggle, undoing it takes it away again.
    const editor = activeEditor(page);
    await goTo(page, methodLine);
    await page.keyboard.press('End');
    await page.keyboard.type('X');
    await editor.locator('.squiggly-error').first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+Z');
    await editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info').first().waitFor({ state: 'detached', timeout: 20_000 });
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
    // Close it with its tab's close button (the later checks screenshot the editor area without it).
    await page.locator('.tabs-container .tab.active:has-text("OrderStatus.callout.yaml") .tab-actions .codicon-close').click();
    await page.locator('.tabs-container .tab:has-text("OrderStatus.callout.yaml")').waitFor({ state: 'detached' });
  });

  const panelOk = await check(page, 'Send Test Callout from the CodeLens opens the panel with the Flow outputs and flow variables', async () => {
    // The demo definition as shipped (prepareWorkspace broke it on disk): the open editor reloads it and the
    // squiggles go once the server has checked the new text.
    fs.writeFileSync(path.join(workspace, 'callouts', definition), fs.readFileSync(path.join(root, 'examples', 'callouts', definition)));
    await openFile(page, definition);
    const editor = activeEditor(page);
    await editor.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: 20_000 });
    // An ordinary window as a newcomer has it: 1280×800, the side bar (explorer) open; no bottom panel.
    await page.setViewportSize(WINDOWS[0]);
    await hidePart(page, '.part.panel', 'View: Toggle Panel Visibility');
    if (!(await page.locator('.part.sidebar').isVisible())) throw new Error('the side bar should be open, as a newcomer has it');

    // The lens sits above the first line after the comments: scroll to the top of the file.
    await goTo(page, 1);
    const lens = editor.locator('.codelens-decoration a', { hasText: /Send Test Callout/ });
    await lens.waitFor({ timeout: 15_000 });
    // Send is the first lens of the row and is shown whole, even with the panel beside a narrow editor.
    const first = (await editor.locator('.codelens-decoration a').first().innerText()).replace(/\u00a0/g, ' ');
    if (!/Send Test Callout/.test(first)) throw new Error(`the first CodeLens should be Send Test Callout; it is "${first}"`);
    const [sendBox, scrollable] = await settledBoxes(page, lens, editor.locator('.editor-scrollable'));
    if (!sendBox || !scrollable || sendBox.x + sendBox.width > scrollable.x + scrollable.width) throw new Error(`the Send Test Callout lens is cut off: it ends at x=${sendBox ? sendBox.x + sendBox.width : '?'}, the editor at x=${scrollable ? scrollable.x + scrollable.width : '?'}`);
    await lens.click();
    // Like the editor title button, the lens asks for the environment (the last used first). Nothing was sent yet
    // in this workspace: the mock comes first as the default, not as "last used".
    await page.locator(`${QUICK_INPUT} input`).waitFor();
    const firstRow = (await page.locator('.quick-input-list .monaco-list-row').first().innerText()).replace(/\s+/g, ' ');
    if (!/^mock.*\bdefault$/.test(firstRow.trim())) throw new Error(`before any send, the first environment should be mock, marked default; it reads "${firstRow}"`);
    await pick(page, 'mock');

    const panel = webviewFrame(page);
    const outputs = panel.locator('#flow-outputs tr.output-row');
    const variables = panel.locator('#flow-variables tr.variable-row');
    await outputs.first().waitFor({ timeout: 20_000 });
    await variables.first().waitFor();
    const errors = await panel.locator('.error-state').count();
    if (errors > 0) throw new Error(`the panel shows an error: ${await panel.locator('.error-state').first().innerText()}`);
    // The mock answers the 2XX sample: responseCode + id, status, score, tags; the definition's outputs and the
    // flow's outputParameters fill four variables, errorMessage (from 4XX) stays unset on the success path.
    const outputFields = (await outputs.locator('td:first-child').allInnerTexts()).map((s) => s.trim());
    const expectedFields = ['responseCode', 'id', 'status', 'score', 'tags'];
    if (JSON.stringify(outputFields) !== JSON.stringify(expectedFields)) throw new Error(`Flow outputs: ${outputFields.join(', ')}; expected ${expectedFields.join(', ')}`);
    const variableRows = (await variables.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    const row = (name: string) => variableRows.find((r) => r.includes(` ${name} `)) ?? '';
    for (const name of ['calloutStatus', 'createdLead', 'externalLeadId', 'crmScore']) {
      if (!row(name).startsWith('✓')) throw new Error(`flow variable ${name} should be ✓; rows:\n${variableRows.join('\n')}`);
    }
    if (!row('externalLeadId').includes('"L-000123"')) throw new Error(`externalLeadId should receive "L-000123": ${row('externalLeadId')}`);
    if (!row('errorMessage').startsWith('–')) throw new Error(`errorMessage is not set on the success path: ${row('errorMessage')}`);
    await panel.locator('#flow-path.path-success').waitFor();
    // With the panel open beside it, the editor is narrower: the Send lens still shows whole.
    const [sendAfter, area] = await settledBoxes(page, lens, editor.locator('.editor-scrollable'));
    if (!sendAfter || !area || sendAfter.x + sendAfter.width > area.x + area.width) throw new Error(`with the panel open, the Send Test Callout lens is cut off: it ends at x=${sendAfter ? sendAfter.x + sendAfter.width : '?'}, the editor at x=${area ? area.x + area.width : '?'}`);
  });

  for (const size of WINDOWS) {
    await check(page, `the panel at ${size.width}×${size.height} with the side bar open: no word broken mid-word, no column clipped`, async () => {
      if (!panelOk) throw new Error('no panel to look at: the send check failed');
      await page.setViewportSize(size);
      const panel = webviewFrame(page);
      await panel.locator('#flow-variables tr.variable-row').first().waitFor();
      if (!(await page.locator('.part.sidebar').isVisible())) throw new Error('the side bar is not open');
      // Layout settles after the resize: measure until two measurements agree.
      let layout = await panel.locator('body').evaluate(measureTextLayout, 'table.grid th, table.grid td');
      for (let i = 0; i < 20; i++) {
        const again = await panel.locator('body').evaluate(measureTextLayout, 'table.grid th, table.grid td');
        if (JSON.stringify(again) === JSON.stringify(layout)) break;
        layout = again;
      }
      if (layout.cells < 20 || layout.words < 40) throw new Error(`measured only ${layout.cells} cells and ${layout.words} words`);
      if (layout.brokenWords.length) throw new Error(`words broken across lines: ${layout.brokenWords.join('; ')}`);
      if (layout.clipped.length) throw new Error(`cells cut off without a tooltip or scrollbar: ${layout.clipped.join('; ')}`);
      const overflow = await panel.locator('body').evaluate((body) => body.ownerDocument.documentElement.scrollWidth - body.ownerDocument.documentElement.clientWidth);
      if (overflow > 0) throw new Error(`the panel is ${overflow}px wider than its view`);
      await shoot(page, `panel-${size.width}x${size.height}`);
    });
  }

  await check(page, 'the Testing view lists the examples with expectations and runs them all against the mock', async () => {
    await runCommand(page, 'View: Show Testing');
    const view = page.locator('.part.sidebar');
    for (const name of ['AddressValidation', 'ExternalCrmLeads', 'WeatherForecast']) await view.locator(`.monaco-list-row:has-text("${name}")`).first().waitFor({ timeout: 20_000 });
    await runCommand(page, 'Test: Run All Tests');
    // Each test gets the passed icon; the summary above the tree reads 3/3.
    await view.locator('.monaco-list-row:has-text("WeatherForecast") .codicon-testing-passed-icon').waitFor({ timeout: 60_000 });
    for (const name of ['AddressValidation', 'ExternalCrmLeads']) await view.locator(`.monaco-list-row:has-text("${name}") .codicon-testing-passed-icon`).waitFor({ timeout: 60_000 });
    await view.locator('text="3/3"').first().waitFor();
    await shoot(page, 'testing-view');
    await runCommand(page, 'View: Show Explorer');
  });

  // The same panel in both default themes (switched like a user does, through the palette), each checked for
  // the theme reaching the webview and for a table that fits the panel.
  for (const [theme, kind, workbenchClass] of [
    ['Dark Modern', 'dark', 'vs-dark'],
    ['Light Modern', 'light', 'vs'],
  ] as const) {
    await check(page, `the panel in the ${theme} theme: themed, tables within the panel`, async () => {
      if (!panelOk) throw new Error('no panel to look at: the send check failed');
      await setColorTheme(page, theme);
      await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor();
      const panel = webviewFrame(page);
      await panel.locator(`body.vscode-${kind}`).waitFor();
      const look = await panel.locator('body').evaluate((body) => {
        const style = getComputedStyle(body);
        const doc = body.ownerDocument.documentElement;
        return { color: style.color, background: style.backgroundColor, overflow: doc.scrollWidth - doc.clientWidth };
      });
      if (look.color === look.background) throw new Error(`panel text and background have the same colour ${look.color}`);
      if (look.overflow > 0) throw new Error(`the panel is ${look.overflow}px wider than its view: the tables do not fit`);
      await panel.locator('#flow-variables tr.variable-row').first().waitFor();
      // The mouse is where the theme was picked, over the editor toolbar: move it to the empty tab bar of the
      // definition's group, where nothing shows a tooltip or a scrollbar.
      const area = await page.locator('.part.editor').boundingBox();
      if (area) await page.mouse.move(area.x + 450, area.y + 15);
      await page.locator('.workbench-hover, .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden' });
      await shootEditorArea(page, `panel-${kind}`);
    });
  }
}

/** The Test Callout panel's content frame when it shows a flow run: the webview iframe whose page has the run diagram. */
async function flowRunFrame(page: Page): Promise<FrameLocator> {
  const frames = page.locator('iframe.webview.ready');
  for (let attempt = 0; attempt < 100; attempt++) {
    const n = await frames.count();
    for (let i = n - 1; i >= 0; i--) {
      const inner = frames.nth(i).contentFrame().frameLocator('#active-frame');
      if (await inner.locator('#run-diagram').count().catch(() => 0)) return inner;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('no Test Callout panel with a flow-run diagram appeared');
}

/** Send Test Callout from the demo flow's action, to the mock: the Test Callout panel draws the flow with the path. */
async function flowRunChecks(page: Page, workspace: string): Promise<void> {
  const flowFile = 'Lead_To_External_CRM.flow-meta.xml';
  let frame: FrameLocator | undefined;
  const sent = await check(page, 'Send Test Callout from the flow action (mock): the Test Callout panel draws the flow, the taken path highlighted, the fault connector red', async () => {
    await page.setViewportSize(WINDOWS[0]);
    await hidePart(page, '.part.panel', 'View: Toggle Panel Visibility');
    await openFile(page, flowFile);
    await goTo(page, 1);
    const lens = activeEditor(page).locator('.codelens-decoration a', { hasText: /Send Test Callout/ });
    await lens.first().waitFor({ timeout: 20_000 });
    await lens.first().click();
    await page.locator(`${QUICK_INPUT} input`).waitFor();
    await pick(page, 'mock', 'The mock answers');
    // Not pick(): the next question (the body) may open before this one has closed.
    await page.keyboard.type('First 2XX');
    await page.locator('.quick-input-list .monaco-list-row.focused:has-text("First 2XX")').waitFor();
    await page.keyboard.press('Enter');
    // The request body is built by Build_Request from $Record before the callout: the send asks for it.
    await page.locator(`${QUICK_INPUT} .quick-input-title:has-text("Value for body")`).waitFor({ timeout: 20_000 });
    // The question says why it is asked: the flow computes the body before the action.
    const asked = (await page.locator(QUICK_INPUT).innerText()).replace(/\s+/g, ' ');
    if (!asked.includes('requestBody is set by Build_Request before the callout')) throw new Error(`the body question does not say where the flow gets the body: "${asked}"`);
    await page.keyboard.type('{"name":"Ada Lovelace","email":"ada@example.com","company":"Analytical Engines"}');
    await page.keyboard.press('Enter');
    frame = await flowRunFrame(page);
    const svg = frame.locator('#run-diagram svg.diagram');
    await svg.waitFor({ timeout: 20_000 });
    const onPath = (await frame.locator('g.node[data-role="taken"], g.node[data-role="action"]').evaluateAll((gs) => gs.map((g) => (g as SVGElement).dataset.element))).sort();
    if (JSON.stringify(onPath) !== JSON.stringify(['CRM_Accepted', 'Create_CRM_Lead', 'Store_External_Id'])) throw new Error(`elements on the path: ${onPath.join(', ')}`);
    const taken = await frame.locator('path.edge-taken').evaluateAll((ps) => ps.map((p) => `${(p as SVGElement).dataset.from}→${(p as SVGElement).dataset.to}`).sort());
    if (JSON.stringify(taken) !== JSON.stringify(['CRM_Accepted→Store_External_Id', 'Create_CRM_Lead→CRM_Accepted'])) throw new Error(`taken connectors: ${taken.join(', ')}`);
    const fault = frame.locator('path.edge-fault[data-to="Log_Failure"]');
    if ((await fault.count()) !== 1) throw new Error('the fault connector to Log_Failure is not drawn');
    const [faultStroke, takenStroke] = await Promise.all([fault.evaluate((e) => getComputedStyle(e).stroke), frame.locator('path.edge-taken').first().evaluate((e) => getComputedStyle(e).stroke)]);
    if (faultStroke === takenStroke) throw new Error(`the fault connector is drawn like the taken path (${faultStroke})`);
  });

  for (const size of WINDOWS) {
    await check(page, `the flow-run diagram at ${size.width}×${size.height} with the side bar open: within the panel, no sideways page`, async () => {
      if (!sent || !frame) throw new Error('no flow run in the Test Callout panel to look at: the send check failed');
      await page.setViewportSize(size);
      if (!(await page.locator('.part.sidebar').isVisible())) throw new Error('the side bar is not open');
      const f = frame;
      await f.locator('#run-diagram svg.diagram').waitFor();
      // Let the layout settle after the resize (the fit is computed when the result renders).
      let last = '';
      for (let i = 0; i < 20; i++) {
        const now = JSON.stringify(await f.locator('body').evaluate((b) => [b.ownerDocument.documentElement.clientWidth, b.ownerDocument.documentElement.scrollWidth]));
        if (now === last) break;
        last = now;
        await page.waitForTimeout(100);
      }
      const fit = await f.locator('body').evaluate((body) => {
        const doc = body.ownerDocument.documentElement;
        const view = body.ownerDocument.querySelector('.diagram-viewport')!.getBoundingClientRect();
        return { overflow: doc.scrollWidth - doc.clientWidth, viewRight: view.right, width: doc.clientWidth };
      });
      if (fit.overflow > 0) throw new Error(`the Test Callout panel (flow run) is ${fit.overflow}px wider than its view`);
      if (fit.viewRight > fit.width) throw new Error(`the diagram view ends at ${fit.viewRight}px in a ${fit.width}px panel`);
      await f.locator('#diagram-fit').click();
      await shoot(page, `flowrun-${size.width}x${size.height}`);
      if (size.width === 1600) await shootEditorArea(page, 'flowrun-editor-area');
    });
  }

  await check(page, 'clicking an element in the diagram selects its API name in the flow XML', async () => {
    if (!sent || !frame) throw new Error('no flow run in the Test Callout panel: the send check failed');
    const text = fs.readFileSync(path.join(workspace, 'force-app', 'main', 'default', 'flows', flowFile), 'utf8');
    const line = text.slice(0, text.indexOf('<name>Log_Failure</name>')).split('\n').length;
    await frame.locator('g.node[data-element="Log_Failure"]').click();
    await page.locator('.tabs-container .tab.active[data-resource-name="Lead_To_External_CRM.flow-meta.xml"]').waitFor();
    const status = page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+ \\(11 selected\\)`) });
    await status.first().waitFor({ timeout: 10_000 }).catch(async () => {
      throw new Error(`the editor does not select Log_Failure on line ${line}: status bar reads ${(await page.locator('.statusbar').innerText()).replace(/\s+/g, ' ')}`);
    });
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  fs.rmSync(screenshots, { recursive: true, force: true });
  fs.mkdirSync(screenshots, { recursive: true });
  if (!process.argv.includes('--no-build')) {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const host = ensureTestHost(root);
  const workspace = prepareWorkspace();
  const server = await startVsCodeServer({
    host,
    // VS Code in a browser saves after a delay by default; desktop VS Code does not. Off, so what a check types
    // stays in the editor (File: Revert File undoes it) and never reaches the workspace files.
    machineSettings: { 'files.autoSave': 'off' },
    onOutput: (line) => verbose && console.log(`[server] ${line}`),
  });
  const browser = await launchChromium(root);
  onInterrupt(() => browser.close());
  try {
    const context = await newWorkbenchContext(browser, { width: 1400, height: 900 });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    if (verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    console.log(`[ui] VS Code ${host.vscodeVersion} at ${server.origin}, workspace ${workspace}`);
    // A loaded machine can take a while to serve the workbench; the checks have their own timeouts.
    await page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: root }), { timeout: 90_000 });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), overallTimeoutMs);
    });
    const outcome = await Promise.race([uiChecks(page, workspace).then(() => flowRunChecks(page, workspace)), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      results.push({ name: `the UI check finished within ${overallTimeoutMs} ms`, ok: false, ms: overallTimeoutMs });
      await page.screenshot({ path: path.join(screenshots, 'failed-timeout.png') }).catch(() => undefined);
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`[ui] screenshots in ${path.relative(root, screenshots)}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
    process.exit(1);
  },
);
