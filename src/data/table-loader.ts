// CSV text to a Table: the target, the feature columns and the time (and sequence) column,
// each column typed (numbers, or categories for a non-numeric feature), with --missing applied
// to every column the run reads. The univariate case reads exactly as parseSeries does.
import { DataError, UsageError } from '../errors.js';
import type { MissingPolicy, Role, Table, TableColumn, TableLabels, TaskChoice } from '../core/types.js';
import { labelsFromOneHot } from '../pipeline/one-hot-labels.js';
import {
  columnLabel,
  lastNumericColumn,
  parseNumber,
  quote,
  readCsv,
  resolveColumn,
  sampleColumn,
  SAMPLE_ROWS,
  type CsvTable,
} from './csv-loader.js';
import { applyMissingPolicy, isMissingValue } from './missing-values.js';
import { mostlyNumbers } from './column-content.js';
import { findTimeColumn, noTimeColumnWarning, readTimeColumn, timeAxisWarnings, type ColumnView, type TimeColumnReading } from './time-column.js';
import { axisOf } from './time-index.js';

export interface TableLoadOptions {
  /** The target column: a name or a 1-based index. Default: the last numeric column. */
  target?: string;
  /** Names, 1-based indexes, ranges (2-9) or `all`, comma-separated. Default: the target alone. */
  features?: string;
  timeColumn?: string;
  /** A day/month order to read dates in when the labels leave it open (a format pattern such as "MM/DD/YYYY"). */
  preferTimeFormat?: string;
  /** Long layout: consecutive rows with the same value form one sample. */
  sequenceColumn?: string;
  missing?: MissingPolicy;
  /** 0 makes `all` leave the target out (it may not be a feature then). */
  horizon?: number;
  /** wide: each row one sample, its numeric columns other than the target its time steps. */
  layout?: 'long' | 'wide';
  /** classify: the target holds class labels; absent: classify only when the target is not numeric. */
  task?: TaskChoice;
}

export function parseTable(input: Buffer | string, file: string, options: TableLoadOptions = {}): Table {
  if (options.layout === 'wide') {
    // the UCR/UEA layout: the target first, then the time steps
    return wideToLong(parseRows(input, file, { ...options, horizon: 0, target: options.target ?? '1', features: options.features ?? 'all' }, true));
  }
  return parseRows(input, file, options, false);
}

/** The table of rows as they are in the file; `wide` rows are samples (no time axis to warn about). */
function parseRows(input: Buffer | string, file: string, options: TableLoadOptions, wide: boolean): Table {
  const name = file === '-' ? 'stdin' : file;
  const missing = options.missing ?? 'error';
  const csv = readCsv(input, file);
  const width = csv.cells.length;

  // several target columns: the 0/1 columns of a one-hot class label
  const oneHot = options.task !== 'regress' && options.target !== undefined && options.target.includes(',') && !csv.columns.includes(options.target.trim())
    ? options.target.split(',').map((part) => resolveColumn(part, 'column', csv))
    : null;
  if (oneHot !== null) {
    const twice = oneHot.find((j, k) => oneHot.indexOf(j) !== k);
    if (twice !== undefined) throw new UsageError(`--target names ${columnLabel(twice, csv)} twice`);
  }
  let targetIndex = oneHot !== null ? oneHot[0] : options.target === undefined ? undefined : resolveColumn(options.target, 'column', csv);
  let timeIndex: number | null = options.timeColumn === undefined ? null : resolveColumn(options.timeColumn, 'time column', csv);
  const sequenceIndex = options.sequenceColumn === undefined ? null : resolveColumn(options.sequenceColumn, 'sequence column', csv);
  if (targetIndex !== undefined && targetIndex === timeIndex) {
    throw new UsageError(`--column and --time-column both name ${columnLabel(targetIndex, csv)}`);
  }
  if (sequenceIndex !== null && (sequenceIndex === targetIndex || sequenceIndex === timeIndex)) {
    throw new UsageError(`--sequence-column names ${columnLabel(sequenceIndex, csv)}, which is also the ${sequenceIndex === targetIndex ? 'target' : 'time'} column`);
  }
  const view = (j: number, rows: number): ColumnView => ({
    label: columnLabel(j, csv),
    name: csv.hasHeader ? csv.columns[j]! : '',
    values: csv.cells[j]!.slice(csv.firstRow, csv.firstRow + rows),
  });
  if (options.timeColumn === undefined && width > 1) {
    // the sequence column is never the time column, nor is the target
    const views = csv.columns.map((_, j) => (j === sequenceIndex ? { ...view(j, 0), values: [] } : view(j, SAMPLE_ROWS)));
    timeIndex = findTimeColumn(views, targetIndex);
  }
  targetIndex ??= lastNumericColumn(csv, timeIndex);
  const target = targetIndex;

  const labelIndexes = oneHot ?? [target];
  const nonNumeric = categorical(sampleColumn(csv, target));
  const classify = options.task === 'classify' || (options.task === undefined && (oneHot !== null || nonNumeric));
  const labelNotes: string[] = [];
  if (classify && options.task === undefined) {
    labelNotes.push(
      oneHot !== null
        ? `--target names ${oneHot.length} columns: classification was chosen, their 0/1 values a one-hot class label (use --task classify to say so)`
        : `the target ${columnLabel(target, csv)} is not numeric (e.g. ${quote(sampleColumn(csv, target).find((v) => v.trim() !== '') ?? '')}): classification was chosen (use --task classify to say so)`,
    );
  }
  for (const j of labelIndexes) {
    if (j === sequenceIndex) throw new UsageError(`--sequence-column names ${columnLabel(j, csv)}, which is also the target column`);
    if (j === timeIndex) throw new UsageError(`--column and --time-column both name ${columnLabel(j, csv)}`);
  }
  const horizonForFeatures = sequenceIndex !== null ? 0 : (options.horizon ?? 1);
  const featureIndexes =
    options.features === undefined
      ? classify
        ? // a classifier's inputs: every other column (the label itself is the answer, not an input)
          resolveFeatures('all', csv, { target, time: timeIndex, sequence: sequenceIndex, horizon: 0 }).filter((j) => !labelIndexes.includes(j))
        : [target]
      : resolveFeatures(options.features, csv, { target, time: timeIndex, sequence: sequenceIndex, horizon: horizonForFeatures });
  if (classify && oneHot !== null) {
    const both = featureIndexes.find((j) => oneHot.includes(j));
    if (both !== undefined) throw new UsageError(`${columnLabel(both, csv)} is one of the one-hot target columns, so it cannot also be a feature; leave it out of --features`);
  }
  if (classify && featureIndexes.length === 0) throw new UsageError('a classifier needs input columns besides the label; give them with --features');
  if (!classify && categorical(sampleColumn(csv, target))) {
    throw new UsageError(
      `the target ${columnLabel(target, csv)} is not numeric (e.g. ${quote(sampleColumn(csv, target).find((v) => v.trim() !== '') ?? '')}); ` +
        'choose a numeric column with --target, or leave out --task regress to classify its labels',
    );
  }

  const rowCount = csv.count - csv.firstRow;
  // whole sequences repeat their time labels from one sequence to the next: read as labels only
  const time: TimeColumnReading | null =
    timeIndex === null || sequenceIndex !== null ? null : readTimeColumn(view(timeIndex, rowCount), name, (r) => csv.lines[csv.firstRow + r]!, options.preferTimeFormat);
  const position = (r: number): number => (time === null ? r : time.ordinals[r]!);

  // the target first, so that its messages come first as they do for a single series
  const used = [...labelIndexes, ...featureIndexes.filter((j) => !labelIndexes.includes(j))];
  const warnings: string[] = [];
  // a single label column is read as text ("1" and "1.0" are two labels); one-hot columns as numbers
  const asText = (j: number) => (classify && oneHot === null && j === target) || (!labelIndexes.includes(j) && categorical(sampleColumn(csv, j)));
  const read = used.map((j) => readColumn(csv, j, asText(j), missing, position, warnings));
  const keep = new Uint8Array(rowCount).fill(1);
  for (const column of read) for (let r = 0; r < rowCount; r++) if (!column.keep(r)) keep[r] = 0;
  const kept: number[] = [];
  for (let r = 0; r < rowCount; r++) if (keep[r]) kept.push(r);
  if (kept.length === 0) throw new DataError(`${name}: ${columnLabel(target, csv)} has no values`);

  const roles = (j: number): Role[] => [...(j === target ? ['target' as const] : []), ...(featureIndexes.includes(j) ? ['feature' as const] : [])];
  let columns: TableColumn[] = used.map((j, k) => {
    const c = read[k]!;
    const base = { name: csv.columns[j]!, index: j, roles: roles(j) };
    if (c.type === 'number') return { ...base, type: 'number', values: Float64Array.from(kept, (r) => c.values[r]!) };
    return { ...base, type: 'category', values: kept.map((r) => c.values[r]!) };
  });
  let labels: TableLabels | undefined;
  let targetName = csv.columns[target]!;
  if (classify && oneHot !== null) {
    // the 0/1 columns become one label column named by them all
    const parts = columns.slice(0, oneHot.length);
    const { labels: names, noneRows } = labelsFromOneHot(
      parts.map((c) => ({ name: c.name, values: c.values as Float64Array })),
      name,
      kept.map((r) => csv.lines[csv.firstRow + r]!),
    );
    targetName = parts.map((c) => c.name).join(',');
    if (noneRows > 0) labelNotes.push(`${noneRows} ${noneRows === 1 ? 'row has' : 'rows have'} none of the one-hot columns ${targetName} set: labelled as the class "none"`);
    columns = [{ name: targetName, index: target, roles: ['target'], type: 'category', values: names }, ...columns.slice(oneHot.length)];
    labels = { columns: parts.map((c) => c.name), noneRows, notes: labelNotes };
  } else if (classify) {
    labels = { columns: [targetName], noneRows: 0, notes: labelNotes };
  }
  const timeAxis = time === null ? null : axisOf(kept.map((r) => time.ordinals[r]!), time.format);
  if (time !== null && timeAxis !== null) warnings.unshift(...timeAxisWarnings(timeAxis, columnLabel(timeIndex!, csv), time.assumed, kept.length));
  else if (timeIndex === null && width > 1 && sequenceIndex === null && !wide && !classify) {
    warnings.unshift(noTimeColumnWarning(csv.columns.flatMap((_, j) => (j === target ? [] : [view(j, 0)]))));
  }
  const targetColumn = columns[0]!;
  if (!classify && targetColumn.type === 'number' && targetColumn.values.length > 1 && targetColumn.values.every((v) => v === targetColumn.values[0])) {
    warnings.push(`${columnLabel(target, csv)} is constant (every value is ${targetColumn.values[0]})`);
  }
  const cell = (j: number, r: number) => csv.cells[j]![csv.firstRow + r]!.trim();
  return {
    file: name,
    columns,
    target: targetName,
    features: featureIndexes.map((j) => csv.columns[j]!),
    timeColumn: timeIndex === null ? null : csv.columns[timeIndex]!,
    timeAxis,
    times: kept.map((r, i) => (timeIndex === null ? String(i + 1) : cell(timeIndex, r))),
    lines: kept.map((r) => csv.lines[csv.firstRow + r]!),
    ...(sequenceIndex === null ? {} : { sequences: kept.map((r) => cell(sequenceIndex, r)), sequenceColumn: csv.columns[sequenceIndex]! }),
    ...(labels ? { labels } : {}),
    warnings,
  };
}

/**
 * A column of categories ("SE", "NW") when none of its sampled values is a number: a numeric
 * column with a typo stays numeric, so that the typo is reported with its line.
 */
function categorical(values: string[]): boolean {
  const filled = values.filter((v) => !isMissingValue(v));
  return filled.length > 0 && !filled.some((v) => mostlyNumbers([v]));
}

type ReadColumn =
  | { type: 'number'; values: Float64Array; keep: (r: number) => boolean }
  | { type: 'category'; values: string[]; keep: (r: number) => boolean };

/** One column's values with --missing applied; NaN / '' where a row is dropped. */
function readColumn(
  csv: CsvTable,
  j: number,
  categorical: boolean,
  missing: MissingPolicy,
  position: (r: number) => number,
  warnings: string[],
): ReadColumn {
  const rowCount = csv.count - csv.firstRow;
  const label = columnLabel(j, csv);
  const missingError = (r: number, text: string) =>
    new DataError(
      `${csv.name}:${csv.lines[csv.firstRow + r]}: ${label}: ${text === '' ? 'empty value' : `${quote(text)} counts as a missing value`}; ` +
        'use --missing drop|ffill|interpolate to handle missing values',
    );
  if (categorical) {
    const values: string[] = [];
    let missingCount = 0;
    for (let r = 0; r < rowCount; r++) {
      const text = csv.cells[j]![csv.firstRow + r]!.trim();
      if (isMissingValue(text)) {
        if (missing === 'error') throw missingError(r, text);
        missingCount++;
        // a category cannot be interpolated: ffill and interpolate carry the previous one
        values.push(missing === 'drop' ? '' : (values[r - 1] ?? ''));
      } else values.push(text);
    }
    if (missingCount > 0) warnings.push(`${missing === 'drop' ? 'dropped' : 'filled'} ${missingCount} ${missingCount === 1 ? 'row' : 'rows'} with a missing value in ${label} (--missing ${missing})`);
    return { type: 'category', values, keep: (r) => values[r] !== '' };
  }
  const raw = new Float64Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const field = csv.cells[j]![csv.firstRow + r]!;
    const text = field.trim();
    if (isMissingValue(text)) {
      if (missing === 'error') throw missingError(r, text);
      raw[r] = NaN;
      continue;
    }
    raw[r] = parseNumber(text, field, csv.lines[csv.firstRow + r]!, j, csv);
  }
  const { keep, filled, warning } = applyMissingPolicy(raw, missing, position, label);
  if (warning !== null) warnings.push(warning);
  return { type: 'number', values: filled, keep };
}

/**
 * --features: names or 1-based indexes, comma-separated, ranges (2-9), or `all` (every column but
 * the time and sequence columns; with --horizon 0 the target is left out too).
 */
export function resolveFeatures(
  spec: string,
  csv: CsvTable,
  roles: { target: number; time: number | null; sequence: number | null; horizon: number },
): number[] {
  const out: number[] = [];
  const add = (j: number, given: string) => {
    if (j === roles.time) throw new UsageError(`--features ${quote(given)} names the time column ${columnLabel(j, csv)}, which cannot be a feature`);
    if (j === roles.sequence) throw new UsageError(`--features ${quote(given)} names the sequence column ${columnLabel(j, csv)}, which cannot be a feature`);
    if (out.includes(j)) throw new UsageError(`--features names ${columnLabel(j, csv)} twice`);
    out.push(j);
  };
  const parts = spec.split(',').map((p) => p.trim());
  if (parts.length === 1 && parts[0]!.toLowerCase() === 'all') {
    for (let j = 0; j < csv.columns.length; j++) {
      if (j === roles.time || j === roles.sequence || (roles.horizon === 0 && j === roles.target)) continue;
      out.push(j);
    }
    if (out.length === 0) throw new UsageError('--features all leaves no column to use as a feature');
    return out;
  }
  for (const part of parts) {
    if (part === '') throw new UsageError(`--features must be column names, 1-based indexes, ranges (2-9) or all, got ${quote(spec)}`);
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range && !csv.columns.includes(part)) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (a < 1 || b > csv.columns.length || a > b) {
        throw new UsageError(`--features range ${part} must be increasing 1-based indexes within 1-${csv.columns.length}`);
      }
      for (let j = a - 1; j < b; j++) add(j, part);
      continue;
    }
    add(resolveColumn(part, 'feature', csv), part);
  }
  return out;
}

/**
 * A wide table (one sample per row: the target, then its time steps as columns, as in the
 * UCR/UEA archives) as a long one: each row becomes one sequence of one feature, `value`, whose
 * id is the row's time label (or its number) and whose target is on every row of it.
 */
export function wideToLong(t: Table): Table {
  const steps = t.features.map((name) => t.columns.find((c) => c.name === name)!);
  const category = steps.find((c) => c.type !== 'number');
  if (category) throw new UsageError(`--layout wide reads numeric time steps, but column "${category.name}" is not numeric; leave it out of --features`);
  const target = t.columns.find((c) => c.name === t.target)!;
  const rows = t.times.length;
  const k = steps.length;
  const value = new Float64Array(rows * k);
  const targetValues = new Float64Array(rows * k);
  const labelValues: string[] = [];
  const times: string[] = [];
  const lines: number[] = [];
  const sequences: string[] = [];
  for (let r = 0; r < rows; r++) {
    const id = t.timeColumn === null ? String(r + 1) : t.times[r]!;
    for (let j = 0; j < k; j++) {
      value[r * k + j] = (steps[j]!.values as Float64Array)[r]!;
      if (target.type === 'number') targetValues[r * k + j] = target.values[r]!;
      else labelValues.push(target.values[r]!);
      times.push(steps[j]!.name);
      lines.push(t.lines[r]!);
      sequences.push(id);
    }
  }
  const name = t.columns.some((c) => c.name === 'value') && t.target !== 'value' ? 'value (wide)' : 'value';
  return {
    ...t,
    columns: [
      target.type === 'number'
        ? { name: t.target, index: target.index, roles: ['target'], type: 'number', values: targetValues }
        : { name: t.target, index: target.index, roles: ['target'], type: 'category', values: labelValues },
      { name, index: -1, roles: ['feature'], type: 'number', values: value },
    ],
    features: [name],
    times,
    lines,
    sequences,
    stepColumns: t.features,
  };
}

/** The --test-file table after the training one: the same columns, its rows from `testFrom` on. */
export function appendTestTable(train: Table, test: Table): Table {
  const columns = train.columns.map((c) => {
    const other = test.columns.find((o) => o.name === c.name);
    if (!other || other.type !== c.type) {
      throw new UsageError(`--test-file ${test.file}: column "${c.name}" ${other ? `is not ${c.type === 'number' ? 'numeric' : 'categorical'} there` : 'is missing'}; it must have the training file's columns`);
    }
    if (c.type === 'number') {
      const values = new Float64Array(c.values.length + other.values.length);
      values.set(c.values);
      values.set(other.values as Float64Array, c.values.length);
      return { ...c, values };
    }
    return { ...c, values: [...c.values, ...(other.values as string[])] };
  });
  const testFrom = train.times.length;
  return {
    ...train,
    columns,
    times: [...train.times, ...test.times],
    lines: [...train.lines, ...test.lines],
    ...(train.sequences ? { sequences: [...train.sequences, ...test.sequences!] } : {}),
    testFrom,
    testFile: test.file,
    ...(train.labels
      ? {
          labels: {
            ...train.labels,
            noneRows: train.labels.noneRows + (test.labels?.noneRows ?? 0),
            notes: [...train.labels.notes, ...(test.labels?.notes ?? []).filter((n) => !train.labels!.notes.includes(n) && !n.includes('classification was chosen')).map((n) => `${test.file}: ${n}`)],
          },
        }
      : {}),
    warnings: [...train.warnings, ...test.warnings],
  };
}
