// Time labels of a series ("1-01", "1949-01", "1981-01-01", "1981-01-01 10:00", "7"): parse them,
// find their regular step, and write the labels that follow in the same style as the input.

export type TimeKind = 'month' | 'date' | 'datetime' | 'index';

/** How a label was written, so that the labels after it can be written the same way. */
export type LabelStyle =
  | { kind: 'month'; yearDigits: number } // "1-01" has 1 year digit and continues as "4-01"
  | { kind: 'date' }
  | {
      kind: 'datetime';
      separator: 'T' | ' ';
      seconds: boolean; // "10:00" or "10:00:00"
      fractionDigits: number; // "10:00:00.5" has 1
      utcSuffix: boolean; // a trailing "Z"
    }
  | { kind: 'index'; width: number }; // "007" keeps its zero padding; width 0 means none

export interface TimePoint {
  kind: TimeKind;
  /** Months since year 0 for 'month', UTC milliseconds for 'date' and 'datetime', the integer for 'index'. */
  ordinal: number;
  style: LabelStyle;
}

/**
 * The regular step between labels. Months are calendar months, not a fixed number of
 * milliseconds, so dates on the first of each month step by months too.
 */
export type Period =
  | { unit: 'month'; count: number }
  | { unit: 'ms'; count: number }
  | { unit: 'step'; count: number };

const MONTH = /^(\d+)-(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z?)$/;
const INDEX = /^-?\d+$/;

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/** Parses one label; null when it is none of the supported styles or names an impossible date. */
export function parseTimeLabel(label: string): TimePoint | null {
  const text = label.trim();
  let m = MONTH.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12 || !Number.isSafeInteger(year * 12)) return null;
    return { kind: 'month', ordinal: year * 12 + month - 1, style: { kind: 'month', yearDigits: m[1]!.length } };
  }
  m = DATE.exec(text);
  if (m) {
    const ms = utcMs(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0, 0);
    return ms === null ? null : { kind: 'date', ordinal: ms, style: { kind: 'date' } };
  }
  m = DATETIME.exec(text);
  if (m) {
    const fraction = m[8] ?? '';
    const ms = utcMs(
      Number(m[1]), Number(m[2]), Number(m[3]),
      Number(m[5]), Number(m[6]), Number(m[7] ?? 0),
      fraction === '' ? 0 : Math.round(Number(`0.${fraction}`) * 1000),
    );
    if (ms === null) return null;
    const style: LabelStyle = {
      kind: 'datetime',
      separator: m[4] === 'T' ? 'T' : ' ',
      seconds: m[7] !== undefined,
      fractionDigits: fraction.length,
      utcSuffix: m[9] === 'Z',
    };
    return { kind: 'datetime', ordinal: ms, style };
  }
  if (INDEX.test(text)) {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) return null;
    const digits = text.replace('-', '');
    const width = digits.length > 1 && digits.startsWith('0') ? digits.length : 0;
    return { kind: 'index', ordinal: n, style: { kind: 'index', width } };
  }
  return null;
}

/** Writes a point back as a label in its style. */
export function formatTimeLabel(point: TimePoint): string {
  const { style, ordinal } = point;
  switch (style.kind) {
    case 'month': {
      const year = Math.floor(ordinal / 12);
      const month = ordinal - year * 12 + 1;
      return `${pad(year, style.yearDigits)}-${pad(month, 2)}`;
    }
    case 'date':
      return new Date(ordinal).toISOString().slice(0, 10);
    case 'datetime': {
      // toISOString always has the form YYYY-MM-DDTHH:MM:SS.mmmZ for years 0..9999
      const iso = new Date(ordinal).toISOString();
      let text = `${iso.slice(0, 10)}${style.separator}${iso.slice(11, 16)}`;
      if (style.seconds) text += iso.slice(16, 19);
      if (style.fractionDigits > 0) text += iso.slice(19, 20 + style.fractionDigits);
      if (style.utcSuffix) text += 'Z';
      return text;
    }
    case 'index':
      return ordinal < 0 ? `-${pad(-ordinal, style.width)}` : pad(ordinal, style.width);
  }
}

/**
 * The regular step of the labels, or null when there are fewer than two, they do not all parse
 * as the same kind, or the steps differ (gaps, repeats, decreasing time).
 */
export function detectPeriod(labels: string[]): Period | null {
  const points = parseAllSameKind(labels);
  if (points === null || points.length < 2) return null;
  const kind = points[0]!.kind;
  if (kind === 'month' || kind === 'index') {
    const step = constantStep(points.map((p) => p.ordinal));
    if (step === null) return null;
    return kind === 'month' ? { unit: 'month', count: step } : { unit: 'step', count: step };
  }
  // Monthly or yearly dates ("1949-01-01", "1949-02-01") differ by 28 to 31 days: count them in
  // calendar months when every date falls on the same day of the month at the same time of day.
  const first = new Date(points[0]!.ordinal);
  const sameDayAndTime =
    first.getUTCDate() <= 28 &&
    points.every((p) => new Date(p.ordinal).getUTCDate() === first.getUTCDate() && timeOfDay(p.ordinal) === timeOfDay(points[0]!.ordinal));
  if (sameDayAndTime) {
    const monthStep = constantStep(points.map((p) => monthOrdinal(p.ordinal)));
    if (monthStep !== null) return { unit: 'month', count: monthStep };
  }
  const msStep = constantStep(points.map((p) => p.ordinal));
  return msStep === null ? null : { unit: 'ms', count: msStep };
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
      if (ms % MS_PER_DAY === 0) return ms % (7 * MS_PER_DAY) === 0 ? plural(ms / (7 * MS_PER_DAY), 'week') : plural(ms / MS_PER_DAY, 'day');
      if (ms % MS_PER_HOUR === 0) return plural(ms / MS_PER_HOUR, 'hour');
      if (ms % MS_PER_MINUTE === 0) return plural(ms / MS_PER_MINUTE, 'minute');
      if (ms % MS_PER_SECOND === 0) return plural(ms / MS_PER_SECOND, 'second');
      return plural(ms, 'millisecond');
    }
  }
}

/**
 * The h labels after the last one, written in the style of the last one; null when the labels
 * have no regular period (see detectPeriod).
 */
export function continueLabels(labels: string[], h: number): string[] | null {
  if (!Number.isSafeInteger(h) || h < 0) throw new RangeError(`h must be a non-negative integer, got ${h}`);
  const period = detectPeriod(labels);
  if (period === null) return null;
  const last = parseTimeLabel(labels[labels.length - 1]!)!;
  const next: string[] = [];
  for (let k = 1; k <= h; k++) {
    next.push(formatTimeLabel({ ...last, ordinal: stepForward(last, period, k) }));
  }
  return next;
}

/**
 * True when every non-empty value is a month, date or datetime label of one kind. Plain integers
 * do not count: a column of 1, 2, 3 is more often data than a step index.
 */
export function looksLikeTimeColumn(values: string[]): boolean {
  const points = parseAllSameKind(values.filter((v) => v.trim() !== ''));
  return points !== null && points.length > 0 && points[0]!.kind !== 'index';
}

function parseAllSameKind(labels: string[]): TimePoint[] | null {
  const points: TimePoint[] = [];
  for (const label of labels) {
    const point = parseTimeLabel(label);
    if (point === null || (points.length > 0 && point.kind !== points[0]!.kind)) return null;
    points.push(point);
  }
  return points;
}

function constantStep(ordinals: number[]): number | null {
  const step = ordinals[1]! - ordinals[0]!;
  if (!(step > 0)) return null;
  for (let i = 2; i < ordinals.length; i++) {
    if (ordinals[i]! - ordinals[i - 1]! !== step) return null;
  }
  return step;
}

function stepForward(last: TimePoint, period: Period, k: number): number {
  if (period.unit !== 'month' || last.kind === 'month') return last.ordinal + k * period.count;
  // a date stepping by calendar months keeps its day of month and time of day
  const d = new Date(last.ordinal);
  const next = new Date(0);
  next.setUTCFullYear(d.getUTCFullYear(), d.getUTCMonth() + k * period.count, d.getUTCDate());
  next.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return next.getTime();
}

function timeOfDay(ms: number): number {
  return ((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
}

function monthOrdinal(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** UTC milliseconds, or null for an impossible date such as 1981-02-30 or 25:00. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 to 1900..1999
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date.getTime() : null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
