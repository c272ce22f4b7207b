// How the CLI starts: dist/cli.js only dispatches; each command's bundle is loaded when it runs, through a V8
// code cache (server/src/cli/codeCache.ts) that a rebuilt or damaged cache never breaks; `send` reads only
// the part of the project it uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CATALOG } from '../../server/src/cli/catalog';
import { cli, demoCopy, repoRoot } from './flowCallout';

function run(args: string[], env: NodeJS.ProcessEnv, cwd = repoRoot): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, HTTPS_PROXY: '', HTTP_PROXY: '', https_proxy: '', http_proxy: '', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('the dispatcher lists every command and each command bundle answers --help', () => {
  const help = run(['--help'], {});
  assert.equal(help.code, 0);
  for (const c of CATALOG) {
    assert.match(help.stdout, new RegExp(`^  ${c.name} +${c.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    const r = run([c.name, '--help'], {});
    assert.equal(r.code, 0, `${c.name} --help: ${r.stderr}`);
    assert.match(r.stdout, /^Usage:/, c.name);
  }
  // The dispatcher is small; proxy-agent (PAC interpreter, FTP/SOCKS clients) is not in the send bundle.
  assert.ok(fs.statSync(cli).size < 20_000, 'dist/cli.js stays a dispatcher');
  assert.ok(!fs.readFileSync(path.join(repoRoot, 'dist', 'cli-send.js'), 'utf8').includes('quickjs'), 'proxy-agent is its own bundle');
  const unknown = run(['frobnicate'], {});
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown command "frobnicate"/);
  const usage = run(['send', '--timeout', '0', 'x.callout.yaml'], {});
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--timeout takes seconds[\s\S]*Usage: flow-callout send/, 'a usage error prints the command help');
});

test('the code cache: written on the first run, used on the next, rewritten when damaged, off on request', () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-cache-'));
  try {
    const args = ['send', 'examples/callouts/WeatherForecast.callout.yaml', '--json'];
    const outputs = (r: { stdout: string }) => JSON.parse(r.stdout).results.map((x: { outputs: unknown; passed: boolean }) => [x.outputs, x.passed]);
    const first = run(args, { FLOW_CALLOUT_CACHE_DIR: cache });
    assert.equal(first.code, 0, first.stderr);
    const files = fs.readdirSync(cache).filter((f) => /^cli-send-.*\.v8$/.test(f));
    assert.equal(files.length, 1, `cache files: ${fs.readdirSync(cache)}`);
    const second = run(args, { FLOW_CALLOUT_CACHE_DIR: cache });
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(outputs(second), outputs(first));
    fs.writeFileSync(path.join(cache, files[0]), 'not a code cache');
    const third = run(args, { FLOW_CALLOUT_CACHE_DIR: cache });
    assert.equal(third.code, 0, third.stderr);
    assert.deepEqual(outputs(third), outputs(first));
    assert.notEqual(fs.readFileSync(path.join(cache, files[0]), 'utf8'), 'not a code cache', 'a rejected cache is written again');
    const off = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-cache-off-'));
    const none = run(args, { FLOW_CALLOUT_CACHE_DIR: off, FLOW_CALLOUT_NO_CODE_CACHE: '1' });
    assert.equal(none.code, 0, none.stderr);
    assert.deepEqual(fs.readdirSync(off), []);
    fs.rmSync(off, { recursive: true, force: true });
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});

test("the code cache keeps the three most recently used caches of a bundle's other builds, and refreshes the time of the one it uses", () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-cache-others-'));
  try {
    // Caches of five other builds of the send bundle, last used 1 to 5 days ago; another bundle's cache, old.
    const day = 86_400_000;
    const others = [1, 2, 3, 4, 5].map((d) => {
      const f = path.join(cache, `cli-send-${String(d).repeat(16)}-${process.version}-${process.arch}.v8`);
      fs.writeFileSync(f, 'another build');
      const t = new Date(Date.now() - d * day);
      fs.utimesSync(f, t, t);
      return path.basename(f);
    });
    const mock = path.join(cache, `cli-mock-${'a'.repeat(16)}-${process.version}-${process.arch}.v8`);
    fs.writeFileSync(mock, 'another bundle');
    fs.utimesSync(mock, new Date(Date.now() - 30 * day), new Date(Date.now() - 30 * day));
    const args = ['send', 'examples/callouts/WeatherForecast.callout.yaml', '--json'];
    const first = run(args, { FLOW_CALLOUT_CACHE_DIR: cache });
    assert.equal(first.code, 0, first.stderr);
    const own = fs.readdirSync(cache).filter((f) => f.startsWith('cli-send-') && !others.includes(f));
    assert.equal(own.length, 1, `cache files: ${fs.readdirSync(cache)}`);
    assert.deepEqual(fs.readdirSync(cache).filter((f) => others.includes(f)).sort(), others.slice(0, 3).sort(), 'the three most recently used other builds are kept');
    assert.ok(fs.existsSync(mock), "another bundle's cache is not this bundle's to remove");
    const old = new Date(Date.now() - 10 * day);
    fs.utimesSync(path.join(cache, own[0]), old, old);
    const second = run(args, { FLOW_CALLOUT_CACHE_DIR: cache });
    assert.equal(second.code, 0, second.stderr);
    assert.ok(fs.statSync(path.join(cache, own[0])).mtimeMs > Date.now() - day, 'a cache used is marked as used');
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});

test('send reads only what it uses of the project: a broken unrelated file does not matter, the calling flow is found', () => {
  const dir = demoCopy();
  try {
    const broken = path.join(dir, 'callouts', 'Broken.callout.yaml');
    fs.writeFileSync(broken, 'name: [unclosed\n');
    fs.writeFileSync(path.join(dir, 'force-app', 'main', 'default', 'flows', 'Unrelated.flow-meta.xml'), '<Flow><broken');
    const r = run(['send', 'callouts/ExternalCrmLeads.callout.yaml', '--json'], {}, dir);
    assert.equal(r.code, 0, r.stderr);
    const [result] = JSON.parse(r.stdout).results;
    assert.ok(result.definition.flow?.endsWith(path.join('flows', 'Lead_To_External_CRM.flow-meta.xml')), `linked flow: ${result.definition.flow}`);
    assert.ok(result.variables.some((v: { variable: string }) => v.variable === 'externalLeadId'), 'flow variables checked against the calling flow');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('validate --workers: each worker thread loads its bundle through the code cache, written once, the same output', () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-cache-workers-'));
  try {
    const args = ['validate', 'examples', '--format', 'json', '--workers', '2'];
    const first = run(args, { FLOW_CALLOUT_CACHE_DIR: cache });
    const files = fs.readdirSync(cache).filter((f) => /^cli-validate-worker-main-.*\.v8$/.test(f));
    assert.equal(files.length, 1, `cache files: ${fs.readdirSync(cache)}`);
    // No temporary file of either thread is left behind.
    assert.deepEqual(fs.readdirSync(cache).filter((f) => f.endsWith('.tmp')), []);
    const past = new Date(Date.now() - 86_400_000);
    fs.utimesSync(path.join(cache, files[0]), past, past);
    const second = run(args, { FLOW_CALLOUT_CACHE_DIR: cache });
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.code, first.code);
    // The workers read it again: a cache used gets its time refreshed (forgetOtherBuilds keeps the recently used).
    assert.ok(fs.statSync(path.join(cache, files[0])).mtimeMs > past.getTime() + 1000);
    assert.equal(run(['validate', 'examples', '--format', 'json', '--workers', '1'], { FLOW_CALLOUT_CACHE_DIR: cache }).stdout, first.stdout);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});
