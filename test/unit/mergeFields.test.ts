// findMergeFields reads only its range of the text (and the character after it, where a `{!` that starts on
// the range's last character continues): the same merge fields, at the same offsets, whatever lies around it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findMergeFields } from '../../server/src/core/model/mergeFields';

const brief = (refs: ReturnType<typeof findMergeFields>) => refs.map((r) => `${r.offset}+${r.length} ${r.expression}${r.syntaxError ? ' !' : ''}`);

test('merge fields inside a range: found at document offsets, unclosed ones where the range ends', () => {
  const text = 'head {!a.b} "x {!$Record.Name} y {! bad} z {!unclosed" tail {!later}';
  const start = text.indexOf('"');
  const end = text.indexOf('"', start + 1) + 1;
  assert.deepEqual(brief(findMergeFields(text, start, end)), [
    `${text.indexOf('{!$Record')}+15 $Record.Name`,
    `${text.indexOf('{! bad')}+7 bad`,
    `${text.indexOf('{!unclosed')}+2  !`,
  ]);
  // The same range cut out of the document, or with other text after it: the same findings, shifted.
  const alone = text.slice(start, end);
  assert.deepEqual(brief(findMergeFields(alone, 0, alone.length)).map((s) => s.replace(/^\d+/, (n) => String(Number(n) + start))), brief(findMergeFields(text, start, end)));
  assert.deepEqual(brief(findMergeFields(`${alone}{!tail}`, 0, alone.length)), brief(findMergeFields(alone, 0, alone.length)));
});

test('a `{!` on the last character of the range is an unclosed merge field; one after it is not seen', () => {
  const text = 'ab{!c}';
  assert.deepEqual(brief(findMergeFields(text, 0, 3)), ['2+2  !']);
  assert.deepEqual(brief(findMergeFields(text, 0, 2)), []);
  assert.deepEqual(brief(findMergeFields(text, 0, text.length)), ['2+4 c']);
  assert.deepEqual(brief(findMergeFields(text, -5, 3)), ['2+2  !']);
});
