// rnnfc.json of a trained run, regression or classifier: what the data, pipeline, network and
// training were, the test figures and the last rows of history to forecast from without the CSV.
import type { LossName, RunSettings, Table } from '../core/types.js';
import { describeFormat } from '../data/time-format.js';
import type { IntervalSet } from '../evaluate/conformal.js';
import { METADATA_FORMAT, METADATA_VERSION, TRAINING_KEYS, type ModelMetadata } from '../model-dir/metadata.js';
import type { TrainedRun } from '../run/train-network.js';
import { VERSION } from '../version.js';

/** Observations of history kept in rnnfc.json for forecasting without the CSV. */
const HISTORY_KEPT = 10_000;

export interface RecordParts {
  task: NonNullable<ModelMetadata['task']>;
  metrics: ModelMetadata['metrics'];
  intervals?: IntervalSet;
  /** The loss trained with, where it is not --loss (a classifier's cross-entropy). */
  loss?: LossName;
  /** The target's history, one value per table row (a classifier: each row's class index). */
  targetHistory: Float64Array | Int32Array;
}

export function modelRecord(run: TrainedRun, s: RunSettings, table: Table, sha256: string, parts: RecordParts): ModelMetadata {
  const rows = table.times.length;
  const keep = Math.min(rows, HISTORY_KEPT);
  const d = run.dataset;
  const others = table.columns.filter((c) => c.name !== table.target);
  return {
    format: METADATA_FORMAT,
    formatVersion: METADATA_VERSION,
    rnnfcVersion: VERSION,
    createdAt: new Date().toISOString(),
    data: {
      file: table.file,
      sha256,
      observations: rows,
      timeColumn: table.timeColumn,
      timeFormat: table.timeAxis ? describeFormat(table.timeAxis.format) : null,
      sequenceColumn: table.sequenceColumn ?? null,
      column: table.target,
      features: table.features,
      roles: Object.fromEntries(table.columns.map((c) => [c.name, c.roles])),
      ...(table.stepColumns !== undefined ? { stepColumns: table.stepColumns } : {}),
    },
    pipeline: {
      diff: s.pipeline.diff,
      lags: d.options.lags,
      horizon: d.options.horizon,
      framing: d.task.framing,
      test: s.pipeline.test,
      trainSize: s.pipeline.trainSize ?? null,
      validation: s.pipeline.validation ?? null,
      features: d.features,
      target: d.target,
    },
    task: parts.task,
    network: run.spec,
    training: {
      ...(Object.fromEntries(TRAINING_KEYS.map((k) => [k, s[k]])) as Pick<RunSettings, (typeof TRAINING_KEYS)[number]>),
      ...(parts.loss !== undefined ? { loss: parts.loss } : {}),
      engine: run.engine.name,
      backend: run.engine.backend,
      epochsRun: run.training.epochs,
      keptEpoch: run.training.keptEpoch,
    },
    lossHistory: run.training.history.map((h) => ({ epoch: h.epoch, loss: h.loss, val_loss: h.valLoss, lr: h.lr })),
    ...(parts.intervals ? { intervals: parts.intervals } : {}),
    metrics: parts.metrics,
    history: {
      times: table.times.slice(-keep),
      values: Array.from(parts.targetHistory.subarray(rows - keep)),
      ...(others.length > 0
        ? { columns: Object.fromEntries(others.map((c) => [c.name, c.type === 'number' ? Array.from(c.values.subarray(rows - keep)) : c.values.slice(-keep)])) }
        : {}),
    },
  };
}
