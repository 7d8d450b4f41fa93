// rnnfc train: train on a CSV, evaluate walk-forward beside the baselines, optionally save the
// model and the predictions.
import { loadTable } from '../data/load.js';
import type { Table } from '../core/types.js';
import { skill as skillOf, type StepMetrics } from '../evaluate/metrics.js';
import type { Evaluation } from '../evaluate/evaluation.js';
import type { Season } from '../baselines/season.js';
import { toLayersFiles } from '../model-dir/layers-format.js';
import type { ModelMetadata } from '../model-dir/metadata.js';
import { checkOutPath, saveModelDir } from '../model-dir/model-dir.js';
import { acquireOutLock } from '../model-dir/lock.js';
import { InterruptedError, UsageError } from '../errors.js';
import { calibrationNeeded, coverageFarBelow, predictionIntervals, type IntervalSet } from '../evaluate/conformal.js';
import type { EpochRecord } from '../engines/train-loop.js';
import type { RunSettings } from '../core/types.js';
import { writeOutput } from '../util/write-output.js';
import { checkDistinct, checkNotInput, checkOutputFile, type OutputFile } from '../util/output-path.js';
import { checkReportFile, writeReport } from '../report/report-file.js';
import { trainReport } from '../report/train-report.js';
import { predictionsCsv } from '../render/predictions-csv.js';
import { rowLabel } from '../pipeline/dataset.js';
import { runOnce, type RunHooks, type RunOutcome } from '../run/run-once.js';
import type { TrainedRun } from '../run/train-network.js';
import { runClassifier } from '../run/run-classifier.js';
import { classificationSummary, classifierMetadata, classPredictionsCsv, type ClassificationSummary } from './train-classifier.js';
import { unusedBackend } from '../options/unused-backend.js';

import { modelRecord } from './model-record.js';

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

/** One forecast of the walk-forward evaluation: from the origin's row, `step` rows ahead. */
export interface Prediction {
  /** Time of the origin (the last input row). */
  origin: string;
  step: number;
  /** Time of the forecast row. */
  time: string;
  actual: number;
  predicted: number;
}

export interface StepResult {
  step: number;
  rmse: number;
  mae: number;
  mape: number;
  mase: number;
  /** Persistence RMSE of this step; null where persistence does not apply (horizon 0). */
  persistenceRmse: number | null;
}

export interface BaselineSummary {
  name: string;
  /** Wall time of fitting and forecasting. */
  seconds: number;
  rmse: number;
  mae: number;
  mape: number;
  mase: number;
  byStep: { step: number; rmse: number; mae: number }[];
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
  mase: number;
  /** Persistence RMSE over all steps; null where persistence does not apply (horizon 0). */
  persistenceRmse: number | null;
  /** 1 - RMSE / persistence RMSE over all steps; null where persistence does not apply. */
  skill: number | null;
  /** The season the baselines use (null: none) and where it came from. */
  season: Season;
  /** The name of the baseline with the smallest RMSE; null with --baselines none. */
  bestBaseline: string | null;
  /** 1 - RMSE / the best baseline's RMSE (NaN without one). */
  bestBaselineSkill: number;
  byStep: StepResult[];
  baselines: BaselineSummary[];
  /** Baselines left out, and why. */
  skippedBaselines: string[];
  /** Test actuals equal to 0, left out of MAPE. */
  zeroActuals: number;
  horizon: number;
  /** How samples were cut: windows of a series, or whole sequences (one prediction each). */
  framing: 'window' | 'sequence';
  shape: { steps: number; features: number; outputs: number };
  trainRows: number;
  validationRows: number;
  testRows: number;
  /** Training samples dropped so that no target is both a training and a test target. */
  droppedRows: number;
  predictions: Prediction[];
  /** Prediction intervals, when asked for. */
  intervals?: IntervalSet;
  warnings: string[];
  out?: string;
  predictionsFile?: string;
  reportFile?: string;
  /** The predictions were asked for on standard output: the caller writes predictionsCsv(predictions) there. */
  predictionsToStdout: boolean;
  /** A classifier's results (its regression fields are then NaN or empty, and never shown). */
  classification?: ClassificationSummary;
  /** Said once on stderr (why classification was chosen, one-hot rows with no class). */
  notes?: string[];
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
  const { table, sha256 } = await loadTable(options.file, settings);
  if (table.labels) return trainClassifier(options, table, sha256, predictions, report);
  const levels = options.intervals ?? [];
  const run = await runOnce(table, settings, {
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
  const rows = predictionRows(table, run.evaluation);
  const intervals = levels.length > 0 ? intervalSet(run, levels, rows) : undefined;
  // A signal after the loop's last check still stops the run, as long as nothing is written yet.
  const late = options.interrupted?.();
  if (late) throw new InterruptedError(`interrupted by ${late} at epoch ${run.training.epochs}; nothing was saved`, late);
  // Once saving has begun, a signal lets it finish (each file is replaced atomically, so stopping
  // half-way would leave the predictions of this run beside the model of the last one) and then
  // exits 130/143 all the same, saying what was saved. A second signal still exits at once
  // (src/cli.ts); the model link stays consistent and the lock is removed even then.
  const predictionsFile = predictions?.kind === 'stdout' ? undefined : predictions;
  const e = run.evaluation;
  const p = e.persistence;
  const result: TrainResult = {
    file: table.file,
    ...trainingFields(run, settings),
    rmse: e.all.rmse,
    mae: e.all.mae,
    mape: e.all.mape,
    mase: e.all.mase,
    persistenceRmse: p ? p.all.rmse : null,
    skill: p ? skillOf(e.all.rmse, p.all.rmse) : null,
    season: run.season,
    bestBaseline: e.bestBaseline?.name ?? null,
    bestBaselineSkill: e.skill,
    byStep: e.byStep.map((m, j) => ({ step: j + 1, ...pick(m), persistenceRmse: p ? p.byStep[j]!.rmse : null })),
    baselines: e.baselines.map((b) => ({ name: b.name, ...pick(b.all), seconds: b.seconds, byStep: b.byStep.map((m, j) => ({ step: j + 1, rmse: m.rmse, mae: m.mae })) })),
    skippedBaselines: e.skippedBaselines,
    zeroActuals: e.zeroActuals,
    ...datasetFields(run),
    predictions: rows,
    ...(intervals ? { intervals } : {}),
    warnings: [...table.warnings, ...run.warnings, ...intervalWarnings(intervals, rows.length, e.forecasts.steps), ...unusedBackend(settings, run.engine.name)],
    out: options.out,
    predictionsFile: predictionsFile?.path,
    reportFile: report?.path,
    predictionsToStdout: predictions?.kind === 'stdout',
  };
  if (predictionsFile) await writeOutput(predictionsFile, predictionsCsv(rows, intervals?.levels, result.framing));
  if (report) {
    const { dataset } = run;
    const target = table.columns.find((c) => c.name === table.target)!;
    // a sample's first target row: where the validation and test sets start on the series
    const firstTarget = (end: number) => rowLabel(table, dataset.options.horizon === 0 ? end : end + 1);
    await writeReport(
      report,
      trainReport(
        {
          result,
          times: table.sequences ?? table.times,
          values: Array.from(target.values as Float64Array),
          validationStart: dataset.validation.samples > 0 ? firstTarget(dataset.validation.end[0]!) : undefined,
          testStart: firstTarget(dataset.test.end[0]!),
        },
        options.description ?? `rnnfc train ${table.file}`,
      ),
    );
  }
  if (options.out) {
    const files = toLayersFiles(run.spec, run.weights);
    await saveModelDir(options.out, { ...files, metadata: modelMetadata(run, settings, table, sha256, intervals) });
  }
  const during = options.interrupted?.();
  if (during) {
    const saved = [options.out && `--out ${options.out}`, predictionsFile && `--predictions ${predictionsFile.path}`, report && `--report ${report.path}`].filter(Boolean);
    if (saved.length === 0) throw new InterruptedError(`interrupted by ${during} at epoch ${run.training.epochs}; nothing was saved`, during);
    throw new InterruptedError(`interrupted by ${during} while saving; ${saved.join(' and ')} ${saved.length > 1 ? 'were' : 'was'} saved in full`, during);
  }
  return result;
}

/** A classifier's run: trained, scored beside its baselines, its predictions and model written. */
async function trainClassifier(options: TrainOptions, table: Table, sha256: string, predictions: OutputFile | undefined, report: OutputFile | undefined): Promise<TrainResult> {
  const { settings } = options;
  if (options.intervals !== undefined && options.intervals.length > 0) {
    throw new UsageError('--interval applies to regression: a classifier gives class probabilities, not a value to put an interval around');
  }
  if (report) throw new UsageError('--report applies to regression; for a classifier, use --format json or --predictions');
  const run = await runClassifier(table, settings, options);
  const late = options.interrupted?.();
  if (late) throw new InterruptedError(`interrupted by ${late} at epoch ${run.training.epochs}; nothing was saved`, late);
  const c = classificationSummary(run, table);
  const predictionsFile = predictions?.kind === 'stdout' ? undefined : predictions;
  const result: TrainResult = {
    file: table.file,
    ...trainingFields(run, settings),
    rmse: NaN,
    mae: NaN,
    mape: NaN,
    mase: NaN,
    persistenceRmse: null,
    skill: null,
    season: { m: null, source: 'classification' } as Season,
    bestBaseline: c.bestBaseline,
    bestBaselineSkill: c.skill ?? NaN,
    byStep: [],
    baselines: [],
    skippedBaselines: c.skippedBaselines,
    zeroActuals: 0,
    ...datasetFields(run),
    predictions: [],
    warnings: [...table.warnings, ...run.warnings, ...unusedBackend(settings, run.engine.name)],
    out: options.out,
    predictionsFile: predictionsFile?.path,
    predictionsToStdout: predictions?.kind === 'stdout',
    classification: c,
    notes: table.labels!.notes,
  };
  if (predictionsFile) await writeOutput(predictionsFile, classPredictionsCsv(c));
  if (options.out) {
    const files = toLayersFiles(run.spec, run.weights);
    await saveModelDir(options.out, { ...files, metadata: classifierMetadata(run, settings, table, sha256) });
  }
  const during = options.interrupted?.();
  if (during) {
    const saved = [options.out && `--out ${options.out}`, predictionsFile && `--predictions ${predictionsFile.path}`].filter(Boolean);
    if (saved.length === 0) throw new InterruptedError(`interrupted by ${during} at epoch ${run.training.epochs}; nothing was saved`, during);
    throw new InterruptedError(`interrupted by ${during} while saving; ${saved.join(' and ')} ${saved.length > 1 ? 'were' : 'was'} saved in full`, during);
  }
  return result;
}

/** What a regression and a classifier run report alike: the engine, the epochs and the losses. */
function trainingFields(run: TrainedRun, settings: RunSettings) {
  return {
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
  };
}

/** What a regression and a classifier run report alike of their data: the framing and the sample counts. */
function datasetFields(run: TrainedRun) {
  return {
    horizon: run.dataset.options.horizon,
    framing: run.dataset.task.framing.kind,
    shape: { steps: run.spec.timeSteps, features: run.spec.features, outputs: run.spec.outputs },
    trainRows: run.dataset.train.samples,
    validationRows: run.dataset.validation.samples,
    testRows: run.dataset.test.samples,
    droppedRows: run.dataset.dropped,
  };
}

const pick = (m: StepMetrics) => ({ rmse: m.rmse, mae: m.mae, mape: m.mape, mase: m.mase });

/** One row per test origin and step. */
export function predictionRows(table: Table, e: Evaluation): Prediction[] {
  const f = e.forecasts;
  const rows: Prediction[] = [];
  for (let k = 0; k < f.rows.length; k++) {
    const origin = f.ends[Math.floor(k / f.steps)]!;
    const row = f.rows[k]!;
    rows.push({ origin: rowLabel(table, origin), step: row - origin, time: rowLabel(table, row), actual: f.actual[k]!, predicted: f.predicted[k]! });
  }
  return rows;
}

function intervalSet(run: RunOutcome, levels: number[], test: Prediction[]): IntervalSet {
  const { source, predictions } = run.calibration;
  return { source, calibrationRows: predictions.length, levels: predictionIntervals(predictions, levels, test) };
}

function intervalWarnings(intervals: IntervalSet | undefined, testRows: number, steps: number): string[] {
  if (!intervals) return [];
  const warnings: string[] = [];
  if (steps > 1) {
    warnings.push(`the intervals pool the errors of all ${steps} horizon steps: too wide for the first steps, too narrow for the last`);
  }
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

function modelMetadata(run: RunOutcome, s: RunSettings, table: Table, sha256: string, intervals: IntervalSet | undefined): ModelMetadata {
  const e = run.evaluation;
  const p = e.persistence;
  return modelRecord(run, s, table, sha256, {
    task: { kind: 'regression' },
    ...(intervals ? { intervals } : {}),
    metrics: {
      rmse: e.all.rmse,
      mae: e.all.mae,
      mape: Number.isFinite(e.all.mape) ? e.all.mape : null,
      persistence_rmse: p ? p.all.rmse : null,
      skill: Number.isFinite(e.skill) ? e.skill : null,
    },
    targetHistory: table.columns.find((c) => c.name === table.target)!.values as Float64Array,
  });
}
