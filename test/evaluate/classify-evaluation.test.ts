import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTable } from '../../src/data/table-loader.js';
import { buildDataset, DEFAULT_PIPELINE } from '../../src/pipeline/dataset.js';
import { evaluateClassifier } from '../../src/evaluate/classify-evaluation.js';
import type { Stepper } from '../../src/engines/types.js';

// occupied when the light is on; the test rows are the last 4
const LIGHT = 'light,occupied\n' + [0, 0, 500, 510, 0, 0, 480, 0, 520, 505, 0, 480, 0, 500].map((v) => `${v},${v > 0 ? 'yes' : 'no'}`).join('\n') + '\n';
const opts = { ...DEFAULT_PIPELINE, diff: 0, lags: 2, horizon: 0, test: { kind: 'count' as const, n: 4 } };

/** A stepper that answers from the last input step's (scaled) light: on -> p = 0.9, off -> 0.2; per step when asked. */
function lightStepper(perStep: boolean): Stepper {
  const p = (v: number) => (v > 0.5 ? 0.9 : 0.2);
  return {
    predict: (x) => (perStep ? Float32Array.from(x, p) : Float32Array.of(p(x[x.length - 1]!))),
    resetStates() {},
    readStates: () => [],
    setStates() {},
    dispose() {},
  };
}

test('the network and both baselines are scored on the same test targets; persistence reads the previous row\'s true label', () => {
  const d = buildDataset(parseTable(LIGHT, 'l.csv', { target: 'occupied' }), opts);
  const e = evaluateClassifier(lightStepper(false), d, { forecastReset: 'never', prime: false });
  assert.deepEqual(e.classes, ['no', 'yes']);
  // test rows 10..13: no, yes, no, yes
  assert.deepEqual(e.rows, [10, 11, 12, 13]);
  assert.deepEqual(e.actual, [0, 1, 0, 1]);
  assert.deepEqual(e.predicted, [0, 1, 0, 1]);
  assert.equal(e.metrics.accuracy, 1);
  assert.deepEqual(e.probabilities[1]!.map((v) => Number(v.toFixed(6))), [0.1, 0.9]);
  const persistence = e.baselines.find((b) => b.name === 'persistence')!;
  // rows 9..12 are yes, no, yes, no: every test label differs from the one before
  assert.deepEqual(persistence.predictions, [1, 0, 1, 0]);
  assert.equal(persistence.accuracy, 0);
  assert.equal(e.best!.name, 'majority');
  assert.equal(e.skill, 1);
  assert.deepEqual(e.warnings, []);
});

test('per-step labels: every step of every test sample is a target, in order', () => {
  const d = buildDataset(parseTable(LIGHT, 'l.csv', { target: 'occupied' }), opts, { labels: 'per-step' });
  const e = evaluateClassifier(lightStepper(true), d, { forecastReset: 'never', prime: false });
  assert.deepEqual(e.rows, [9, 10, 10, 11, 11, 12, 12, 13]);
  assert.deepEqual(e.actual, [1, 0, 0, 1, 1, 0, 0, 1]);
  assert.equal(e.metrics.accuracy, 1);
  assert.equal(e.metrics.confusion.flat().reduce((a, b) => a + b, 0), 8);
});
