// The time axis of a series: its regular step (the period), the gaps where whole periods are
// missing, and the labels that follow the last one, written in the file's own format.
//
// A gap does not change the data: the rows around it are treated as consecutive observations
// (nothing is imputed, the network sees one step), and the loader warns about it. Labels past the
// end continue from the last label by the period.

import { describeFormat, detectTimeFormat, formatInFormat, formatKind, parseInFormat, type TimeFormat, type TimeKind } from './time-format.js';

export type { TimeFormat, TimeKind } from './time-format.js';

/** A label read on its own: its kind, its position on the time axis, and the format to write it back in. */
export interface TimePoint {
  kind: TimeKind;
  /** Months since year 0 for years and months, UTC milliseconds for dates and date-times, the integer for step numbers. */
  ordinal: number;
  format: TimeFormat;
}

/**
 * The regular step between labels. Months are calendar months, not a fixed number of
 * milliseconds, so dates on the same day of each month (or on the last day of each month) step by
 * months too; years step by 12 months.
 */
export type Period =
  | { unit: 'month'; count: number }
  | { unit: 'ms'; count: number }
  | { unit: 'step'; count: number };

/** Whole periods missing between two consecutive labels. */
export interface Gap {
  /** 0-based index of the label before the gap. */
  after: number;
  /** How many labels are missing. */
  count: number;
  /** The first and last missing label (the same when one is missing), in the labels' format. */
  first: string;
  last: string;
}

/** What the labels of a time column say about its time axis. */
export interface TimeAxis {
  format: TimeFormat;
  /** The most common step when more than half of all steps are one period; null when there is no clear one. */
  period: Period | null;
  /** Steps of several periods, in order. */
  gaps: Gap[];
  /** Steps that are not a whole number of periods (or, without a period, all steps). */
  irregularSteps: number;
}

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;
const MS_PER_WEEK = 7 * MS_PER_DAY;

/**
 * How far a step may stray from a whole number of periods and still count as one, as a share of
 * the period: sensors that log "every minute" at 17:51:00, 17:51:59, 17:53:00 step by the minute.
 */
const JITTER = 0.05;

/** Parses one label on its own (a day-first date when its order is open); null when it is no time label. */
export function parseTimeLabel(label: string): TimePoint | null {
  const detected = detectTimeFormat([label]);
  if (detected === null || detected.misfits > 0) return null;
  const ordinal = parseInFormat(label, detected.format);
  return ordinal === null ? null : { kind: formatKind(detected.format), ordinal, format: detected.format };
}

/** Writes a point back as a label in its format. */
export function formatTimeLabel(point: TimePoint): string {
  return formatInFormat(point.ordinal, point.format);
}

/**
 * Reads a column of labels (every one in one format: see detectTimeFormat) as a time axis, or
 * null when they are not, or do not increase. `prefer` settles an open day/month order.
 */
export function analyseTimeAxis(labels: readonly string[], prefer?: string): TimeAxis | null {
  const detected = detectTimeFormat(labels, prefer);
  if (detected === null || detected.misfits > 0) return null;
  const format = detected.format;
  const ordinals: number[] = [];
  for (const label of labels) {
    const o = parseInFormat(label, format);
    if (o === null || (ordinals.length > 0 && !(o > ordinals[ordinals.length - 1]!))) return null;
    ordinals.push(o);
  }
  return axisOf(ordinals, format);
}

/** The time axis of labels already parsed (increasing ordinals in `format`). */
export function axisOf(ordinals: readonly number[], format: TimeFormat): TimeAxis {
  const scale = scaleOf(ordinals, format);
  const xs = ordinals.map(scale.toUnit);
  if (xs.length < 2) return { format, period: null, gaps: [], irregularSteps: 0 };
  const steps = xs.slice(1).map((x, i) => x - xs[i]!);
  const p = mostCommon(steps);
  const tolerance = scale.unit === 'ms' ? p * JITTER : 0;
  const onGrid = gridOf(xs, p, scale.unit);
  let regular = 0;
  let irregularSteps = 0;
  const gaps: Gap[] = [];
  steps.forEach((step, i) => {
    const k = Math.round(step / p);
    if (k < 1 || Math.abs(step - k * p) > tolerance) irregularSteps++;
    else if (k === 1) regular++;
    else {
      const before = onGrid(xs[i]!);
      const label = (j: number): string => formatInFormat(scale.fromUnit(before + j * p, ordinals[i]!), format);
      gaps.push({ after: i, count: k - 1, first: label(1), last: label(k - 1) });
    }
  });
  if (regular * 2 <= steps.length) return { format, period: null, gaps: [], irregularSteps: steps.length };
  return { format, period: { unit: scale.unit, count: p }, gaps, irregularSteps };
}

/**
 * The regular step of the labels, or null when there are fewer than two, they are not all time
 * labels of one format, they do not increase, or no step makes up more than half of all steps.
 * Gaps (steps of several periods) do not hide the period: daily data with two days missing is
 * still daily. This is the period a season is measured in (7 for daily data with weekly cycles).
 */
export function detectPeriod(labels: readonly string[]): Period | null {
  return analyseTimeAxis(labels)?.period ?? null;
}

/** How a person would say the period: "1 month", "15 minutes", "1 day", "step 1". */
export function describePeriod(period: Period): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  switch (period.unit) {
    case 'month':
      return period.count % 12 === 0 ? plural(period.count / 12, 'year') : plural(period.count, 'month');
    case 'step':
      return `step ${period.count}`;
    case 'ms': {
      const ms = period.count;
      if (ms % MS_PER_DAY === 0) return ms % MS_PER_WEEK === 0 ? plural(ms / MS_PER_WEEK, 'week') : plural(ms / MS_PER_DAY, 'day');
      if (ms % MS_PER_HOUR === 0) return plural(ms / MS_PER_HOUR, 'hour');
      if (ms % MS_PER_MINUTE === 0) return plural(ms / MS_PER_MINUTE, 'minute');
      if (ms % MS_PER_SECOND === 0) return plural(ms / MS_PER_SECOND, 'second');
      return plural(ms, 'millisecond');
    }
  }
}

/**
 * The h labels after the last one, in the labels' format, a period apart (a jittered last label
 * is first put back on the grid of the others); null when the labels have no clear period (see
 * detectPeriod). `prefer` settles an open day/month order, as analyseTimeAxis.
 */
export function continueLabels(labels: readonly string[], h: number, prefer?: string): string[] | null {
  if (!Number.isSafeInteger(h) || h < 0) throw new RangeError(`h must be a non-negative integer, got ${h}`);
  const axis = analyseTimeAxis(labels, prefer);
  if (axis === null) return null;
  return continueAxis(labels, axis, h);
}

/** continueLabels for an axis already analysed from `labels`. */
export function continueAxis(labels: readonly string[], axis: TimeAxis, h: number): string[] | null {
  if (axis.period === null) return null;
  const ordinals = labels.map((l) => parseInFormat(l, axis.format)!);
  const scale = scaleOf(ordinals, axis.format);
  const xs = ordinals.map(scale.toUnit);
  const p = axis.period.count;
  const start = gridOf(xs, p, scale.unit)(xs[xs.length - 1]!);
  const lastOrdinal = ordinals[ordinals.length - 1]!;
  return Array.from({ length: h }, (_, k) => formatInFormat(scale.fromUnit(start + (k + 1) * p, lastOrdinal), axis.format));
}

/**
 * True when most non-empty values are time labels of one format other than step numbers and
 * bare years: a column of 1, 2, 3 (or of 1949, 1950) is more often data than time.
 */
export function looksLikeTimeColumn(values: readonly string[]): boolean {
  const detected = detectTimeFormat(values);
  if (detected === null || detected.misfits > 0) return false;
  const kind = formatKind(detected.format);
  return kind !== 'index' && kind !== 'year';
}

/** The format's pattern, as saved with a model and given back as `prefer`. */
export function formatPattern(format: TimeFormat): string {
  return describeFormat(format);
}

/**
 * The unit steps are counted in: calendar months for months and years, and for dates that all
 * fall on the same day of the month (or all on the last day) at the same time of day; else the
 * ordinals themselves (milliseconds or step numbers).
 */
interface Scale {
  unit: Period['unit'];
  toUnit: (ordinal: number) => number;
  /** Back to an ordinal; `like` is a label's ordinal whose day and time of day months keep. */
  fromUnit: (x: number, like: number) => number;
}

function scaleOf(ordinals: readonly number[], format: TimeFormat): Scale {
  const identity = (x: number): number => x;
  if (format.form === 'year' || format.form === 'year-month' || format.form === 'month-name') {
    return { unit: 'month', toUnit: identity, fromUnit: identity };
  }
  if (format.form === 'index') return { unit: 'step', toUnit: identity, fromUnit: identity };
  const first = new Date(ordinals[0] ?? 0);
  const sameTime = ordinals.every((o) => timeOfDay(o) === timeOfDay(ordinals[0]!));
  const sameDay = first.getUTCDate() <= 28 && ordinals.every((o) => new Date(o).getUTCDate() === first.getUTCDate());
  const lastDays = ordinals.length > 1 && ordinals.every(isLastDayOfMonth);
  if (sameTime && (sameDay || lastDays)) {
    return {
      unit: 'month',
      toUnit: monthOrdinal,
      fromUnit: (x, like) => {
        const d = new Date(like);
        const year = Math.floor(x / 12);
        const next = new Date(0);
        // day 0 of the following month is the last day of this one
        next.setUTCFullYear(year, x - year * 12 + (lastDays ? 1 : 0), lastDays ? 0 : d.getUTCDate());
        next.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
        return next.getTime();
      },
    };
  }
  return { unit: 'ms', toUnit: identity, fromUnit: identity };
}

/**
 * Puts a jittered millisecond time back on the grid most times fall on (the same offset within
 * the period: 17:51:59 goes to 17:52:00 when most times are on the minute). Months and steps are exact.
 */
function gridOf(xs: readonly number[], p: number, unit: Period['unit']): (x: number) => number {
  if (unit !== 'ms') return (x) => x;
  const phase = mostCommon(xs.map((x) => mod(x, p)));
  return (x) => x + mod(phase - x + p / 2, p) - p / 2;
}

/** The most common value; the smallest of the most common when several tie. */
function mostCommon(xs: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = xs[0]!;
  let bestCount = 0;
  for (const x of xs) {
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    if (n > bestCount || (n === bestCount && x < best)) {
      best = x;
      bestCount = n;
    }
  }
  return best;
}

function mod(x: number, m: number): number {
  return ((x % m) + m) % m;
}

function timeOfDay(ms: number): number {
  return mod(ms, MS_PER_DAY);
}

function monthOrdinal(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function isLastDayOfMonth(ms: number): boolean {
  return new Date(ms + MS_PER_DAY).getUTCDate() === 1;
}
