// One-step forecasts over rows before the test set, by the same procedure as the test's
// walk-forward: the validation loss after each epoch, and the errors that calibrate intervals.
import type { LossName, Stepper } from '../engines/types.js';
import type { Dataset } from '../pipeline/dataset.js';
import type { SupervisedRow } from '../pipeline/framing.js';
import { undifference } from '../transforms/difference.js';
import { unscaleValue } from '../transforms/scaler.js';
import { startWalk, type Prediction, type WalkForwardOptions } from './walk-forward.js';

/** Scaled one-step forecasts of `rows` from the stepper's current state, reset after each per forecastReset. */
function walkRows(stepper: Stepper, lags: number, rows: readonly number[][], options: WalkForwardOptions): number[] {
  return rows.map((row) => {
    const scaled = stepper.predict(Float32Array.from(row.slice(0, lags)))[0]!;
    if (options.forecastReset === 'step') stepper.resetStates();
    return scaled;
  });
}

/** Forecasts of the validation rows, started exactly as the test is (the test then continues through them). */
function walkValidation(stepper: Stepper, dataset: Dataset, options: WalkForwardOptions): number[] {
  startWalk(stepper, dataset, options);
  return walkRows(stepper, dataset.options.lags, dataset.validationScaled, options);
}

/** The training loss (mse or mae, on the scaled targets) of one-step forecasts over the validation rows. */
export function validationLoss(stepper: Stepper, dataset: Dataset, options: WalkForwardOptions, loss: LossName): number {
  const { lags } = dataset.options;
  const predicted = walkValidation(stepper, dataset, options);
  let sum = 0;
  predicted.forEach((p, i) => {
    const e = p - dataset.validationScaled[i]![lags]!;
    sum += loss === 'mse' ? e * e : Math.abs(e);
  });
  return sum / Math.max(1, predicted.length);
}

/** Where the errors that calibrate intervals come from. */
export type CalibrationSource = 'validation' | 'training';

/**
 * One-step forecasts on the original scale of the validation rows, or, without validation rows,
 * of the training rows (in-sample: the model has fitted them, so their errors are optimistic).
 */
export function calibrationPredictions(stepper: Stepper, dataset: Dataset, options: WalkForwardOptions): { source: CalibrationSource; predictions: Prediction[] } {
  const { lags } = dataset.options;
  const held = dataset.validation.length > 0;
  const rows = held ? dataset.validation : dataset.train;
  let predicted: number[];
  if (held) predicted = walkValidation(stepper, dataset, options);
  else {
    // the training rows from the zero state training started each pass from
    stepper.resetStates();
    predicted = walkRows(stepper, lags, dataset.trainScaled, options);
  }
  return { source: held ? 'validation' : 'training', predictions: rows.map((row, i) => onOriginalScale(dataset, row, predicted[i]!)) };
}

function onOriginalScale(dataset: Dataset, row: SupervisedRow, scaled: number): Prediction {
  const { lags, diff } = dataset.options;
  const predictedDiff = unscaleValue(dataset.scaler, lags, scaled);
  return { time: row.time, actual: dataset.values[row.index]!, predicted: undifference(predictedDiff, dataset.values[row.index - diff]!, diff) };
}
