// Binary and huge files in a project (issue: a random-binary *.flow-meta.xml cost minutes and gigabytes):
// each is refused with one diagnostic, and everything else is checked as before. Speed and memory are in
// the benchmark (bench/results.json, row binary-flow-50mb), not asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoCopy, flowCallout } from './flowCallout';
import { writeBinary } from '../binaryFiles';

interface Result { file: string; problems: { code: string; message: string; line: number; column: number }[] }

test('validate: 3 MB and 50 MB binary flows and callout definitions get one diagnostic each; the project is still checked', () => {
  const dir = demoCopy();
  try {
    const before = JSON.parse(flowCallout(['validate', '.', '--format', 'json'], { cwd: dir }).stdout) as Result[];
    const flows = path.join(dir, 'force-app', 'main', 'default', 'flows');
    const files = {
      [path.join(flows, 'Garbage3.flow-meta.xml')]: 'binary-content',
      [path.join(flows, 'Garbage50.flow-meta.xml')]: 'file-too-large',
      [path.join(dir, 'callouts', 'Garbage3.callout.yaml')]: 'binary-content',
      [path.join(dir, 'callouts', 'Garbage50.callout.yaml')]: 'file-too-large',
    };
    for (const file of Object.keys(files)) writeBinary(file, /50/.test(path.basename(file)) ? 50 : 3);

    const r = flowCallout(['validate', '.', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const after = JSON.parse(r.stdout) as Result[];
    for (const [file, code] of Object.entries(files)) {
      const got = after.find((x) => x.file === fs.realpathSync(file) || x.file === file);
      assert.ok(got, `${file} is in the results`);
      assert.deepEqual(got.problems.map((p) => [p.code, p.line, p.column]), [[code, 1, 1]], file);
    }
    assert.match(after.find((x) => x.file.endsWith('Garbage50.flow-meta.xml'))!.problems[0].message, /limit 10 MB \(setting "maxFileSizeMB" in \.flowcallout\.json\)/);
    // Every other file: the same findings as without the binary files.
    assert.deepEqual(after.filter((x) => !/Garbage/.test(x.file)), before);

    // Raising the limit: the 50 MB file is read as far as its first bytes and refused as binary.
    fs.writeFileSync(path.join(dir, '.flowcallout.json'), JSON.stringify({ maxFileSizeMB: 64 }));
    const raised = JSON.parse(flowCallout(['validate', 'force-app', '--format', 'json'], { cwd: dir }).stdout) as Result[];
    assert.deepEqual(raised.find((x) => x.file.endsWith('Garbage50.flow-meta.xml'))!.problems.map((p) => p.code), ['binary-content']);

    // Text output: one line for the binary file, no excerpt of its bytes.
    const text = flowCallout(['validate', 'force-app/main/default/flows/Garbage3.flow-meta.xml'], { cwd: dir });
    assert.match(text.stdout, /^force-app\/main\/default\/flows\/Garbage3\.flow-meta\.xml:1:1: error Not a flow: binary content .*\[binary-content\]\n1 file\(s\) checked/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
