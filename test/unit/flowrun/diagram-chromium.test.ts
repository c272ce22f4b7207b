// The flow-run panel with its diagram in real Chromium (Debian's /usr/bin/chromium via playwright-core), under
// the webview's CSP, with the scripts the panel loads (dist/webview/flow-diagram.js: dagre + the SVG; media/
// flowrun/flowrun.js): a send from Order_Sync to the mock (201, 404, timeout) draws every element, the taken
// connectors highlighted, the fault connector red; a run that needs the org marks where it stops; clicking an
// element asks to reveal it; flow labels are text, never markup; a 400-element flow is drawn cut to the cap;
// the panel at the widths it has beside the flow (1280 and 1600 px windows with the side bar open) does not
// scroll sideways. Screenshots land in test-results/flowrun/ (looked at when the diagram changes).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mapSecretResolver } from '../../../server/src/core/callout/secrets';
import { buildFlowModel } from '../../../server/src/core/flow/model';
import { diagramOfFlowText, DIAGRAM_NODE_CAP, flowDiagram, type FlowDiagram } from '../../../server/src/core/flowrun/diagram';
import { flowTestsOf, loadFlowSendProject } from '../../../server/src/core/flowrun/project';
import { runFlowFrom } from '../../../server/src/core/flowrun/run';
import { sendFromFlow, type FlowSendResult, type SimulatedOutcome } from '../../../server/src/core/flowrun/send';
import { nodeFs } from '../../../server/src/core/project/fs';
import { flow } from '../flow/helpers';
import { repoRoot } from '../helpers';
import { measureTextLayout } from '../../ui/layout';

const CHROMIUM = '/usr/bin/chromium';
const out = path.join(repoRoot, 'test-results', 'flowrun');
const FIXTURE_ROOT = path.join(repoRoot, 'test', 'fixtures', 'sendflow');
const FLOW_FILE = path.join(FIXTURE_ROOT, 'force-app', 'main', 'default', 'flows', 'Order_Sync.flow-meta.xml');
const DIAGRAM_JS = path.join(repoRoot, 'dist', 'webview', 'flow-diagram.js');
const DARK = '--vscode-foreground:#cccccc;--vscode-editor-background:#1f1f1f;--vscode-editorWidget-background:#202020;--vscode-descriptionForeground:#9d9d9d;--vscode-panel-border:#3c3c3c;--vscode-badge-background:#616161;--vscode-badge-foreground:#f8f8f8;--vscode-button-background:#0078d4;--vscode-button-foreground:#ffffff;--vscode-button-secondaryBackground:#313131;--vscode-button-secondaryForeground:#cccccc;--vscode-charts-blue:#3794ff;--vscode-charts-red:#f14c4c;--vscode-charts-orange:#d18616;--vscode-focusBorder:#0078d4;--vscode-errorForeground:#f85149;--vscode-font-family:sans-serif;--vscode-font-size:13px;';

let browser: Browser;
let dir: string;

interface Posted { type: string; element?: string; summary?: { diagram: null | { nodes: number; edges: number; taken: string[]; takenEdges: string[]; faultEdges: number; stop: string | null; omitted: number; width: number } } }

async function open(width: number): Promise<{ page: Page; violations: string[] }> {
  const nonce = 'dGVzdG5vbmNlMTIz';
  const media = pathToFileURL(path.join(repoRoot, 'media', 'flowrun')).toString();
  const panel = pathToFileURL(path.join(repoRoot, 'media', 'panel')).toString();
  writeFileSync(path.join(dir, 'theme.css'), `:root{${DARK}}`);
  const file = path.join(dir, 'flowrun.html');
  writeFileSync(file, `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src file:; script-src 'nonce-${nonce}';">
<link rel="stylesheet" href="${pathToFileURL(path.join(dir, 'theme.css'))}"><link rel="stylesheet" href="${panel}/panel.css"><link rel="stylesheet" href="${media}/flowrun.css"></head>
<body class="vscode-dark"><main id="app"></main>
<script nonce="${nonce}">window.__posted=[];window.__state=undefined;window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__posted.push(m),setState:(s)=>{window.__state=s},getState:()=>window.__state});</script>
<script nonce="${nonce}" src="${pathToFileURL(DIAGRAM_JS)}"></script>
<script nonce="${nonce}" src="${media}/flowrun.js"></script>
<script nonce="${nonce}" src="${panel}/panel.js"></script></body></html>`);
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|error/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(e.message));
  await page.goto(pathToFileURL(file).toString());
  await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'ready'));
  return { page, violations };
}

/** Shows a flow send as the Test Callout panel does (client/src/send/flowAction.ts panelState); `summary` is the flow-run part. */
async function show(page: Page, result: FlowSendResult, diagram: FlowDiagram | undefined): Promise<Posted> {
  await page.evaluate(() => {
    (window as unknown as { __posted: Posted[] }).__posted = [];
  });
  const { callout, ...run } = result;
  const state = { result: callout, uri: 'file:///Order_Sync.flow-meta.xml', environment: 'mock', curl: '', canSaveSample: false, flowRun: { id: callout?.id ?? 'no-callout', result: run, diagram, element: result.element } };
  await page.evaluate((s) => window.postMessage({ type: 'result', state: s }, '*'), state);
  const handle = await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.find((m) => m.type === 'rendered'));
  const posted = (await handle.jsonValue()) as Posted & { flowRun?: Posted['summary'] };
  return { ...posted, summary: posted.flowRun };
}

async function send(status: SimulatedOutcome): Promise<{ result: FlowSendResult; diagram: FlowDiagram }> {
  const text = readFileSync(FLOW_FILE, 'utf8');
  const loaded = await loadFlowSendProject(FIXTURE_ROOT, nodeFs);
  const result = await sendFromFlow({
    project: loaded.project, flow: { file: FLOW_FILE, text }, element: 'Send_Order', readFile: nodeFs.readFile,
    flowTest: flowTestsOf(loaded, 'Order_Sync')[0], status, saved: { orderRequest: { orderNumber: '00000107', amount: 250 } }, options: { secrets: mapSecretResolver({}), environment: 'mock' },
  });
  assert.equal(result.error, undefined);
  assert.ok(result.run, result.notSent);
  const diagram = diagramOfFlowText(text, 'Send_Order', result.run);
  assert.ok(diagram);
  return { result, diagram };
}

/** The stroke colour the page computed for the first element matching `selector`. */
function stroke(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((e) => getComputedStyle(e).stroke);
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup-test-host.sh (it installs Debian's chromium)`);
  assert.ok(existsSync(DIAGRAM_JS), `${DIAGRAM_JS} is missing: run node esbuild.mjs`);
  dir = mkdtempSync(path.join(tmpdir(), 'flow-callout-flowrun-'));
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// 1280 px with the side bar open leaves the panel beside the flow about 460 px; 1600 px about 620 px.
for (const width of [460, 620]) {
  test(`201 at ${width} px: every element drawn, the path Send_Order → Check_Response → Mark_Synced → Update_Order highlighted, the fault connector red`, async () => {
    const { page, violations } = await open(width);
    const { result, diagram } = await send(201);
    const posted = await show(page, result, diagram);
    const d = posted.summary!.diagram!;
    assert.equal(d.nodes, 9);
    assert.deepEqual(d.taken.sort(), ['Check_Response', 'Mark_Synced', 'Send_Order', 'Update_Order']);
    assert.deepEqual(d.takenEdges.sort(), ['Check_Response→Mark_Synced', 'Mark_Synced→Update_Order', 'Send_Order→Check_Response']);
    assert.equal(d.faultEdges, 1);
    assert.equal(d.stop, null);
    // What the eye sees: the taken connectors blue and thick, the fault connector red, the others grey.
    assert.equal(await stroke(page, 'path.edge-taken'), 'rgb(55, 148, 255)');
    assert.equal(await stroke(page, 'path.edge-fault'), 'rgb(241, 76, 76)');
    assert.equal(await stroke(page, 'path.edge[data-from="Check_Response"][data-to="Mark_Missing"]'), 'rgb(157, 157, 157)');
    assert.equal(await stroke(page, 'g.node[data-element="Check_Response"] rect'), 'rgb(55, 148, 255)');
    assert.equal(await page.locator('.edge-label-taken text').first().textContent(), 'Created');
    // The diagram fits the panel: the page never scrolls sideways; a wider diagram scrolls inside its view.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
    const view = await page.locator('.diagram-viewport').boundingBox();
    assert.ok(view && view.x + view.width <= width, 'the diagram view ends inside the panel');
    // Every node is inside the SVG, none on top of another.
    const boxes = await page.locator('g.node rect').evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect()).map((b) => ({ x: b.x, y: b.y, w: b.width, h: b.height })));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        assert.ok(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y, `nodes ${i} and ${j} overlap`);
      }
    }
    // Names in the tables stay whole (values may break anywhere: long JSON has no spaces).
    const layout = await page.locator('body').evaluate(measureTextLayout, 'th, td.run-key');
    assert.ok(layout.cells >= 14, `measured ${layout.cells} cells`);
    assert.deepEqual(layout.brokenWords, []);
    assert.deepEqual(violations, []);
    await page.locator('#run-diagram').screenshot({ path: path.join(out, `diagram-201-${width}px.png`) });
    await page.screenshot({ path: path.join(out, `panel-201-${width}px.png`), fullPage: true });
    await page.close();
  });
}

test('404 takes Customer_Not_Found; a timeout takes the fault connector, drawn solid red', async () => {
  const { page } = await open(620);
  const notFound = await send(404);
  let d = (await show(page, notFound.result, notFound.diagram)).summary!.diagram!;
  assert.deepEqual(d.takenEdges.sort(), ['Check_Response→Mark_Missing', 'Mark_Missing→Update_Order', 'Send_Order→Check_Response']);
  assert.equal(await page.locator('.edge-label-taken text').first().textContent(), 'Customer Not Found');
  const timeout = await send('timeout');
  d = (await show(page, timeout.result, timeout.diagram)).summary!.diagram!;
  assert.deepEqual(d.takenEdges, ['Send_Order→Log_Fault']);
  const fault = page.locator('path.edge-fault.edge-taken');
  assert.equal(await fault.count(), 1);
  assert.equal(await fault.evaluate((e) => getComputedStyle(e).strokeDasharray), 'none');
  assert.equal(await stroke(page, 'path.edge-fault.edge-taken'), 'rgb(241, 76, 76)');
  await page.locator('#run-diagram').screenshot({ path: path.join(out, 'diagram-timeout.png') });
  await page.close();
});

test('a run that needs the org: the element is marked "stops here: needs the org"; clicking an element asks to reveal it', async () => {
  const text = flow([
    `<actionCalls><name>Get_Rates</name><label>Get Rates</label><actionName>Fx.latest</actionName><actionType>externalService</actionType>
       <connector><targetReference>Check</targetReference></connector><faultConnector><targetReference>Notify</targetReference></faultConnector><storeOutputAutomatically>true</storeOutputAutomatically></actionCalls>`,
    `<decisions><name>Check</name><label>Rates usable?</label><defaultConnector><targetReference>Notify</targetReference></defaultConnector><defaultConnectorLabel>No rates</defaultConnectorLabel>
       <rules><name>Usable</name><conditionLogic>and</conditionLogic><conditions><leftValueReference>Get_Rates.responseCode</leftValueReference><operator>EqualTo</operator><rightValue><numberValue>200</numberValue></rightValue></conditions>
       <connector><targetReference>Read_Config</targetReference></connector><label>Usable</label></rules></decisions>`,
    `<recordLookups><name>Read_Config</name><label>Read FX Config</label><object>Fx_Config__c</object><getFirstRecordOnly>true</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically>
       <connector><targetReference>Save</targetReference></connector></recordLookups>`,
    `<recordUpdates><name>Save</name><label>Save Rates</label><inputReference>Read_Config</inputReference></recordUpdates>`,
    `<actionCalls><name>Notify</name><label>Notify Finance</label><actionName>emailSimple</actionName><actionType>emailSimple</actionType></actionCalls>`,
  ].join('\n'), { start: '<connector><targetReference>Get_Rates</targetReference></connector>' });
  const model = buildFlowModel(text);
  const run = runFlowFrom({ model, flowName: 'Fx_Sync', element: 'Get_Rates', responseKeys: ['2XX'], response: { event: { kind: 'status', status: 200 }, body: {} } });
  assert.equal(run.end.kind, 'needs-org');
  const result: FlowSendResult = { flow: 'Fx_Sync', element: 'Get_Rates', actionName: 'Fx.latest', inputs: [], missing: [], notes: [], run };
  const { page, violations } = await open(460);
  const d = (await show(page, result, flowDiagram(model, 'Get_Rates', run))).summary!.diagram!;
  assert.equal(d.stop, 'Read_Config');
  const stop = page.locator('g.node[data-element="Read_Config"]');
  assert.equal(await stop.getAttribute('data-stop'), 'needs-org');
  assert.equal(await stop.locator('.node-caption-stop').textContent(), 'stops here: needs the org');
  assert.equal(await stroke(page, 'g.node[data-element="Read_Config"] rect'), 'rgb(209, 134, 22)');
  // Save is after the stop: not on the path.
  assert.equal(await page.locator('g.node[data-element="Save"]').getAttribute('data-role'), 'other');
  await page.locator('g.node[data-element="Check"]').click();
  await page.locator('g.node[data-element="Notify"]').focus();
  await page.keyboard.press('Enter');
  const reveals = await page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted.filter((m) => m.type === 'reveal').map((m) => m.element));
  assert.deepEqual(reveals, ['Check', 'Notify']);
  await page.locator('g.node[data-element="Notify"]').evaluate((e) => (e as unknown as HTMLElement).blur());
  assert.deepEqual(violations, []);
  await page.locator('#run-diagram').screenshot({ path: path.join(out, 'diagram-needs-org.png') });
  await page.close();
});

test('flow labels and names with markup are drawn as text: no script runs, no element is made', async () => {
  const evil = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>', '"><svg onload="window.__xss=3">'];
  const text = flow([
    `<actionCalls><name>Call</name><label>${evil[0].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</label><actionName>Fx.latest</actionName><actionType>externalService</actionType>
       <connector><targetReference>Check</targetReference></connector></actionCalls>`,
    `<decisions><name>Check</name><label>${evil[2].replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/>/g, '&gt;')}</label><defaultConnector><targetReference>Check2</targetReference></defaultConnector><defaultConnectorLabel>${evil[1].replace(/</g, '&lt;')}</defaultConnectorLabel></decisions>`,
    `<assignments><name>Check2</name><label>ok</label></assignments>`,
  ].join('\n'), { start: '<connector><targetReference>Call</targetReference></connector>' });
  const model = buildFlowModel(text);
  const run = runFlowFrom({ model, flowName: 'X', element: 'Call', responseKeys: ['2XX'], response: { event: { kind: 'status', status: 200 }, body: {} } });
  const { page } = await open(620);
  await show(page, { flow: 'X', element: 'Call', actionName: 'Fx.latest', inputs: [], missing: [], notes: [], run }, flowDiagram(model, 'Call', run));
  await page.waitForTimeout(300); // give any injected handler the chance to run
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  assert.equal(await page.locator('#run-diagram img, #run-diagram script, #run-diagram svg svg').count(), 0);
  assert.equal(await page.locator('g.node[data-element="Call"] .node-label').textContent(), '<img src=x onerror="windo…');
  assert.equal(await page.locator('.edge-label text').first().textContent(), '<script>window.__xss=…');
  await page.close();
});

test(`a 400-element flow is drawn cut to ${DIAGRAM_NODE_CAP} elements around the path, and says so`, async () => {
  const n = 400;
  const parts = [`<actionCalls><name>Call</name><label>Call</label><actionName>Fx.latest</actionName><actionType>externalService</actionType><connector><targetReference>D0</targetReference></connector></actionCalls>`];
  // A chain of Decisions, each with a side branch: wide and deep.
  for (let i = 0; i < n / 2; i++) {
    parts.push(`<decisions><name>D${i}</name><label>Decision ${i}</label><defaultConnector><targetReference>${i + 1 < n / 2 ? `D${i + 1}` : 'S0'}</targetReference></defaultConnector>
      <rules><name>R${i}</name><conditionLogic>and</conditionLogic><conditions><leftValueReference>Call.responseCode</leftValueReference><operator>EqualTo</operator><rightValue><numberValue>500</numberValue></rightValue></conditions><connector><targetReference>S${i}</targetReference></connector><label>Rule ${i}</label></rules></decisions>`);
    parts.push(`<assignments><name>S${i}</name><label>Side ${i}</label></assignments>`);
  }
  const model = buildFlowModel(flow(parts.join('\n'), { start: '<connector><targetReference>Call</targetReference></connector>' }));
  const run = runFlowFrom({ model, flowName: 'Big', element: 'Call', responseKeys: ['2XX'], response: { event: { kind: 'status', status: 200 }, body: {} } });
  const diagram = flowDiagram(model, 'Call', run);
  const { page, violations } = await open(620);
  const d = (await show(page, { flow: 'Big', element: 'Call', actionName: 'Fx.latest', inputs: [], missing: [], notes: [], run }, diagram)).summary!.diagram!;
  assert.equal(d.nodes, DIAGRAM_NODE_CAP + 1, 'the cap, and the start');
  assert.equal(d.omitted, n + 1 - DIAGRAM_NODE_CAP);
  assert.match((await page.locator('.diagram-omitted').textContent()) ?? '', new RegExp(`Drawn: ${DIAGRAM_NODE_CAP} of ${n + 1} elements`));
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  // Zoom buttons change the drawing's size; Fit brings it back.
  const size = () => page.locator('svg.diagram').evaluate((s) => Number(s.getAttribute('width')));
  const fitted = await size();
  await page.locator('#diagram-zoom-in').click();
  assert.ok((await size()) > fitted);
  await page.locator('#diagram-fit').click();
  assert.equal(await size(), fitted);
  assert.deepEqual(violations, []);
  await page.close();
});
