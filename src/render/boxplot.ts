// Text box plots for `rnnfc compare`: one row per configuration on one shared axis, so that the
// spread of test RMSEs over repeated runs, and where the persistence baseline lies, show at a glance.
//
//   lstm-32     ├──┾━━╋━━┽───────┤  ┆
//   gru-32  ├─┾━╋━┽──┤              ┆      o
//           ─────┬─────────┬────────┴─┬─────
//               0.18      0.19       0.20
//   ┆ persistence RMSE = 0.1985
//
// Whisker ├ ┤, box from q25 to q75 ━ with edges ┝ ┥ (┾ ┽ where a whisker joins), median ╋,
// outliers o, reference line ┆ (┼ where it crosses a whisker, ┿ across a box).

import { quantile, requireFiniteSample } from '../stats/describe.js';

export interface BoxPlotGroup {
  name: string;
  values: number[];
}

export interface BoxPlotOptions {
  /** Total width of every returned line, in terminal columns. At least 20. */
  width: number;
  /** A value to mark on every row, such as the persistence RMSE, and its name for the legend. */
  reference?: { value: number; label: string };
  /**
   * More values to mark, each drawn with its own one-character mark (such as other baselines'
   * RMSEs). One that lies further from the boxes than the boxes span is not drawn; the legend
   * says so. Boxes and whiskers are drawn over them.
   */
  marks?: { value: number; label: string; mark: string }[];
}

/** What a box plot draws, by matplotlib's convention (matplotlib.cbook.boxplot_stats, whis=1.5). */
export interface BoxPlotStats {
  q25: number;
  median: number;
  q75: number;
  /** Smallest value not below q25 - 1.5 IQR (q25 itself if there is none). */
  whiskerLow: number;
  /** Largest value not above q75 + 1.5 IQR (q75 itself if there is none). */
  whiskerHigh: number;
  /** Values beyond the whiskers, ascending. */
  outliers: number[];
}

export const MIN_BOX_PLOT_WIDTH = 20;

export function boxPlotStats(values: readonly number[]): BoxPlotStats {
  requireFiniteSample(values, 'values');
  const sorted = [...values].sort((x, y) => x - y);
  const q25 = quantile(sorted, 0.25);
  const median = quantile(sorted, 0.5);
  const q75 = quantile(sorted, 0.75);
  const iqr = q75 - q25;
  const lowFence = q25 - 1.5 * iqr;
  const highFence = q75 + 1.5 * iqr;
  const inside = sorted.filter((v) => v >= lowFence && v <= highFence);
  // With interpolated quartiles the nearest data value inside the fence can lie inside the box;
  // matplotlib then draws no whisker on that side, and so do we.
  const whiskerLow = inside.length === 0 || inside[0] > q25 ? q25 : inside[0];
  const whiskerHigh = inside.length === 0 || inside[inside.length - 1] < q75 ? q75 : inside[inside.length - 1];
  const outliers = sorted.filter((v) => v < whiskerLow || v > whiskerHigh);
  return { q25, median, q75, whiskerLow, whiskerHigh, outliers };
}

/**
 * The lines to print for box plots of `groups` on one shared horizontal axis: one row per group,
 * then the axis with tick marks, the tick labels and, with a reference, a legend line naming it.
 * No line is longer than `options.width`; trailing spaces are trimmed.
 */
export function renderBoxPlots(groups: readonly BoxPlotGroup[], options: BoxPlotOptions): string[] {
  checkArguments(groups, options);
  const { width, reference } = options;
  const stats = groups.map((g) => boxPlotStats(g.values));
  const dataLo = groups.reduce((m, g) => g.values.reduce((a, v) => Math.min(a, v), m), Infinity);
  const dataHi = groups.reduce((m, g) => g.values.reduce((a, v) => Math.max(a, v), m), -Infinity);
  const span = Math.max(dataHi - dataLo, Math.abs(dataHi) * 0.01);
  const marks = (options.marks ?? []).map((m) => ({ ...m, drawn: m.value >= dataLo - span && m.value <= dataHi + span }));

  // Names get at most a third of the width; the plot needs the rest more.
  const nameWidth = Math.min(
    Math.max(...groups.map((g) => Array.from(g.name).length)),
    Math.floor(width / 3),
  );
  const gutter = nameWidth + 1;
  const plotWidth = width - gutter;

  const allValues = groups.flatMap((g) => g.values);
  if (reference !== undefined) allValues.push(reference.value);
  for (const m of marks) if (m.drawn) allValues.push(m.value);
  // reduce, not Math.min(...), which overflows the call stack on very long arrays
  const lo = allValues.reduce((m, v) => Math.min(m, v), Infinity);
  const hi = allValues.reduce((m, v) => Math.max(m, v), -Infinity);
  if (!Number.isFinite(hi - lo)) {
    throw new RangeError(`values and reference must span a finite range, got ${lo} to ${hi}`);
  }
  const axis = chooseAxis(lo, hi, plotWidth, gutter, width);
  const column = (v: number): number =>
    Math.min(plotWidth - 1, Math.max(0, Math.round(((v - axis.from) / (axis.to - axis.from)) * (plotWidth - 1))));
  const referenceColumn = reference === undefined ? undefined : column(reference.value);

  const markColumns = marks.filter((m) => m.drawn).map((m) => ({ column: column(m.value), mark: m.mark }));
  const rows = groups.map((g, i) => {
    const cells = drawBox(stats[i], column, plotWidth, referenceColumn, markColumns);
    return (fitName(g.name, nameWidth) + ' ' + cells.join('')).trimEnd();
  });

  const axisCells = new Array<string>(plotWidth).fill('─');
  for (const tick of axis.ticks) axisCells[tick.column] = '┬';
  if (referenceColumn !== undefined) {
    axisCells[referenceColumn] = axisCells[referenceColumn] === '┬' ? '┼' : '┴';
  }
  const axisLine = ' '.repeat(gutter) + axisCells.join('');

  const labelCells = new Array<string>(width).fill(' ');
  for (const tick of axis.ticks) {
    Array.from(tick.label).forEach((ch, k) => (labelCells[tick.labelStart + k] = ch));
  }
  const lines = [...rows, axisLine, labelCells.join('').trimEnd()];
  if (reference !== undefined) {
    lines.push(truncate(`┆ ${reference.label} = ${formatValue(reference.value)}`, width));
  }
  for (const m of marks) {
    lines.push(truncate(`${m.mark} ${m.label} = ${formatValue(m.value)}${m.drawn ? '' : ' (off the scale, not drawn)'}`, width));
  }
  return lines;
}

function checkArguments(groups: readonly BoxPlotGroup[], options: BoxPlotOptions): void {
  if (!Array.isArray(groups)) throw new TypeError('groups must be an array of { name, values }');
  if (groups.length === 0) throw new RangeError('groups must contain at least one group, got none');
  groups.forEach((g, i) => {
    if (typeof g?.name !== 'string') throw new TypeError(`groups[${i}].name must be a string`);
    requireFiniteSample(g.values, `groups[${i}].values`);
  });
  const { width, reference } = options;
  if (!Number.isInteger(width) || width < MIN_BOX_PLOT_WIDTH) {
    throw new RangeError(`width must be an integer of at least ${MIN_BOX_PLOT_WIDTH}, got ${width}`);
  }
  if (reference !== undefined) {
    if (typeof reference.value !== 'number' || !Number.isFinite(reference.value)) {
      throw new RangeError(`reference.value must be a finite number, got ${reference.value}`);
    }
    if (typeof reference.label !== 'string') throw new TypeError('reference.label must be a string');
  }
  for (const m of options.marks ?? []) {
    if (!Number.isFinite(m.value)) throw new RangeError(`marks: ${m.label} must be a finite number, got ${m.value}`);
    if (Array.from(m.mark).length !== 1) throw new RangeError(`marks: the mark of ${m.label} must be one character, got ${JSON.stringify(m.mark)}`);
  }
}

/** One row of cells; later layers win: reference line, whiskers, outliers, box, median. */
function drawBox(
  s: BoxPlotStats,
  column: (v: number) => number,
  plotWidth: number,
  referenceColumn: number | undefined,
  markColumns: { column: number; mark: string }[] = [],
): string[] {
  const cells = new Array<string>(plotWidth).fill(' ');
  for (const m of markColumns) cells[m.column] = m.mark;
  if (referenceColumn !== undefined) cells[referenceColumn] = '┆';
  const [low, q25, median, q75, high] = [s.whiskerLow, s.q25, s.median, s.q75, s.whiskerHigh].map(column);

  for (let c = low; c <= high; c++) {
    if (c >= q25 && c <= q75) continue;
    cells[c] = cells[c] === '┆' ? '┼' : '─';
  }
  if (low < q25) cells[low] = '├';
  if (high > q75) cells[high] = '┤';

  // On a narrow plot an outlier can round onto a whisker end (it then shows as o) or even into
  // the box (hidden: the box and the median matter more).
  for (const v of s.outliers) cells[column(v)] = 'o';

  for (let c = q25; c <= q75; c++) cells[c] = cells[c] === '┆' ? '┿' : '━';
  if (q25 < q75) {
    cells[q25] = low < q25 ? '┾' : '┝';
    cells[q75] = high > q75 ? '┽' : '┥';
  }
  cells[median] = '╋';
  return cells;
}

interface Tick {
  value: number;
  label: string;
  /** Column on the plot (0 = first column after the names). */
  column: number;
  /** Where the label starts on the whole line. */
  labelStart: number;
}

interface Axis {
  from: number;
  to: number;
  ticks: Tick[];
}

/**
 * Picks the axis range and round tick values (1, 2 or 5 times a power of ten) for data from `lo`
 * to `hi`. Prefers the data range itself, so the boxes get every column; if no tick step gives two
 * readable labels inside it, widens the range to whole steps (then both ends carry a label).
 */
function chooseAxis(lo: number, hi: number, plotWidth: number, gutter: number, width: number): Axis {
  if (hi === lo) {
    // A single value (or all equal) still needs a scale: centre it in a range of ±10 %, or ±1
    // around 0 (and around values so small that 10 % of them rounds to nothing).
    const pad = lo - Math.abs(lo) * 0.1 < lo ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  if (!Number.isFinite(hi - lo)) return { from: lo, to: hi, ticks: [] };
  const exponent = Math.floor(Math.log10(hi - lo));
  const steps: number[] = [];
  for (let e = exponent - 2; e <= exponent + 1; e++) {
    for (const m of [1, 2, 5]) steps.push(m * 10 ** e);
  }
  for (const widen of [false, true]) {
    for (const step of steps) {
      const from = widen ? Math.floor(lo / step) * step : lo;
      const to = widen ? Math.ceil(hi / step) * step : hi;
      const ticks = placeTicks(from, to, step, plotWidth, gutter, width);
      if (ticks !== undefined) return { from, to, ticks };
    }
  }
  return { from: lo, to: hi, ticks: [] }; // labels cannot fit at all: an unlabelled axis
}

/** Ticks at the multiples of `step` in [from, to], or undefined if fewer than 2 or labels collide. */
function placeTicks(
  from: number,
  to: number,
  step: number,
  plotWidth: number,
  gutter: number,
  width: number,
): Tick[] | undefined {
  // A range down at the smallest doubles can underflow the step to 0.
  if (!(step > 0) || !Number.isFinite(from / step) || !Number.isFinite(to / step)) return undefined;
  // Tolerance so that a range end that is a multiple up to rounding still gets its tick.
  const first = Math.ceil(from / step - 1e-9);
  const last = Math.floor(to / step + 1e-9);
  if (last - first < 1 || last - first > plotWidth) return undefined;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const minColumnsBetweenTicks = 6;
  const ticks: Tick[] = [];
  for (let k = first; k <= last; k++) {
    const value = k * step;
    const column = Math.min(plotWidth - 1, Math.max(0, Math.round(((value - from) / (to - from)) * (plotWidth - 1))));
    const label = formatTick(value, decimals);
    const centred = gutter + column - Math.floor((label.length - 1) / 2);
    const labelStart = Math.min(Math.max(centred, 0), width - label.length);
    const previous = ticks[ticks.length - 1];
    if (labelStart < 0) return undefined;
    if (previous !== undefined) {
      const gap = labelStart - (previous.labelStart + previous.label.length);
      if (gap < 2 || column - previous.column < minColumnsBetweenTicks) return undefined;
    }
    ticks.push({ value, label, column, labelStart });
  }
  return ticks;
}

function formatTick(value: number, decimals: number): string {
  // Fixed notation stops being readable (and toFixed refuses more than 100 decimals).
  if (decimals > 9 || Math.abs(value) >= 1e9) return String(Number(value.toPrecision(6)));
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

function formatValue(value: number): string {
  return String(Number(value.toPrecision(4)));
}

function fitName(name: string, nameWidth: number): string {
  const chars = Array.from(name);
  if (chars.length <= nameWidth) return name + ' '.repeat(nameWidth - chars.length);
  return chars.slice(0, nameWidth - 1).join('') + '…';
}

function truncate(line: string, width: number): string {
  const chars = Array.from(line);
  return chars.length <= width ? line : chars.slice(0, width - 1).join('') + '…';
}
