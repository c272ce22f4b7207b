#!/usr/bin/env node
// `npm start`: build, and open a real VS Code with the extension loaded and a copy of examples/ open, its
// built-in mock on a port chosen here (the copy's .vscode/settings.json flowCallout.mock.port): the URL printed
// is the one Send Test Callout's "mock" sends to, served by the extension from the workspace's definitions. The copy lives under the OS temp dir (removed on stop), so
// edits and auto-save in the demo never change the repository's tracked files. Desktop VS Code (`code --extensionDevelopmentPath`) when a `code`
// binary is on PATH, otherwise code-server's VS Code on http://127.0.0.1:<port>/ (installed on first use by
// scripts/setup-test-host.sh). Ctrl+C stops everything this started.
//
//   npm start                        FLOW_CALLOUT_PORT=8765 by default (a free one if that is taken)
//   npm start -- --web               use the browser route even when `code` exists
//   npm start -- --check             start everything, load the workbench in Chromium, check that the extension
//                                    runs and that a saved edit lands in the copy, not in the repository, then
//                                    stop (a smoke test of this script; exit code 0/1)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoExamples = path.join(root, 'examples');
/** The demo workspace: a fresh copy of examples/ (set in main). */
let examples = repoExamples;
/** The built-in mock's URL, printed and checked (set in main). */
let mockUrl = '';
const args = process.argv.slice(2);
const check = args.includes('--check');
const forceWeb = args.includes('--web') || check;

function say(line = '') {
  console.log(line);
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free loopback port: `preferred` when it is free, else one the system picks. */
async function mockPort(preferred) {
  if (preferred && (await portIsFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The demo copy's workspace settings: the mock's port (kept with whatever the folder already sets). */
function setMockPort(folder, port) {
  const file = path.join(folder, '.vscode', 'settings.json');
  let settings = {};
  try {
    settings = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // none yet (or not plain JSON: replaced in the temporary copy)
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...settings, 'flowCallout.mock.port': port }, null, 2)}\n`);
}

function printTryFirst(where) {
  say('');
  say(`  ${where}`);
  say('');
  say('  Try first (README "Try first"):');
  say('    1. Open callouts/ExternalCrmLeads.callout.yaml (Ctrl+P); in request.body type `phone: "{!$Record.` and pick');
  say('       Phone from the Lead fields; delete the line again (Ctrl+Shift+K) before step 2.');
  say('    2. Click "Send Test Callout", the first lens above the definition, and pick "mock": the panel shows the');
  say('       flow path, the Flow outputs and the flow variables they land in. The mock is on');
  say(`       ${mockUrl} (try: curl -X POST ${mockUrl}/api/v1/leads -H 'Content-Type: application/json' -d '{}').`);
  say('    3. F1 → "Flow Callout: New Callout Definition…": name, method, named credential → a clean definition.');
  say('    4. Testing view (the flask): run the examples\' tests against the mock.');
  say('    5. Break something (method: FETCH, or tags: [inbound, 42]) and read the Problems panel (Ctrl+Shift+M).');
  say('');
  say('  Ctrl+C stops everything.');
  say('');
}

async function main() {
  const started = Date.now();
  say('[start] building (npm run build)');
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  if (!fs.existsSync(path.join(repoExamples, 'sfdx-project.json'))) throw new Error(`no demo workspace at ${repoExamples}`);

  const children = [];
  const cleanups = [];
  // The folder is named examples/ too, so the window title and the README's paths read the same.
  const copyRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-callout-demo-'));
  examples = path.join(copyRoot, 'examples');
  fs.cpSync(repoExamples, examples, { recursive: true });
  // The files point at ../schemas/ ($schema): the copy keeps that layout.
  fs.cpSync(path.join(root, 'schemas'), path.join(copyRoot, 'schemas'), { recursive: true });
  cleanups.push(async () => fs.rmSync(copyRoot, { recursive: true, force: true }));
  say(`[start] demo workspace: ${examples} (a copy of examples/; your edits stay there and it is removed on stop)`);
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    say('\n[start] stopping');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    process.exit(code);
  };
  process.on('exit', () => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL')));
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  // The mock is the extension's own (client/src/send/sessionMock.ts); its port is set here, in the copy, and
  // its URL spelled by the same function the mock uses.
  const { mockUrlFor } = await import('tsx/esm/api').then(({ tsImport }) => tsImport(pathToFileURL(path.join(root, 'server', 'src', 'core', 'callout', 'mock.ts')).href, import.meta.url));
  const mockPortNumber = await mockPort(Number(process.env.FLOW_CALLOUT_MOCK_PORT ?? 8766));
  setMockPort(examples, mockPortNumber);
  mockUrl = mockUrlFor('127.0.0.1', mockPortNumber);
  say(`[start] built-in mock (Send Test Callout → "mock"): ${mockUrl} — served by the extension once the workbench has loaded, from the workspace's definitions (setting flowCallout.mock.port in the copy)`);

  if (!forceWeb && hasCommand('code')) {
    say('[start] desktop VS Code found: code --extensionDevelopmentPath');
    const code = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${root}`, examples], { stdio: 'inherit' });
    children.push(code);
    printTryFirst('VS Code opens a window titled "[Extension Development Host] examples".');
    code.once('exit', () => void stopAll(0));
    return;
  }

  // The browser route: the same host the tests use.
  const { tsImport } = await import('tsx/esm/api');
  const host = await tsImport(pathToFileURL(path.join(root, 'test', 'vscode', 'host.ts')).href, import.meta.url);
  const testHost = host.ensureTestHost(root);
  const wanted = Number(process.env.FLOW_CALLOUT_PORT ?? 8765);
  const port = (await portIsFree(wanted)) ? wanted : await host.freePort();
  const server = await host.startVsCodeServer({
    host: testHost,
    port,
    // The built-in mock listens on a loopback port: without this, VS Code offers to forward it ("Your application
    // running on port … is available") over the demo, and the mock's root is not a page to open in a browser.
    machineSettings: { 'remote.autoForwardPorts': false },
    onOutput: (line) => process.env.FLOW_CALLOUT_VERBOSE === '1' && say(`[server] ${line}`),
  });
  cleanups.push(() => server.stop());
  server.process.once('exit', () => void stopAll(stopping ? 0 : 1));
  const url = host.workbenchUrl(server, { folder: examples, extensionDevelopmentPath: root });
  say(`[start] VS Code ${testHost.vscodeVersion} is up in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  if (check) {
    const ok = await checkWorkbench(host, url);
    await stopAll(ok ? 0 : 1);
    return;
  }
  printTryFirst(`Open ${url}`);
}

/** `git status --porcelain` of the repository's examples/ ('' outside a git checkout). */
function gitStatus() {
  const r = spawnSync('git', ['status', '--porcelain', '--', 'examples'], { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout : '';
}

async function until(ok, timeoutMs, poll) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (poll) await poll();
      if (ok()) return true;
    } catch {
      // not there yet
    }
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** --check: load the printed URL in Chromium and wait for the extension's status bar item. */
async function checkWorkbench(host, url) {
  const browser = await host.launchChromium(root);
  try {
    const page = await (await host.newWorkbenchContext(browser)).newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+P');
    await page.keyboard.type('ExternalCrmLeads.callout.yaml');
    await page.locator('.quick-input-list .monaco-list-row.focused:has-text("ExternalCrmLeads.callout.yaml")').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    // The extension's own status item (shown once its language server has indexed the project).
    await page.locator('.statusbar-item[id$="flowCallout.status"]').waitFor({ timeout: 30_000 });
    say('[start] check: the workbench loaded examples/ and the extension is running');
    // The printed mock URL is served by the extension, from the workspace's definitions.
    let answer;
    const served = await until(() => answer?.status === 201, 30_000, async () => {
      answer = await fetch(`${mockUrl}/api/v1/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => undefined);
    });
    if (!served) throw new Error(`the printed mock URL ${mockUrl} did not answer POST /api/v1/leads with 201 (got ${answer?.status ?? 'no answer'})`);
    const by = answer.headers.get('x-flow-callout-mock') ?? '';
    if (!/^ExternalCrmLeads /.test(by)) throw new Error(`${mockUrl} answered, but not as the built-in mock for ExternalCrmLeads (X-Flow-Callout-Mock: "${by}")`);
    say(`[start] check: the printed mock URL ${mockUrl} answers from the extension (${by})`);
    // A saved edit goes to the copy; the repository's examples/ stays as it was.
    const before = gitStatus();
    const marker = `# edited by npm start --check ${process.pid}`;
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(marker);
    await page.keyboard.press('Control+S');
    const copy = path.join(examples, 'callouts', 'ExternalCrmLeads.callout.yaml');
    if (!(await until(() => fs.readFileSync(copy, 'utf8').includes(marker), 20_000))) throw new Error(`the saved edit did not reach ${copy}`);
    if (fs.readFileSync(path.join(repoExamples, 'callouts', 'ExternalCrmLeads.callout.yaml'), 'utf8').includes(marker)) throw new Error('the edit reached the repository\'s examples/');
    const after = gitStatus();
    if (after !== before) throw new Error(`git status changed after an edit in the demo:\n${after}`);
    say('[start] check: a saved edit went to the demo copy; git status of the repository is unchanged');
    say('3 passed, 0 failed');
    return true;
  } catch (error) {
    say(`[start] check failed: ${error instanceof Error ? error.message : error}`);
    say('0 passed, 1 failed');
    return false;
  } finally {
    await browser.close().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
