// Binary and over-size files (core/model/content.ts): refused before any parse with one diagnostic, in the
// language service and the project index; the rest of the project is indexed as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { binaryOffset, refuseContent } from '../../server/src/core/model/content';
import { parseXml } from '../../server/src/core/parse/xml';
import { SourceText } from '../../server/src/core/flow/source';
import { nodeFs, readCheckedSync } from '../../server/src/core/project/fs';
import { ProjectIndex } from '../../server/src/core/project/index';
import { summarizeFlow } from '../../server/src/core/flow/summary';
import { getLanguageService } from '../../server/src/core/service';
import { binaryBytes } from '../binaryFiles';

const bytes = (n: number) => binaryBytes(n, 7);

test('binaryOffset: NUL or undecodable bytes are binary; XML, YAML, tabs and unicode are text', () => {
  assert.equal(binaryOffset('<?xml version="1.0"?>\n<Flow>\t<label>Grüße 🚀</label>\r\n</Flow>'), -1);
  assert.equal(binaryOffset('name: A\u0000B'), 7);
  assert.ok(binaryOffset(bytes(4096).toString('utf8')) >= 0);
  // One stray replacement character in text is not binary.
  assert.equal(binaryOffset(`name: Caf\uFFFD\n${'x: 1\n'.repeat(100)}`), -1);
});

test('binaryOffset: a string (regex first) and a character source (the loop) give the same answer', () => {
  const asSource = (s: string) => ({ length: s.length, charCodeAt: (i: number) => s.charCodeAt(i) });
  const pad = 'x'.repeat(8185);
  const texts = [
    '', 'a\fb\tc\r\nd', 'a\u000Bb', `${'\u0001'.repeat(20)}tail`, `${'\u001F'.repeat(9)}`,
    `${pad}\u0000 past the sample start`, `${pad}0123456789\u0000 past the sample`,
    `${'\uFFFD'.repeat(30)}`, `${'x'.repeat(100)}${'\u0002'.repeat(11)}`, bytes(9000).toString('utf8'),
  ];
  for (const t of texts) assert.equal(binaryOffset(t), binaryOffset(asSource(t)), JSON.stringify(t.slice(0, 40)));
  assert.equal(binaryOffset(`${pad}0123456789\u0000`), -1, 'a NUL past the first 8 KB is not looked at');
});

test('readCheckedSync: text and size of files below, at and over one read (64 KB), over the limit, and with a NUL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-readchecked-'));
  try {
    const cases: { name: string; body: Buffer; limit: number; text: boolean; binaryAt: number }[] = [
      { name: 'empty', body: Buffer.alloc(0), limit: 1e6, text: true, binaryAt: -1 },
      { name: 'small', body: Buffer.from('<Flow>Grüße 🚀</Flow>'), limit: 1e6, text: true, binaryAt: -1 },
      { name: 'one-read', body: Buffer.from('é'.repeat(32 * 1024)), limit: 1e6, text: true, binaryAt: -1 },
      { name: 'over-one-read', body: Buffer.from(`${'x'.repeat(64 * 1024 - 1)}é${'y'.repeat(70000)}`), limit: 1e6, text: true, binaryAt: -1 },
      { name: 'small-over-limit', body: Buffer.from('z'.repeat(5000)), limit: 4000, text: false, binaryAt: -1 },
      { name: 'large-over-limit', body: Buffer.from('z'.repeat(200000)), limit: 100000, text: false, binaryAt: -1 },
      { name: 'nul', body: Buffer.concat([Buffer.from('abc'), Buffer.alloc(1), Buffer.from('def')]), limit: 1e6, text: false, binaryAt: 3 },
    ];
    for (const c of cases) {
      const file = path.join(dir, c.name);
      fs.writeFileSync(file, c.body);
      const got = readCheckedSync(file, c.limit);
      assert.equal(got.facts.size, c.body.length, c.name);
      assert.equal(got.facts.binaryAt, c.binaryAt, c.name);
      assert.equal(got.text, c.text ? c.body.toString('utf8') : undefined, c.name);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('refuseContent: one diagnostic naming the setting for an over-size file; the limit comes from .flowcallout.json', () => {
  const big = refuseContent('flow', undefined, 10, { size: 50 * 1024 * 1024, binaryAt: -1 })!;
  assert.equal(big.code, 'file-too-large');
  assert.match(big.message, /^Too large to check: 50 MB, limit 10 MB \(setting "maxFileSizeMB" in \.flowcallout\.json\)/);
  const bin = refuseContent('callout', bytes(1000).toString('latin1').replace(/^/, 'a\u0000'), 10)!;
  assert.equal(bin.code, 'binary-content');
  assert.match(bin.message, /^Not a callout definition: binary content \(a NUL byte at offset 1\)/);
  assert.equal(refuseContent('flow', '<Flow/>', 10), undefined);

  const service = getLanguageService({ project: () => undefined });
  const flow = { uri: 'file:///p/flows/Bin.flow-meta.xml', fileName: '/p/flows/Bin.flow-meta.xml', text: bytes(300_000).toString('utf8') };
  const problems = service.validate(flow);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].code, 'binary-content');
  assert.deepEqual(service.complete(flow, 10), []);
  assert.equal(service.hover(flow, 10), undefined);
});

test('ProjectIndex.load: a binary flow and an over-size definition are index errors; the other files are indexed', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fcs-content-'));
  try {
    fs.writeFileSync(path.join(root, 'sfdx-project.json'), '{"packageDirectories":[{"path":"force-app","default":true}]}');
    fs.writeFileSync(path.join(root, '.flowcallout.json'), '{"maxFileSizeMB": 1}');
    const flows = path.join(root, 'force-app', 'flows');
    fs.mkdirSync(flows, { recursive: true });
    fs.writeFileSync(path.join(flows, 'Bin.flow-meta.xml'), bytes(300_000));
    fs.writeFileSync(path.join(flows, 'Good.flow-meta.xml'), '<?xml version="1.0" encoding="UTF-8"?>\n<Flow xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Good</label>\n    <processType>AutoLaunchedFlow</processType>\n</Flow>\n');
    fs.writeFileSync(path.join(root, 'force-app', 'Big.callout.yaml'), `name: Big\nnamedCredential: X\nmethod: GET\npath: /x\n# ${'x'.repeat(1.5 * 1024 * 1024)}\n`);
    fs.writeFileSync(path.join(root, 'force-app', 'Small.callout.yaml'), 'name: Small\nnamedCredential: X\nmethod: GET\npath: /x\nresponses:\n  2XX:\n    sample: { a: 1 }\n');
    const index = await ProjectIndex.load(root, nodeFs, { summarizeFlow });
    assert.equal(index.maxFileSizeMB, 1);
    assert.deepEqual([...index.flows.keys()], ['Good']);
    assert.deepEqual([...index.callouts.keys()], ['Small']);
    assert.match(index.indexErrors.get(path.join(flows, 'Bin.flow-meta.xml'))!, /^Not a flow: binary content/);
    assert.match(index.indexErrors.get(path.join(root, 'force-app', 'Big.callout.yaml'))!, /^Too large to check: 1\.5 MB, limit 1 MB/);

    // An edit that makes an indexed file binary drops what it said; fixing it brings it back.
    const good = path.join(flows, 'Good.flow-meta.xml');
    index.update(good, 'x\u0000'.repeat(100));
    assert.deepEqual([...index.flows.keys()], []);
    assert.match(index.indexErrors.get(good)!, /binary content/);
    index.update(good, fs.readFileSync(good, 'utf8'));
    assert.deepEqual([...index.flows.keys()], ['Good']);
    assert.equal(index.indexErrors.has(good), false);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('garbage XML text: the first 100 syntax errors are listed, the rest counted in one message', () => {
  const doc = parseXml(`<Flow>${'<a b=">'.repeat(20_000)}`);
  assert.equal(doc.syntaxErrors.length, 101);
  assert.match(doc.syntaxErrors[100].message, /^XML syntax error: \d+ more after this one are not listed/);
});

test('refuseContent over an edited document\'s pieces: the same verdict as over the joined text, without joining it', () => {
  const base = `<?xml version="1.0" encoding="UTF-8"?>\n<Flow xmlns="http://soap.sforce.com/2006/04/metadata">\n${'    <label>x</label>\n'.repeat(2000)}</Flow>\n`;
  const clean = SourceText.of(base).edit(5000, 5000, 'typed').edit(100, 101, '');
  const binary = SourceText.of(base).edit(200, 200, 'a\u0000b');
  for (const source of [clean, binary]) {
    // The check reads characters of the pieces; joining them (toString) is what the editor path avoids.
    source.toString = () => assert.fail('the binary check joined the pieces into one string');
    const joined = SourceText.prototype.toString.call(source);
    assert.deepEqual(refuseContent('flow', source, 10), refuseContent('flow', joined, 10));
  }
  assert.equal(refuseContent('flow', clean, 10), undefined);
  assert.match(refuseContent('flow', binary, 10)!.message, /a NUL byte at offset 201/);
});
