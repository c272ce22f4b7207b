// The result panel against an XSS corpus, in real Chromium under the webview's CSP (script by nonce only):
// every payload would bump a global counter if it ran, and a `securitypolicyviolation` listener counts what
// the CSP had to block — both must stay 0 (the panel never creates markup from data, so the CSP never even
// has to act). A control page that does inject the same payloads as HTML shows the counter does count.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { summarizeFlow } from '../../../server/src/core/flow/summary';
import { ProjectIndex } from '../../../server/src/core/project/index';
import { examplesRoot, repoRoot } from '../helpers';

const CHROMIUM = '/usr/bin/chromium';
const RUN = 'window.__executed=(window.__executed||0)+1';
/** Each would run RUN if it reached the DOM as markup (or a followed URL). */
const CORPUS = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `"><img src=x onerror="${RUN}">`,
  `'><svg onload="${RUN}">`,
  `<svg><script>${RUN}</script></svg>`,
  `<svg><animate onbegin="${RUN}" attributeName=x dur=1s>`,
  `<iframe srcdoc="<script>parent.${RUN}</script>"></iframe>`,
  `<a href="javascript:${RUN}" id=xss-link>x</a>`,
  `javascript:${RUN}`,
  `<details open ontoggle="${RUN}">`,
  `<body onload="${RUN}">`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${RUN}">`,
  `<object data="javascript:${RUN}"></object>`,
  `</textarea></pre></code><img src=x onerror="${RUN}">`,
];

let browser: Browser;
let dir: string;
let result: CalloutResult;

/** The webview page (resultPanel.ts's CSP, file: standing in for webview.cspSource) with the two counters. */
function panelPage(): string {
  const media = pathToFileURL(path.join(repoRoot, 'media', 'panel')).toString();
  const nonce = 'eHNzdGVzdG5vbmNl';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src file:; img-src file:; font-src file:; script-src 'nonce-${nonce}';">
<link rel="stylesheet" href="${media}/panel.css"></head><body><main id="app"></main>
<script nonce="${nonce}">window.__executed=0;window.__violations=[];document.addEventListener('securitypolicyviolation',(e)=>window.__violations.push(e.violatedDirective+' '+e.blockedURI));
window.__posted=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__posted.push(m),setState:()=>undefined,getState:()=>undefined});</script>
<script nonce="${nonce}" src="${media}/panel.js"></script></body></html>`;
}

/** Every text the panel shows from a result, set to payloads (names, values, headers, bodies, messages). */
function poisoned(base: CalloutResult): CalloutResult {
  const r: CalloutResult = JSON.parse(JSON.stringify(base));
  let i = 0;
  const next = () => CORPUS[i++ % CORPUS.length];
  const all = CORPUS.join(' ');
  r.id = 'xss-corpus';
  r.environment = next();
  r.definition = { ...r.definition, name: next(), operation: next(), action: next(), file: next(), flow: next() };
  r.request.url = `javascript:${RUN}`;
  r.request.body = all;
  r.request.headers.push(...CORPUS.map((x) => ({ name: x, value: x })));
  r.response!.headers.push(...CORPUS.map((x) => ({ name: `X-${x}`, value: x })));
  r.response!.statusText = next();
  r.response!.body = { kind: 'json', text: JSON.stringify(Object.fromEntries(CORPUS.map((x) => [x, x]))), truncated: false, value: Object.fromEntries(CORPUS.map((x) => [x, [x, { [x]: x }]])) };
  for (const f of r.outputs!.fields) {
    f.value = next();
    f.path = next();
  }
  for (const v of r.variables) {
    v.variable = next();
    v.from = next();
    v.reason = next();
    v.value = next();
  }
  r.expectations = CORPUS.map((x) => ({ name: x, expected: x, actual: x, pass: false, message: x }));
  r.drift = CORPUS.map((x) => ({ path: x, kind: 'added' as const, message: x }));
  r.findings = CORPUS.map((x) => ({ severity: 'warning' as const, code: x, message: x }));
  r.path = { kind: 'fault', faultMessage: all, reason: all };
  r.error = { code: next(), message: all };
  return r;
}

async function counters(page: Page): Promise<{ executed: number; violations: string[] }> {
  return page.evaluate(() => ({ executed: (window as unknown as { __executed: number }).__executed, violations: (window as unknown as { __violations: string[] }).__violations }));
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup-test-host.sh (it installs Debian's chromium)`);
  dir = mkdtempSync(path.join(tmpdir(), 'flow-callout-xss-'));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
  const project = await ProjectIndex.load(examplesRoot, nodeFs, { summarizeFlow });
  const file = path.join(examplesRoot, 'callouts', 'ExternalCrmLeads.callout.yaml');
  const ctx = await contextFromProject(project, { text: readFileSync(file, 'utf8'), fileName: file }, nodeFs.readFile);
  result = await runCallout(ctx, { secrets: mapSecretResolver({}) });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('control: the corpus injected as HTML without a CSP does run (the counter counts)', async () => {
  const file = path.join(dir, 'control.html');
  writeFileSync(file, `<!DOCTYPE html><html><body><main id="app"></main><script>window.__executed=0;window.__violations=[];</script></body></html>`);
  const page = await browser.newPage();
  await page.goto(pathToFileURL(file).toString());
  await page.evaluate((corpus) => { document.getElementById('app')!.innerHTML = corpus.join('\n'); }, CORPUS);
  await page.waitForFunction(() => (window as unknown as { __executed: number }).__executed >= 3);
  assert.ok((await counters(page)).executed >= 3);
  await page.close();
});

test('the result panel under its CSP: no payload in any name, value, header, body or message runs or is even attempted', async () => {
  const file = path.join(dir, 'panel.html');
  writeFileSync(file, panelPage());
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  await page.goto(pathToFileURL(file).toString());
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  const r = poisoned(result);
  const state = { result: r, uri: `file:///${CORPUS[0]}.callout.yaml`, environment: r.environment, curl: toCurl(r.request), canSaveSample: true };
  await page.evaluate((s) => window.postMessage({ type: 'result', state: s }, '*'), state);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string; resultId?: string }[] }).__posted.some((m) => m.type === 'rendered' && m.resultId === 'xss-corpus'));
  // Open every folded section, hover and click every link and button the panel made, then let handlers run.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { (d as HTMLDetailsElement).open = true; }));
  for (const a of await page.locator('#app a').all()) await a.click({ trial: false, force: true, noWaitAfter: true }).catch(() => undefined);
  await page.waitForTimeout(300);
  const got = await counters(page);
  assert.equal(got.executed, 0, 'no payload ran');
  assert.deepEqual(got.violations, [], 'the CSP had nothing to block: no markup was made from the data');
  assert.equal(await page.locator('#app script, #app img, #app svg, #app iframe, #app object, #app math, #app a[href^="javascript"]').count(), 0);
  // The payloads are on screen as text.
  const text = (await page.locator('#app').textContent()) ?? '';
  for (const x of CORPUS) assert.ok(text.includes(x), `shown as text: ${x}`);
  await page.close();
});

test('the webview keeps its CSP: default-src none, scripts only by a fresh nonce (one page builder, used by the panel)', () => {
  const source = readFileSync(path.join(repoRoot, 'client', 'src', 'panel', 'webviewHtml.ts'), 'utf8');
  assert.match(source, /const nonce = randomBytes\(\d+\)\.toString\('base64'\)/);
  assert.match(source, /default-src 'none';[^`]*script-src 'nonce-\$\{nonce\}';/);
  assert.doesNotMatch(source, /unsafe-inline|unsafe-eval/);
  assert.match(source, /<script nonce="\$\{nonce\}" src=/);
  // Every webview of the extension makes its page through webviewHtml(): no other HTML page, no other CSP.
  const panels = readdirSync(path.join(repoRoot, 'client', 'src', 'panel')).filter((f) => f !== 'webviewHtml.ts');
  for (const f of panels) assert.doesNotMatch(readFileSync(path.join(repoRoot, 'client', 'src', 'panel', f), 'utf8'), /Content-Security-Policy|<script/, f);
  assert.match(readFileSync(path.join(repoRoot, 'client', 'src', 'panel', 'resultPanel.ts'), 'utf8'), /webviewHtml\(webview, \{/);
});
