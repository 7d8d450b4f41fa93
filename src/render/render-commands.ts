// Renders each command's result in the chosen format. Pure: results in, text out.
import asciichart from 'asciichart';
import { extent } from '../util/extent.js';
import type { ForecastResult } from '../commands/forecast.js';
import type { InfoResult } from '../commands/info.js';
import type { PrepareResult } from '../commands/prepare.js';
import type { TrainResult } from '../commands/train.js';
import type { FeatureEncoding, ScalerParams, TargetEncoding } from '../core/types.js';
import type { BaselineName } from '../baselines/baseline.js';
import { describeTransform } from '../transforms/transform.js';
import { csv, csvField, fixed, json, keyValueTable, table, type Format } from './format.js';
import { boundsOf, type Bound } from '../evaluate/conformal.js';
import { levelName } from './predictions-csv.js';
import { classifierJson, renderClassifier } from './render-classifier.js';
import { trainingJson } from './training-json.js';

const finiteOrNull = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);

export function trainJson(r: TrainResult) {
  if (r.classification) return classifierJson(r, r.classification);
  return {
    file: r.file,
    ...trainingJson(r),
    rmse: r.rmse,
    mae: r.mae,
    mape: r.mape,
    mase: r.mase,
    persistence_rmse: r.persistenceRmse,
    skill: r.skill,
    season: r.season.m,
    season_source: r.season.source,
    baselines: r.baselines.map((b) => ({ name: b.name, rmse: b.rmse, mae: b.mae, mape: finiteOrNull(b.mape), mase: finiteOrNull(b.mase), seconds: b.seconds })),
    best_baseline: r.bestBaseline,
    best_baseline_skill: finiteOrNull(r.bestBaselineSkill),
    by_step: r.byStep.map((m) => ({ step: m.step, rmse: m.rmse, mae: m.mae, mape: finiteOrNull(m.mape), mase: finiteOrNull(m.mase), persistence_rmse: m.persistenceRmse })),
    samples: { train: r.trainRows, test: r.testRows },
    shape: r.shape,
    train_rows: r.trainRows,
    validation_rows: r.validationRows,
    test_rows: r.testRows,
    predictions: r.predictions.map((p) => ({ origin: p.origin, step: p.step, time: p.time, actual: p.actual, predicted: p.predicted, ...boundsJson(boundsOf(p.predicted, r.intervals?.levels ?? [])) })),
    ...(r.intervals
      ? {
          interval_source: r.intervals.source,
          calibration_rows: r.intervals.calibrationRows,
          intervals: r.intervals.levels.map((l) => ({ level: l.level, coverage: l.coverage, half_width: l.halfWidth })),
        }
      : {}),
    history: r.history.map((h) => ({ epoch: h.epoch, loss: h.loss, val_loss: h.valLoss, lr: h.lr })),
    warnings: r.warnings,
    ...(r.out ? { out: r.out } : {}),
  };
}

/** `lower`/`upper` keyed by level ("0.8"), or nothing without intervals. */
export function boundsJson(bounds: readonly Bound[]): { lower?: Record<string, number>; upper?: Record<string, number> } {
  if (bounds.length === 0) return {};
  return {
    lower: Object.fromEntries(bounds.map((b) => [String(b.level), b.lower])),
    upper: Object.fromEntries(bounds.map((b) => [String(b.level), b.upper])),
  };
}

const TRAIN_CSV_HEAD = ['file', 'engine', 'backend', 'epochs', 'seconds', 'rmse', 'mae', 'mape', 'persistence_rmse', 'skill'];
/** One RMSE column per baseline (empty where it was not evaluated), then the best one's name. */
const BASELINE_CSV_COLUMNS: [string, BaselineName][] = [['seasonal_naive_rmse', 'seasonal-naive'], ['mean_rmse', 'mean'], ['holt_winters_rmse', 'holt-winters']];

function baselineRows(r: TrainResult): [string, string][] {
  const rows: [string, string][] = r.baselines.map((b) => [
    `${b.name} RMSE`,
    `${fixed(b.rmse)}${b.name === 'holt-winters' ? ` (refitted ${r.testRows} times in ${b.seconds.toFixed(2)} s)` : ''}`,
  ]);
  for (const s of r.skippedBaselines) rows.push(['not evaluated', s]);
  if (r.bestBaseline !== null && r.bestBaseline !== 'persistence') {
    rows.push(['best baseline', `${r.bestBaseline}: skill ${fixed(r.bestBaselineSkill)} against it`]);
  }
  return rows;
}

const mapeText = (mape: number) => (Number.isFinite(mape) ? `${fixed(mape, 2)}%` : 'n/a');
/** The kept epoch's validation loss (NaN without validation). */
function keptValLoss(r: TrainResult): number {
  return r.history[r.keptEpoch - 1]?.valLoss ?? NaN;
}

function percent(p: number): string {
  return `${Number((p * 100).toFixed(1))}%`;
}

export function renderTrain(r: TrainResult, format: Format, plot: boolean, width = 80, colour = false): string {
  if (r.classification) return renderClassifier(r, r.classification, format);
  if (format === 'json') return json(trainJson(r));
  const validated = r.validationRows > 0;
  const levels = r.intervals?.levels ?? [];
  if (format === 'csv') {
    // extra columns only when there is something to put in them, so the plain header stays as it was
    const head = [...TRAIN_CSV_HEAD, ...(validated ? ['kept_epoch', 'val_loss'] : []), ...levels.flatMap((l) => [`half_width_${levelName(l.level)}`, `coverage_${levelName(l.level)}`])];
    const row: (string | number | null)[] = [r.file, r.engine, r.backend, r.epochs, r.seconds, r.rmse, r.mae, r.mape, r.persistenceRmse, r.skill];
    if (validated) row.push(r.keptEpoch, keptValLoss(r));
    for (const l of levels) row.push(l.halfWidth, l.coverage);
    if (r.baselines.length > 0) {
      head.push(...BASELINE_CSV_COLUMNS.map(([column]) => column), 'best_baseline');
      row.push(...BASELINE_CSV_COLUMNS.map(([, name]) => r.baselines.find((b) => b.name === name)?.rmse ?? null), r.bestBaseline);
    }
    return csv(head, [row]);
  }
  const epochs = r.stoppedEarly
    ? `${r.epochs} of ${r.maxEpochs} in ${r.seconds.toFixed(2)} s (stopped early: no better validation loss in the last ${r.epochs - r.keptEpoch}), final loss ${fixed(r.finalLoss, 5)}`
    : `${r.epochs} in ${r.seconds.toFixed(2)} s, final loss ${fixed(r.finalLoss, 5)}`;
  const intervalRows: [string, string][] = levels.map((l) => {
    const inside = Math.round(l.coverage * r.predictions.length);
    return [
      `${percent(l.level)} interval`,
      `forecast ± ${fixed(l.halfWidth)} (from ${r.intervals!.calibrationRows} ${r.intervals!.source} errors); test coverage ${percent(l.coverage)} (${inside} of ${r.predictions.length})`,
    ];
  });
  const dropped = r.droppedRows > 0 ? `, ${r.droppedRows} dropped so that no target is shared with a later set` : '';
  const shape = `[${r.trainRows + r.validationRows + r.testRows}, ${r.shape.steps}, ${r.shape.features}] -> [${r.shape.outputs}]`;
  let out = keyValueTable([
    ['data', `${r.file} (${r.trainRows} train samples, ${validated ? `${r.validationRows} validation samples, ` : ''}${r.testRows} test samples${dropped})`],
    ['samples', shape],
    ['engine', `${r.engine} (backend ${r.backend})`],
    ['epochs', epochs],
    ...(validated
      ? ([['kept epoch', `${r.keptEpoch} (validation loss ${fixed(keptValLoss(r), 5)}${r.keptEpoch === r.epochs ? ', the last' : ', the best'})`]] as [string, string][])
      : []),
    ['RMSE', fixed(r.rmse)],
    ['MAE', fixed(r.mae)],
    ['MAPE', Number.isFinite(r.mape) ? `${fixed(r.mape, 2)}%${r.zeroActuals > 0 ? ` (${r.zeroActuals} actual values of 0 left out)` : ''}` : 'n/a (actual values are zero)'],
    ['MASE', Number.isFinite(r.mase) ? `${fixed(r.mase)} (MAE / in-sample naive MAE)` : 'n/a'],
    ...(r.persistenceRmse !== null
      ? ([
          ['persistence RMSE', fixed(r.persistenceRmse)],
          ['skill', `${fixed(r.skill ?? NaN)} (1 - RMSE / persistence RMSE; above 0 beats persistence)`],
        ] as [string, string][])
      : []),
    ['season', r.season.m === null ? `none (${r.season.source})` : `${r.season.m} (${r.season.source})`],
    ...baselineRows(r).filter(([name]) => name !== 'persistence RMSE'),
    ...intervalRows,
    ...(r.out ? ([['model saved to', r.out]] as [string, string][]) : []),
    ...(r.predictionsFile ? ([['predictions written to', r.predictionsFile]] as [string, string][]) : []),
    ...(r.reportFile ? ([['report written to', r.reportFile]] as [string, string][]) : []),
  ]);
  out += '\n';
  if (r.byStep.length > 1) {
    const names = r.baselines.map((b) => b.name);
    out +=
      '\n' +
      table(
        ['step', 'RMSE', 'MAE', 'MAPE', 'MASE', ...names.map((n) => `${n} RMSE`)],
        r.byStep.map((m, j) => [m.step, fixed(m.rmse), fixed(m.mae), mapeText(m.mape), Number.isFinite(m.mase) ? fixed(m.mase) : 'n/a', ...r.baselines.map((b) => fixed(b.byStep[j]!.rmse))]),
      ) +
      '\n';
  }
  if (plot) out += '\n' + plotPredictions(r, width, colour) + '\n';
  if (plot && r.history.length > 1) out += '\n' + plotLosses(r, width, colour) + '\n';
  return out;
}

/** Stretches a series to `n` points by linear interpolation, so a short test set fills the chart. */
function stretch(xs: readonly number[], n: number): number[] {
  if (xs.length < 2 || n <= xs.length) return [...xs];
  return Array.from({ length: n }, (_, i) => {
    const pos = (i * (xs.length - 1)) / (n - 1);
    const k = Math.min(Math.floor(pos), xs.length - 2);
    return xs[k]! + (pos - k) * (xs[k + 1]! - xs[k]!);
  });
}

/**
 * Actual against predicted over the test rows. With colour (a terminal) both lines share one
 * chart; without, asciichart's lines cannot be told apart, so each gets its own chart on the
 * same vertical scale.
 */
export function plotPredictions(r: TrainResult, width = 80, colour = false): string {
  const n = Math.max(2, width - 14);
  // the first step of each origin: one point per test row
  const firstStep = r.predictions.filter((p, i) => i === 0 || p.origin !== r.predictions[i - 1]!.origin);
  const actual = stretch(firstStep.map((p) => p.actual), n);
  const predicted = stretch(firstStep.map((p) => p.predicted), n);
  const all = [...actual, ...predicted];
  const { min, max } = extent(all);
  const config = { height: 12, min, max, format: (x: number) => fixed(x, 1).padStart(10) };
  const first = r.predictions[0]?.time ?? '';
  const last = r.predictions[r.predictions.length - 1]?.time ?? '';
  if (colour) {
    const chart = asciichart.plot([actual, predicted], { ...config, colors: [asciichart.blue, asciichart.red] });
    return `test rows ${first} .. ${last}: ${asciichart.blue}actual${asciichart.reset} vs ${asciichart.red}predicted${asciichart.reset}\n${chart}`;
  }
  return `test rows ${first} .. ${last}: actual\n${asciichart.plot(actual, config)}\n\npredicted\n${asciichart.plot(predicted, config)}`;
}

/** Training (and validation) loss per epoch; with colour on one chart, else one chart each on the same scale. */
export function plotLosses(r: TrainResult, width = 80, colour = false): string {
  const n = Math.max(2, width - 14);
  // more epochs than columns: keep every k-th epoch (the chart is a picture, the numbers are in --format json)
  const step = Math.max(1, Math.ceil(r.history.length / n));
  const kept = r.history.filter((_, i) => i % step === 0 || i === r.history.length - 1);
  const loss = stretch(kept.map((h) => h.loss), n);
  const hasVal = kept.every((h) => h.valLoss !== null && Number.isFinite(h.valLoss));
  const val = hasVal ? stretch(kept.map((h) => h.valLoss!), n) : [];
  const { min, max } = extent([...loss, ...val]);
  const config = { height: 10, min, max, format: (x: number) => fixed(x, 5).padStart(10) };
  const title = `loss per epoch, 1 .. ${r.epochs}${r.keptEpoch !== r.epochs ? ` (kept epoch ${r.keptEpoch})` : ''}`;
  if (!hasVal) return `${title}: training\n${asciichart.plot(loss, config)}`;
  if (colour) {
    const chart = asciichart.plot([loss, val], { ...config, colors: [asciichart.blue, asciichart.red] });
    return `${title}: ${asciichart.blue}training${asciichart.reset} vs ${asciichart.red}validation${asciichart.reset}\n${chart}`;
  }
  return `${title}: training\n${asciichart.plot(loss, config)}\n\nvalidation\n${asciichart.plot(val, config)}`;
}

export function renderForecast(r: ForecastResult, format: Format): string {
  const c = r.classification;
  const perSequence = r.sequenceClasses;
  if (c && perSequence) {
    // one class per sequence, named by its id
    if (format === 'json') {
      const rows = perSequence.map((q) => ({ sequence: q.time, probabilities: Object.fromEntries(c.classes.map((name, i) => [name, q.probabilities[i]])), predicted: q.predicted }));
      return json({ model: r.model, engine: r.engine, backend: r.backend, data: r.historySource, task: 'classify', classes: c.classes, sequences: rows, warnings: r.warnings });
    }
    const heads = ['sequence', ...c.classes.map((name) => `p_${name}`), 'predicted'];
    if (format === 'csv') return csv(heads, perSequence.map((q) => [q.time, ...q.probabilities, q.predicted]));
    return table(heads, perSequence.map((q) => [q.time, ...q.probabilities.map((p) => fixed(p)), q.predicted])) + '\n';
  }
  if (c) {
    if (format === 'json') {
      const probabilities = Object.fromEntries(c.classes.map((name, i) => [name, c.probabilities[i]]));
      return json({ model: r.model, engine: r.engine, backend: r.backend, history: r.historySource, observations: r.observations, task: 'classify', classes: c.classes, time: c.time, probabilities, predicted: c.predicted, warnings: r.warnings });
    }
    const heads = ['time', ...c.classes.map((name) => `p_${name}`), 'predicted'];
    if (format === 'csv') return csv(heads, [[c.time, ...c.probabilities, c.predicted]]);
    return table(heads, [[c.time, ...c.probabilities.map((p) => fixed(p)), c.predicted]]) + '\n';
  }
  const levels = r.intervals?.levels ?? [];
  // whole sequences: one forecast per sequence, named by its id
  const sequences = r.framing === 'sequence';
  if (format === 'json') {
    const forecasts = r.forecasts.map((f) => ({ ...(sequences ? { sequence: f.time } : { step: f.step, time: f.time }), value: f.value, ...boundsJson(f.bounds ?? []) }));
    const intervals = r.intervals ? { interval_source: r.intervals.source, intervals: levels.map((l) => ({ level: l.level, coverage: l.coverage, half_width: l.halfWidth })) } : {};
    const about = sequences ? { data: r.historySource, sequences: r.forecasts.length } : { history: r.historySource, observations: r.observations, last_time: r.lastTime };
    return json({ model: r.model, engine: r.engine, backend: r.backend, ...about, forecasts, ...intervals, warnings: r.warnings });
  }
  const boundHeads = levels.flatMap(({ level }) => [`lower_${levelName(level)}`, `upper_${levelName(level)}`]);
  const bounds = (f: ForecastResult['forecasts'][number]) => (f.bounds ?? []).flatMap((b) => [b.lower, b.upper]);
  if (format === 'csv' && sequences) return csv(['sequence', 'value', ...boundHeads], r.forecasts.map((f) => [f.time, f.value, ...bounds(f)]));
  if (format === 'csv') return csv(['step', 'time', 'value', ...boundHeads], r.forecasts.map((f) => [f.step, f.time, f.value, ...bounds(f)]));
  const note = levels.map((l) => `${percent(l.level)} interval: test coverage ${percent(l.coverage)} when trained (calibrated on ${r.intervals!.calibrationRows} ${r.intervals!.source} errors)\n`).join('');
  const heads = boundHeads.map((h) => h.replace('_', ' ') + '%');
  if (sequences) return table(['sequence', 'forecast', ...heads], r.forecasts.map((f) => [f.time, fixed(f.value), ...bounds(f).map((v) => fixed(v))])) + '\n' + note;
  return table(['step', 'time', 'forecast', ...heads], r.forecasts.map((f) => [f.step, f.time, fixed(f.value), ...bounds(f).map((v) => fixed(v))])) + '\n' + note;
}

function describeParams(s: ScalerParams): string {
  switch (s.kind) {
    case 'none':
      return 'not scaled';
    case 'minmax':
      return `minmax to [${s.range.join(', ')}] (min ${s.min[0]}, max ${s.max[0]})`;
    case 'standard':
      return `standard (mean ${s.mean[0]}, std ${s.std[0]})`;
  }
}

/** The encodings and scalers, one line per column, for prepare. */
export function describeEncodings(features: FeatureEncoding[], target: TargetEncoding): string[] {
  const lines = ['encodings and scalers, fitted on the rows the training samples read (never on test rows):'];
  for (const f of features) {
    if (f.kind === 'one-hot') lines.push(`  ${f.column}: one-hot over ${f.categories.length} categories (${f.categories.join(', ')}); a category not seen in training is all zeros`);
    else lines.push(`  ${f.column}: ${describeTransform(f.transform)}, ${describeParams(f.scaler)}`);
  }
  const scaled = target.scaler.kind === 'none' ? 'not scaled (--scale none)' : describeParams(target.scaler);
  lines.push(`  target ${target.column}: ${describeTransform(target.transform)}, ${scaled}; forecasts are un-scaled and the transform un-done before any metric`);
  return lines;
}

export function renderPrepare(r: PrepareResult, format: Format): string {
  return [...renderPrepareChunks(r, format)].join('');
}

/** renderPrepare's text in pieces, so a million-row CSV is written without being built whole. */
export function* renderPrepareChunks(r: PrepareResult, format: Format): Generator<string> {
  if (format === 'csv') yield* prepareCsvChunks(r);
  else yield renderPrepareWhole(r, format);
}

/** How many samples the table format shows (the CSV and JSON formats have every one). */
const PREPARE_TABLE_ROWS = 10;

export function prepareHeader(r: PrepareResult): string[] {
  const c = r.counts;
  const columns = r.columns.map((col) => `${col.name} (${col.roles.join(', ')}${col.type === 'category' ? ', categories' : ''})`);
  const dropped = c.dropped > 0 ? `, ${c.dropped} dropped so that no target is shared with the test` : '';
  return [
    `${r.file}: target "${r.column}"${r.timeColumn ? `, time "${r.timeColumn}"` : ''}`,
    ...(r.time ? [describePreparedTime(r.time)] : []),
    `columns: ${columns.join('; ')}`,
    ...(r.classification ? describeClasses(r.classification) : describeEncodings(r.features, r.target)),
    `inputs: ${r.inputNames.join(', ')}`,
    r.classification
      ? `samples: [samples, steps, features] -> [${r.classification.labels === 'per-step' ? 'steps, ' : ''}outputs] = [${r.shape.samples}, ${r.shape.steps}, ${r.shape.features}] -> [${r.classification.labels === 'per-step' ? `${r.shape.steps}, ` : ''}${r.shape.outputs}]`
      : `samples: [samples, steps, features] -> [h] = [${r.shape.samples}, ${r.shape.steps}, ${r.shape.features}] -> [${r.shape.outputs}]`,
    `${c.observations} observations, ${c.rows} samples: ${c.train} train, ${c.test} test${dropped}`,
  ];
}

/** The classes and how a label becomes a target: the class index under a sigmoid, one-hot under a softmax. */
function describeClasses(c: NonNullable<PrepareResult['classification']>): string[] {
  const where = c.labels === 'per-step' ? 'a label on every step' : 'a label per sample';
  const encoding =
    c.head === 'sigmoid'
      ? `labels encoded as the class index (${c.classes.map((name, i) => `"${name}" = ${i}`).join(', ')}), a sigmoid head giving the probability of "${c.classes[1]}"`
      : `labels encoded one-hot over the ${c.classes.length} classes, a softmax head giving one probability per class`;
  return [
    `classes: ${c.classes.map((name, i) => `"${name}" (${c.trainCounts[i]} training targets)`).join(', ')}, in the order first seen in the training rows; from ${c.targetColumns.length > 1 ? `the one-hot columns ${c.targetColumns.join(', ')}` : `column "${c.targetColumns[0]}"`}`,
    `${where}; ${encoding}; labels are not scaled`,
  ];
}

function renderPrepareWhole(r: PrepareResult, format: 'table' | 'json'): string {
  if (format === 'json') return json(r);
  const [inputHeads, targetHeads] = prepareHeadings(r);
  const shown = [...r.rows.filter((row) => row.set === 'train').slice(0, PREPARE_TABLE_ROWS), ...r.rows.filter((row) => row.set === 'test').slice(0, PREPARE_TABLE_ROWS)];
  const body = table([r.rowHeading, ...inputHeads, ...targetHeads, 'set'], shown.map((row) => [row.time, ...row.inputs.map((v) => fixed(v, 4)), ...row.targets.map((v) => fixed(v, 4)), row.set]));
  const more = r.rows.length > shown.length ? `(the first ${PREPARE_TABLE_ROWS} train and test samples of ${r.rows.length}; --format csv writes every one)\n` : '';
  return `${prepareHeader(r).join('\n')}\n${body}\n${more}`;
}

/** "time: DD/MM/YYYY, every 1 day, 2 gaps (1984-12-31, 1988-12-31 missing: rows treated as consecutive)". */
function describePreparedTime(t: NonNullable<PrepareResult['time']>): string {
  const parts = [`time: ${t.format}`, t.period === null ? 'no regular step' : `every ${t.period}`];
  if (t.gaps.length > 0) {
    const missing = t.gaps.map((g) => (g.count === 1 ? g.first : `${g.first} .. ${g.last}`));
    const listed = missing.length > 5 ? [...missing.slice(0, 5), `and ${missing.length - 5} more`] : missing;
    parts.push(`${t.gaps.length} ${t.gaps.length === 1 ? 'gap' : 'gaps'} (${listed.join(', ')} missing: rows treated as consecutive)`);
  } else if (t.period !== null) parts.push('no gaps');
  if (t.irregularSteps > 0 && t.period !== null) parts.push(`${t.irregularSteps} irregular ${t.irregularSteps === 1 ? 'step' : 'steps'}`);
  return parts.join(', ');
}
/**
 * Column headings: inputs x(t-k) of a lone target feature, name(t-k) otherwise; targets y(t) ..
 * y(t+h-1), with t the first target row (horizon 0: the last input row).
 */
function prepareHeadings(r: PrepareResult): [string[], string[]] {
  const lone = r.inputNames.length === 1 && r.inputNames[0] === r.column;
  const offset = r.horizon === 0 ? 1 : 0;
  const at = (k: number) => (k === 0 ? 't' : k > 0 ? `t+${k}` : `t-${-k}`);
  const inputs: string[] = [];
  for (let step = 0; step < r.lags; step++) {
    const k = step - r.lags + offset;
    for (const name of r.inputNames) inputs.push(lone ? `x(${at(k)})` : `${name}(${at(k)})`);
  }
  const c = r.classification;
  if (c) {
    // one target per output (the class index, or one per class), per step for per-step labels
    const outputs = c.head === 'sigmoid' ? ['label'] : c.classes.map((name) => `label=${name}`);
    const steps = c.labels === 'per-step' ? Array.from({ length: r.lags }, (_, step) => `(${at(step - r.lags + offset + r.horizon)})`) : [r.horizon === 0 ? '' : `(${at(r.horizon)})`];
    return [inputs, steps.flatMap((t) => outputs.map((o) => `${o}${t}`))];
  }
  const targets = Array.from({ length: Math.max(1, r.horizon) }, (_, j) => `y(${at(j)})`);
  return [inputs, targets];
}

/**
 * The same text as csv(head, rows), a chunk of lines at a time: a million rows mapped into
 * arrays of fields, then of lines, would take several times the output in memory.
 */
function* prepareCsvChunks(r: PrepareResult): Generator<string> {
  const [inputHeads, targetHeads] = prepareHeadings(r);
  yield [r.rowHeading, ...inputHeads, ...targetHeads, 'set'].map(csvField).join(',') + '\n';
  const CHUNK_ROWS = 10_000;
  for (let start = 0; start < r.rows.length; start += CHUNK_ROWS) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(r.rows.length, start + CHUNK_ROWS); i++) {
      const row = r.rows[i]!;
      // a number written by String() never needs quoting, nor do "train" and "test"
      lines.push(`${csvField(row.time)},${row.inputs.join(',')},${row.targets.join(',')},${row.set}`);
    }
    yield lines.join('\n') + '\n';
  }
}

export function renderInfo(r: InfoResult, format: Format): string {
  if (format === 'json') return json(r);
  const rows = r.backends.map((b) => [b.name, b.available ? 'yes' : 'no', b.name === r.autoBackend ? 'yes' : '', b.detail]);
  if (format === 'csv') return csv(['backend', 'available', 'auto', 'detail'], rows);
  return `rnnfc ${r.version} (Node ${r.node})\n` + table(['backend', 'available', 'auto picks', 'detail'], rows) + '\n' +
    `engines: ${r.engines.map((e) => `${e.name} (${e.detail})`).join('; ')}\n`;
}
