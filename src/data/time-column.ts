// The time column of a table: which column it is when none is named, reading its labels in one
// format (a bad label is reported at its line), and what to tell the user about its time axis.

import { DataError } from '../errors.js';
import { describeFormat, detectTimeFormat, formatKind, labelKind, parseInFormat, type OrderAssumption, type TimeFormat, type TimeKind } from './time-format.js';
import { describePeriod, type TimeAxis } from './time-index.js';

/** A column as the time column code sees it: its name in messages, and its data-row fields. */
export interface ColumnView {
  /** `column "Date"`, or `column 1` without a header. */
  label: string;
  /** The header name ('' without a header). */
  name: string;
  /** The fields of the data rows, or a sample of them for findTimeColumn. */
  values: readonly string[];
}

/** Header names that make a column of four-digit integers a column of years. */
const YEAR_NAME = /year|jahr|ann[ée]e|a[ñn]o/i;

/**
 * The first column, other than `exclude`, whose non-empty values are mostly time labels of one
 * format: months, dates or date-times in any of the forms time-format reads. Step numbers never
 * count, and bare years only in the first column or one whose name says year, and only when they
 * increase: elsewhere four-digit integers are more often data. Null when there is none.
 */
export function findTimeColumn(columns: readonly ColumnView[], exclude: number | undefined): number | null {
  for (let j = 0; j < columns.length; j++) {
    if (j === exclude) continue;
    const { values, name } = columns[j]!;
    const detected = detectTimeFormat(values);
    if (detected === null) continue;
    const filled = values.filter((v) => v.trim() !== '').length;
    if (detected.misfits * 2 >= filled) continue;
    const kind = formatKind(detected.format);
    if (kind === 'index') continue;
    if (kind === 'year' && !((j === 0 || YEAR_NAME.test(name)) && increases(values, detected.format))) continue;
    return j;
  }
  return null;
}

function increases(values: readonly string[], format: TimeFormat): boolean {
  let previous = -Infinity;
  for (const v of values) {
    const o = parseInFormat(v, format);
    if (o === null || o <= previous) return false;
    previous = o;
  }
  return true;
}

/** The labels of a time column read in its format, in order. */
export interface TimeColumnReading {
  format: TimeFormat;
  ordinals: Float64Array;
  assumed: OrderAssumption | null;
}

const KIND_NAMES: Record<TimeKind, [string, string]> = {
  year: ['a year', 'years'],
  month: ['a month', 'months'],
  date: ['a date', 'dates'],
  datetime: ['a date with a time', 'dates with times'],
  index: ['a step number', 'step numbers'],
};

/** Labels read to find the format of a long time column. */
const FORMAT_SAMPLE = 1000;

const EXAMPLES = '1949-01, Apr-2003, 1949, 1981-01-31, 31/01/1981, 1981-01-31 10:00';

/**
 * Reads every label of the time column in the format most of them share; each must be one and
 * later than the one before. Messages name `file` and the line of row r, `line(r)`; `prefer`
 * settles an open day/month order (a describeFormat pattern).
 */
export function readTimeColumn(column: ColumnView, file: string, line: (r: number) => number, prefer?: string): TimeColumnReading {
  const where = (r: number): string => `${file}:${line(r)}`;
  const labels = column.values;
  // the start of a long column shows its format; all of it is needed only to settle an open day/month order
  let detected = detectTimeFormat(labels.length > 2 * FORMAT_SAMPLE ? labels.slice(0, FORMAT_SAMPLE) : labels, prefer);
  if (detected !== null && detected.assumed !== null && labels.length > 2 * FORMAT_SAMPLE) detected = detectTimeFormat(labels, prefer);
  const ordinals = new Float64Array(labels.length);
  for (let r = 0; r < labels.length; r++) {
    const label = labels[r]!;
    if (label.trim() === '') throw new DataError(`${where(r)}: ${column.label}: empty time label`);
    const ordinal = detected === null ? null : parseInFormat(label, detected.format);
    if (ordinal === null) throw new DataError(`${where(r)}: ${column.label}: ${badLabel(label, detected?.format ?? null)}`);
    ordinals[r] = ordinal;
    if (r > 0 && ordinal <= ordinals[r - 1]!) {
      // the labels so far increase, so a repeat can be found by binary search
      const same = binarySearch(ordinals, r, ordinal);
      if (same >= 0) throw new DataError(`${where(r)}: ${column.label}: ${quote(label)} repeats line ${line(same)}`);
      throw new DataError(`${where(r)}: ${column.label}: ${quote(label)} is not after ${quote(labels[r - 1]!)} (time must increase)`);
    }
  }
  return { format: detected!.format, ordinals, assumed: detected!.assumed };
}

function badLabel(label: string, format: TimeFormat | null): string {
  const kind = labelKind(label);
  if (format === null) return `${quote(label)} is not a time label (expected e.g. ${EXAMPLES})`;
  const expected = formatKind(format);
  if (kind !== null && kind !== expected) return `${quote(label)} is ${KIND_NAMES[kind][0]}, but the other labels are ${KIND_NAMES[expected][1]}`;
  return `${quote(label)} is not a time label in the column's format (${describeFormat(format)})`;
}

/** How many gaps are listed by name before "and N more". */
const GAPS_LISTED = 3;

/**
 * The warnings a time axis calls for: gaps (rows on either side are treated as consecutive),
 * steps that are no whole number of periods, no regular step at all, and an assumed day/month order.
 */
export function timeAxisWarnings(axis: TimeAxis, columnLabel: string, assumed: OrderAssumption | null, rows: number): string[] {
  const warnings: string[] = [];
  const where = `time ${columnLabel}`;
  if (assumed !== null) {
    warnings.push(`${where} has no day or month above 12: read as ${describeFormat(axis.format)} (${ASSUMPTIONS[assumed]})`);
  }
  if (axis.period === null) {
    if (rows > 2) warnings.push(`${where} has no regular step: the rows are treated as consecutive, and forecasts are labelled +1, +2, ...`);
    return warnings;
  }
  const { gaps } = axis;
  if (gaps.length > 0) {
    const listed = gaps.slice(0, GAPS_LISTED).map((g) => (g.count === 1 ? g.first : `${g.first} .. ${g.last}`));
    const more = gaps.length > GAPS_LISTED ? ` and ${gaps.length - GAPS_LISTED} more` : '';
    warnings.push(
      `${gaps.length} ${gaps.length === 1 ? 'gap' : 'gaps'} in ${where} (${listed.join(', ')}${more} missing): the rows are treated as consecutive`,
    );
  }
  if (axis.irregularSteps > 0) {
    const n = axis.irregularSteps;
    warnings.push(`${n} ${n === 1 ? 'step' : 'steps'} in ${where} ${n === 1 ? 'is' : 'are'} not a whole number of periods (${describePeriod(axis.period)}): the rows are treated as consecutive`);
  }
  return warnings;
}

const ASSUMPTIONS: Record<OrderAssumption, string> = {
  'only-increasing': 'the only order in which time increases',
  'only-regular': 'the only order with a regular step',
  preferred: 'the order the model was trained with',
  default: 'day first; if the file is month-first, forecasts are labelled wrongly',
};

/** The warning when no column holds time labels: forecasts cannot be labelled with times. */
export function noTimeColumnWarning(others: readonly ColumnView[]): string {
  const names = others.map((c) => c.label.replace(/^column /, '')).join(', ');
  const found = others.length === 1 ? `${names} holds no` : `none of ${names} holds`;
  return `no time column found (${found} dates or periods in a known format): forecasts are labelled +1, +2, ...; name one with --time-column`;
}

function binarySearch(sorted: Float64Array, length: number, target: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === target) return mid;
    if (v < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A value in double quotes, escaped onto one line and cut short when long. */
function quote(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(short);
}
