// A classifier's model directory as train --out writes it (rnnfc.json with its task, model.json,
// weights.bin), with seeded weights: for tests of what reads classifiers.
import path from 'node:path';
import { initialWeights } from '../../src/engines/initial-weights.js';
import type { NetworkSpec } from '../../src/engines/types.js';
import { toLayersFiles } from '../../src/model-dir/layers-format.js';
import { saveModelDir } from '../../src/model-dir/model-dir.js';
import { METADATA_FORMAT, METADATA_VERSION, type ModelMetadata } from '../../src/model-dir/metadata.js';
import type { FeatureEncoding } from '../../src/core/types.js';

/** Two numeric inputs, x1 and x2, each min-max scaled from [-3, 3] to [0, 1]. */
export const features: FeatureEncoding[] = [
  { column: 'x1', kind: 'numeric', transform: { kind: 'none' }, scaler: { kind: 'minmax', range: [0, 1], min: [-3], max: [3] } },
  { column: 'x2', kind: 'numeric', transform: { kind: 'none' }, scaler: { kind: 'minmax', range: [0, 1], min: [-3], max: [3] } },
];
export const encode = (x1: number, x2: number) => [(x1 + 3) / 6, (x2 + 3) / 6];

/** A classifier's model directory as train --out writes it, with seeded weights. */
export async function classifierDir(root: string, name: string, spec: NetworkSpec, classes: string[], labels: 'per-sample' | 'per-step') {
  const weights = initialWeights(spec, 4);
  const head = spec.head as 'sigmoid' | 'softmax';
  const metadata = {
    format: METADATA_FORMAT,
    formatVersion: METADATA_VERSION,
    rnnfcVersion: '0.1.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    data: { file: 'train.csv', sha256: 'ab', observations: 4, timeColumn: 'time', timeFormat: null, column: 'label', features: ['x1', 'x2'], roles: { x1: ['feature'], x2: ['feature'], label: ['target'] } },
    pipeline: {
      diff: 0, lags: spec.timeSteps, horizon: 0, framing: { kind: 'window', lags: spec.timeSteps, horizon: 0 }, test: { kind: 'count', n: 1 }, trainSize: null, validation: null,
      features, target: { column: 'label', transform: { kind: 'none' }, scaler: { kind: 'none', columns: 1 } },
    },
    task: { kind: 'classify', classes, labels, head, targetColumns: ['label'] },
    network: spec,
    training: {
      cell: spec.cell, units: spec.units, dropout: 0, stateful: false, reset: 'epoch', shuffle: false, batchSize: spec.batchSize, epochs: 1, lr: 0.001,
      optimizer: 'adam', loss: head === 'sigmoid' ? 'binary-crossentropy' : 'categorical-crossentropy', seed: 1, forecastReset: 'never', prime: false, engine: 'fused', backend: 'js',
    },
    metrics: { accuracy: 1, balanced_accuracy: 1, f1_macro: 1, log_loss: 0, roc_auc: null },
    history: { times: ['1', '2', '3', '4'], values: [0, 1, 0, 1], columns: { x1: [0, 0, 0, 0], x2: [0, 0, 0, 0] } },
  } as unknown as ModelMetadata;
  const dir = path.join(root, name);
  await saveModelDir(dir, { ...toLayersFiles(spec, weights), metadata });
  return { dir, weights };
}

