// What the fields of a column look like: numbers, time labels, missing values, and whether the
// first row is a header above them. Decided on a sample of rows, by majority, so that one typo
// is reported at its line instead of changing how the whole column is read.
import { isMissingValue } from './missing-values.js';
import { labelKind, type TimeKind } from './time-format.js';

export const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
export const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * The first row is a header when it has a field that is not a number in a column whose later
 * values are mostly numbers, or that is not a time label in a column of time labels. A lone row
 * is a header when none of its fields is a number or a time label.
 */
export function detectHeader(cells: string[][], sampleSize: number): boolean {
  const first = cells.map((c) => c[0]!);
  const sampleRows = Math.min(sampleSize, cells[0]!.length - 1);
  if (sampleRows === 0) {
    return first.every((f) => f.trim() !== '' && !isNumberLike(f.trim()) && labelKind(f) === null);
  }
  return first.some((field, j) => {
    const head = field.trim();
    if (isMissingValue(head) || isNumberLike(head)) return false;
    const column = cells[j]!.slice(1, 1 + sampleRows);
    if (mostlyNumbers(column)) return true;
    return labelKind(head) === null && mostlyTimeLabels(column);
  });
}

/**
 * Mostly, not all: a column with a typo in it is still the target, so that the typo is reported
 * with its line number instead of "no numeric column".
 */
export function mostlyNumbers(values: string[]): boolean {
  let filled = 0;
  let numbers = 0;
  for (const value of values) {
    const text = value.trim();
    if (isMissingValue(text)) continue;
    filled++;
    if (isNumberLike(text)) numbers++;
  }
  return filled > 0 && numbers * 2 > filled;
}

/**
 * Whether most non-empty values are month, date or date-time labels of one kind (each read on its
 * own): a majority, so that a typo does not hide a header above a time column.
 */
function mostlyTimeLabels(values: string[]): boolean {
  const counts = new Map<TimeKind, number>();
  let filled = 0;
  for (const value of values) {
    if (value.trim() === '') continue;
    filled++;
    const kind = labelKind(value);
    if (kind !== null && kind !== 'index' && kind !== 'year') counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts.values()].some((n) => n * 2 > filled);
}

export function isNumberLike(text: string): boolean {
  return NUMBER.test(text) || NON_FINITE.test(text);
}
