import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classificationMetrics } from '../../src/evaluate/classification-metrics.js';
import { classificationWarnings } from '../../src/evaluate/classification-warnings.js';

const majority = { name: 'majority', description: 'predicting the most frequent training class', accuracy: 0.75 };

test('a model that always predicts one class is told so, and so is its chance-level balanced accuracy', () => {
  // 3 of 4 test labels are 0; the model says 0 every time: accuracy 0.75 looks fine, it is not.
  const m = classificationMetrics([0, 0, 0, 1], [[0.9, 0.1], [0.8, 0.2], [0.7, 0.3], [0.6, 0.4]], 2);
  assert.deepEqual(classificationWarnings(m, ['0', '1'], majority), [
    'every test prediction is class "0": the model always predicts one class; try --class-weight balanced if the classes are imbalanced, another --seed, more --epochs or another --lr',
    'the balanced accuracy 0.500 is at chance level (0.500 for 2 classes): the model does not tell the classes apart; check that the features carry the label, and try more --epochs or another --lr',
    "the model has no skill: its accuracy 0.750 is not above the majority baseline's 0.750 (predicting the most frequent training class)",
  ]);
});

test('a model at chance that predicts both classes gets the chance warning alone (with no baseline given)', () => {
  // right on 2 of 4, one of each class: balanced accuracy 0.5 over 2 classes
  const m = classificationMetrics([0, 1, 0, 1], [[0.4, 0.6], [0.3, 0.7], [0.8, 0.2], [0.9, 0.1]], 2);
  const warnings = classificationWarnings(m, ['a', 'b'], null);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^the balanced accuracy 0\.500 is at chance level/);
});

test('a model that tells the classes apart and beats the baseline gets no warning', () => {
  const m = classificationMetrics([0, 0, 0, 1], [[0.9, 0.1], [0.8, 0.2], [0.7, 0.3], [0.2, 0.8]], 2);
  assert.deepEqual(classificationWarnings(m, ['0', '1'], majority), []);
});
