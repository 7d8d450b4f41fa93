// Renders a classifier's `train` result: the metrics, both baselines beside them with the best
// one named and the skill against it, and the confusion matrix (rows actual, columns predicted).
import type { TrainResult } from '../commands/train.js';
import type { ClassificationSummary } from '../commands/train-classifier.js';
import { csv, fixed, json, keyValueTable, table, type Format } from './format.js';
import { trainingJson } from './training-json.js';

export function classifierJson(r: TrainResult, c: ClassificationSummary) {
  return {
    file: r.file,
    task: 'classify',
    classes: c.classes,
    labels: c.labels,
    head: c.head,
    loss: c.loss,
    target_columns: c.targetColumns,
    ...trainingJson(r),
    accuracy: c.accuracy,
    balanced_accuracy: c.balancedAccuracy,
    f1_macro: c.f1Macro,
    log_loss: c.logLoss,
    ...(c.classes.length === 2 ? { roc_auc: c.rocAuc } : {}),
    confusion: { labels: c.classes, matrix: c.confusion },
    baselines: c.baselines.map((b) => ({ name: b.name, accuracy: b.accuracy, balanced_accuracy: b.balancedAccuracy, f1_macro: b.f1Macro, log_loss: b.logLoss })),
    best_baseline: c.bestBaseline,
    best_baseline_skill: c.skill,
    ...(c.classWeights ? { class_weights: Object.fromEntries(c.classes.map((name, i) => [name, c.classWeights![i]])) } : {}),
    none_rows: c.noneRows,
    shape: r.shape,
    train_rows: r.trainRows,
    validation_rows: r.validationRows,
    test_rows: r.testRows,
    test_targets: c.targets,
    predictions: c.predictions.map((p) => ({
      origin: p.origin,
      time: p.time,
      actual: p.actual,
      predicted: p.predicted,
      probabilities: Object.fromEntries(c.classes.map((name, i) => [name, p.probabilities[i]])),
    })),
    history: r.history.map((h) => ({ epoch: h.epoch, loss: h.loss, val_loss: h.valLoss, lr: h.lr })),
    warnings: r.warnings,
    ...(r.out ? { out: r.out } : {}),
  };
}

const CSV_HEAD = ['file', 'engine', 'backend', 'epochs', 'seconds', 'accuracy', 'balanced_accuracy', 'f1_macro', 'log_loss', 'roc_auc'];

/** The confusion matrix as a table: one row per actual class, one column per predicted class. */
export function confusionTable(classes: readonly string[], matrix: readonly (readonly number[])[]): string {
  return table(
    ['actual \\ predicted', ...classes],
    matrix.map((row, i) => [classes[i]!, ...row]),
  );
}

export function renderClassifier(r: TrainResult, c: ClassificationSummary, format: Format): string {
  if (format === 'json') return json(classifierJson(r, c));
  if (format === 'csv') {
    const head = [...CSV_HEAD, ...c.baselines.flatMap((b) => [`${b.name}_accuracy`, `${b.name}_log_loss`]), 'best_baseline'];
    const row = [r.file, r.engine, r.backend, r.epochs, r.seconds, c.accuracy, c.balancedAccuracy, c.f1Macro, c.logLoss, c.rocAuc, ...c.baselines.flatMap((b) => [b.accuracy, b.logLoss]), c.bestBaseline];
    return csv(head, [row]);
  }
  const validated = r.validationRows > 0;
  const per = c.labels === 'per-step' ? `${c.targets} test targets (every step of ${r.testRows} test samples)` : `${r.testRows} test samples`;
  const baselineRows: [string, string][] = c.baselines.map((b) => [
    `${b.name} baseline`,
    `accuracy ${fixed(b.accuracy)}, balanced ${fixed(b.balancedAccuracy)}, macro F1 ${fixed(b.f1Macro)}, log loss ${fixed(b.logLoss)}`,
  ]);
  for (const s of c.skippedBaselines) baselineRows.push(['not evaluated', s]);
  if (c.bestBaseline !== null) {
    baselineRows.push(['best baseline', `${c.bestBaseline}: skill ${c.skill === null ? 'n/a' : fixed(c.skill)} against it (1 - error rate / its error rate)`]);
  }
  const epochs = r.stoppedEarly
    ? `${r.epochs} of ${r.maxEpochs} in ${r.seconds.toFixed(2)} s (stopped early), final loss ${fixed(r.finalLoss, 5)}`
    : `${r.epochs} in ${r.seconds.toFixed(2)} s, final loss ${fixed(r.finalLoss, 5)}`;
  const outputsShape = c.labels === 'per-step' ? `[${r.shape.steps}, ${r.shape.outputs}]` : `[${r.shape.outputs}]`;
  let out = keyValueTable([
    ['data', `${r.file} (${r.trainRows} train samples, ${validated ? `${r.validationRows} validation samples, ` : ''}${per})`],
    ['samples', `[${r.trainRows + r.validationRows + r.testRows}, ${r.shape.steps}, ${r.shape.features}] -> ${outputsShape}`],
    ['task', `classify ${c.classes.length} classes (${c.classes.join(', ')}), ${c.labels === 'per-step' ? 'a label per step' : 'a label per sample'}; ${c.head} head, ${c.loss}`],
    ...(c.classWeights ? ([['class weights', c.classes.map((name, i) => `${name} ${fixed(c.classWeights![i]!)}`).join(', ')]] as [string, string][]) : []),
    ['engine', `${r.engine} (backend ${r.backend})`],
    ['epochs', epochs],
    ['accuracy', fixed(c.accuracy)],
    ['balanced accuracy', fixed(c.balancedAccuracy)],
    ['macro F1', fixed(c.f1Macro)],
    ['log loss', fixed(c.logLoss)],
    ...(c.classes.length === 2 ? ([['ROC AUC', c.rocAuc === null ? 'n/a (one class in the test labels)' : fixed(c.rocAuc)]] as [string, string][]) : []),
    ...baselineRows,
    ...(r.out ? ([['model saved to', r.out]] as [string, string][]) : []),
    ...(r.predictionsFile ? ([['predictions written to', r.predictionsFile]] as [string, string][]) : []),
  ]);
  out += '\n\nconfusion matrix (rows actual, columns predicted)\n' + confusionTable(c.classes, c.confusion) + '\n';
  return out;
}
