import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { train } from '../../src/commands/train.js';
import { forecast } from '../../src/commands/forecast.js';
import { settingsFrom } from '../../src/options/train-options.js';
import { seededRandom } from '../../src/util/random.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');
const published = { stateful: true, engine: 'fused', validation: '4' };

test('early stopping keeps the best epoch: the same model as a run stopped at that epoch by --epochs', async () => {
  const stopped = await train({ file: shampoo, settings: settingsFrom({ ...published, epochs: '1000', 'early-stopping': '50' }) });
  assert.equal(stopped.stoppedEarly, true);
  assert.ok(stopped.keptEpoch < stopped.epochs, `kept ${stopped.keptEpoch} of ${stopped.epochs}`);
  assert.equal(stopped.epochs - stopped.keptEpoch, 50);
  assert.equal(stopped.history.length, stopped.epochs);
  const best = Math.min(...stopped.history.map((h) => h.valLoss!));
  assert.equal(stopped.history[stopped.keptEpoch - 1]!.valLoss, best);

  const fixed = await train({ file: shampoo, settings: settingsFrom({ ...published, epochs: String(stopped.keptEpoch) }) });
  assert.equal(fixed.stoppedEarly, false);
  assert.equal(fixed.keptEpoch, stopped.keptEpoch);
  assert.deepEqual(fixed.predictions, stopped.predictions);
  assert.equal(fixed.rmse, stopped.rmse);
  // and the history up to that epoch is the same
  assert.deepEqual(fixed.history, stopped.history.slice(0, stopped.keptEpoch));
});

test('--lr-plateau lowers the learning rate in the history; early stopping and plateau are repeatable', async () => {
  const settings = settingsFrom({ ...published, epochs: '300', lr: '0.05', 'early-stopping': '40', 'lr-plateau': '0.5,10' });
  const a = await train({ file: shampoo, settings });
  const b = await train({ file: shampoo, settings });
  assert.deepEqual(a.history, b.history);
  assert.ok(a.history.some((h) => h.lr < 0.05), 'the rate was lowered at least once');
  assert.ok(a.history.every((h, i) => i === 0 || h.lr <= a.history[i - 1]!.lr));
});

test('--early-stopping and --lr-plateau need --validation', () => {
  assert.throws(() => settingsFrom({ 'early-stopping': '5' }), {
    name: 'UsageError',
    message: '--early-stopping needs --validation: it watches the loss on the held-out validation rows',
  });
  assert.throws(() => settingsFrom({ validation: '4', 'lr-plateau': '2,3' }), {
    message: '--lr-plateau must be FACTOR,PATIENCE: a factor between 0 and 1 (exclusive) and a positive number of epochs (e.g. 0.5,10), got 2,3',
  });
});

test('intervals: half-widths and coverage in the result, stored with the model, and forecast bounds from them', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'model');
  const r = await train({ file: shampoo, settings: settingsFrom({ ...published, epochs: '50' }), intervals: [0.8], out });
  assert.equal(r.intervals!.source, 'validation');
  assert.equal(r.intervals!.calibrationRows, 4);
  const [i80] = r.intervals!.levels;
  assert.equal(i80!.level, 0.8);
  const inside = r.predictions.filter((p) => Math.abs(p.actual - p.predicted) <= i80!.halfWidth).length;
  assert.equal(i80!.coverage, inside / 12);
  const stored = JSON.parse(fs.readFileSync(path.join(out, 'rnnfc.json'), 'utf8'));
  assert.deepEqual(stored.intervals, r.intervals);
  assert.equal(stored.lossHistory.length, 50);
  assert.deepEqual(Object.keys(stored.lossHistory[0]), ['epoch', 'loss', 'val_loss', 'lr']);

  const f = await forecast({ modelDir: out, horizon: 2, engine: 'auto', backend: 'auto', missing: 'error', intervals: [0.8] });
  for (const point of f.forecasts) {
    assert.deepEqual(point.bounds, [{ level: 0.8, lower: point.value - i80!.halfWidth, upper: point.value + i80!.halfWidth }]);
  }
  await assert.rejects(forecast({ modelDir: out, horizon: 1, engine: 'auto', backend: 'auto', missing: 'error', intervals: [0.95] }), {
    name: 'UsageError',
    message: `--interval 0.95: the model in ${out} stores intervals at 0.8 only; train it with --interval 0.8,0.95`,
  });
});

test('without --validation the intervals come from the training rows, with a warning that they are optimistic', async () => {
  const r = await train({ file: shampoo, settings: settingsFrom({ stateful: true, engine: 'fused', epochs: '20' }), intervals: [0.8] });
  assert.equal(r.intervals!.source, 'training');
  assert.equal(r.intervals!.calibrationRows, 22);
  assert.ok(r.warnings.some((w) => w.startsWith('the intervals are calibrated on the errors of the training rows the model was fitted on, so they are optimistic')));
});

test('too few calibration rows for a level fails before training', async () => {
  let trained = false;
  await assert.rejects(
    train({ file: shampoo, settings: settingsFrom({ ...published, epochs: '5' }), intervals: [0.95], onEpoch: () => (trained = true) }),
    { name: 'UsageError', message: '--interval 0.95 needs at least 19 calibration forecasts, --validation gives 4; hold out more rows' },
  );
  assert.equal(trained, false);
});

test('conformal coverage of a trained network on a seeded random walk is within sampling error of the level', async () => {
  // differences are N(0, 1) noise, so the best forecast is "no change" and the one-step errors
  // of the validation and test rows are exchangeable
  const random = seededRandom(7);
  let level = 100;
  const lines = ['t,value'];
  for (let t = 0; t < 801; t++) {
    level += Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    lines.push(`${t},${level}`);
  }
  const file = path.join(tempDir(), 'walk.csv');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const r = await train({
    file,
    settings: settingsFrom({ engine: 'fused', epochs: '3', 'batch-size': '16', test: '400', validation: '300' }),
    intervals: [0.8, 0.95],
  });
  const [i80, i95] = r.intervals!.levels;
  // standard error of the coverage: sqrt(l(1-l)/300) from the calibration quantile and
  // sqrt(l(1-l)/400) from the test share, 0.031 and 0.017 together; allow three
  assert.ok(Math.abs(i80!.coverage - 0.8) < 0.093, `80% covers ${i80!.coverage}`);
  assert.ok(Math.abs(i95!.coverage - 0.95) < 0.051, `95% covers ${i95!.coverage}`);
  // the noise's true 80% and 95% half-widths are 1.28 and 1.96 (plus what the model gets wrong)
  assert.ok(i80!.halfWidth > 1.0 && i80!.halfWidth < 1.8, `80% half-width ${i80!.halfWidth}`);
  assert.ok(i95!.halfWidth > i80!.halfWidth);
});
