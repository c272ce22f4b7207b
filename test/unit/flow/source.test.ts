// SourceText (server/src/core/flow/source.ts): a text as pieces must read exactly like the string it stands
// for — slices (within and across pieces), characters, the whole — through random edits, typing in one
// place (pieces merged) and edits all over a big text (hundreds of pieces, then joined again).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../../server/src/core/flow/source';
import { rng } from './edits';

function check(src: SourceText, text: string, random: () => number, where: string): void {
  assert.equal(src.length, text.length, `length ${where}`);
  for (let i = 0; i < 30; i++) {
    const a = Math.floor(random() * (text.length + 2)) - 1;
    const b = a + Math.floor(random() * (random() < 0.1 ? 20000 : 40));
    assert.equal(src.slice(a, b), text.slice(Math.max(0, a), Math.max(0, Math.min(b, text.length))), `slice(${a}, ${b}) ${where}`);
    assert.ok(Object.is(src.charCodeAt(a), text.charCodeAt(a)), `charCodeAt(${a}) ${where}`);
  }
}

for (const [name, size, spread] of [['typing in one place', 100_000, 0.02], ['edits all over', 100_000, 1], ['a small text', 50, 1]] as const) {
  test(`SourceText reads like its string: ${name}`, () => {
    const random = rng(size + Math.round(spread * 100));
    let text = Array.from({ length: size }, (_, i) => String.fromCharCode(32 + ((i * 7 + (i >> 5)) % 90))).join('');
    let src = SourceText.of(text);
    let at = Math.floor(size / 2);
    for (let v = 0; v < 1000; v++) {
      if (random() < spread) at = Math.floor(random() * (text.length + 1));
      const a = Math.min(at, text.length);
      const b = Math.min(text.length, a + (random() < 0.3 ? Math.floor(random() * (random() < 0.05 ? 5000 : 4)) : 0));
      const insert = random() < 0.25 ? '' : 'xyz\n😀é'.slice(0, 1 + Math.floor(random() * 6)).repeat(random() < 0.05 ? 900 : 1);
      const before = src;
      src = src.edit(a, b, insert);
      text = text.slice(0, a) + insert + text.slice(b);
      at = a + insert.length;
      if (v % 50 === 0) assert.equal(before.toString().length, text.length - insert.length + (b - a), 'the previous version is unchanged');
      check(src, text, random, `edit ${v}`);
    }
    assert.equal(src.toString(), text);
  });
}
