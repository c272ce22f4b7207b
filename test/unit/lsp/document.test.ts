// The server's documents (server/src/lsp/document.ts) must behave exactly like vscode-languageserver-
// textdocument's TextDocument freshly created from the same text — text, positions, offsets, line count —
// through random incremental edits
// (line breaks of every kind, multi-line replacements, deletions, full replacements, several changes in one
// notification), with the text held as pieces (a few, and hundreds for edits all over); and the change they
// report must turn the previous version's text into the new one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { ServerDocument } from '../../../server/src/lsp/document';
import { LineTable } from '../../../server/src/core/parse/lines';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const PIECES = ['a', 'bc', ' ', '\n', '\r\n', '\r', 'é', '😀', '<x>', '\n\n  ', 'line\r\nline\n', '\uFEFF'];

function same(ours: ServerDocument, theirs: TextDocument, random: () => number, where: string): void {
  const text = theirs.getText();
  assert.equal(ours.getText(), text, `text ${where}`);
  assert.equal(ours.lineCount, theirs.lineCount, `lineCount ${where}`);
  for (let i = 0; i < 20; i++) {
    const offset = Math.floor(random() * (text.length + 3)) - 1;
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `positionAt(${offset}) ${where}`);
    const pos = { line: Math.floor(random() * (theirs.lineCount + 1)), character: Math.floor(random() * 12) };
    assert.equal(ours.offsetAt(pos), theirs.offsetAt(pos), `offsetAt(${JSON.stringify(pos)}) ${where}`);
    const range = { start: theirs.positionAt(offset), end: pos };
    assert.equal(ours.getText(range), theirs.getText(range), `getText(range) ${where}`);
  }
}

for (const [seed, spread] of [[1, 1], [2, 1], [3, 0.05]] as const) {
  test(`random edits give what TextDocument gives (seed ${seed}, ${spread === 1 ? 'edits anywhere' : 'typing in one place'})`, () => {
    const random = rng(seed);
    const initial = Array.from({ length: 3000 }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
    const ours = new ServerDocument('file:///a.txt', 'plaintext', 1, initial);
    let theirs = TextDocument.create('file:///a.txt', 'plaintext', 1, initial);
    same(ours, theirs, random, 'initially');
    let at = Math.floor(initial.length / 2);
    for (let v = 2; v < 600; v++) {
      const before = ours.getText();
      const text = theirs.getText();
      // Positions as a fresh document of this text has them. (TextDocument.update patches its line offsets
      // from the changed text only, so after splitting or joining a CR LF pair it disagrees with a fresh open.)
      theirs = TextDocument.create('file:///a.txt', 'plaintext', v - 1, text);
      if (random() < spread) at = Math.floor(random() * (text.length + 1));
      const a = Math.min(at, text.length);
      const b = Math.min(text.length, a + Math.floor(random() * (random() < 0.2 ? 200 : 6)));
      const insert = random() < 0.3 ? '' : Array.from({ length: 1 + Math.floor(random() * (random() < 0.2 ? 60 : 3)) }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
      at = a + insert.length;
      const changes: TextDocumentContentChangeEvent[] = random() < 0.01
        ? [{ text: insert + text.slice(0, 500) }]
        : [{ range: { start: theirs.positionAt(a), end: theirs.positionAt(b) }, text: insert }];
      if (random() < 0.05) changes.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'Z' });
      ours.update(changes, v);
      theirs = TextDocument.update(theirs, changes, v);
      assert.equal(ours.version, v);
      const change = ours.lastChange;
      if (change) {
        assert.equal(change.previous, before);
        assert.equal(change.previous.slice(0, change.start) + change.text + change.previous.slice(change.end), theirs.getText(), `lastChange of version ${v}`);
      } else {
        assert.ok(changes.length > 1 || !('range' in changes[0]), `no lastChange for a single incremental change, version ${v}`);
      }
      same(ours, TextDocument.create('file:///a.txt', 'plaintext', v, theirs.getText()), random, `after version ${v}`);
    }
  });
}

test('a CR LF pair split or joined by an edit: line offsets are those of a fresh document', () => {
  const cases: { text: string; range: [number, number, number, number]; insert: string }[] = [
    { text: 'a\r\nb', range: [0, 2, 0, 2], insert: 'x' }, // typed between \r and \n (the position is the line end)
    { text: 'a\rX\nb', range: [0, 2, 1, 1], insert: '' }, // deleting what stood between \r and \n joins them
    { text: 'a\nb', range: [0, 1, 0, 1], insert: '\r' }, // \r typed before a \n
    { text: 'a\rb', range: [1, 0, 1, 0], insert: '\n' }, // \n typed after a \r
    { text: 'a\r\r\nb\rc', range: [1, 0, 2, 0], insert: 'y\r' }, // mixed endings
  ];
  for (const c of cases) {
    const ours = new ServerDocument('file:///a.txt', 'plaintext', 1, c.text);
    const range = { start: { line: c.range[0], character: c.range[1] }, end: { line: c.range[2], character: c.range[3] } };
    const expected = TextDocument.update(TextDocument.create('file:///a.txt', 'plaintext', 1, c.text), [{ range, text: c.insert }], 2).getText();
    ours.update([{ range, text: c.insert }], 2);
    const fresh = TextDocument.create('file:///a.txt', 'plaintext', 2, expected);
    assert.equal(ours.getText(), expected, JSON.stringify(c));
    assert.equal(ours.lineCount, fresh.lineCount, JSON.stringify(c));
    for (let o = 0; o <= expected.length; o++) assert.deepEqual(ours.positionAt(o), fresh.positionAt(o), `${JSON.stringify(c)} at ${o}`);
  }
});

test('the CLI\'s line table (core/parse/lines.ts) gives the server document\'s positions, after edits too, and its lines without their endings', () => {
  const random = rng(7);
  const initial = Array.from({ length: 2000 }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
  const doc = new ServerDocument('file:///a.txt', 'plaintext', 1, initial);
  for (let round = 0; round < 5; round++) {
    const text = doc.getText();
    const table = new LineTable(text);
    assert.equal(table.lineCount, doc.lineCount);
    for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(table.positionAt(offset), doc.positionAt(offset), `positionAt(${offset}), round ${round}`);
    const lines = text.split(/\r\n|\r|\n/);
    assert.equal(lines.length, table.lineCount);
    lines.forEach((line, i) => assert.equal(table.lineText(i), line, `line ${i}, round ${round}`));
    assert.equal(table.lineText(lines.length), undefined);
    // An edit that keeps the line table patched (not recomputed), then compare again.
    const at = Math.floor(random() * text.length);
    const start = doc.positionAt(at);
    doc.update([{ range: { start, end: start }, text: PIECES[Math.floor(random() * PIECES.length)] }], round + 2);
  }
});
