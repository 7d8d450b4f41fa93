// forecastStream with classifiers: the class probabilities and the predicted class of each row,
// and, for a per-step model, the same probabilities as the whole sequence run at once, the state
// reset where the sequence column changes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { forecastStream, type StreamedRow, type StreamHeader } from '../../src/commands/forecast-stream.js';
import { createFusedEngine } from '../../src/engines/fused/fused-engine.js';
import type { NetworkSpec } from '../../src/engines/types.js';
import { classifierDir, encode } from '../helpers/classifier-model.js';
import { tempDir } from '../helpers/paths.js';

const root = tempDir('rnnfc-stream-classify-');
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs the stream over `text` and collects the header and rows. */
async function stream(dir: string, text: string, extra: { sequenceColumn?: string } = {}) {
  const stdin = new PassThrough();
  stdin.end(text);
  let header: StreamHeader | undefined;
  const rows: StreamedRow[] = [];
  const result = await forecastStream({ modelDir: dir, stdin, engine: 'fused', backend: 'auto', skipBadRows: false, ...extra, onHeader: (h) => void (header = h), onRow: (r) => void rows.push(r) });
  return { header: header!, rows, result };
}

const rowsOf = (n: number, id = (_t: number) => '') =>
  Array.from({ length: n }, (_, t) => ({ id: id(t), time: `t${t + 1}`, x1: Math.sin(t) * 2, x2: Math.cos(t * 0.7) * 2, label: ['a', 'b', 'c'][t % 3]! }));

test('a softmax window classifier: each row gets one probability per class and the most probable class', async () => {
  const spec: NetworkSpec = { cell: 'gru', units: [4], timeSteps: 3, features: 2, outputs: 3, head: 'softmax', dropout: 0, stateful: false, batchSize: 8 };
  const { dir, weights } = await classifierDir(root, 'softmax', spec, ['a', 'b', 'c'], 'per-sample');
  const data = rowsOf(10);
  const { header, rows } = await stream(dir, 'time,x1,x2,label\n' + data.map((r) => `${r.time},${r.x1},${r.x2},${r.label}`).join('\n') + '\n');
  assert.deepEqual(header, { label: 'time', reading: { kind: 'classes', classes: ['a', 'b', 'c'] } });
  assert.equal(rows.length, 10);
  assert.deepEqual(rows.slice(0, 2).map((r) => [r.label, r.output, r.predicted]), [['t1', null, undefined], ['t2', null, undefined]]);
  const check = await createFusedEngine().createStepper({ ...spec, batchSize: 1 }, weights);
  for (let t = 2; t < 10; t++) {
    const out = rows[t]!.output;
    assert.ok(out && out.kind === 'classes');
    const want = check.predict(Float32Array.from([t - 2, t - 1, t].flatMap((k) => encode(data[k]!.x1, data[k]!.x2))));
    assert.deepEqual(out.probabilities, Array.from(want));
    assert.equal(rows[t]!.predicted, ['a', 'b', 'c'][want.indexOf(Math.max(...want))]);
  }
});

test('a per-step sigmoid classifier streams row by row: the probabilities of the whole sequence at once, reset at each new sequence', async () => {
  const steps = 8;
  const spec: NetworkSpec = { cell: 'lstm', units: [5, 3], timeSteps: steps, features: 2, outputs: 1, head: 'sigmoid', perStep: true, dropout: 0, stateful: false, batchSize: 4 };
  const { dir, weights } = await classifierDir(root, 'per-step', spec, ['quiet', 'busy'], 'per-step');
  // three sequences of 8 rows; the stream crosses into each new one with the state of the one before
  const data = rowsOf(3 * steps, (t) => `s${Math.floor(t / steps) + 1}`);
  const text = 'id,time,x1,x2\n' + data.map((r) => `${r.id},${r.time},${r.x1},${r.x2}`).join('\n') + '\n';
  const { header, rows, result } = await stream(dir, text, { sequenceColumn: 'id' });
  assert.deepEqual(header, { label: 'time', sequence: 'id', reading: { kind: 'classes', classes: ['quiet', 'busy'] } });
  assert.equal(result.outputs, 3 * steps);
  const whole = await createFusedEngine().createStepper({ ...spec, batchSize: 1 }, weights);
  for (let s = 0; s < 3; s++) {
    const want = whole.predict(Float32Array.from(data.slice(s * steps, (s + 1) * steps).flatMap((r) => encode(r.x1, r.x2))));
    for (let t = 0; t < steps; t++) {
      const row = rows[s * steps + t]!;
      assert.equal(row.sequence, `s${s + 1}`);
      assert.ok(row.output && row.output.kind === 'classes');
      const p = row.output.probabilities[1]!;
      assert.ok(Math.abs(p - want[t]!) < 1e-6, `sequence ${s + 1} step ${t + 1}: streamed ${p}, whole ${want[t]}`);
      assert.equal(row.predicted, p > 0.5 ? 'busy' : 'quiet');
    }
  }
  // without the resets, the second sequence starts from the first one's state: other numbers
  const carried = await stream(dir, text);
  const second = (rs: StreamedRow[]) => (rs[steps]!.output as { probabilities: number[] }).probabilities[1];
  assert.notEqual(second(carried.rows), second(rows));
});
