// The JSON fields every `train` result has, regression or classifier.
import type { TrainResult } from '../commands/train.js';

/** The JSON fields a regression and a classifier run share: the engine, the epochs and the loss. */
export function trainingJson(r: TrainResult) {
  return {
    engine: r.engine,
    engine_reason: r.engineReason,
    backend: r.backend,
    epochs: r.epochs,
    kept_epoch: r.keptEpoch,
    stopped_early: r.stoppedEarly,
    seconds: r.seconds,
    final_loss: r.finalLoss,
  };
}
