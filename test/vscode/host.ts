// The test host shared by the VS Code test runner, the UI check and `npm start`: a real VS Code server
// (code-server's bundled VS Code, started through its server-main.js) on a loopback port with fresh data
// folders, and Debian's Chromium driven by playwright-core. See ../shared/testing/README.md for the recipe.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';

export const EXTENSION_ID = 'flow-callout-studio.flow-callout-studio';
export const CHROMIUM_PATH = process.env.FLOW_CALLOUT_CHROMIUM ?? '/usr/bin/chromium';

/** The extension root: the nearest folder above `from` whose package.json is this extension's manifest. */
export function findExtensionRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if (JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'flow-callout-studio') return dir;
      } catch {
        // not a manifest we can read; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no flow-callout-studio package.json above ${from}`);
    dir = parent;
  }
}

export function testHostDir(): string {
  return process.env.FLOW_CALLOUT_TEST_HOST ?? path.join(os.homedir(), '.cache', 'flow-callout-test-host');
}

export interface TestHost {
  dir: string;
  serverMain: string;
  vscodeVersion: string;
}

export function findTestHost(): TestHost | undefined {
  const dir = testHostDir();
  const vscodeDir = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  const serverMain = path.join(vscodeDir, 'out', 'server-main.js');
  if (!fs.existsSync(serverMain) || !fs.existsSync(CHROMIUM_PATH)) return undefined;
  const vscodeVersion = JSON.parse(fs.readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')).version;
  return { dir, serverMain, vscodeVersion };
}

/** Finds the test host, running scripts/setup-test-host.sh first when it is missing. */
export function ensureTestHost(extensionRoot: string): TestHost {
  const found = findTestHost();
  if (found) return found;
  console.log('[host] test host missing: running scripts/setup-test-host.sh (first time: about 3 minutes)');
  const setup = spawnSync('bash', [path.join(extensionRoot, 'scripts', 'setup-test-host.sh')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const installed = findTestHost();
  if (setup.status !== 0 || !installed) throw new Error(`scripts/setup-test-host.sh failed (exit ${setup.status})`);
  return installed;
}

/** playwright-core from the extension's devDependencies, else from the test host folder. */
export function loadPlaywright(extensionRoot: string): typeof import('playwright-core') {
  const candidates = [extensionRoot, testHostDir()];
  for (const base of candidates) {
    try {
      return require(require.resolve('playwright-core', { paths: [base] }));
    } catch {
      // try the next place
    }
  }
  throw new Error('playwright-core not found: run `npm ci` or scripts/setup-test-host.sh');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `flow-callout-${prefix}-`));
}

export interface VsCodeServerOptions {
  host: TestHost;
  port?: number;
  /** Extra environment for the server and so for the extension host it spawns. */
  env?: NodeJS.ProcessEnv;
  /** Settings written as the remote machine's settings (they apply to every window of this server). */
  machineSettings?: Record<string, unknown>;
  /** Keep workspace trust on (the default run disables it, so every folder is trusted). */
  workspaceTrust?: boolean;
  /** Called with each line the server prints. */
  onOutput?: (line: string) => void;
  /** Stop waiting for the server after this long. */
  startTimeoutMs?: number;
}

export interface VsCodeServer {
  port: number;
  origin: string;
  process: ChildProcess;
  dataDirs: string[];
  stop(): Promise<void>;
}

export async function startVsCodeServer(options: VsCodeServerOptions): Promise<VsCodeServer> {
  const port = options.port ?? (await freePort());
  const root = makeTempDir('vscode-server');
  const serverData = path.join(root, 'server-data');
  const userData = path.join(root, 'user-data');
  const extensions = path.join(root, 'extensions');
  for (const dir of [serverData, userData, extensions]) fs.mkdirSync(dir, { recursive: true });
  if (options.machineSettings) {
    // The server keeps its data in --user-data-dir when given (server-data-dir/data otherwise): Machine/ is there.
    const machineDir = path.join(userData, 'Machine');
    fs.mkdirSync(machineDir, { recursive: true });
    fs.writeFileSync(path.join(machineDir, 'settings.json'), JSON.stringify(options.machineSettings, null, 2));
  }
  const args = [
    options.host.serverMain,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--server-data-dir', serverData,
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
  ];
  if (!options.workspaceTrust) args.push('--disable-workspace-trust');
  // Its own process group, so stopping it also stops the extension host and language server it spawned.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const origin = `http://127.0.0.1:${port}`;
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  const output: string[] = [];
  const onLine = (line: string) => {
    output.push(line);
    if (output.length > 200) output.shift();
    options.onOutput?.(line);
  };
  pipeLines(child.stdout!, onLine);
  pipeLines(child.stderr!, onLine);

  // One stop for everyone (our signal handler, the caller's): later calls wait for the same one.
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopped ??= stopNow().finally(() => running.delete(stop)));
  const stopNow = async () => {
    if (!exited) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
      await exitPromise;
      clearTimeout(timer);
      // The extension host or language server may outlive the server process itself.
      killGroup(child, 'SIGKILL');
    }
    // The extension host may still be writing logs as it dies: retry instead of leaving the folder behind.
    try {
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch (error) {
      console.error(`[host] could not remove ${root}: ${error}`);
    }
  };

  running.add(stop);
  if (child.pid !== undefined) groups.add(child.pid);
  child.once('exit', () => child.pid !== undefined && groups.delete(child.pid));
  installCleanup();
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await answers(origin))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`VS Code server did not start on ${origin}:\n${output.join('\n')}`);
    }
    await Promise.race([exitPromise, delay(100)]);
  }
  return { port, origin, process: child, dataDirs: [root], stop };
}

// Servers still running, stopped on Ctrl+C / SIGTERM: they run in their own process group, so the signal
// that stops us does not reach them.
const running = new Set<() => Promise<void>>();
const groups = new Set<number>();
let cleanupInstalled = false;

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void Promise.all([...running].map((stop) => stop().catch(() => undefined))).finally(() => process.exit(130));
    });
  }
  // Last resort when we exit without stopping them (an uncaught error): kill their process groups.
  process.once('exit', () => {
    for (const pid of groups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/** Runs `cleanup` (e.g. closing the browser) before the servers stop when we are interrupted. */
export function onInterrupt(cleanup: () => Promise<void>): void {
  running.add(cleanup);
  installCleanup();
}

export interface WorkbenchOptions {
  folder: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

/** The workbench URL: a folder and the payload VS Code's own browser integration tests use. */
export function workbenchUrl(server: VsCodeServer, options: WorkbenchOptions): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${toPosix(path.resolve(p))}`;
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
  const folder = encodeURIComponent(toPosix(path.resolve(options.folder)));
  return `${server.origin}/?folder=${folder}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(extensionRoot: string): Promise<Browser> {
  const { chromium } = loadPlaywright(extensionRoot);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export async function newWorkbenchContext(
  browser: Browser,
  options: { width?: number; height?: number; colorScheme?: 'dark' | 'light' } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
    // As a person who allowed clipboard access when the browser asked (Import from cURL reads it on request).
    permissions: ['clipboard-read', 'clipboard-write'],
    colorScheme: options.colorScheme ?? 'dark',
  });
}

/** Copies a folder (the demo workspace) to a fresh temp folder, so tests may change files freely. */
export function copyWorkspace(source: string, prefix = 'workspace'): string {
  const target = makeTempDir(prefix);
  fs.cpSync(source, target, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
  return target;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function pipeLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve((response.statusCode ?? 500) < 500);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(2000, () => {
      request.destroy();
      resolve(false);
    });
  });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
