// Training one network on a dataset's training samples, shared by regression and classification
// runs: the engine is chosen, the weights seeded, the loop run with the task's loss (and row
// weights, validation loss, divergence reference), and the state the test starts from kept.
import { UsageError } from '../errors.js';
import type { RunSettings } from '../core/types.js';
import { createEngine } from '../engines/create-engine.js';
import { seededInitialWeights } from '../engines/initial-weights.js';
import { explodedLossFor, referenceLoss, runTraining, type LoopResult } from '../engines/train-loop.js';
import type { Engine, LossName, NamedWeight, NetworkSpec, Stepper } from '../engines/types.js';
import { targetSize } from '../engines/types.js';
import { testStartStates } from '../engines/carried-state.js';
import type { Dataset } from '../pipeline/dataset.js';
import type { RunHooks } from './run-once.js';

export interface TrainingTask {
  loss: LossName;
  /** The validation loss of a batch-1 twin running the epoch's weights, started from the trainer's states. */
  validationLoss: (twin: Stepper, states: Float32Array[]) => number;
  /** The loss weight of each training target ([samples], or [samples, steps] per step). */
  weights?: Float32Array;
}

/** What every run keeps of its trained network: regression's RunOutcome and ClassifierOutcome extend it. */
export interface TrainedRun {
  dataset: Dataset;
  spec: NetworkSpec;
  engine: Engine;
  engineReason: string;
  weights: NamedWeight[];
  training: LoopResult;
  /** Wall time of training and evaluation. */
  seconds: number;
}

export interface TrainedNetwork {
  engine: Engine;
  reason: string;
  weights: NamedWeight[];
  training: LoopResult;
  /** The state the test starts from (see engines/carried-state.ts). */
  startStates: Float32Array[];
}

export async function trainNetwork(dataset: Dataset, spec: NetworkSpec, settings: RunSettings, hooks: RunHooks, task: TrainingTask): Promise<TrainedNetwork> {
  const trainRows = dataset.train.samples;
  if (settings.stateful && trainRows % settings.batchSize !== 0) {
    const fit = Math.floor(trainRows / settings.batchSize) * settings.batchSize;
    throw new UsageError(
      `--stateful with --batch-size ${settings.batchSize} needs the training rows (${trainRows}) to be a multiple of ${settings.batchSize}` +
        (fit > 0 ? `; use --train-size ${fit} or another batch size` : '; use a smaller batch size'),
    );
  }
  const { engine, reason } = await createEngine(settings.engine, settings.backend, spec, trainRows);
  hooks.onStart?.({ engine: engine.name, backend: engine.backend, reason, trainRows, validationRows: dataset.validation.samples, testRows: dataset.test.samples });
  const validate =
    dataset.validation.samples > 0
      ? async (weights: NamedWeight[], states: Float32Array[]) => {
          const twin = await engine.createStepper(spec, weights);
          try {
            return task.validationLoss(twin, states);
          } finally {
            twin.dispose();
          }
        }
      : undefined;
  // Seconds for the largest networks: computed in steps that let a signal stop the run.
  const initial = await seededInitialWeights(spec, settings.seed, hooks.interrupted, hooks.threads);
  const trainer = await engine.createTrainer(spec, { optimizer: { name: settings.optimizer, lr: settings.lr }, loss: task.loss, seed: settings.seed, threads: hooks.threads }, initial);
  try {
    const { x, y } = dataset.train;
    const outputs = targetSize(spec);
    const classifier = task.loss === 'binary-crossentropy' || task.loss === 'categorical-crossentropy';
    const training = await runTraining(
      trainer,
      {
        x,
        y,
        rows: trainRows,
        sampleSize: spec.timeSteps * spec.features,
        outputs,
        ...(task.weights ? { weights: task.weights, weightsPerRow: spec.perStep ? spec.timeSteps : 1 } : {}),
      },
      {
        epochs: settings.epochs,
        batchSize: settings.batchSize,
        stateful: settings.stateful,
        reset: settings.reset,
        shuffle: settings.shuffle,
        seed: settings.seed,
        lr: settings.lr,
        // cross-entropy diverges against the loss of predicting the class priors
        explodedLoss: classifier ? explodedLossFor(y, task.loss, spec.outputs) : explodedLossFor(y, task.loss),
        ...(classifier ? { explodedReference: referenceLoss(y, task.loss, spec.outputs).name } : {}),
        validate,
        earlyStopping: settings.earlyStopping,
        lrPlateau: settings.lrPlateau,
        onEpoch: hooks.onEpoch ? (epoch, loss, valLoss) => hooks.onEpoch!(epoch, settings.epochs, loss, valLoss) : undefined,
        interrupted: hooks.interrupted,
      },
    );
    // A stateful network's test continues from where training left its state: zero after
    // --reset epoch or batch, the carried state after --reset never (of the kept epoch).
    return { engine, reason, weights: training.weights, training, startStates: testStartStates(spec, training.states) };
  } finally {
    trainer.dispose();
  }
}
