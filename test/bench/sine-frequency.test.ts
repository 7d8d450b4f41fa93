import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { sineFrequencyCsv } from '../../bench/sine-frequency.js';
import { fixture } from '../helpers/paths.js';

test('the committed sine-frequency fixture is what the seeded generator makes', () => {
  assert.equal(fs.readFileSync(fixture('sine-frequency.csv'), 'utf8'), sineFrequencyCsv());
});

test('frequencies 1..10, 10 waves each, 100 steps of a unit sine in the wide layout; other options give other data', () => {
  const rows = sineFrequencyCsv().trim().split('\n');
  const head = rows[0]!.split(',');
  assert.equal(head.length, 101);
  assert.deepEqual([head[0], head[1], head[100]], ['frequency', 'x1', 'x100']);
  const counts = new Map<string, number>();
  for (const row of rows.slice(1)) {
    const [f, ...wave] = row.split(',');
    counts.set(f!, (counts.get(f!) ?? 0) + 1);
    assert.equal(wave.length, 100);
    assert.ok(wave.every((v) => Math.abs(Number(v)) <= 1));
    // f cycles in 100 steps: the wave repeats every 100 / f steps where that is whole
    const period = 100 / Number(f);
    if (Number.isInteger(period) && period < 100) assert.equal(wave[period], wave[0]);
  }
  assert.deepEqual([...counts.keys()].map(Number).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.ok([...counts.values()].every((n) => n === 10));
  // the last 20 rows (the test set of --test 20%) hold several frequencies, not one
  assert.ok(new Set(rows.slice(-20).map((r) => r.split(',')[0])).size >= 5);
  const twenty = sineFrequencyCsv({ maxFrequency: 20, examples: 2, steps: 10, seed: 1 }).trim().split('\n');
  assert.equal(twenty.length, 41);
  assert.notEqual(sineFrequencyCsv({ maxFrequency: 2, examples: 2, steps: 5, seed: 2 }), sineFrequencyCsv({ maxFrequency: 2, examples: 2, steps: 5, seed: 3 }));
});
