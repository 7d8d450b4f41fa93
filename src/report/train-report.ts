// The sections of `train --report`: the series with the test predictions and their intervals,
// and the loss per epoch.
import type { TopLevelSpec } from 'vega-lite';
import type { TrainResult } from '../commands/train.js';
import type { EpochRecord } from '../engines/train-loop.js';
import { boundsOf } from '../evaluate/conformal.js';
import { INK } from './charts.js';
import type { Cell } from './html.js';
import type { Report, ReportSection } from './report.js';

/** Points drawn at most; a longer series shows its last ones (the table has every test row). */
export const MAX_SERIES_POINTS = 600;
/** Epochs drawn and listed at most; more are thinned evenly, keeping the first, the kept and the last. */
export const MAX_EPOCH_ROWS = 2000;

export interface TrainReportInput {
  result: TrainResult;
  times: readonly string[];
  values: readonly number[];
  /** Time of the first validation row, if any, and of the first test row. */
  validationStart?: string;
  testStart: string;
}

const percent = (p: number) => `${Number((p * 100).toFixed(1))}%`;
const round = (v: number) => Number(v.toPrecision(6));

export function trainReport(input: TrainReportInput, command: string): Report {
  const r = input.result;
  const summary: [string, string][] = [
    ['data', `${r.file}: ${r.trainRows} training rows, ${r.validationRows > 0 ? `${r.validationRows} validation rows, ` : ''}${r.testRows} test rows`],
    ['engine', `${r.engine} (backend ${r.backend})`],
    ['epochs', r.stoppedEarly ? `${r.epochs} of ${r.maxEpochs} (stopped early), kept epoch ${r.keptEpoch}` : `${r.epochs}, kept epoch ${r.keptEpoch}`],
    ['RMSE', String(round(r.rmse))],
    ['MAE', String(round(r.mae))],
    ['MAPE', Number.isFinite(r.mape) ? `${round(r.mape)}%` : 'n/a'],
    ...(r.persistenceRmse !== null
      ? ([
          ['persistence RMSE', String(round(r.persistenceRmse))],
          ['skill', `${round(r.skill ?? NaN)} (1 - RMSE / persistence RMSE)`],
        ] as [string, string][])
      : []),
    ...r.baselines.filter((b) => b.name !== 'persistence').map((b): [string, string] => [`${b.name} RMSE`, String(round(b.rmse))]),
    ...(r.intervals?.levels ?? []).map((l): [string, string] => [
      `${percent(l.level)} interval`,
      `± ${round(l.halfWidth)} from ${r.intervals!.calibrationRows} ${r.intervals!.source} errors; test coverage ${percent(l.coverage)}`,
    ]),
  ];
  return {
    title: `rnnfc train: ${r.file}`,
    meta: [command],
    summary,
    warnings: r.warnings,
    sections: [seriesSection(input), lossSection(r)],
  };
}

/** The series, the test predictions on it and their interval bands. */
export function seriesSection(input: TrainReportInput): ReportSection {
  const r = input.result;
  const levels = r.intervals?.levels ?? [];
  const n = input.values.length;
  const from = Math.max(0, n - MAX_SERIES_POINTS);
  const shown = new Set(input.times.slice(from));
  const predictions = r.predictions.filter((p) => shown.has(p.time));
  const order = new Map(input.times.slice(from).map((t, i) => [t, i]));
  const data: Record<string, string | number>[] = [];
  for (let i = from; i < n; i++) data.push({ time: input.times[i]!, i: i - from, series: 'actual', value: input.values[i]! });
  for (const p of predictions) data.push({ time: p.time, i: order.get(p.time)!, series: 'predicted', value: p.predicted });
  const bands = predictions.flatMap((p) => boundsOf(p.predicted, levels).map((b) => ({ time: p.time, i: order.get(p.time)!, band: `${percent(b.level)} interval`, lower: b.lower, upper: b.upper })));
  const x = { field: 'time', type: 'ordinal', sort: { field: 'i' }, title: 'time', axis: { labelOverlap: true, labelAngle: -45 } } as const;
  const starts = [
    ...(input.validationStart && shown.has(input.validationStart) ? [{ time: input.validationStart, label: 'validation' }] : []),
    ...(shown.has(input.testStart) ? [{ time: input.testStart, label: 'test' }] : []),
  ];
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 760,
    height: 320,
    layer: [
      ...(bands.length
        ? [
            {
              data: { values: bands },
              mark: { type: 'area', opacity: 0.45 },
              encoding: {
                x,
                y: { field: 'lower', type: 'quantitative' },
                y2: { field: 'upper' },
                fill: { field: 'band', type: 'nominal', title: null, scale: { range: [INK.band, '#deebf7', '#c6dbef'] } },
              },
            } as const,
          ]
        : []),
      {
        data: { values: starts },
        mark: { type: 'rule', color: INK.rule, strokeDash: INK.dot },
        encoding: { x },
      },
      {
        data: { values: starts },
        mark: { type: 'text', align: 'left', dx: 4, dy: -150, color: INK.rule },
        encoding: { x, text: { field: 'label' } },
      },
      {
        data: { values: data },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: 'value', scale: { zero: false } },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: ['actual', 'predicted'], range: [INK.actual, INK.predicted] } },
          strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: ['actual', 'predicted'], range: [[1, 0], INK.dash] } },
        },
      },
    ],
  } as TopLevelSpec;
  const head = ['time', 'actual', 'predicted', 'error', ...levels.flatMap((l) => [`lower ${percent(l.level)}`, `upper ${percent(l.level)}`])];
  const rows: Cell[][] = r.predictions.map((p) => [p.time, p.actual, p.predicted, p.actual - p.predicted, ...boundsOf(p.predicted, levels).flatMap((b) => [b.lower, b.upper])]);
  return {
    id: 'series',
    title: 'Series and test predictions',
    caption:
      `The observed series (solid) and the one-step walk-forward predictions of the test rows (dashed)` +
      (levels.length ? `, with split-conformal prediction intervals (bands)` : '') +
      (from > 0 ? `; the last ${MAX_SERIES_POINTS} of ${n} observations are drawn.` : '.'),
    chart: spec,
    table: { head, rows, caption: `Test predictions (${r.testRows} rows)` },
  };
}

/** Evenly thinned epochs, always keeping the first, the last and `keep`. */
export function thinEpochs(history: readonly EpochRecord[], keep: number, max = MAX_EPOCH_ROWS): EpochRecord[] {
  if (history.length <= max) return [...history];
  const step = Math.ceil(history.length / max);
  return history.filter((h, i) => i % step === 0 || i === history.length - 1 || h.epoch === keep);
}

/** Training (and validation) loss per epoch, with the kept epoch marked. */
export function lossSection(r: TrainResult): ReportSection {
  const epochs = thinEpochs(r.history, r.keptEpoch);
  const validated = epochs.some((h) => h.valLoss !== null);
  const data = epochs.flatMap((h) => [
    { epoch: h.epoch, series: 'training', loss: h.loss },
    ...(h.valLoss !== null ? [{ epoch: h.epoch, series: 'validation', loss: h.valLoss }] : []),
  ]);
  const positive = data.every((d) => d.loss > 0);
  const domain = validated ? ['training', 'validation'] : ['training'];
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 760,
    height: 260,
    layer: [
      {
        data: { values: data },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: 'epoch' },
          y: { field: 'loss', type: 'quantitative', title: positive ? 'loss (log scale)' : 'loss', scale: positive ? { type: 'log' } : { zero: false } },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain, range: [INK.actual, INK.validation] } },
          strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain, range: [[1, 0], INK.dash] } },
        },
      },
      {
        data: { values: [{ epoch: r.keptEpoch, label: `kept epoch ${r.keptEpoch}` }] },
        mark: { type: 'rule', color: INK.rule, strokeDash: INK.dot },
        encoding: { x: { field: 'epoch', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
  const rows: Cell[][] = epochs.map((h) => [h.epoch, h.loss, ...(validated ? [h.valLoss] : []), h.lr]);
  return {
    id: 'loss',
    title: 'Loss per epoch',
    caption:
      `Mean training loss of each epoch${validated ? ' and the loss on the validation rows after it (dashed)' : ''}, on the scaled data; ` +
      `the dotted line marks the epoch whose weights were kept (${r.keptEpoch}${r.stoppedEarly ? ', the best validation loss before early stopping' : ''}).` +
      (epochs.length < r.history.length ? ` ${epochs.length} of the ${r.history.length} epochs are drawn and listed.` : ''),
    chart: spec,
    table: { head: ['epoch', 'loss', ...(validated ? ['validation loss'] : []), 'learning rate'], rows, caption: 'Loss per epoch' },
  };
}
