// Forecasts of samples before the test set, by the same procedure as the test's walk-forward:
// the validation loss after each epoch, and the errors that calibrate intervals.
import type { LossName, Stepper } from '../engines/types.js';
import type { Windows } from '../core/types.js';
import type { Dataset } from '../pipeline/dataset.js';
import { sampleInputs } from '../pipeline/windows.js';
import { forecastsOf, originalScale, startWalk, type Forecasts, type Prediction, type WalkForwardOptions } from './walk-forward.js';

/** Scaled forecasts of the samples `w` from the stepper's current state, reset after each per forecastReset. */
function walkSamples(stepper: Stepper, w: Windows, options: WalkForwardOptions): Float32Array[] {
  const out: Float32Array[] = [];
  for (let s = 0; s < w.samples; s++) {
    out.push(stepper.predict(sampleInputs(w, s)));
    if (options.forecastReset === 'step') stepper.resetStates();
  }
  return out;
}

/** The training loss (mse or mae, on the scaled targets) of forecasts over the validation samples. */
export function validationLoss(stepper: Stepper, d: Dataset, options: WalkForwardOptions, loss: LossName): number {
  startWalk(stepper, d, options);
  const w = d.validation;
  const predicted = walkSamples(stepper, w, options);
  let sum = 0;
  predicted.forEach((p, s) => {
    for (let j = 0; j < w.outputs; j++) {
      const e = p[j]! - w.y[s * w.outputs + j]!;
      sum += loss === 'mse' ? e * e : Math.abs(e);
    }
  });
  return sum / Math.max(1, w.samples * w.outputs);
}

/** Where the errors that calibrate intervals come from. */
export type CalibrationSource = 'validation' | 'training';

/**
 * Forecasts on the original scale of the validation samples, or, without them, of the training
 * samples (in-sample: the model has fitted them, so their errors are optimistic), one per origin
 * and step.
 */
export function calibrationPredictions(stepper: Stepper, d: Dataset, options: WalkForwardOptions): { source: CalibrationSource; predictions: Prediction[] } {
  const held = d.validation.samples > 0;
  const w = held ? d.validation : d.train;
  let scaled: Float32Array[];
  if (held) {
    startWalk(stepper, d, options);
    scaled = walkSamples(stepper, w, options);
  } else {
    // the training samples from the zero state training started each pass from
    stepper.resetStates();
    scaled = walkSamples(stepper, w, options);
  }
  const f: Forecasts = forecastsOf(d, (i) => originalScale(d, w, i, scaled[i]!).values, w);
  const predictions = Array.from(f.rows, (row, k) => ({ time: d.table.times[row]!, actual: f.actual[k]!, predicted: f.predicted[k]! }));
  return { source: held ? 'validation' : 'training', predictions };
}
