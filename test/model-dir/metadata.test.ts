import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelError } from '../../src/errors.js';
import { METADATA_FORMAT, METADATA_VERSION, validateMetadata, type ModelMetadata } from '../../src/model-dir/metadata.js';

/** A version 1 record (one column, one scaler column per lag and the target), as older rnnfc wrote them. */
function good(): ModelMetadata & { pipeline: { scaler: NonNullable<ModelMetadata['pipeline']['scaler']> } } {
  return {
    format: METADATA_FORMAT,
    formatVersion: 1,
    rnnfcVersion: '0.0.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    data: { file: 'x.csv', sha256: 'ab', observations: 4, timeColumn: 'Month', column: 'Sales' },
    pipeline: { diff: 1, lags: 2, test: { kind: 'count', n: 1 }, trainSize: null, scaler: { kind: 'minmax', range: [-1, 1], min: [0, 0, 0], max: [1, 1, 1] } },
    network: { cell: 'lstm', units: [2], timeSteps: 2, features: 1, outputs: 1, dropout: 0, stateful: false, batchSize: 1 },
    training: {
      cell: 'lstm', units: [2], dropout: 0, stateful: false, reset: 'epoch', shuffle: false, batchSize: 1, epochs: 1, lr: 0.001,
      optimizer: 'adam', loss: 'mse', seed: 1, forecastReset: 'never', prime: false, engine: 'fused', backend: 'js',
    },
    metrics: { rmse: 1, mae: 1, mape: 1, persistence_rmse: 2, skill: 0.5 },
    history: { times: ['1-01', '1-02', '1-03', '1-04'], values: [1, 2, 3, 4] },
  } as unknown as ModelMetadata & { pipeline: { scaler: NonNullable<ModelMetadata['pipeline']['scaler']> } };
}

/** The same model as version 2 writes it. */
function good2(): ModelMetadata {
  const m = good() as ModelMetadata;
  const scaler = { kind: 'minmax' as const, range: [-1, 1] as [number, number], min: [0], max: [1] };
  return {
    ...m,
    formatVersion: METADATA_VERSION,
    data: { ...m.data, features: ['Sales', 'wind'], roles: { Sales: ['target', 'feature'], wind: ['feature'] } },
    pipeline: {
      diff: 1,
      lags: 2,
      horizon: 3,
      framing: { kind: 'window', lags: 2, horizon: 3 },
      test: { kind: 'count', n: 1 },
      trainSize: null,
      features: [
        { column: 'Sales', kind: 'numeric', transform: { kind: 'diff', lag: 1 }, scaler },
        { column: 'wind', kind: 'one-hot', categories: ['N', 'S'] },
      ],
      target: { column: 'Sales', transform: { kind: 'diff', lag: 1 }, scaler },
    },
    network: { ...m.network, features: 3, outputs: 3 },
    history: { ...m.history, columns: { wind: ['N', 'S', 'S', 'N'] } },
  };
}

test('a well-formed version 2 rnnfc.json passes as it is', () => {
  assert.deepEqual(validateMetadata(JSON.stringify(good2()), 'm'), good2());
});

const DAMAGED_2: [string, (m: any) => void, string][] = [
  ['a sequence column that is not a name', (m) => (m.data.sequenceColumn = 3), 'data.sequenceColumn must be a string or null, got 3'],
  ['encodings that do not make the network\'s inputs', (m) => (m.network.features = 4), 'pipeline.features must be encodings of network.features (4) inputs, got "3 inputs"'],
  ['a horizon other than the outputs', (m) => (m.pipeline.horizon = 2), 'pipeline.horizon must be network.outputs (3), or 0 for one output, got 2'],
  ['an unknown transform', (m) => (m.pipeline.target.transform = { kind: 'sqrt' }), 'pipeline.target.transform.kind must be one of none, diff, pct, log, got "sqrt"'],
  ['a two-column target scaler', (m) => (m.pipeline.target.scaler.min = [0, 0]), 'pipeline.target.scaler.min must be an array of 1 finite numbers, got [0,0]'],
  ['a feature column missing from the history', (m) => (m.history.columns.wind = ['N']), 'history.columns.wind must be an array of 4 values, got ["N"]'],
];

for (const [name, damage, message] of DAMAGED_2) {
  test(`version 2 rnnfc.json with ${name} is a ModelError naming the field`, () => {
    const m = good2();
    damage(m);
    assert.throws(() => validateMetadata(JSON.stringify(m), 'models/m'), (e: unknown) => e instanceof ModelError && e.message === `models/m/rnnfc.json: ${message}`);
  });
}

test('a well-formed version 1 rnnfc.json passes, read as version 2, with each scaler kind', () => {
  const read = validateMetadata(JSON.stringify(good()), 'm');
  assert.deepEqual(read.pipeline.target, { column: 'Sales', transform: { kind: 'diff', lag: 1 }, scaler: { kind: 'minmax', range: [-1, 1], min: [0], max: [1] } });
  assert.equal(read.pipeline.horizon, 1);
  const standard = good();
  standard.pipeline.scaler = { kind: 'standard', mean: [0, 0, 0], std: [1, 0, 2] };
  assert.equal(validateMetadata(JSON.stringify(standard), 'm').pipeline.scaler!.kind, 'standard');
  const none = good();
  none.pipeline.scaler = { kind: 'none', columns: 3 };
  assert.equal(validateMetadata(JSON.stringify(none), 'm').pipeline.scaler!.kind, 'none');
});

/** A two-class classifier over windows as version 2 writes it: sigmoid head, labels never scaled. */
function classifier(): ModelMetadata {
  const m = good2();
  return {
    ...m,
    data: { ...m.data, column: 'Occupancy', features: ['Sales', 'wind'], roles: { Occupancy: ['target'], Sales: ['feature'], wind: ['feature'] } },
    pipeline: { ...m.pipeline, horizon: 0, framing: { kind: 'window', lags: 2, horizon: 0 }, target: { column: 'Occupancy', transform: { kind: 'none' }, scaler: { kind: 'none', columns: 1 } } },
    task: { kind: 'classify', classes: ['0', '1'], labels: 'per-sample', head: 'sigmoid', targetColumns: ['Occupancy'] },
    network: { ...m.network, features: 3, outputs: 1, head: 'sigmoid' },
  };
}

test('a classifier\'s rnnfc.json passes with its task; a regression task or none reads as regression', () => {
  assert.deepEqual(validateMetadata(JSON.stringify(classifier()), 'm'), classifier());
  const perStep = classifier();
  perStep.task = { kind: 'classify', classes: ['a', 'b', 'c'], labels: 'per-step', head: 'softmax', targetColumns: ['a', 'b', 'c'] };
  perStep.network = { ...perStep.network, outputs: 3, head: 'softmax', perStep: true };
  assert.deepEqual(validateMetadata(JSON.stringify(perStep), 'm').task, perStep.task);
  assert.deepEqual(validateMetadata(JSON.stringify({ ...good2(), task: { kind: 'regression' } }), 'm').task, { kind: 'regression' });
  assert.equal(validateMetadata(JSON.stringify(good2()), 'm').task, undefined);
});

const DAMAGED_TASK: [string, (m: any) => void, string][] = [
  ['an unknown task', (m) => (m.task.kind = 'cluster'), 'task.kind must be one of regression, classify, got "cluster"'],
  ['one class', (m) => (m.task.classes = ['0']), 'task.classes must be an array of at least 2 strings, got ["0"]'],
  ['a class twice', (m) => (m.task.classes = ['0', '0']), 'task.classes[1] must be a class not listed before, got "0"'],
  ['a softmax head over two classes', (m) => (m.task.head = 'softmax'), 'task.head must be one of sigmoid, got "softmax"'],
  ['a network head other than the task\'s', (m) => (m.network.head = 'linear'), 'network.head must be task.head (sigmoid), got "linear"'],
  ['outputs other than the head\'s', (m) => (m.network.outputs = 2), 'network.outputs must be 1 for a sigmoid head over 2 classes, got 2'],
  ['per-step labels on a per-sample network', (m) => (m.task.labels = 'per-step'), 'network.perStep must be true for per-step labels, got nothing'],
  ['unknown labels', (m) => (m.task.labels = 'per-row'), 'task.labels must be one of per-sample, per-step, got "per-row"'],
  ['no target columns', (m) => (m.task.targetColumns = []), 'task.targetColumns must be an array of at least 1 string, got []'],
  ['a sigmoid head without a task', (m) => delete m.task, 'network.head must be linear for a regression model, got "sigmoid"'],
];

for (const [name, damage, message] of DAMAGED_TASK) {
  test(`a classifier's rnnfc.json with ${name} is a ModelError naming the field`, () => {
    const m = classifier();
    damage(m);
    assert.throws(() => validateMetadata(JSON.stringify(m), 'models/m'), (e: unknown) => e instanceof ModelError && e.exitCode === 4 && e.message === `models/m/rnnfc.json: ${message}`);
  });
}

// A hand edit of each field forecasting reads, and the message that names it.
const DAMAGED: [string, (m: any) => void, string][] = [
  ['unknown scaler kind', (m) => (m.pipeline.scaler.kind = 'robust'), 'pipeline.scaler.kind must be one of minmax, standard, none, got "robust"'],
  ['reversed range', (m) => (m.pipeline.scaler.range = [1, -1]), 'pipeline.scaler.range must be increasing, got [1,-1]'],
  ['range of one number', (m) => (m.pipeline.scaler.range = [1]), 'pipeline.scaler.range must be an array of 2 finite numbers, got [1]'],
  ['min above max', (m) => (m.pipeline.scaler.min = [0, 5, 0]), 'pipeline.scaler.max[1] must be at least pipeline.scaler.min[1] (5), got 1'],
  ['a scaler column missing', (m) => (m.pipeline.scaler.max = [1, 1]), 'pipeline.scaler.max must be an array of 3 finite numbers, got [1,1]'],
  ['a string in the scaler', (m) => (m.pipeline.scaler.min = [0, '0', 0]), 'pipeline.scaler.min[1] must be a finite number, got "0"'],
  ['a negative std', (m) => (m.pipeline.scaler = { kind: 'standard', mean: [0, 0, 0], std: [1, -1, 1] }), 'pipeline.scaler.std[1] must be a finite non-negative number, got -1'],
  ['none with the wrong columns', (m) => (m.pipeline.scaler = { kind: 'none', columns: 2 }), 'pipeline.scaler.columns must be 3, got 2'],
  ['diff as a string', (m) => (m.pipeline.diff = '1'), 'pipeline.diff must be a non-negative integer, got "1"'],
  ['lags disagreeing with the network', (m) => (m.pipeline.lags = 3), 'pipeline.lags must be network.timeSteps (2), got 3'],
  ['unknown cell', (m) => (m.network.cell = 'transformer'), 'network.cell must be one of lstm, gru, rnn, got "transformer"'],
  ['units of zero', (m) => (m.network.units = [0]), 'network.units[0] must be a positive integer, got 0'],
  ['no units', (m) => (m.network.units = []), 'network.units must be an array of positive integers, got []'],
  ['units as a number', (m) => (m.network.units = 2), 'network.units must be an array of positive integers, got 2'],
  ['stateful as a string', (m) => (m.network.stateful = 'yes'), 'network.stateful must be true or false, got "yes"'],
  ['dropout of 1', (m) => (m.network.dropout = 1), 'network.dropout must be a number from 0 to below 1, got 1'],
  ['two features', (m) => (m.network.features = 2), 'network.features must be 1, got 2'],
  ['batch size missing', (m) => delete m.network.batchSize, 'network.batchSize must be an integer of at least 1, got nothing'],
  ['unknown forecast reset', (m) => (m.training.forecastReset = 'always'), 'training.forecastReset must be one of never, step, got "always"'],
  ['no training section', (m) => delete m.training, 'training.forecastReset must be one of never, step, got nothing'],
  ['a null in the history', (m) => (m.history.values[2] = null), 'history.values[2] must be a finite number, got null'],
  ['times and values of different lengths', (m) => m.history.times.pop(), 'history.times must be an array of 4 strings, got ["1-01","1-02","1-03"]'],
  ['target column as a number', (m) => (m.data.column = 3), 'data.column must be a string, got 3'],
  ['time column as a number', (m) => (m.data.timeColumn = 0), 'data.timeColumn must be a string or null, got 0'],
];

for (const [name, damage, message] of DAMAGED) {
  test(`rnnfc.json with ${name} is a ModelError naming the field`, () => {
    const m = good();
    damage(m);
    assert.throws(() => validateMetadata(JSON.stringify(m), 'models/m'), (e: unknown) => e instanceof ModelError && e.exitCode === 4 && e.message === `models/m/rnnfc.json: ${message}`);
  });
}
