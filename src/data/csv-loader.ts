// The data-in layer: read a CSV file (or stdin) and turn it into one numeric series with its time
// labels, or explain in one line, with the file name and line number, why that is not possible.

import { readFile, stat } from 'node:fs/promises';
import { parse, type Options } from 'csv-parse/sync';
import { DataError, UsageError } from '../errors.js';
import { chooseDelimiter, describeMixedDelimiters, findEncodingProblem, findUnclosedQuote, lineAt, recordStartLines, type DelimiterChoice } from './csv-text.js';
import { applyMissingPolicy, isMissingValue, type MissingPolicy } from './missing-values.js';
import { findTimeColumn, noTimeColumnWarning, readTimeColumn, timeAxisWarnings, type ColumnView } from './time-column.js';
import { detectHeader, mostlyNumbers, NON_FINITE, NUMBER } from './column-content.js';
import { axisOf, type TimeAxis } from './time-index.js';

export { MISSING_MARKERS, type MissingPolicy } from './missing-values.js';

export interface LoadOptions {
  /** The target column: a header name or a 1-based index. Default: the last numeric column. */
  column?: string;
  /** The time column: a header name or a 1-based index. Default: the first column that holds time labels. */
  timeColumn?: string;
  /** A day/month order to read dates in when the labels leave it open (a format pattern such as "MM/DD/YYYY"). */
  preferTimeFormat?: string;
  /** What to do with missing values (empty, NA, NaN, ...: see MISSING_MARKERS) in the target column. Default 'error'. */
  missing?: MissingPolicy;
}

export interface Series {
  file: string; // as given ('-' shown as 'stdin')
  columns: string[]; // header names (or "1","2",... when there is no header)
  hasHeader: boolean;
  delimiter: string;
  timeColumn: { name: string; index: number } | null; // 0-based index
  /** The time column's format, period and gaps (over the rows kept); null without a time column. */
  timeAxis: TimeAxis | null;
  valueColumn: { name: string; index: number };
  times: string[]; // label of each observation ("1", "2", ... when there is no time column)
  values: number[];
  lines: number[]; // 1-based line number in the file of each observation (for messages)
  warnings: string[]; // e.g. rows dropped/filled by --missing, constant series
}

const MISSING_POLICIES: readonly MissingPolicy[] = ['error', 'drop', 'ffill', 'interpolate'];

/** Longest record accepted: a wrong delimiter or a stray quote shows up as one huge record, so fail fast. */
const MAX_RECORD_CHARS = 1 << 20;
/** How much of the file is looked at to choose the delimiter. */
const HEAD_BYTES = 1 << 20;
/** Data rows looked at to decide whether there is a header and which columns are numeric. */
export const SAMPLE_ROWS = 200;


/** Reads a whole file, or stdin for "-". Failures become a DataError naming the file. */
export async function readInput(file: string): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks);
  }
  try {
    if ((await stat(file)).isDirectory()) throw new DataError(`${file}: is a directory`);
    return await readFile(file);
  } catch (err) {
    if (err instanceof DataError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new DataError(`${file}: is a directory`);
    throw new DataError(`${file}: cannot read file: ${readFailureReason(code, err)}`);
  }
}

/**
 * Parses CSV text into one series. Pure: the file name is only used in messages.
 * Throws DataError for bad data and UsageError for a --column/--time-column that names no column.
 */
export function parseSeries(input: Buffer | string, file: string, options: LoadOptions = {}): Series {
  const name = file === '-' ? 'stdin' : file;
  const missing = options.missing ?? 'error';
  if (!MISSING_POLICIES.includes(missing)) {
    throw new UsageError(`--missing must be one of ${MISSING_POLICIES.join(', ')}, got ${quote(String(missing))}`);
  }

  const table = readCsv(input, file);
  const { columns, hasHeader, cells, count, lines, firstRow } = table;
  const width = cells.length;
  const choice = { delimiter: table.delimiter };

  let valueIndex = options.column === undefined ? undefined : resolveColumn(options.column, 'column', table);
  let timeIndex: number | null =
    options.timeColumn === undefined ? null : resolveColumn(options.timeColumn, 'time column', table);
  if (valueIndex !== undefined && valueIndex === timeIndex) {
    throw new UsageError(`--column and --time-column both name ${columnLabel(valueIndex, table)}`);
  }
  const view = (j: number, rows: number): ColumnView => ({
    label: columnLabel(j, table),
    name: hasHeader ? columns[j]! : '',
    values: cells[j]!.slice(firstRow, firstRow + rows),
  });
  if (options.timeColumn === undefined && width > 1) {
    timeIndex = findTimeColumn(columns.map((_, j) => view(j, SAMPLE_ROWS)), valueIndex);
  }
  valueIndex ??= lastNumericColumn(table, timeIndex);

  const rowCount = count - firstRow;
  const time = timeIndex === null ? null : readTimeColumn(view(timeIndex, rowCount), name, (r) => lines[firstRow + r]!, options.preferTimeFormat);

  // gather values, keeping NaN where a value is missing until the policy decides
  const raw = new Float64Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const field = cells[valueIndex]![firstRow + r]!;
    const text = field.trim();
    const line = lines[firstRow + r]!;
    if (isMissingValue(text)) {
      if (missing === 'error') {
        const what = text === '' ? 'empty value' : `${quote(text)} counts as a missing value`;
        throw new DataError(
          `${name}:${line}: ${columnLabel(valueIndex, table)}: ${what}; use --missing drop|ffill|interpolate to handle missing values`,
        );
      }
      raw[r] = NaN;
      continue;
    }
    raw[r] = parseNumber(text, field, line, valueIndex, table);
  }

  const position = (r: number): number => (time === null ? r : time.ordinals[r]!);
  const { keep, filled, warning } = applyMissingPolicy(raw, missing, position, columnLabel(valueIndex, table));

  const times: string[] = [];
  const values: number[] = [];
  const seriesLines: number[] = [];
  const ordinals: number[] = [];
  for (let r = 0; r < rowCount; r++) {
    if (!keep(r)) continue;
    values.push(filled[r]!);
    seriesLines.push(lines[firstRow + r]!);
    times.push(timeIndex === null ? String(values.length) : cells[timeIndex]![firstRow + r]!.trim());
    if (time !== null) ordinals.push(time.ordinals[r]!);
  }
  if (values.length === 0) throw new DataError(`${name}: ${columnLabel(valueIndex, table)} has no values`);

  const warnings: string[] = [];
  const timeAxis = time === null ? null : axisOf(ordinals, time.format);
  if (time !== null && timeAxis !== null) warnings.push(...timeAxisWarnings(timeAxis, columnLabel(timeIndex!, table), time.assumed, values.length));
  else if (width > 1) warnings.push(noTimeColumnWarning(columns.flatMap((_, j) => (j === valueIndex ? [] : [view(j, 0)]))));
  if (warning !== null) warnings.push(warning);
  if (values.length > 1 && values.every((v) => v === values[0])) {
    warnings.push(`${columnLabel(valueIndex, table)} is constant (every value is ${values[0]})`);
  }
  return {
    file: name,
    columns,
    hasHeader,
    delimiter: choice.delimiter,
    timeColumn: timeIndex === null ? null : { name: columns[timeIndex]!, index: timeIndex },
    timeAxis,
    valueColumn: { name: columns[valueIndex]!, index: valueIndex },
    times,
    values,
    lines: seriesLines,
    warnings,
  };
}

/**
 * Reads CSV bytes into fields column by column, with the header detected. Throws DataError for
 * input that is not a CSV file or has no data rows. `name` is used in messages only.
 */
export function readCsv(input: Buffer | string, file: string): CsvTable {
  const name = file === '-' ? 'stdin' : file;
  let bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const encoding = recognisedNonText(bytes);
  if (encoding !== null) throw new DataError(`${name}: not a text CSV file (${encoding})`);
  const problem = findEncodingProblem(bytes);
  if (problem?.kind === 'binary') throw new DataError(`${name}: not a text CSV file (found binary data at byte ${problem.offset})`);
  if (problem?.kind === 'not-utf8') {
    const byte = `0x${problem.byte.toString(16).toUpperCase().padStart(2, '0')}`;
    const command = file === '-' ? 'iconv -f WINDOWS-1252 -t UTF-8' : `iconv -f WINDOWS-1252 -t UTF-8 ${shellWord(file)} > ${shellWord(utf8Name(file))}`;
    throw new DataError(
      `${name}:${problem.line}: not UTF-8 text (byte ${byte} at offset ${problem.offset}); if it is Windows-1252 or Latin-1, convert it: ${command}`,
    );
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);

  const choice = chooseDelimiter(bytes.subarray(0, HEAD_BYTES).toString('utf8'));
  if (choice === null) throw new DataError(`${name}: file is empty`);
  const { cells, count, lines } = parseRecords(bytes, name, choice);
  if (count === 0) throw new DataError(`${name}: file is empty`);

  const hasHeader = detectHeader(cells, SAMPLE_ROWS);
  const columns = hasHeader ? cells.map((c) => c[0]!.trim()) : cells.map((_, i) => String(i + 1));
  if (hasHeader) checkUniqueNames(columns, name, lines[0]!);
  const firstRow = hasHeader ? 1 : 0;
  if (count === firstRow) throw new DataError(`${name}: no data rows after the header`);
  return { name, columns, hasHeader, cells, count, lines, firstRow, delimiter: choice.delimiter };
}

/**
 * The two non-text inputs people most often pass by mistake, told apart by their first bytes so
 * that the message can say what to do instead of giving a byte offset.
 */
function recognisedNonText(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'it is gzip-compressed; decompress it first';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'it is UTF-16 text; save it as UTF-8';
  return null;
}

/** The parsed file with what messages need to point into it. */
export interface CsvTable {
  delimiter: string;
  name: string;
  columns: string[];
  hasHeader: boolean;
  /**
   * The fields column by column: cells[j][r] is field j of record r. Every record has the same
   * number of fields (csv-parse refuses the file otherwise), and a million records kept as
   * arrays of their own would cost several times the file in memory.
   */
  cells: string[][];
  /** Records, the header included. */
  count: number;
  /** 1-based line where each record starts. */
  lines: number[];
  /** 1 when record 0 is the header. */
  firstRow: number;
}

/** One pass of csv-parse over the bytes; its errors become one-line DataErrors with a line number. */
function parseRecords(bytes: Buffer, name: string, choice: DelimiterChoice): { cells: string[][]; count: number; lines: number[] } {
  const cells: string[][] = [];
  // csv-parse's own line of each record, used when our reading of the text disagrees with it
  // (an exotic line break or space); its context object per record is made for on_record anyway
  const parserLines: number[] = [];
  const options: Options = {
    delimiter: choice.delimiter,
    trim: true,
    relax_quotes: true, // a stray quote inside a field is kept and reported as a bad value
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    // Each record goes into the columns and is then dropped (returning nothing skips it).
    on_record: (record: string[], context) => {
      if (cells.length === 0) for (let j = 0; j < record.length; j++) cells.push([]);
      for (let j = 0; j < record.length; j++) cells[j]!.push(record[j]!);
      // csv-parse counts lines up to the end of the record, and counts both characters of a
      // CRLF inside a quoted field; take them off to get the line where the record starts
      let spanned = 0;
      for (const field of record) for (const ch of field) if (ch === '\n' || ch === '\r') spanned++;
      parserLines.push(context.lines - spanned);
      return undefined;
    },
  };
  try {
    parse(bytes, options);
  } catch (err) {
    throw csvError(err, bytes, name, choice);
  }
  const count = parserLines.length;
  const lines = recordStartLines(bytes.toString('utf8'), choice.delimiter);
  return { cells, count, lines: lines.length === count ? lines : parserLines };
}

function csvError(err: unknown, bytes: Buffer, name: string, choice: DelimiterChoice): unknown {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !(err instanceof Error)) return err;
  const reported = (err as { lines?: unknown }).lines;
  const line = typeof reported === 'number' ? reported : 0;
  switch (code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const record = (err as { record?: unknown }).record;
      const found = Array.isArray(record) ? record.length : 0;
      const expected = /expect (\d+)/.exec(err.message)?.[1] ?? '?';
      const mixed = describeMixedDelimiters(lineAt(bytes.toString('utf8'), line), choice);
      if (mixed !== null) return new DataError(`${name}:${line}: mixed delimiters: ${mixed}`);
      return new DataError(`${name}:${line}: expected ${expected} ${expected === '1' ? 'field' : 'fields'}, found ${found}`);
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return new DataError(`${name}:${findUnclosedQuote(bytes.toString('utf8')) ?? line}: quote opened here is never closed`);
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new DataError(`${name}:${line}: unexpected character after a closing quote`);
    case 'CSV_MAX_RECORD_SIZE':
      return new DataError(
        `${name}:${line}: record longer than ${MAX_RECORD_CHARS} characters; is this a CSV file?`,
      );
    default:
      if (code.startsWith('CSV_') || code.startsWith('INVALID_')) {
        return new DataError(`${name}:${line}: cannot parse CSV (${err.message.split('\n')[0]})`);
      }
      return err;
  }
}

function checkUniqueNames(columns: string[], name: string, line: number): void {
  const seen = new Set<string>();
  for (const column of columns) {
    if (column === '') continue;
    if (seen.has(column)) throw new DataError(`${name}:${line}: duplicate column name ${quote(column)}`);
    seen.add(column);
  }
}

/** A header name (exact, else case-insensitive when unique) or a 1-based index, as 0-based index. */
export function resolveColumn(spec: string, what: string, table: CsvTable): number {
  const wanted = spec.trim();
  const exact = table.columns.indexOf(wanted);
  if (exact >= 0) return exact;
  const folded = table.columns.flatMap((c, i) => (c.toLowerCase() === wanted.toLowerCase() ? [i] : []));
  if (folded.length === 1) return folded[0]!;
  if (/^\d+$/.test(wanted)) {
    const index = Number(wanted) - 1;
    if (index >= 0 && index < table.columns.length) return index;
  }
  const list = table.columns.map((c) => quote(c)).join(', ');
  throw new UsageError(`${what} ${quote(spec)} not found in ${table.name}; columns are: ${list}`);
}

/**
 * The last column, other than the time column, whose sampled values are mostly numbers; failing
 * that the last column other than the time column, so that its first bad value is reported with
 * its line ("12,5" is not a number) rather than a vague "no numeric column".
 */
export function lastNumericColumn(table: CsvTable, timeIndex: number | null): number {
  for (let j = table.columns.length - 1; j >= 0; j--) {
    if (j !== timeIndex && mostlyNumbers(sampleColumn(table, j))) return j;
  }
  for (let j = table.columns.length - 1; j >= 0; j--) if (j !== timeIndex) return j;
  const list = table.columns.map((c) => quote(c)).join(', ');
  throw new DataError(`${table.name}: no value column besides the time column; columns are: ${list}`);
}

export function sampleColumn(table: CsvTable, j: number): string[] {
  return table.cells[j]!.slice(table.firstRow, table.firstRow + SAMPLE_ROWS);
}

export function parseNumber(text: string, field: string, line: number, column: number, table: CsvTable): number {
  if (NUMBER.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value)) return value;
  } else if (!NON_FINITE.test(text)) {
    throw new DataError(`${table.name}:${line}: ${columnLabel(column, table)}: ${quote(field)} is not a number`);
  }
  throw new DataError(`${table.name}:${line}: ${columnLabel(column, table)}: ${quote(field)} is not a finite number`);
}

/** `column "Sales"`, or `column 2` when the file has no header (or the header cell is empty). */
export function columnLabel(index: number, table: CsvTable): string {
  const header = table.columns[index]!;
  return table.hasHeader && header !== '' ? `column ${quote(header)}` : `column ${index + 1}`;
}

/** A value in double quotes, escaped onto one line and cut short when long. */
export function quote(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(short);
}

/** Where the converted copy of `file` is suggested to go: "sales.csv" -> "sales-utf8.csv". */
function utf8Name(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot > file.lastIndexOf('/') && dot > 0 ? `${file.slice(0, dot)}-utf8${file.slice(dot)}` : `${file}-utf8`;
}

/** A path as one shell word, quoted only when it needs to be. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

function readFailureReason(code: string | undefined, err: unknown): string {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return code ?? (err instanceof Error ? err.message.split('\n')[0]! : String(err));
  }
}
