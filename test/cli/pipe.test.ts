// Output through a pipe is complete. A pipe takes a process's output asynchronously; exiting with data still
// queued cut JSON, SARIF and JUnit at the pipe buffer (64 KB), so a CI step reading `flow-callout … | jq`
// lost findings silently. Each format here is over 1 MB, read through `| cat`, and parsed whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SaxesParser } from 'saxes';
import { cli, demoCopy } from './flowCallout';

const MB = 1024 * 1024;

/** `node dist/cli.js ARGS | cat`: the CLI's stdout is a real pipe into another process. */
function piped(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cmd = `${[process.execPath, cli, ...args].map(quote).join(' ')} | cat; exit "\${PIPESTATUS[0]}"`;
  const r = spawnSync('bash', ['-c', cmd], { cwd, encoding: 'utf8', maxBuffer: 256 * MB, timeout: 120_000, env: { ...process.env, HTTPS_PROXY: '', HTTP_PROXY: '', https_proxy: '', http_proxy: '' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A definition with many findings: every line below `responses` is a wrong-typed key or an unknown one. */
function brokenDefinition(i: number): string {
  const lines = [`name: ${i} bad name`, 'namedCredential: Nope', 'method: GET', 'path: /x', 'responses:', '  2XX:', '    sample: { n: 1.5, items: [1, "two"] }'];
  return lines.join('\n') + '\n';
}

test('validate --format json and sarif: over 1 MB through a pipe, all of it parses', () => {
  const dir = demoCopy();
  try {
    const folder = path.join(dir, 'callouts', 'many');
    fs.mkdirSync(folder);
    for (let i = 0; i < 600; i++) fs.writeFileSync(path.join(folder, `Broken${i}.callout.yaml`), brokenDefinition(i));

    const json = piped(['validate', '.', '--format', 'json'], dir);
    assert.equal(json.code, 1, json.stderr);
    assert.ok(json.stdout.length > MB, `JSON output is ${json.stdout.length} bytes`);
    const files = JSON.parse(json.stdout) as { file: string; problems: unknown[] }[];
    const broken = files.filter((f) => /Broken\d+\.callout\.yaml$/.test(f.file));
    assert.equal(broken.length, 600);
    assert.ok(broken.every((f) => f.problems.length > 0));

    const sarif = piped(['validate', '.', '--format', 'sarif'], dir);
    assert.equal(sarif.code, 1, sarif.stderr);
    assert.ok(sarif.stdout.length > MB, `SARIF output is ${sarif.stdout.length} bytes`);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = new Set(log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri).filter((u) => /Broken\d+/.test(u)));
    assert.equal(uris.size, 600);

    // Text goes through the same exit: the summary line is the last thing written.
    const text = piped(['validate', '.'], dir);
    assert.ok(text.stdout.length > 65_536, `text output is ${text.stdout.length} bytes`);
    assert.match(text.stdout, /\d+ file\(s\) checked: \d+ error\(s\)[^\n]*\n$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('send --junit - and --json: over 1 MB through a pipe, all of it parses', () => {
  const dir = demoCopy();
  try {
    // 3500 expectations naming no output: each is a failed test case with its message.
    const expect = Array.from({ length: 3500 }, (_, i) => `    unmapped${String(i).padStart(5, '0')}: ${i}`).join('\n');
    const file = path.join(dir, 'callouts', 'ManyExpectations.callout.yaml');
    fs.writeFileSync(file, `name: ManyExpectations\nnamedCredential: ExternalCRM\nmethod: GET\npath: /api/v1/leads\nresponses:\n  2XX:\n    sample: { id: L-1 }\ntest:\n  expect:\n${expect}\n`);

    const junit = piped(['send', 'callouts/ManyExpectations.callout.yaml', '--junit', '-'], dir);
    assert.equal(junit.code, 1, junit.stderr);
    assert.ok(junit.stdout.length > MB, `JUnit output is ${junit.stdout.length} bytes`);
    // saxes throws on anything that is not well-formed XML, a cut document included.
    const parser = new SaxesParser();
    let cases = 0;
    let total: string | undefined;
    parser.on('opentag', (t) => {
      if (t.name === 'testcase') cases++;
      if (t.name === 'testsuites') total = t.attributes.tests as string;
    });
    parser.write(junit.stdout).close();
    assert.equal(total, '3501');
    assert.equal(cases, 3501);

    const json = piped(['send', 'callouts/ManyExpectations.callout.yaml', '--json'], dir);
    assert.equal(json.code, 1, json.stderr);
    assert.ok(json.stdout.length > MB, `JSON output is ${json.stdout.length} bytes`);
    const parsed = JSON.parse(json.stdout) as { passed: boolean; results: { expectations: unknown[] }[] };
    assert.equal(parsed.results[0].expectations.length, 3500);

    // A reader that stops early (`| head`) is not an error of the command: no stack trace on stderr.
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const head = spawnSync('bash', ['-c', `${[process.execPath, cli, 'send', 'callouts/ManyExpectations.callout.yaml', '--junit', '-'].map(quote).join(' ')} | head -c 100 > /dev/null`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.doesNotMatch(head.stderr, /EPIPE|at \S+ \(/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('send --json with --junit - is a usage error (both would print to stdout)', () => {
  const dir = demoCopy();
  try {
    const r = piped(['send', 'callouts/WeatherForecast.callout.yaml', '--json', '--junit', '-'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--json and --junit - both print to stdout/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
