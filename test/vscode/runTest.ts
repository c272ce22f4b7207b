// Runs the VS Code integration suites in a real VS Code and prints `N passed, N failed` last.
//
// Two routes share the suites (./index.ts is the run() module both load):
//  - code-server (default, offline): the VS Code 1.100 server bundled with code-server@4.100.3, opened in
//    Debian's Chromium through playwright-core; the test output and exit code come back through the
//    workbench's codeAutomationLog / codeAutomationExit hooks.
//  - @vscode/test-electron: when FLOW_CALLOUT_VSCODE=electron or VSCODE_EXECUTABLE names a VS Code binary
//    (without VSCODE_EXECUTABLE, test-electron downloads VS Code, which needs the internet).
//
// Usage: node --import tsx test/vscode/runTest.ts [--no-build] [--only <run>] [--suites <name,name>]
//        node out/test/vscode/runTest.js [--no-build] [--only <run>]
// Environment: FLOW_CALLOUT_RUN_TIMEOUT (ms per run, default 360000), FLOW_CALLOUT_GREP (mocha grep),
//              FLOW_CALLOUT_VERBOSE=1 (server and browser logs too).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import {
  copyWorkspace,
  ensureTestHost,
  findExtensionRoot,
  launchChromium,
  makeTempDir,
  newWorkbenchContext,
  startVsCodeServer,
  workbenchUrl,
  type TestHost,
} from './host';

const RESULT_LINE = /flow-callout vscode tests: (\d+) passed, (\d+) failed/;

/** One VS Code window: a workspace folder and the suites that run in it. */
interface TestRun {
  name: string;
  /** Suite base names in test/vscode/suite (without .test.ts). */
  suites: string[];
  /** Makes the workspace folder for this run (a fresh temp folder). */
  workspace: () => string;
  env?: Record<string, string>;
  /** Keep workspace trust on, so the folder opens in restricted mode. */
  untrusted?: boolean;
}

interface RunResult {
  name: string;
  passed: number;
  failed: number;
  ms: number;
  note?: string;
}

const root = findExtensionRoot(__dirname);
const verbose = process.env.FLOW_CALLOUT_VERBOSE === '1';
const runTimeoutMs = Number(process.env.FLOW_CALLOUT_RUN_TIMEOUT ?? 360_000);

function planRuns(outDir: string): TestRun[] {
  const suites = fs
    .readdirSync(path.join(outDir, 'suite'))
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => f.replace(/\.test\.js$/, ''))
    .filter((s) => !argValue('--suites') || argValue('--suites')!.split(',').includes(s))
    .sort();
  const examples = path.join(root, 'examples');
  const runs: TestRun[] = [];
  // Activation is measured in a folder without callout files, so the extension starts only when one opens.
  if (suites.includes('activation')) {
    runs.push({ name: 'activation', suites: ['activation'], workspace: () => makeTempDir('empty-workspace') });
  }
  // Restricted mode: the same demo folder, not trusted.
  if (suites.includes('untrusted')) {
    runs.push({ name: 'untrusted', suites: ['untrusted'], workspace: () => copyWorkspace(examples, 'untrusted'), untrusted: true });
  }
  // Send from a flow: the Order_Sync fixture project (a registration, a flow, a Flow Test, saved test inputs).
  if (suites.includes('sendFlow')) {
    runs.push({ name: 'sendflow', suites: ['sendFlow', 'sendOperation'], workspace: () => copyWorkspace(path.join(root, 'test', 'fixtures', 'sendflow'), 'sendflow') });
  }
  // A project with only an External Service registration: no definition, no flow, nothing opened first.
  if (suites.includes('registrationOnly')) {
    runs.push({
      name: 'registration-only', suites: ['registrationOnly'], workspace: () => {
        const dir = makeTempDir('registration-only');
        const fixture = path.join(root, 'test', 'fixtures', 'sendflow');
        const esr = path.join('force-app', 'main', 'default', 'externalServiceRegistrations', 'OrderApi.externalServiceRegistration-meta.xml');
        fs.mkdirSync(path.dirname(path.join(dir, esr)), { recursive: true });
        fs.copyFileSync(path.join(fixture, 'sfdx-project.json'), path.join(dir, 'sfdx-project.json'));
        fs.copyFileSync(path.join(fixture, esr), path.join(dir, esr));
        return dir;
      },
    });
  }
  const demoSuites = suites.filter((s) => s !== 'activation' && s !== 'untrusted' && s !== 'sendFlow' && s !== 'sendOperation' && s !== 'registrationOnly');
  if (demoSuites.length > 0) {
    if (!fs.existsSync(examples)) throw new Error(`suites ${demoSuites.join(', ')} need the demo workspace ${examples}`);
    runs.push({ name: 'demo', suites: demoSuites, workspace: () => copyWorkspace(examples, 'examples') });
  }
  const only = argValue('--only');
  return only ? runs.filter((r) => r.name === only) : runs;
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function build(): Promise<string> {
  if (process.argv.includes('--no-build')) return path.join(root, 'out', 'test', 'vscode');
  const started = Date.now();
  const ext = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (ext.status !== 0) throw new Error('npm run build failed');
  const buildModule = path.join(root, 'test', 'vscode', 'build.mjs');
  const { buildVsCodeTests } = (await import(buildModule)) as { buildVsCodeTests: () => Promise<string> };
  const outDir = await buildVsCodeTests();
  console.log(`[vscode-tests] built extension and suites in ${Date.now() - started} ms`);
  return outDir;
}

function useElectron(): boolean {
  return process.env.FLOW_CALLOUT_VSCODE === 'electron' || !!process.env.VSCODE_EXECUTABLE;
}

async function runInCodeServer(host: TestHost, run: TestRun, outDir: string): Promise<RunResult> {
  const started = Date.now();
  const workspace = run.workspace();
  const resultFile = path.join(makeTempDir('result'), 'result.json');
  const env = {
    FLOW_CALLOUT_SUITES: run.suites.join(','),
    FLOW_CALLOUT_TEST_RESULT: resultFile,
    FLOW_CALLOUT_EXTENSION_ROOT: root,
    ...run.env,
  };
  const serverLog: string[] = [];
  const server = await startVsCodeServer({
    host,
    env,
    // VS Code in a browser auto-saves after a delay by default (desktop VS Code, the electron route, does not):
    // the suites edit documents in memory and revert them, so nothing they type may reach the workspace files.
    machineSettings: { 'files.autoSave': 'off' },
    workspaceTrust: run.untrusted,
    onOutput: (line) => {
      serverLog.push(line);
      if (verbose) console.log(`[server] ${line}`);
    },
  });
  const browser = await launchChromium(root);
  let outputSeen = '';
  try {
    const context = await newWorkbenchContext(browser);
    const page = await context.newPage();
    if (verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = formatLog(Array.isArray(args) ? args : [args]);
      outputSeen += `${text}\n`;
      if (verbose || !isWorkbenchNoise(text)) (type === 'error' ? console.error : console.log)(text);
    });
    await page.goto(
      workbenchUrl(server, {
        folder: workspace,
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(outDir, 'index.js'),
      }),
      // On a loaded machine the workbench can take a while to load; the run has its own timeout.
      { timeout: 120_000 },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), runTimeoutMs);
    });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    const counts = readCounts(resultFile, outputSeen);
    if (code === 'timeout') {
      console.error(`[vscode-tests] run "${run.name}" timed out after ${runTimeoutMs} ms; server log tail:`);
      console.error(serverLog.slice(-40).join('\n'));
      return { name: run.name, passed: counts.passed, failed: Math.max(1, counts.failed), ms: Date.now() - started, note: 'timeout' };
    }
    if (code !== 0 && counts.failed === 0) {
      // The host exited with an error before or outside mocha (a suite that failed to load, a crash).
      console.error(`[vscode-tests] run "${run.name}" exited with code ${code}; server log tail:`);
      console.error(serverLog.slice(-40).join('\n'));
      return { name: run.name, passed: counts.passed, failed: 1, ms: Date.now() - started, note: `exit ${code}` };
    }
    return { name: run.name, ...counts, ms: Date.now() - started };
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

async function runInElectron(run: TestRun, outDir: string): Promise<RunResult> {
  const started = Date.now();
  const { runTests } = require('@vscode/test-electron') as typeof import('@vscode/test-electron');
  const workspace = run.workspace();
  const resultFile = path.join(makeTempDir('result'), 'result.json');
  try {
    const code = await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(outDir, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', ...(run.untrusted ? [] : ['--disable-workspace-trust']), '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: {
        FLOW_CALLOUT_SUITES: run.suites.join(','),
        FLOW_CALLOUT_TEST_RESULT: resultFile,
        FLOW_CALLOUT_EXTENSION_ROOT: root,
        ...run.env,
      },
    }).catch(() => 1);
    const counts = readCounts(resultFile, '');
    if (code !== 0 && counts.failed === 0) return { name: run.name, passed: counts.passed, failed: 1, ms: Date.now() - started, note: `exit ${code}` };
    return { name: run.name, ...counts, ms: Date.now() - started };
  } finally {
    fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

function readCounts(resultFile: string, output: string): { passed: number; failed: number } {
  try {
    const { passed, failed } = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    return { passed, failed };
  } catch {
    const match = RESULT_LINE.exec(output);
    return match ? { passed: Number(match[1]), failed: Number(match[2]) } : { passed: 0, failed: 0 };
  }
}

/** The host sends console arguments as they were given: mocha's reporter uses printf-style formats. */
function formatLog(args: unknown[]): string {
  return format(...args).replace(/\n$/, '');
}

// Workbench chatter that comes through the same channel as the test output (FLOW_CALLOUT_VERBOSE=1 shows it).
const NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /open-vsx\.org/,
  /^Started local extension host/,
];

function isWorkbenchNoise(text: string): boolean {
  return NOISE.some((re) => re.test(text));
}

async function main(): Promise<number> {
  const started = Date.now();
  const outDir = await build();
  const runs = planRuns(outDir);
  const electron = useElectron();
  const host = electron ? undefined : ensureTestHost(root);
  console.log(
    `[vscode-tests] ${electron ? 'VS Code via @vscode/test-electron' : `VS Code ${host!.vscodeVersion} (code-server route)`}; runs: ${runs
      .map((r) => `${r.name} [${r.suites.join(', ')}]`)
      .join('; ')}`,
  );
  const results: RunResult[] = [];
  for (const run of runs) {
    console.log(`\n[vscode-tests] run "${run.name}"`);
    try {
      results.push(electron ? await runInElectron(run, outDir) : await runInCodeServer(host!, run, outDir));
    } catch (error) {
      console.error(`[vscode-tests] run "${run.name}" could not start:`, error);
      results.push({ name: run.name, passed: 0, failed: 1, ms: 0, note: 'did not start' });
    }
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0) + (runs.length === 0 ? 1 : 0);
  console.log('');
  for (const r of results) {
    console.log(`[vscode-tests] ${r.name}: ${r.passed} passed, ${r.failed} failed in ${(r.ms / 1000).toFixed(1)} s${r.note ? ` (${r.note})` : ''}`);
  }
  console.log(`[vscode-tests] total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
