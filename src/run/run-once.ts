// One training run on a series already loaded: build the dataset, train, evaluate walk-forward
// against persistence. Shared by `train` and by the workers of `compare`.
import { UsageError } from '../errors.js';
import { extent, largestMagnitude } from '../util/extent.js';
import { createEngine } from '../engines/create-engine.js';
import { seededInitialWeights } from '../engines/initial-weights.js';
import { explodedLossFor, runTraining, type LoopResult } from '../engines/train-loop.js';
import type { Engine, NamedWeight, NetworkSpec } from '../engines/types.js';
import { testStartStates } from '../engines/carried-state.js';
import { metrics, persistenceRmse, skill, type Metrics } from '../evaluate/metrics.js';
import { walkForward, type Prediction } from '../evaluate/walk-forward.js';
import { calibrationPredictions, validationLoss, type CalibrationSource } from '../evaluate/validation.js';
import { buildDataset, toTensors, type Dataset, type SeriesLike } from '../pipeline/dataset.js';
import { networkSpec, type RunSettings } from '../options/train-options.js';
import { createBaselines } from '../baselines/create-baselines.js';
import { bestBaseline, evaluateBaselines, type BaselineEvaluation, type BaselineResult } from '../baselines/evaluate-baselines.js';
import { resolveSeason, type Season } from '../baselines/season.js';

export interface RunHooks {
  onEpoch?: (epoch: number, epochs: number, loss: number, valLoss?: number) => void;
  interrupted?: () => 'SIGINT' | 'SIGTERM' | undefined;
  /** Threads the training may use (default 1); the results are the same whatever the count. */
  threads?: number;
  /** Called once the engine is chosen, before training starts. */
  onStart?: (info: { engine: string; backend: string; reason: string; trainRows: number; validationRows: number; testRows: number }) => void;
}

export interface RunOutcome {
  dataset: Dataset;
  spec: NetworkSpec;
  engine: Engine;
  engineReason: string;
  weights: NamedWeight[];
  training: LoopResult;
  predictions: Prediction[];
  /** One-step forecasts of the validation rows (or, without them, of the training rows) by the kept weights. */
  calibration: { source: CalibrationSource; predictions: Prediction[] };
  metrics: Metrics;
  persistenceRmse: number;
  skill: number;
  /** The state the walk-forward (and its priming) started from: the trainer's final state, last row; empty when stateless. */
  testStartStates: Float32Array[];
  /** Wall time of training and evaluation. */
  seconds: number;
  /** The season the baselines use, and where it came from. */
  season: Season;
  /** The baselines on the same test targets (none with --baselines none). */
  baselines: BaselineEvaluation;
  warnings: string[];
}

export async function runOnce(series: SeriesLike, settings: RunSettings, hooks: RunHooks = {}): Promise<RunOutcome> {
  const dataset = buildDataset(series, settings.pipeline);
  const spec = networkSpec(settings);
  const trainRows = dataset.train.length;
  if (settings.stateful && trainRows % settings.batchSize !== 0) {
    const fit = Math.floor(trainRows / settings.batchSize) * settings.batchSize;
    throw new UsageError(
      `--stateful with --batch-size ${settings.batchSize} needs the training rows (${trainRows}) to be a multiple of ${settings.batchSize}` +
        (fit > 0 ? `; use --train-size ${fit} or another batch size` : '; use a smaller batch size'),
    );
  }
  const started = performance.now();
  const { engine, reason } = await createEngine(settings.engine, settings.backend, spec, trainRows);
  hooks.onStart?.({ engine: engine.name, backend: engine.backend, reason, trainRows, validationRows: dataset.validation.length, testRows: dataset.test.length });
  const walkOptions = { forecastReset: settings.forecastReset, prime: settings.prime };
  const validate =
    dataset.validation.length > 0
      ? async (weights: NamedWeight[], states: Float32Array[]) => {
          const twin = await engine.createStepper(spec, weights);
          try {
            return validationLoss(twin, dataset, { ...walkOptions, startStates: testStartStates(spec, states) }, settings.loss);
          } finally {
            twin.dispose();
          }
        }
      : undefined;
  // Seconds for the largest networks: computed in steps that let a signal stop the run.
  const initial = await seededInitialWeights(spec, settings.seed, hooks.interrupted, hooks.threads);
  const trainer = await engine.createTrainer(spec, { optimizer: { name: settings.optimizer, lr: settings.lr }, loss: settings.loss, seed: settings.seed, threads: hooks.threads }, initial);
  let training: LoopResult;
  let weights: NamedWeight[];
  let startStates: Float32Array[];
  try {
    const { x, y } = toTensors(dataset.trainScaled, spec.timeSteps);
    training = await runTraining(
      trainer,
      { x, y, rows: trainRows, sampleSize: spec.timeSteps * spec.features, outputs: spec.outputs },
      {
        epochs: settings.epochs,
        batchSize: settings.batchSize,
        stateful: settings.stateful,
        reset: settings.reset,
        shuffle: settings.shuffle,
        seed: settings.seed,
        lr: settings.lr,
        explodedLoss: explodedLossFor(y, settings.loss),
        validate,
        earlyStopping: settings.earlyStopping,
        lrPlateau: settings.lrPlateau,
        onEpoch: hooks.onEpoch ? (epoch, loss, valLoss) => hooks.onEpoch!(epoch, settings.epochs, loss, valLoss) : undefined,
        interrupted: hooks.interrupted,
      },
    );
    weights = training.weights;
    // A stateful network's test continues from where training left its state: zero after
    // --reset epoch or batch, the carried state after --reset never (of the kept epoch).
    startStates = testStartStates(spec, training.states);
  } finally {
    trainer.dispose();
  }
  const stepper = await engine.createStepper(spec, weights);
  let predictions: Prediction[];
  let calibration: RunOutcome['calibration'];
  try {
    predictions = walkForward(stepper, dataset, { ...walkOptions, startStates });
    calibration = calibrationPredictions(stepper, dataset, { ...walkOptions, startStates });
  } finally {
    stepper.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const actual = predictions.map((p) => p.actual);
  const m = metrics(actual, predictions.map((p) => p.predicted));
  const persistence = persistenceRmse(dataset.values, dataset.test.map((r) => r.index));
  const s = skill(m.rmse, persistence);
  const season = resolveSeason(settings.season, dataset.times);
  const baselines = runBaselines(dataset, settings, season);
  const warnings = [
    ...dataset.warnings,
    ...outcomeWarnings(dataset, predictions, m.rmse, persistence, s, { baselines: baselines.results, season }),
  ];
  return { dataset, spec, engine, engineReason: reason, weights, training, testStartStates: startStates, predictions, calibration, metrics: m, persistenceRmse: persistence, skill: s, seconds, season, baselines, warnings };
}

/** The baselines of `settings`, evaluated on the dataset's test targets. */
export function runBaselines(dataset: Dataset, settings: Pick<RunSettings, 'baselines'>, season: Season): BaselineEvaluation {
  const trainingTargets = dataset.train.map((r) => dataset.values[r.index]!);
  return evaluateBaselines(createBaselines(settings.baselines, season.m, dataset.test.length), dataset.values, dataset.test.map((r) => r.index), trainingTargets);
}

export interface WarningContext {
  baselines: readonly BaselineResult[];
  season: Season;
}

export function outcomeWarnings(dataset: Dataset, predictions: Prediction[], rmse: number, persistence: number, s: number, context?: WarningContext): string[] {
  const warnings: string[] = [];
  // The network's own output is the predicted change; a dead output predicts the same change
  // at every step (the classic "predicts only zeros" failure).
  const { diff } = dataset.options;
  const changes = predictions.map((p, i) => (diff === 0 ? p.predicted : p.predicted - dataset.values[dataset.test[i]!.index - diff]!));
  const { min, max } = extent(changes);
  const scale = largestMagnitude(dataset.train.map((r) => r.target));
  // A constant training series is reported by the dataset; a flat forecast is then expected.
  if (predictions.length > 1 && scale > 0 && max - min <= 1e-6 * scale) {
    warnings.push(
      `the model's forecasts are constant (every test step predicts ${diff === 0 ? 'the value' : 'a change of'} ${formatNumber(changes[0]!)}): ` +
        'the network output is dead; try another --seed, more --epochs or another --lr',
    );
  }
  const best = context ? bestBaseline(context.baselines) : null;
  if (best !== null && best.name !== 'persistence' && best.rmse < persistence) {
    if (rmse >= best.rmse) {
      warnings.push(
        `the model has no skill: its RMSE ${formatNumber(rmse)} is not below the ${best.name} RMSE ${formatNumber(best.rmse)} (${best.description}), the best baseline` +
          seasonHint(dataset, context!),
      );
    }
  } else if (s <= 0) {
    warnings.push(`the model has no skill: its RMSE ${formatNumber(rmse)} is not below the persistence RMSE ${formatNumber(persistence)} (forecasting each value by the previous one)`);
  }
  return warnings;
}

/**
 * What to try when the data shows a season (the seasonal naive forecast beats persistence) that
 * the network does not see: neither differenced at the season nor given a season of lags.
 */
function seasonHint(dataset: Dataset, context: WarningContext): string {
  const m = context.season.m;
  const seasonal = context.baselines.find((b) => b.name === 'seasonal-naive');
  const naive = context.baselines.find((b) => b.name === 'persistence');
  if (m === null || !seasonal || !naive || !(seasonal.rmse < naive.rmse)) return '';
  const { diff, lags } = dataset.options;
  if (diff === m || lags >= m) return '';
  return `; the data has a season of ${m} (${context.season.source}) that the network does not see: try --diff ${m} --lags ${m}`;
}

function formatNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v);
}
