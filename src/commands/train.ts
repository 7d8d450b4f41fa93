// rnnfc train: train on a CSV, evaluate walk-forward against persistence, optionally save the
// model and the predictions.
import { loadSeries } from '../data/load.js';
import type { Series } from '../data/csv-loader.js';
import { describeFormat } from '../data/time-format.js';
import type { Prediction } from '../evaluate/walk-forward.js';
import { toLayersFiles } from '../model-dir/layers-format.js';
import { METADATA_FORMAT, METADATA_VERSION, TRAINING_KEYS, type ModelMetadata } from '../model-dir/metadata.js';
import { checkOutPath, saveModelDir } from '../model-dir/model-dir.js';
import { acquireOutLock } from '../model-dir/lock.js';
import { InterruptedError, UsageError } from '../errors.js';
import { calibrationNeeded, coverageFarBelow, predictionIntervals, type IntervalSet } from '../evaluate/conformal.js';
import type { EpochRecord } from '../engines/train-loop.js';
import type { RunSettings } from '../options/train-options.js';
import { writeOutput } from '../util/write-output.js';
import { checkDistinct, checkNotInput, checkOutputFile, type OutputFile } from '../util/output-path.js';
import { checkReportFile, writeReport } from '../report/report-file.js';
import { trainReport } from '../report/train-report.js';
import { predictionsCsv } from '../render/predictions-csv.js';
import { runOnce, type RunHooks, type RunOutcome } from '../run/run-once.js';
import { VERSION } from '../version.js';
import { bestBaseline, type BaselineResult } from '../baselines/evaluate-baselines.js';
import type { Season } from '../baselines/season.js';
import { unusedBackend } from '../options/unused-backend.js';

/** Observations of history kept in rnnfc.json for forecasting without the CSV. */
export const HISTORY_KEPT = 10_000;

export interface TrainOptions extends RunHooks {
  file: string;
  settings: RunSettings;
  /** Model directory to write (replaced atomically). */
  out?: string;
  /** CSV file for the walk-forward predictions; "-" (or /dev/stdout) leaves them to the caller for stdout. */
  predictions?: string;
  /** Levels of split-conformal prediction intervals to compute (e.g. [0.8, 0.95]). */
  intervals?: number[];
  /** HTML report to write. */
  report?: string;
  /** How the run was asked for (a command line), for the report's heading. */
  description?: string;
  /** Seconds to wait for another run holding the lock on `out` (default 0: fail at once with LockedError). */
  lockTimeout?: number;
}

export interface TrainResult {
  file: string;
  engine: string;
  engineReason: string;
  backend: string;
  /** Epochs run. */
  epochs: number;
  /** Epochs asked for (--epochs). */
  maxEpochs: number;
  /** The epoch whose weights were kept (the best validation epoch with early stopping, else the last). */
  keptEpoch: number;
  stoppedEarly: boolean;
  /** Training and validation loss and learning rate of each epoch run. */
  history: EpochRecord[];
  seconds: number;
  finalLoss: number;
  rmse: number;
  mae: number;
  mape: number;
  persistenceRmse: number;
  skill: number;
  /** The season the baselines use (null: none) and where it came from. */
  season: Season;
  /** The baselines on the same test targets, and those left out with the reason. */
  baselines: BaselineResult[];
  skippedBaselines: string[];
  /** The baseline with the smallest RMSE; null with --baselines none. */
  bestBaseline: BaselineResult | null;
  trainRows: number;
  validationRows: number;
  testRows: number;
  predictions: Prediction[];
  /** Prediction intervals, when asked for. */
  intervals?: IntervalSet;
  warnings: string[];
  out?: string;
  predictionsFile?: string;
  reportFile?: string;
  /** The predictions were asked for on standard output: the caller writes predictionsCsv(predictions) there. */
  predictionsToStdout: boolean;
}

export async function train(options: TrainOptions): Promise<TrainResult> {
  // Fail on an unusable --out or --predictions before spending minutes training.
  if (options.out !== undefined) await checkOutPath(options.out);
  const predictions = options.predictions === undefined ? undefined : await checkOutputFile(options.predictions, '--predictions');
  const report = options.report === undefined ? undefined : await checkReportFile(options.report);
  checkDistinct([predictions, report]);
  await checkNotInput(predictions, options.file, 'the input CSV this run reads');
  await checkNotInput(report, options.file, 'the input CSV this run reads');
  if (options.out !== undefined) {
    await checkNotInput(predictions, options.out, 'the model directory this run writes (--out)');
    await checkNotInput(report, options.out, 'the model directory this run writes (--out)');
  }
  // Locked before training, not just around the save, so that two overlapping runs never both
  // train for minutes only for one to fail at the end; released on every way out.
  const lock = options.out ? await acquireOutLock(options.out, { timeoutSeconds: options.lockTimeout, interrupted: options.interrupted }) : undefined;
  try {
    return await trainAndSave(options, predictions, report);
  } finally {
    await lock?.release();
  }
}

async function trainAndSave(options: TrainOptions, predictions: OutputFile | undefined, report: OutputFile | undefined): Promise<TrainResult> {
  const { settings } = options;
  const { series, sha256 } = await loadSeries(options.file, settings);
  const levels = options.intervals ?? [];
  const run = await runOnce(series, settings, {
    ...options,
    onStart(info) {
      // Known before training: fail now rather than after minutes of training.
      const calibrationRows = info.validationRows > 0 ? info.validationRows : info.trainRows;
      for (const level of levels) {
        const needed = calibrationNeeded(level);
        if (calibrationRows < needed) {
          throw new UsageError(
            `--interval ${level} needs at least ${needed} calibration forecasts, ` +
              (info.validationRows > 0 ? `--validation gives ${calibrationRows}; hold out more rows` : `the training rows give ${calibrationRows}`),
          );
        }
      }
      options.onStart?.(info);
    },
  });
  const intervals = levels.length > 0 ? intervalSet(run, levels) : undefined;
  // A signal after the loop's last check still stops the run, as long as nothing is written yet.
  const late = options.interrupted?.();
  if (late) throw new InterruptedError(`interrupted by ${late} at epoch ${run.training.epochs}; nothing was saved`, late);
  // Once saving has begun, a signal lets it finish (each file is replaced atomically, so stopping
  // half-way would leave the predictions of this run beside the model of the last one) and then
  // exits 130/143 all the same, saying what was saved. A second signal still exits at once
  // (src/cli.ts); the model link stays consistent and the lock is removed even then.
  const predictionsFile = predictions?.kind === 'stdout' ? undefined : predictions;
  const result: TrainResult = {
    file: series.file,
    engine: run.engine.name,
    engineReason: run.engineReason,
    backend: run.engine.backend,
    epochs: run.training.epochs,
    maxEpochs: settings.epochs,
    keptEpoch: run.training.keptEpoch,
    stoppedEarly: run.training.stoppedEarly,
    history: run.training.history,
    seconds: run.seconds,
    finalLoss: run.training.losses[run.training.losses.length - 1]!,
    rmse: run.metrics.rmse,
    mae: run.metrics.mae,
    mape: run.metrics.mape,
    persistenceRmse: run.persistenceRmse,
    skill: run.skill,
    season: run.season,
    baselines: run.baselines.results,
    skippedBaselines: run.baselines.skipped,
    bestBaseline: bestBaseline(run.baselines.results),
    trainRows: run.dataset.train.length,
    validationRows: run.dataset.validation.length,
    testRows: run.dataset.test.length,
    predictions: run.predictions,
    ...(intervals ? { intervals } : {}),
    warnings: [...series.warnings, ...run.warnings, ...intervalWarnings(intervals, run.predictions.length), ...unusedBackend(settings, run.engine.name)],
    out: options.out,
    predictionsFile: predictionsFile?.path,
    reportFile: report?.path,
    predictionsToStdout: predictions?.kind === 'stdout',
  };
  if (predictionsFile) await writeOutput(predictionsFile, predictionsCsv(run.predictions, intervals?.levels));
  if (report) {
    const { dataset } = run;
    await writeReport(
      report,
      trainReport(
        { result, times: series.times, values: series.values, validationStart: dataset.validation[0]?.time, testStart: dataset.test[0]!.time },
        options.description ?? `rnnfc train ${series.file}`,
      ),
    );
  }
  if (options.out) {
    const files = toLayersFiles(run.spec, run.weights);
    await saveModelDir(options.out, { ...files, metadata: modelMetadata(run, settings, series, sha256, intervals) });
  }
  const during = options.interrupted?.();
  if (during) {
    const saved = [options.out && `--out ${options.out}`, predictionsFile && `--predictions ${predictionsFile.path}`, report && `--report ${report.path}`].filter(Boolean);
    if (saved.length === 0) throw new InterruptedError(`interrupted by ${during} at epoch ${run.training.epochs}; nothing was saved`, during);
    throw new InterruptedError(`interrupted by ${during} while saving; ${saved.join(' and ')} ${saved.length > 1 ? 'were' : 'was'} saved in full`, during);
  }
  return result;
}

function intervalSet(run: RunOutcome, levels: number[]): IntervalSet {
  const { source, predictions } = run.calibration;
  return { source, calibrationRows: predictions.length, levels: predictionIntervals(predictions, levels, run.predictions) };
}

function intervalWarnings(intervals: IntervalSet | undefined, testRows: number): string[] {
  if (!intervals) return [];
  const warnings: string[] = [];
  if (intervals.source === 'training') {
    warnings.push(
      'the intervals are calibrated on the errors of the training rows the model was fitted on, so they are optimistic (too narrow); ' +
        'use --validation to calibrate them on rows held out from training',
    );
  }
  for (const { level, coverage } of intervals.levels) {
    if (coverageFarBelow(coverage, level, testRows)) {
      warnings.push(
        `the ${percent(level)} interval covers only ${percent(coverage)} of the ${testRows} test values, far below its level: ` +
          'the errors on the test rows are larger than on the calibration rows',
      );
    }
  }
  return warnings;
}

/** 0.8 as "80%", 0.975 as "97.5%". */
export function percent(p: number): string {
  return `${Number((p * 100).toFixed(1))}%`;
}

function modelMetadata(
  run: RunOutcome,
  s: RunSettings,
  series: Pick<Series, 'file' | 'times' | 'values' | 'timeColumn' | 'timeAxis' | 'valueColumn'>,
  sha256: string,
  intervals: IntervalSet | undefined,
): ModelMetadata {
  const keep = Math.min(series.values.length, HISTORY_KEPT);
  return {
    format: METADATA_FORMAT,
    formatVersion: METADATA_VERSION,
    rnnfcVersion: VERSION,
    createdAt: new Date().toISOString(),
    data: {
      file: series.file,
      sha256,
      observations: series.values.length,
      timeColumn: series.timeColumn?.name ?? null,
      timeFormat: series.timeAxis ? describeFormat(series.timeAxis.format) : null,
      column: series.valueColumn.name,
    },
    pipeline: {
      diff: s.pipeline.diff,
      lags: s.pipeline.lags,
      test: s.pipeline.test,
      trainSize: s.pipeline.trainSize ?? null,
      validation: s.pipeline.validation ?? null,
      scaler: run.dataset.scaler,
    },
    network: run.spec,
    training: {
      ...(Object.fromEntries(TRAINING_KEYS.map((k) => [k, s[k]])) as Pick<RunSettings, (typeof TRAINING_KEYS)[number]>),
      engine: run.engine.name,
      backend: run.engine.backend,
      epochsRun: run.training.epochs,
      keptEpoch: run.training.keptEpoch,
    },
    lossHistory: run.training.history.map((h) => ({ epoch: h.epoch, loss: h.loss, val_loss: h.valLoss, lr: h.lr })),
    ...(intervals ? { intervals } : {}),
    metrics: {
      rmse: run.metrics.rmse,
      mae: run.metrics.mae,
      mape: Number.isFinite(run.metrics.mape) ? run.metrics.mape : null,
      persistence_rmse: run.persistenceRmse,
      skill: run.skill,
    },
    history: { times: series.times.slice(-keep), values: series.values.slice(-keep) },
  };
}
