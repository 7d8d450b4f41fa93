// The sections of `forecast --report`: the end of the history and the forecasts after it, with
// their intervals when asked for.
import type { TopLevelSpec } from 'vega-lite';
import type { ForecastResult } from '../commands/forecast.js';
import { INK } from './charts.js';
import type { Cell } from './html.js';
import type { Report, ReportSection } from './report.js';

/** History points drawn before the forecasts. */
export const HISTORY_POINTS = 120;

export interface ForecastReportInput {
  result: ForecastResult;
  times: readonly string[];
  values: readonly number[];
}

const percent = (p: number) => `${Number((p * 100).toFixed(1))}%`;

export function forecastReport(input: ForecastReportInput, command: string): Report {
  const r = input.result;
  return {
    title: `rnnfc forecast: ${r.model}`,
    meta: [command],
    summary: [
      ['model', r.model],
      ['history', `${r.historySource}: ${r.observations} observations, the last at ${r.lastTime}`],
      ['engine', `${r.engine} (backend ${r.backend})`],
      ['horizon', `${r.forecasts.length} steps`],
      ...(r.intervals?.levels ?? []).map((l): [string, string] => [
        `${percent(l.level)} interval`,
        `± ${Number(l.halfWidth.toPrecision(6))} from ${r.intervals!.calibrationRows} ${r.intervals!.source} errors; test coverage ${percent(l.coverage)} when trained`,
      ]),
    ],
    warnings: r.warnings,
    sections: [forecastSection(input)],
  };
}

export function forecastSection(input: ForecastReportInput): ReportSection {
  const r = input.result;
  const levels = r.intervals?.levels ?? [];
  const from = Math.max(0, input.values.length - HISTORY_POINTS);
  const data: Record<string, string | number>[] = [];
  let i = 0;
  for (let k = from; k < input.values.length; k++) data.push({ time: input.times[k]!, i: i++, series: 'history', value: input.values[k]! });
  // the forecast line starts at the last observation, so the two lines join
  const last = data[data.length - 1];
  if (last) data.push({ ...last, series: 'forecast' });
  const bands: Record<string, string | number>[] = [];
  for (const f of r.forecasts) {
    const at = i++;
    data.push({ time: f.time, i: at, series: 'forecast', value: f.value });
    for (const b of f.bounds ?? []) bands.push({ time: f.time, i: at, band: `${percent(b.level)} interval`, lower: b.lower, upper: b.upper });
  }
  const x = { field: 'time', type: 'ordinal', sort: { field: 'i' }, title: 'time', axis: { labelOverlap: true, labelAngle: -45 } } as const;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 760,
    height: 300,
    layer: [
      ...(bands.length
        ? [
            {
              data: { values: bands },
              mark: { type: 'area', opacity: 0.45 },
              encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' }, fill: { field: 'band', type: 'nominal', title: null, scale: { range: [INK.band, '#deebf7', '#c6dbef'] } } },
            } as const,
          ]
        : []),
      {
        data: { values: data },
        mark: { type: 'line', strokeWidth: 2, point: { size: 20 } },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: 'value', scale: { zero: false } },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: ['history', 'forecast'], range: [INK.actual, INK.predicted] } },
          strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: ['history', 'forecast'], range: [[1, 0], INK.dash] } },
        },
      },
    ],
  } as TopLevelSpec;
  const head = ['step', 'time', 'forecast', ...levels.flatMap((l) => [`lower ${percent(l.level)}`, `upper ${percent(l.level)}`])];
  const rows: Cell[][] = r.forecasts.map((f) => [f.step, f.time, f.value, ...(f.bounds ?? []).flatMap((b) => [b.lower, b.upper])]);
  return {
    id: 'forecast',
    title: 'Forecast',
    caption:
      `The last ${input.values.length - from} observations (solid) and the recursive forecast of the next ${r.forecasts.length} (dashed)` +
      (levels.length ? ', with the split-conformal intervals stored with the model (bands; one-step widths at every step).' : '.'),
    chart: spec,
    table: { head, rows, caption: 'Forecasts' },
  };
}
