// VersionedMap.findIgnoringCase keeps its lower-case key index through `set` (a map filled one entry at a time —
// the CLI reads flows one by one — rebuilt it for every lookup after every set): its answers must stay those of
// scanning the map in iteration order (project/versionedMap.ts findIgnoringCase over a plain Map).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findIgnoringCase, VersionedMap } from '../../server/src/core/project/versionedMap';

test('findIgnoringCase through sets, overwrites, deletes and clears equals a scan in iteration order', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const spellings = ['Flow_A', 'flow_a', 'FLOW_A', 'Flow_B', 'flow_b', 'Other', 'OTHER', 'other', 'x'];
  let changes = 0;
  const map = new VersionedMap<string, number>(() => changes++);
  const plain = new Map<string, number>();
  let asked = 0;
  for (let step = 0; step < 3000; step++) {
    const key = spellings[Math.floor(random() * spellings.length)];
    const r = random();
    if (r < 0.6) {
      map.set(key, step);
      plain.set(key, step);
    } else if (r < 0.8) {
      assert.equal(map.delete(key), plain.delete(key));
    } else if (r < 0.82) {
      map.clear();
      plain.clear();
    }
    // Ask after most changes (so the index exists when the next set comes), sometimes not.
    if (random() < 0.8) {
      for (const probe of spellings) {
        asked++;
        assert.equal(map.findIgnoringCase(probe), findIgnoringCase(plain, probe), `${probe} after step ${step}: ${[...plain.keys()].join(',')}`);
      }
    }
  }
  assert.ok(changes > 2000 && asked > 10000);
});
