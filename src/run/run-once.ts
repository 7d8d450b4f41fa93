// One training run on a table already loaded: build the dataset, train, evaluate walk-forward
// beside the baselines. Shared by `train` and by the workers of `compare`.
import type { RunSettings, Table } from '../core/types.js';
import { extent, largestMagnitude } from '../util/extent.js';
import { trainNetwork, type TrainedRun } from './train-network.js';
import { testStartStates } from '../engines/carried-state.js';
import { baselinesFor, evaluate, evaluateBaselines, type BaselineEvaluation, type Evaluation } from '../evaluate/evaluation.js';
import { walkForward, type Prediction } from '../evaluate/walk-forward.js';
import { calibrationPredictions, validationLoss, type CalibrationSource } from '../evaluate/validation.js';
import { buildDataset, type Dataset } from '../pipeline/dataset.js';
import { networkSpec } from '../options/train-options.js';
import { resolveSeason, type Season } from '../baselines/season.js';

export interface RunHooks {
  onEpoch?: (epoch: number, epochs: number, loss: number, valLoss?: number) => void;
  interrupted?: () => 'SIGINT' | 'SIGTERM' | undefined;
  /** Threads the training may use (default 1); the results are the same whatever the count. */
  threads?: number;
  /** Called once the engine is chosen, before training starts. */
  onStart?: (info: { engine: string; backend: string; reason: string; trainRows: number; validationRows: number; testRows: number }) => void;
}

export interface RunOutcome extends TrainedRun {
  evaluation: Evaluation;
  /** Forecasts of the validation samples (or, without them, of the training samples) by the kept weights, one per origin and step. */
  calibration: { source: CalibrationSource; predictions: Prediction[] };
  /** The state the walk-forward (and its priming) started from: the trainer's final state, last row; empty when stateless. */
  testStartStates: Float32Array[];
  /** The season the baselines use, and where it came from. */
  season: Season;
  warnings: string[];
}

export async function runOnce(table: Table, settings: RunSettings, hooks: RunHooks = {}): Promise<RunOutcome> {
  const dataset = buildDataset(table, settings.pipeline, { labels: settings.labels });
  if (dataset.classes) throw new RangeError('runOnce trains regression models; classifiers go through runClassifier');
  settings = sequenceSettings(dataset, settings);
  const spec = networkSpec(settings, dataset.train);
  const started = performance.now();
  const walkOptions = { forecastReset: settings.forecastReset, prime: settings.prime };
  const { engine, reason, weights, training, startStates } = await trainNetwork(dataset, spec, settings, hooks, {
    loss: settings.loss,
    validationLoss: (twin, states) => validationLoss(twin, dataset, { ...walkOptions, startStates: testStartStates(spec, states) }, settings.loss),
  });
  const { season, baselines } = runBaselines(dataset, settings);
  const stepper = await engine.createStepper(spec, weights);
  let evaluation: Evaluation;
  let calibration: RunOutcome['calibration'];
  try {
    const forecasts = walkForward(stepper, dataset, { ...walkOptions, startStates });
    evaluation = evaluate(dataset, forecasts, baselines);
    calibration = calibrationPredictions(stepper, dataset, { ...walkOptions, startStates });
  } finally {
    stepper.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const warnings = [...dataset.warnings, ...outcomeWarnings(dataset, evaluation, season)];
  return { dataset, spec, engine, engineReason: reason, weights, training, evaluation, calibration, testStartStates: startStates, seconds, season, warnings };
}

/**
 * Whole sequences are independent samples: a stateful network starts each one, in training and
 * in the test, from a zero state, unless --reset never carries the state from one to the next.
 */
export function sequenceSettings(dataset: Dataset, settings: RunSettings): RunSettings {
  if (dataset.task.framing.kind !== 'sequence' || !settings.stateful || settings.reset === 'never') return settings;
  return { ...settings, reset: 'batch', forecastReset: 'step' };
}

/** The baselines of `settings` on the dataset's test origins, with the season they use. */
export function runBaselines(dataset: Dataset, settings: Pick<RunSettings, 'baselines' | 'season'>): { season: Season; baselines: BaselineEvaluation } {
  // whole sequences are samples, not a series with a season
  const season = dataset.task.framing.kind === 'sequence' ? { m: null, source: 'whole sequences' } as Season : resolveSeason(settings.season, dataset.table.times);
  return { season, baselines: evaluateBaselines(dataset, baselinesFor(dataset, settings.baselines, season.m)) };
}

export function outcomeWarnings(dataset: Dataset, e: Evaluation, season?: Season): string[] {
  const warnings: string[] = [];
  // The network's own output is the predicted (transformed) target; a dead output predicts the
  // same at every origin (the classic "predicts only zeros" failure).
  const { outputs, steps, ends } = e.forecasts;
  const trainTargets = Array.from(dataset.transformedTarget.subarray(dataset.fitRows.from, dataset.fitRows.to)).filter(Number.isFinite);
  const scale = largestMagnitude(trainTargets);
  let dead = ends.length > 1 && scale > 0;
  for (let j = 0; j < steps && dead; j++) {
    const { min, max } = extent(Array.from({ length: ends.length }, (_, i) => outputs[i * steps + j]!));
    if (max - min > 1e-6 * scale) dead = false;
  }
  // A constant training series is reported by the dataset; a flat forecast is then expected.
  if (dead) {
    const t = dataset.target.transform;
    warnings.push(
      `the model's forecasts are constant (every test ${steps > 1 ? 'origin' : 'step'} predicts ${t.kind === 'diff' ? 'a change of' : t.kind === 'none' ? 'the value' : `a ${t.kind} value of`} ${formatNumber(Math.abs(outputs[0]!) <= 1e-6 * scale ? 0 : outputs[0]!)}): ` +
        'the network output is dead; try another --seed, more --epochs or another --lr',
    );
  }
  const best = e.bestBaseline;
  const persistence = e.persistence;
  // equal up to the 32-bit rounding of the network's output counts as no better
  const noBetter = (rmse: number) => 1 - e.all.rmse / rmse <= 1e-6;
  if (best !== null && best.name !== 'persistence' && (persistence === null || best.all.rmse < persistence.all.rmse)) {
    if (noBetter(best.all.rmse)) {
      warnings.push(
        `the model has no skill: its RMSE ${formatNumber(e.all.rmse)} is not below the ${best.name} RMSE ${formatNumber(best.all.rmse)} (${best.description}), the best baseline` +
          seasonHint(dataset, e, season),
      );
    }
  } else if (persistence !== null && noBetter(persistence.all.rmse)) {
    warnings.push(`the model has no skill: its RMSE ${formatNumber(e.all.rmse)} is not below the persistence RMSE ${formatNumber(persistence.all.rmse)} (forecasting each value by the previous one)`);
  }
  return warnings;
}

/**
 * What to try when the data shows a season (the seasonal naive forecast beats persistence) that
 * the network does not see: neither differenced at the season nor given a season of lags.
 */
function seasonHint(dataset: Dataset, e: Evaluation, season: Season | undefined): string {
  const m = season?.m ?? null;
  const seasonal = e.baselines.find((b) => b.name === 'seasonal-naive');
  const naive = e.persistence;
  if (m === null || !seasonal || !naive || !(seasonal.all.rmse < naive.all.rmse)) return '';
  const { diff, lags } = dataset.options;
  if (diff === m || lags >= m) return '';
  return `; the data has a season of ${m} (${season!.source}) that the network does not see: try --diff ${m} --lags ${m}`;
}

function formatNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v);
}
