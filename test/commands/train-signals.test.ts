// train() and signals at exact points: after the last epoch, and during the save. Each check of
// `interrupted` is a point where a real signal may be seen (test/cli/signals.e2e.test.ts sends real ones).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { train } from '../../src/commands/train.js';
import { InterruptedError } from '../../src/errors.js';
import { settingsFrom } from '../../src/options/train-options.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');

test('a signal seen after the last epoch still saves nothing', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'm');
  let trained = false;
  await assert.rejects(
    train({
      file: shampoo,
      settings: settingsFrom({ epochs: 5 }),
      out,
      predictions: path.join(dir, 'p.csv'),
      onEpoch: (epoch, epochs) => (trained = epoch === epochs),
      interrupted: () => (trained ? 'SIGINT' : undefined),
    }),
    (e: unknown) => {
      assert.ok(e instanceof InterruptedError);
      assert.equal(e.exitCode, 130);
      assert.equal(e.message, 'interrupted by SIGINT at epoch 5; nothing was saved');
      return true;
    },
  );
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('a signal during the save lets it finish, then reports what was saved (exit 143)', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'm');
  const predictions = path.join(dir, 'p.csv');
  await assert.rejects(
    train({
      file: shampoo,
      settings: settingsFrom({ epochs: 5 }),
      out,
      predictions,
      // The predictions are written first: from then on the run is saving.
      interrupted: () => (fs.existsSync(predictions) ? 'SIGTERM' : undefined),
    }),
    (e: unknown) => {
      assert.ok(e instanceof InterruptedError);
      assert.equal(e.exitCode, 143);
      assert.equal(e.message, `interrupted by SIGTERM while saving; --out ${out} and --predictions ${predictions} were saved in full`);
      return true;
    },
  );
  assert.ok(fs.existsSync(path.join(out, 'rnnfc.json')));
  assert.equal(fs.readFileSync(predictions, 'utf8').trim().split('\n').length, 13);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['.m.rnnfc', 'm', 'p.csv']);
});
