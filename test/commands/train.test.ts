import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { train } from '../../src/commands/train.js';
import { prepare } from '../../src/commands/prepare.js';
import { forecast } from '../../src/commands/forecast.js';
import { settingsFrom } from '../../src/options/train-options.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');

test('train returns the metrics without writing anything unless asked', async () => {
  const dir = tempDir();
  const r = await train({ file: shampoo, settings: settingsFrom({ stateful: true, epochs: 30 }) });
  assert.equal(r.engine, 'fused');
  assert.equal(r.trainRows, 22);
  assert.equal(r.testRows, 12);
  assert.equal(r.persistenceRmse?.toFixed(3), '136.761');
  assert.equal(r.predictions.length, 12);
  assert.ok(Number.isFinite(r.rmse) && r.rmse > 0);
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('the same seed gives the same numbers on both engines within 5% (published configuration, 200 epochs)', async () => {
  const fused = await train({ file: shampoo, settings: settingsFrom({ stateful: true, epochs: 200, engine: 'fused' }) });
  const tfjs = await train({ file: shampoo, settings: settingsFrom({ stateful: true, epochs: 200, engine: 'tfjs', backend: 'cpu' }) });
  assert.equal(tfjs.engine, 'tfjs');
  assert.ok(Math.abs(fused.rmse - tfjs.rmse) / tfjs.rmse < 0.05, `fused ${fused.rmse} vs tfjs ${tfjs.rmse}`);
});

test('prepare returns the published framing and a scaler fitted on 22 rows', async () => {
  const p = await prepare({ file: shampoo, settings: settingsFrom({}) });
  assert.deepEqual(p.counts, { observations: 36, differences: 35, rows: 34, train: 22, test: 12, dropped: 0 });
  assert.equal(p.rows.length, 34);
  assert.equal(p.rows.filter((r) => r.set === 'train').every((r) => r.targets[0]! >= -1 - 1e-6 && r.targets[0]! <= 1 + 1e-6), true);
  assert.equal(p.timeColumn, 'Month');
  assert.equal(p.column, 'Sales');
});

test('a saved model forecasts the same values as the trained one, with continued time labels', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'm');
  await train({ file: shampoo, settings: settingsFrom({ stateful: true, epochs: 30 }), out });
  const a = await forecast({ modelDir: out, horizon: 3, engine: 'auto', backend: 'auto', missing: 'error' });
  const b = await forecast({ modelDir: out, file: shampoo, horizon: 3, engine: 'tfjs', backend: 'cpu', missing: 'error' });
  assert.deepEqual(a.forecasts.map((f) => f.time), ['4-01', '4-02', '4-03']);
  a.forecasts.forEach((f, i) => assert.ok(Math.abs(f.value - b.forecasts[i]!.value) < 1e-3));
  assert.equal(a.historySource, `${out}/rnnfc.json`);
});
