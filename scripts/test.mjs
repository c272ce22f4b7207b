#!/usr/bin/env node
// Runs every test tier and ends with one summary line: `N passed, N failed, N skipped`.
//   node scripts/test.mjs            all tiers: unit, lsp, cli, vscode, ui, start
//   node scripts/test.mjs unit lsp   only those tiers
// Unit, LSP and CLI tests use node's test runner (TypeScript through tsx); the VS Code and UI tiers run in a
// real VS Code (code-server) and Chromium, installed by scripts/setup-test-host.sh.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);

function find(dir, re) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  for (const e of readdirSync(abs)) {
    const p = path.join(abs, e);
    if (statSync(p).isDirectory()) out.push(...find(path.join(dir, e), re));
    else if (re.test(e)) out.push(path.join(dir, e));
  }
  return out.sort();
}

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Counts from node's spec reporter (ℹ pass N …) or a `N passed, N failed[, N skipped]` line. */
function counts(out) {
  const num = (re) => { const m = [...out.matchAll(re)].pop(); return m ? Number(m[1]) : undefined; };
  const pass = num(/^ℹ pass (\d+)/gm);
  if (pass !== undefined) return { passed: pass, failed: num(/^ℹ fail (\d+)/gm) ?? 0, skipped: (num(/^ℹ skipped (\d+)/gm) ?? 0) + (num(/^ℹ todo (\d+)/gm) ?? 0) };
  const m = [...out.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)].pop();
  if (m) return { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
  return undefined;
}

const nodeTest = (files) => ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files];

const tiers = {
  unit: async () => run(process.execPath, nodeTest(find('test/unit', /\.test\.ts$/))),
  lsp: async () => run(process.execPath, nodeTest(find('test/lsp', /\.test\.ts$/))),
  cli: async () => run(process.execPath, nodeTest(find('test/cli', /\.test\.ts$/))),
  vscode: async () => run(process.execPath, ['--import', 'tsx', 'test/vscode/runTest.ts']),
  ui: async () => run(process.execPath, ['--import', 'tsx', 'test/ui/run.ts']),
  // The README's first command: `npm start` brings up VS Code with examples/ and the extension running.
  start: async () => run(process.execPath, ['scripts/start.mjs', '--check']),
};

const selected = wanted.length ? wanted : Object.keys(tiers);
// The send tests need Debian's httpbin; the VS Code and UI tiers need Chromium and code-server. The setup
// script is idempotent and quick when everything is there; FLOW_CALLOUT_SKIP_SETUP=1 leaves the machine alone.
if (selected.some((t) => ['unit', 'vscode', 'ui', 'start'].includes(t)) && !process.env.FLOW_CALLOUT_SKIP_SETUP) {
  const setup = await run('bash', ['scripts/setup-test-host.sh']);
  if (setup.code !== 0) {
    console.error('scripts/setup-test-host.sh failed: the test host (chromium, code-server, httpbin) is not installed. See its output above.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}
const build = await run('node', ['esbuild.mjs']);
if (build.code !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const total = { passed: 0, failed: 0, skipped: 0 };
for (const name of selected) {
  if (!tiers[name]) {
    console.error(`Unknown tier "${name}". Tiers: ${Object.keys(tiers).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== ${name} tests ===`);
  const started = Date.now();
  const { code, out } = await tiers[name]();
  const c = counts(out) ?? { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 };
  if (code !== 0 && c.failed === 0) c.failed = 1; // a tier that crashed counts as a failure
  console.log(`=== ${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (${((Date.now() - started) / 1000).toFixed(1)} s) ===`);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
}
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed ? 1 : 0);
