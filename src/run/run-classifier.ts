// One classifier run on a table of class labels: build the dataset, train with the head and
// cross-entropy the classes call for (and the class weights asked for), and evaluate on the test
// targets beside the majority-class and persistence-label baselines. Shared by `train` and by
// the workers of `compare`.
import type { RunSettings, Table } from '../core/types.js';
import type { NetworkSpec } from '../engines/types.js';
import { classificationHead } from '../engines/heads.js';
import { testStartStates } from '../engines/carried-state.js';
import { buildDataset } from '../pipeline/dataset.js';
import { balancedClassWeights, targetWeights } from '../pipeline/class-weights.js';
import { networkSpec } from '../options/train-options.js';
import { classValidationLoss, evaluateClassifier, type ClassEvaluation } from '../evaluate/classify-evaluation.js';
import { trainNetwork, type TrainedRun } from './train-network.js';
import type { RunHooks } from './run-once.js';

export interface ClassifierOutcome extends TrainedRun {
  evaluation: ClassEvaluation;
  /** The balanced class weights trained with (--class-weight balanced), in class order. */
  classWeights: number[] | null;
  warnings: string[];
}

export async function runClassifier(table: Table, settings: RunSettings, hooks: RunHooks = {}): Promise<ClassifierOutcome> {
  const dataset = buildDataset(table, settings.pipeline, { labels: settings.labels });
  const classes = dataset.classes;
  if (!classes) throw new RangeError('runClassifier needs a table of class labels');
  const head = classificationHead(classes.classes.length);
  const spec: NetworkSpec = {
    ...networkSpec(settings, dataset.train),
    // whole sequences: as many steps as each sequence has rows (or --lags of them)
    timeSteps: dataset.train.steps,
    head: head.head,
    ...(classes.labels === 'per-step' ? { perStep: true } : {}),
  };
  const labels = dataset.train.labels!;
  const classWeights = settings.classWeight === 'balanced' ? balancedClassWeights(labels, classes.classes.length) : null;
  const started = performance.now();
  const walkOptions = { forecastReset: settings.forecastReset, prime: settings.prime };
  const { engine, reason, weights, training, startStates } = await trainNetwork(dataset, spec, settings, hooks, {
    loss: head.loss,
    validationLoss: (twin, states) => classValidationLoss(twin, dataset, { ...walkOptions, startStates: testStartStates(spec, states) }),
    ...(classWeights ? { weights: targetWeights(labels, classWeights) } : {}),
  });
  const stepper = await engine.createStepper(spec, weights);
  let evaluation: ClassEvaluation;
  try {
    evaluation = evaluateClassifier(stepper, dataset, { ...walkOptions, startStates });
  } finally {
    stepper.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    dataset,
    spec,
    engine,
    engineReason: reason,
    weights,
    training,
    evaluation,
    classWeights,
    seconds,
    warnings: [...dataset.warnings, ...evaluation.warnings],
  };
}
