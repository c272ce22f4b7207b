// The result panel's script and styles in real Chromium (Debian's /usr/bin/chromium via playwright-core),
// under the same CSP as the webview, with a fixed result: the tables render, the error state renders, an XSS
// corpus in bodies, headers and values runs no script and creates no element, and screenshots in the dark
// and light themes land in test-results/panel/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { contextFromProject } from '../../../server/src/core/callout/context';
import type { CalloutResult } from '../../../server/src/core/callout/result';
import { runCallout } from '../../../server/src/core/callout/run';
import { mapSecretResolver } from '../../../server/src/core/callout/secrets';
import { toCurl } from '../../../server/src/core/callout/curl';
import { nodeFs } from '../../../server/src/core/project/fs';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { examplesRoot, repoRoot } from '../helpers';
import { measureTextLayout } from '../../ui/layout';

const CHROMIUM = '/usr/bin/chromium';
const out = path.join(repoRoot, 'test-results', 'panel');
const XSS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload="window.__xss=3">',
  "javascript:window.__xss=4",
  '<iframe srcdoc="<script>parent.__xss=5</script>"></iframe>',
];

let browser: Browser;
let dir: string;
let result: CalloutResult;

const THEMES = {
  dark: { cls: 'vscode-dark', vars: '--vscode-foreground:#cccccc;--vscode-editor-background:#1f1f1f;--vscode-descriptionForeground:#9d9d9d;--vscode-panel-border:#3c3c3c;--vscode-badge-background:#616161;--vscode-badge-foreground:#f8f8f8;--vscode-button-background:#0078d4;--vscode-button-foreground:#ffffff;--vscode-button-secondaryBackground:#313131;--vscode-button-secondaryForeground:#cccccc;--vscode-testing-iconPassed:#73c991;--vscode-testing-iconFailed:#f14c4c;--vscode-textCodeBlock-background:#2b2b2b;--vscode-font-family:sans-serif;--vscode-font-size:13px;--vscode-editor-font-family:monospace;--vscode-editor-font-size:13px;' },
  light: { cls: 'vscode-light', vars: '--vscode-foreground:#3b3b3b;--vscode-editor-background:#ffffff;--vscode-descriptionForeground:#717171;--vscode-panel-border:#e5e5e5;--vscode-badge-background:#cccccc;--vscode-badge-foreground:#3b3b3b;--vscode-button-background:#005fb8;--vscode-button-foreground:#ffffff;--vscode-button-secondaryBackground:#e5e5e5;--vscode-button-secondaryForeground:#3b3b3b;--vscode-testing-iconPassed:#388a34;--vscode-testing-iconFailed:#e51400;--vscode-textCodeBlock-background:#f3f3f3;--vscode-font-family:sans-serif;--vscode-font-size:13px;--vscode-editor-font-family:monospace;--vscode-editor-font-size:13px;' },
};

function pageFor(theme: keyof typeof THEMES): string {
  const media = pathToFileURL(path.join(repoRoot, 'media', 'panel')).toString();
  writeFileSync(path.join(dir, `${theme}.css`), `:root{${THEMES[theme].vars}}`);
  const nonce = 'dGVzdG5vbmNlMTIz';
  // The webview's CSP, with file: standing in for webview.cspSource.
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src file:; img-src file:; font-src file:; script-src 'nonce-${nonce}';">
<link rel="stylesheet" href="${pathToFileURL(path.join(dir, `${theme}.css`))}"><link rel="stylesheet" href="${media}/panel.css"></head>
<body class="${THEMES[theme].cls}"><main id="app"></main>
<script nonce="${nonce}">window.__posted=[];window.__state=undefined;window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__posted.push(m),setState:(s)=>{window.__state=s},getState:()=>window.__state});</script>
<script nonce="${nonce}" src="${media}/panel.js"></script></body></html>`;
}

async function open(theme: keyof typeof THEMES): Promise<{ page: Page; violations: string[] }> {
  const file = path.join(dir, `${theme}.html`);
  writeFileSync(file, pageFor(theme));
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(pathToFileURL(file).toString());
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return { page, violations };
}

async function show(page: Page, r: CalloutResult): Promise<{ summary: Record<string, unknown> }> {
  const state = { result: r, uri: 'file:///x.callout.yaml', environment: r.environment, curl: toCurl(r.request), canSaveSample: true };
  await page.evaluate((s) => window.postMessage({ type: 'result', state: s }, '*'), state);
  const handle = await page.waitForFunction((id) => (window as unknown as { __posted: { type: string; resultId?: string }[] }).__posted.find((m) => m.type === 'rendered' && m.resultId === id), r.id);
  return (await handle.jsonValue()) as unknown as { summary: Record<string, unknown> };
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup-test-host.sh (it installs Debian's chromium)`);
  dir = mkdtempSync(path.join(tmpdir(), 'flow-callout-panel-'));
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
  const project = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow });
  const file = path.join(examplesRoot, 'callouts', 'ExternalCrmLeads.callout.yaml');
  const ctx = await contextFromProject(project, { text: readFileSync(file, 'utf8'), fileName: file }, nodeFs.readFile);
  result = await runCallout(ctx, { secrets: mapSecretResolver({}) });
  assert.equal(result.error, undefined);
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

for (const theme of ['dark', 'light'] as const) {
  test(`panel (${theme}): Flow outputs, flow variables, path and expectations render; screenshot`, async () => {
    const { page, violations } = await open(theme);
    const { summary } = await show(page, result);
    assert.deepEqual(summary, { status: 201, errorState: false, errorCode: undefined, path: 'success', outputs: 5, variables: 5, variablesFailing: 0, expectations: 3, expectationsFailed: 0, drift: 0 });
    assert.equal(await page.locator('#status-code').textContent(), '201 Created');
    assert.deepEqual(await page.locator('#flow-outputs tbody tr td:first-child').allTextContents(), ['responseCode', 'id', 'status', 'score', 'tags']);
    assert.deepEqual(await page.locator('#flow-variables tbody tr td.mark').allTextContents(), ['✓', '✓', '✓', '✓', '–']);
    // Where each mapping is written: the demo flow's action stores responseCode and 2XX; externalLeadId, crmScore
    // and errorMessage are mapped only by the definition's outputs, and the panel says so.
    const mapped = await page.locator('#flow-variables tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.querySelector('td.var-name')?.textContent} ← ${tr.querySelector('td.mapped-in')?.textContent}`));
    assert.deepEqual(mapped, [
      'calloutStatus ← the flow: action outputs',
      'createdLead ← the flow: action outputs',
      "externalLeadId ← the definition's outputs, not the flow's action",
      "crmScore ← the definition's outputs, not the flow's action",
      "errorMessage ← the definition's outputs, not the flow's action",
    ]);
    // The request body as sent wraps inside a panel as narrow as beside an editor at 1280×800: nothing of it
    // hides behind a sideways scrollbar.
    await page.setViewportSize({ width: 460, height: 1400 });
    const bodyBox = await page.locator('#request pre.body').evaluate((pre) => [pre.scrollWidth, pre.clientWidth, (pre.textContent ?? '').length]);
    assert.ok(bodyBox[2] > 80, 'the demo body is one long line of JSON');
    assert.ok(bodyBox[0] <= bodyBox[1], `the request body is ${bodyBox[0] - bodyBox[1]}px wider than its box`);
    await page.setViewportSize({ width: 1000, height: 1400 });
    assert.match((await page.locator('#flow-path').textContent()) ?? '', /continues on its normal path/);
    assert.equal(await page.locator('.error-state').count(), 0);
    assert.equal(await page.locator('#response-body details').count() > 0, true, 'the JSON body folds');
    assert.deepEqual(violations, [], 'the panel needs nothing the CSP forbids');
    await page.screenshot({ path: path.join(out, `panel-${theme}.png`), fullPage: true });
    await page.close();
  });
}

test('panel: the error state for a failed send', async () => {
  const { page } = await open('dark');
  const failed: CalloutResult = { ...result, id: 'failed-1', response: undefined, outputs: undefined, variables: [], drift: [], expectations: [], error: { code: 'timeout', message: 'No complete response within 10 s (the timeout).' }, path: { kind: 'fault', faultMessage: 'An error occurred: Read timed out', reason: 'No HTTP response (timeout).' } };
  const { summary } = await show(page, failed);
  assert.deepEqual([summary.errorState, summary.errorCode, summary.path], [true, 'timeout', 'fault']);
  assert.match((await page.locator('.error-state').textContent()) ?? '', /timeout.*No complete response within 10 s/);
  assert.match((await page.locator('#flow-path .fault-message').textContent()) ?? '', /\$Flow\.FaultMessage ≈ An error occurred: Read timed out/);
  await page.screenshot({ path: path.join(out, 'panel-error.png'), fullPage: true });
  await page.close();
});

test('panel: a test timeout shorter than Salesforce\'s shows no flow path ("path not known")', async () => {
  const { page } = await open('dark');
  const stopped: CalloutResult = { ...result, id: 'stopped-1', response: undefined, outputs: undefined, variables: [], drift: [], expectations: [], error: { code: 'test-timeout', message: 'No complete response within 5 s, this test\'s timeout.' }, path: { kind: 'unknown', reason: 'The test stopped waiting before Salesforce would: what the flow gets is not known.' } };
  const { summary } = await show(page, stopped);
  assert.deepEqual([summary.errorState, summary.errorCode, summary.path], [true, 'test-timeout', 'unknown']);
  assert.equal(await page.locator('.badge.path-unknown').first().textContent(), 'path not known');
  assert.match((await page.locator('#flow-path').textContent()) ?? '', /What the flow gets is not known/);
  assert.equal(await page.locator('#flow-path .fault-message').count(), 0);
  await page.screenshot({ path: path.join(out, 'panel-path-unknown.png'), fullPage: true });
  await page.close();
});

test('panel: an XSS corpus in bodies, headers, values and messages runs no script and creates no element', async () => {
  const { page } = await open('dark');
  const evil = XSS.join(' ');
  const r: CalloutResult = JSON.parse(JSON.stringify(result));
  r.id = 'xss-1';
  r.definition.action = XSS[0];
  r.response!.headers.push(...XSS.map((x, i) => ({ name: `X-Evil-${i}`, value: x })));
  r.response!.body = { kind: 'json', text: JSON.stringify({ id: evil }), truncated: false, value: { [XSS[1]]: evil, id: XSS[2], list: XSS } };
  r.outputs!.fields[0].value = evil;
  r.variables[0].reason = evil;
  r.variables[0].ok = false;
  r.variables[0].status = 'mismatch';
  r.drift = [{ path: XSS[3], kind: 'added', message: evil }];
  r.findings = [{ severity: 'warning', code: 'x', message: evil }];
  r.request.body = evil;
  r.request.url = XSS[3];
  r.path = { kind: 'fault', faultMessage: evil, reason: evil };
  r.error = { code: XSS[4], message: evil };
  await show(page, r);
  await page.waitForTimeout(300); // give any injected handler (onerror/onload) the chance to run
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  assert.equal(await page.locator('#app img, #app script, #app svg, #app iframe').count(), 0);
  assert.ok(((await page.locator('#response-body').textContent()) ?? '').includes('<script>window.__xss=2</script>'), 'shown as text');
  assert.ok(((await page.locator('.error-state').textContent()) ?? '').includes('<img src=x onerror="window.__xss=1">'));
  await page.close();
});

// The panel beside the definition in an ordinary window: 1280 px with the side bar open leaves the panel about
// 460 px, 1600 px about 620 px. No word may be drawn across two lines, no column squeezed below its words.
for (const width of [460, 620]) {
  test(`panel layout at ${width} px: no word broken, no cell clipped without a tooltip, no sideways page`, async () => {
    const { page } = await open('light');
    await page.setViewportSize({ width, height: 1400 });
    const r: CalloutResult = JSON.parse(JSON.stringify(result));
    r.id = `layout-${width}`;
    r.response!.headers.push({ name: 'X-Request-Trace', value: 'https://trace.example-crm.com/v1/requests/7c1e2a44-8a5b-4b8e-9a55-2f0c3d1e9b7a?include=headers,timing' });
    r.variables[0].reason = 'The response field is a Number but the variable was declared as Text in the flow, so Flow Builder rejects the mapping.';
    r.outputs!.fields[0].flowType = 'Apex-defined ExternalService__ExternalCrmLeads_createLead_OUT_2XX_currentx5fweather';
    await show(page, r);
    const layout = await page.locator('body').evaluate(measureTextLayout, 'table.grid th, table.grid td');
    assert.ok(layout.cells > 40 && layout.words > 80, `measured ${layout.cells} cells, ${layout.words} words`);
    assert.deepEqual(layout.brokenWords, [], 'words broken across lines');
    assert.deepEqual(layout.clipped, [], 'cells cut off without a tooltip or a scrollbar');
    const trace = page.locator('#response-headers td.value', { hasText: 'trace.example-crm.com' });
    assert.match((await trace.getAttribute('title')) ?? '', /include=headers,timing$/, 'a cut-off value has the whole value as its tooltip');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'the page itself never scrolls sideways');
    // A long Apex type name does not push the values out of view.
    const value = await page.locator('#flow-outputs tr.output-row td.value').first().boundingBox();
    assert.ok(value && value.x + value.width <= width, `the Value column ends at ${value && value.x + value.width} px in a ${width} px panel`);
    await page.screenshot({ path: path.join(out, `panel-${width}px.png`), fullPage: true });
    await page.close();
  });
}
