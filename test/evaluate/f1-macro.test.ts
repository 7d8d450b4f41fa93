import { test } from 'node:test';
import assert from 'node:assert/strict';
import { f1Macro } from '../../src/evaluate/f1-macro.js';

test('macro F1 (scikit-learn f1_score documentation example, average="macro": 0.2666...)', () => {
  // F1 per class: class 0 → 2·2/(2+3) = 0.8, classes 1 and 2 → 0 (by hand); mean 0.8 / 3
  assert.ok(Math.abs(f1Macro([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], 3) - 0.26666666666666666) < 1e-15);
});

test('macro F1: classes in neither actual nor predicted labels are left out; a class only predicted counts as 0', () => {
  assert.equal(f1Macro([0, 0, 1, 1], [0, 0, 1, 1], 5), 1);
  // class 0: TP 1, FP 0, FN 1 → 2/3; class 1 (predicted only): 0 → mean 1/3 (by hand)
  assert.ok(Math.abs(f1Macro([0, 0], [0, 1], 2) - 1 / 3) < 1e-15);
});
