// bestMatches (flow/objectFields.ts) skips candidates out of reach by length and computes a bounded distance
// for ASCII words; it must pick exactly what the plain edit distance (model/similar.ts) picks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestMatches } from '../../../server/src/core/flow/objectFields';
import { editDistance } from '../../../server/src/core/model/similar';
import { rng } from './edits';

function reference(word: string, candidates: Iterable<string>, max = 3, ratio = 0.4): string[] {
  const limit = Math.max(ratio < 0.4 ? 1 : 2, Math.ceil(word.length * ratio));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d <= limit) scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c)).slice(0, max).map((s) => s.c);
}

test('bestMatches picks what the plain edit distance picks', () => {
  const random = rng(17);
  const alphabet = 'aAbBcC_1xyzÉé';
  const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const mutate = (w: string) => {
    const a = w.split('');
    for (let k = Math.floor(random() * 4); k > 0; k--) {
      const i = Math.floor(random() * (a.length + 1));
      const r = random();
      if (r < 0.3) a.splice(i, 1);
      else if (r < 0.6) a.splice(i, 0, alphabet[Math.floor(random() * alphabet.length)]);
      else if (i < a.length) a[i] = random() < 0.5 ? a[i].toUpperCase() : alphabet[Math.floor(random() * alphabet.length)];
    }
    return a.join('');
  };
  for (let t = 0; t < 400; t++) {
    const base = word(1 + Math.floor(random() * (t % 10 === 0 ? 70 : 14)));
    const candidates = Array.from({ length: 40 }, () => (random() < 0.6 ? mutate(base) : word(1 + Math.floor(random() * 16))));
    const w = mutate(base);
    for (const ratio of [0.4, 0.25]) assert.deepEqual(bestMatches(w, candidates, 3, ratio), reference(w, candidates, 3, ratio), `${w} among ${candidates.join(',')}`);
  }
});
