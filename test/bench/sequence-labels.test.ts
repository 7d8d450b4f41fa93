import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { sequenceLabelsCsv } from '../../bench/sequence-labels.js';
import { fixture } from '../helpers/paths.js';

test('the committed labelled-sequences fixture is what the seeded generator makes', () => {
  assert.equal(fs.readFileSync(fixture('sequence-labels.csv'), 'utf8'), sequenceLabelsCsv());
});

test('sequences of 100 rows, 3 features, one 0/1 label each, both classes present, x1 shifted by the label', () => {
  const rows = sequenceLabelsCsv().trim().split('\n');
  assert.equal(rows[0], 'sequence,x1,x2,x3,label');
  const bySequence = new Map<string, { labels: Set<string>; x1: number[] }>();
  for (const row of rows.slice(1)) {
    const [id, x1, , , label] = row.split(',');
    const entry = bySequence.get(id!) ?? { labels: new Set(), x1: [] };
    entry.labels.add(label!);
    entry.x1.push(Number(x1));
    bySequence.set(id!, entry);
  }
  assert.equal(bySequence.size, 100);
  const means: Record<string, number[]> = { '0': [], '1': [] };
  for (const { labels, x1 } of bySequence.values()) {
    assert.equal(x1.length, 100);
    assert.equal(labels.size, 1, 'one label per sequence');
    means[[...labels][0]!]!.push(x1.reduce((a, b) => a + b, 0) / x1.length);
  }
  assert.ok(means['0']!.length >= 30 && means['1']!.length >= 30, 'both classes are well represented');
  // x1 is shifted by the label: ±0.1, in noise of 0.1 per sequence mean, 0.015 over 50 sequences.
  const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(average(means['1']!) - average(means['0']!) > 0.1);
  assert.notEqual(sequenceLabelsCsv({ sequences: 2, steps: 3, seed: 2 }), sequenceLabelsCsv({ sequences: 2, steps: 3, seed: 3 }));
});
