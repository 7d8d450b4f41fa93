// The seeded generators every random choice of rnnfc comes from: a stretch of their numbers drawn
// on its own (as threads draw the normal matrix of an orthogonal kernel in parts) is the stretch of
// the stream drawn in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillNormals, seededNormal, seededRandom, seededRandomFrom } from '../../src/util/random.js';

test('seededRandomFrom(seed, k) goes on from the k-th number of seededRandom(seed)', () => {
  for (const seed of [0, 1, 42, -7, 2 ** 31 + 5]) {
    const random = seededRandom(seed);
    const stream = Array.from({ length: 300 }, () => random());
    for (const skip of [0, 1, 2, 99, 250]) {
      const from = seededRandomFrom(seed, skip);
      assert.deepEqual(Array.from({ length: 50 }, () => from()), stream.slice(skip, skip + 50), `seed ${seed}, skip ${skip}`);
    }
  }
});

test('fillNormals from any index gives the numbers seededNormal draws there', () => {
  const normal = seededNormal(seededRandom(9));
  const stream = Float64Array.from({ length: 1001 }, () => normal());
  // Even and odd starts and lengths (a pair's sine alone at the start, its cosine alone at the end).
  for (const [from, length] of [[0, 1001], [1, 10], [7, 1], [8, 1], [990, 11], [5, 0], [123, 456], [0, 3]] as const) {
    const out = new Float64Array(length);
    fillNormals(out, 9, from);
    assert.deepEqual(Array.from(out), Array.from(stream.subarray(from, from + length)), `from ${from}, ${length} numbers`);
  }
});
