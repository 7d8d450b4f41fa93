import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSeries, readInput, type LoadOptions } from '../../src/data/csv-loader.js';
import { DataError, UsageError } from '../../src/errors.js';

// tests run from dist/test/data/ (or build-data/test/data/), three levels below the repo root
const SHAMPOO = new URL('../../../fixtures/shampoo.csv', import.meta.url);

/** The exact message of the DataError that parsing `text` throws. */
function dataError(text: string | Buffer, options: LoadOptions = {}, file = 'sales.csv'): string {
  return thrown(DataError, text, options, file);
}

function usageError(text: string, options: LoadOptions = {}): string {
  return thrown(UsageError, text, options, 'sales.csv');
}

function thrown(kind: typeof DataError | typeof UsageError, text: string | Buffer, options: LoadOptions, file: string): string {
  try {
    parseSeries(text, file, options);
  } catch (err) {
    assert.ok(err instanceof kind, `expected ${kind.name}, got ${String(err)}`);
    assert.ok(!err.message.includes('\n'), 'messages are one line');
    return err.message;
  }
  assert.fail('expected an error');
}

const MONTHLY = 'Month,Sales\n1-01,266.0\n1-02,145.9\n1-03,183.1\n';

// ---- edge cases first

test('an empty file, or one of blank lines, is "file is empty"', () => {
  assert.equal(dataError(''), 'sales.csv: file is empty');
  assert.equal(dataError('\n\n  \r\n'), 'sales.csv: file is empty');
  assert.equal(dataError(Buffer.from([0xef, 0xbb, 0xbf])), 'sales.csv: file is empty');
});

test('a header with no rows is "no data rows after the header"', () => {
  assert.equal(dataError('Month,Sales\n'), 'sales.csv: no data rows after the header');
  assert.equal(dataError('Sales'), 'sales.csv: no data rows after the header');
});

test('one row without a header is a one-value series', () => {
  const s = parseSeries('1-01,266', 'sales.csv', {});
  assert.equal(s.hasHeader, false);
  assert.deepEqual(s.values, [266]);
  assert.deepEqual(s.times, ['1-01']);
});

test('binary data is refused with the offset of the first bad byte', () => {
  assert.equal(dataError(Buffer.from('Month,Sales\n\0\0')), 'sales.csv: not a text CSV file (found binary data at byte 12)');
  assert.equal(dataError(Buffer.from([0x31, 0x2c, 0xff, 0x01])), 'sales.csv: not a text CSV file (found binary data at byte 3)');
  // a NUL past the first kilobyte, where the rest is not UTF-8 either
  assert.equal(dataError(Buffer.from('Sales\n' + '1\n'.repeat(600) + '\0\xe9', 'latin1')), 'sales.csv: not a text CSV file (found binary data at byte 1206)');
  // a character cut by the 1 KB limit is not damage
  const text = 'Sales\n' + '1\n'.repeat(508) + '"é"\n';
  assert.equal(Buffer.byteLength(text.slice(0, text.indexOf('é'))), 1023);
  assert.throws(() => parseSeries(text, 'sales.csv', {}), /"é" is not a number/);
});

test('text in Windows-1252 or Latin-1 is "not UTF-8 text", with its line and how to convert it', () => {
  const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
  assert.equal(
    dataError(latin1('Mois,Températures\n1-01,1\n'), {}, 'data/temp.csv'),
    'data/temp.csv:1: not UTF-8 text (byte 0xE9 at offset 9); if it is Windows-1252 or Latin-1, convert it: ' +
      'iconv -f WINDOWS-1252 -t UTF-8 data/temp.csv > data/temp-utf8.csv',
  );
  // past the first kilobyte too, where it would otherwise be read as replacement characters
  const late = latin1('Month,Sales,Note\n' + '1-01,1,ok\n'.repeat(200) + '1-02,2,façade\n');
  assert.match(dataError(late, {}, 'my data.csv'), /^my data\.csv:202: not UTF-8 text \(byte 0xE7 at offset 2026\); .*: iconv -f WINDOWS-1252 -t UTF-8 'my data\.csv' > 'my data-utf8\.csv'$/);
  assert.equal(
    dataError(latin1('Sales\n1\n2\xb0\n'), {}, '-'),
    'stdin:3: not UTF-8 text (byte 0xB0 at offset 9); if it is Windows-1252 or Latin-1, convert it: iconv -f WINDOWS-1252 -t UTF-8',
  );
  // the same bytes as UTF-8 load
  assert.deepEqual(parseSeries(Buffer.from('Mois,Températures\n1-01,1\n1-02,2\n'), 'temp.csv', {}).valueColumn.name, 'Températures');
});

test('stdin is named "stdin" in messages and in the series', () => {
  assert.equal(dataError('', {}, '-'), 'stdin: file is empty');
  assert.equal(parseSeries(MONTHLY, '-', {}).file, 'stdin');
});

test('a constant series is loaded with a warning', () => {
  const s = parseSeries('Sales\n5\n5\n5\n', 'sales.csv', {});
  assert.deepEqual(s.values, [5, 5, 5]);
  assert.deepEqual(s.warnings, ['column "Sales" is constant (every value is 5)']);
});

// ---- the bundled shampoo data

test('shampoo.csv: 36 months "1-01".."3-12" with a quoted header', () => {
  const s = parseSeries(readFileSync(SHAMPOO), 'shampoo.csv', {});
  assert.equal(s.file, 'shampoo.csv');
  assert.deepEqual(s.columns, ['Month', 'Sales']);
  assert.equal(s.hasHeader, true);
  assert.equal(s.delimiter, ',');
  assert.deepEqual(s.timeColumn, { name: 'Month', index: 0 });
  assert.deepEqual(s.valueColumn, { name: 'Sales', index: 1 });
  assert.equal(s.values.length, 36);
  assert.equal(s.times[0], '1-01');
  assert.equal(s.times[35], '3-12');
  assert.equal(s.values[0], 266.0);
  assert.equal(s.values[35], 646.9);
  assert.deepEqual(s.lines.slice(0, 2), [2, 3]);
  assert.equal(s.lines[35], 37);
  assert.deepEqual(s.warnings, []);
});

// ---- text format

test('delimiters: comma, semicolon and tab', () => {
  for (const d of [',', ';', '\t']) {
    const s = parseSeries(`Month${d}Sales\n1-01${d}1.5\n1-02${d}2.5\n`, 'sales.csv', {});
    assert.equal(s.delimiter, d);
    assert.deepEqual(s.values, [1.5, 2.5]);
    assert.deepEqual(s.times, ['1-01', '1-02']);
  }
});

test('semicolons with decimal commas: the semicolon is the delimiter and the comma is refused', () => {
  assert.equal(dataError('Month;Sales\n1-01;12,5\n'), 'sales.csv:2: column "Sales": "12,5" is not a number');
});

test('a line that switches delimiter is "mixed delimiters"', () => {
  assert.equal(
    dataError('Month,Sales\n1-01,1\n1-02;2\n'),
    'sales.csv:3: mixed delimiters: expected 1 comma as on line 1, found 0 commas and 1 semicolon',
  );
  assert.equal(
    dataError('a;b;c\n1;2;3\n1\t2\t3\n'),
    'sales.csv:3: mixed delimiters: expected 2 semicolons as on line 1, found 0 semicolons and 2 tabs',
  );
});

test('BOM, CRLF, quotes and spaces around fields', () => {
  const s = parseSeries('\uFEFF"Month" , "Sales"\r\n"1-01", " 1.5"\r\n 1-02 ,2e1 \r\n', 'sales.csv', {});
  assert.deepEqual(s.columns, ['Month', 'Sales']);
  assert.deepEqual(s.values, [1.5, 20]);
  assert.deepEqual(s.times, ['1-01', '1-02']);
});

test('a quoted field may hold the delimiter, escaped quotes and line breaks', () => {
  const s = parseSeries('"Note, long","Sales"\n"a ""b""\nc",1\nd,2\n', 'sales.csv', {});
  assert.deepEqual(s.columns, ['Note, long', 'Sales']);
  assert.deepEqual(s.values, [1, 2]);
  // the first record starts on line 2 and ends on line 3
  assert.deepEqual(s.lines, [2, 4]);
});

test('blank lines are skipped and line numbers still point into the file', () => {
  const s = parseSeries('Month,Sales\n\n1-01,1\n   \n1-02,2\n', 'sales.csv', {});
  assert.deepEqual(s.lines, [3, 5]);
});

test('no header: columns are numbered and the last one is the target', () => {
  const s = parseSeries('1,2\n2,3\n3,4\n', 'sales.csv', {});
  assert.equal(s.hasHeader, false);
  assert.deepEqual(s.columns, ['1', '2']);
  assert.equal(s.timeColumn, null);
  assert.deepEqual(s.valueColumn, { name: '2', index: 1 });
  assert.deepEqual(s.times, ['1', '2', '3']);
  assert.deepEqual(s.lines, [1, 2, 3]);
});

test('a single column with a header has no time column', () => {
  const s = parseSeries('Sales\n1\n2\n', 'sales.csv', {});
  assert.equal(s.hasHeader, true);
  assert.equal(s.timeColumn, null);
  assert.deepEqual(s.times, ['1', '2']);
});

// ---- choosing columns

test('time column: the first column when it holds dates, datetimes or months; not plain integers', () => {
  assert.deepEqual(parseSeries('Date,Sales\n1981-01-01,1\n1981-01-02,2\n', 'sales.csv', {}).timeColumn, { name: 'Date', index: 0 });
  assert.deepEqual(parseSeries('T;V\n1981-01-01 10:00;1\n1981-01-01 11:00;2\n', 'sales.csv', {}).timeColumn, { name: 'T', index: 0 });
  const integers = parseSeries('Step,Sales\n1,5\n2,6\n', 'sales.csv', {});
  assert.equal(integers.timeColumn, null);
  assert.deepEqual(integers.valueColumn, { name: 'Sales', index: 1 });
});

test('--time-column by name or 1-based index; an integer column is accepted when named', () => {
  const text = 'Step,Sales\n1,5\n2,6\n';
  assert.deepEqual(parseSeries(text, 'sales.csv', { timeColumn: 'Step' }).timeColumn, { name: 'Step', index: 0 });
  const s = parseSeries(text, 'sales.csv', { timeColumn: '1' });
  assert.deepEqual(s.times, ['1', '2']);
  assert.deepEqual(s.values, [5, 6]);
});

test('--column by name, case-insensitive name or 1-based index; the default is the last numeric column', () => {
  const text = 'Month,Sales,Returns,Note\n1-01,10,1,a\n1-02,20,2,b\n';
  assert.deepEqual(parseSeries(text, 'sales.csv', {}).valueColumn, { name: 'Returns', index: 2 });
  assert.deepEqual(parseSeries(text, 'sales.csv', { column: 'Sales' }).values, [10, 20]);
  assert.deepEqual(parseSeries(text, 'sales.csv', { column: 'sales' }).values, [10, 20]);
  assert.deepEqual(parseSeries(text, 'sales.csv', { column: '2' }).values, [10, 20]);
});

test('--column naming the first column means it is not taken as the time column', () => {
  const s = parseSeries('1981-01-01,1981-01-02\n1,2\n', 'sales.csv', { column: '1' });
  assert.equal(s.timeColumn, null);
  assert.deepEqual(s.values, [1]);
});

test('unknown columns are a UsageError listing the columns', () => {
  assert.equal(usageError(MONTHLY, { column: 'Salez' }), 'column "Salez" not found in sales.csv; columns are: "Month", "Sales"');
  assert.equal(usageError(MONTHLY, { column: '3' }), 'column "3" not found in sales.csv; columns are: "Month", "Sales"');
  assert.equal(usageError(MONTHLY, { column: '0' }), 'column "0" not found in sales.csv; columns are: "Month", "Sales"');
  assert.equal(usageError(MONTHLY, { timeColumn: 'Date' }), 'time column "Date" not found in sales.csv; columns are: "Month", "Sales"');
  assert.equal(usageError('1,2\n3,4\n', { column: '5' }), 'column "5" not found in sales.csv; columns are: "1", "2"');
});

test('--column and --time-column naming the same column is a UsageError', () => {
  assert.equal(usageError(MONTHLY, { column: 'Month', timeColumn: '1' }), '--column and --time-column both name column "Month"');
});

test('an unknown --missing policy is a UsageError', () => {
  assert.equal(
    usageError(MONTHLY, { missing: 'zero' as never }),
    '--missing must be one of error, drop, ffill, interpolate, got "zero"',
  );
});

// ---- errors in the data, each message exactly

test('ragged rows', () => {
  assert.equal(dataError('Month,Sales\n1-01,1\n1-02,2,3\n'), 'sales.csv:3: expected 2 fields, found 3');
  assert.equal(dataError('Month,Sales\n1-01,1\n1-02\n'), 'sales.csv:3: expected 2 fields, found 1');
});

test('duplicate header names', () => {
  assert.equal(dataError('Month,Sales,Sales\n1-01,1,2\n'), 'sales.csv:1: duplicate column name "Sales"');
});

test('values that are not numbers, or not finite', () => {
  const at14 = (value: string): string => dataError(`Month,Sales\n${Array.from({ length: 12 }, (_, i) => `1-${String(i + 1).padStart(2, '0')},1\n`).join('')}2-01,${value}\n`);
  assert.equal(at14('12,5x'), 'sales.csv:14: expected 2 fields, found 3');
  assert.equal(at14('"12,5x"'), 'sales.csv:14: column "Sales": "12,5x" is not a number');
  assert.equal(at14('1e400'), 'sales.csv:14: column "Sales": "1e400" is not a finite number');
  assert.equal(at14('-NaN'), 'sales.csv:14: column "Sales": "-NaN" is not a finite number');
  assert.equal(at14('Infinity'), 'sales.csv:14: column "Sales": "Infinity" is not a finite number');
  assert.equal(at14('-Infinity'), 'sales.csv:14: column "Sales": "-Infinity" is not a finite number');
  assert.equal(at14('0x10'), 'sales.csv:14: column "Sales": "0x10" is not a number');
  assert.equal(at14('1_000'), 'sales.csv:14: column "Sales": "1_000" is not a number');
});

test('without a header the column is named by its position', () => {
  assert.equal(dataError('1-01,1\n1-02,abc\n1-03,2\n1-04,3\n'), 'sales.csv:2: column 2: "abc" is not a number');
});

test('numbers: decimals, scientific notation, signs, tiny values', () => {
  const s = parseSeries('Sales\n-1.5\n+2\n.5\n3.\n1e-400\n6.02E23\n', 'sales.csv', {});
  assert.deepEqual(s.values, [-1.5, 2, 0.5, 3, 0, 6.02e23]);
});

test('a value spread over lines is reported on one line', () => {
  assert.equal(dataError('Month,Sales\n1-01,1\n1-02,"1\n2"\n'), 'sales.csv:3: column "Sales": "1\\n2" is not a number');
});

test('time labels that do not parse, go back, repeat or change kind', () => {
  const months = (labels: string[]): string => `Month,Sales\n${labels.map((l) => `${l},1`).join('\n')}\n`;
  assert.equal(
    dataError(months(['1-01', '1-02', '1-03', '1-04', '1-05', '1-06', '1-04'])),
    'sales.csv:8: column "Month": "1-04" repeats line 5',
  );
  assert.equal(dataError(months(['1-01', '1-02', '1-04', '1-03'])), 'sales.csv:5: column "Month": "1-03" is not after "1-04" (time must increase)');
  assert.equal(dataError(months(['1-01', '1-01'])), 'sales.csv:3: column "Month": "1-01" repeats line 2');
  assert.equal(
    dataError(months(['1-01', '1-02', 'March', '1-04', '1-05'])),
    'sales.csv:4: column "Month": "March" is not a time label (expected e.g. 1949-01, 1981-01-01, 1981-01-01 10:00)',
  );
  assert.equal(dataError(months(['1-01', '1-02', '', '1-04'])), 'sales.csv:4: column "Month": empty time label');
  assert.equal(
    dataError(months(['1-01', '1-02', '1981-01-01', '1-04'])),
    'sales.csv:4: column "Month": "1981-01-01" is a date, but earlier labels are months',
  );
});

test('an unclosed quote is reported on the line where it opens', () => {
  assert.equal(dataError('Month,Sales\n1-01,1\n1-02,"2\n1-03,3\n'), 'sales.csv:3: quote opened here is never closed');
});

test('text after a closing quote', () => {
  assert.equal(dataError('Month,Sales\n1-01,"1"x\n'), 'sales.csv:2: unexpected character after a closing quote');
});

test('a 10 MB line fails fast', () => {
  const started = Date.now();
  assert.equal(
    dataError(`Month,Sales\n1-01,${'9'.repeat(10_000_000)}\n`),
    'sales.csv:2: record longer than 1048576 characters; is this a CSV file?',
  );
  // generous bound: the point is that it does not scan quadratically or hang
  assert.ok(Date.now() - started < 5000);
});

// ---- missing values

const GAPS = 'Month,Sales\n1-01,\n1-02,10\n1-03,\n1-04, \n1-05,40\n1-06,\n';

test('missing: error (the default) names the line and the remedy', () => {
  assert.equal(
    dataError(GAPS),
    'sales.csv:2: column "Sales": empty value; use --missing drop|ffill|interpolate to handle missing values',
  );
});

test('missing: NA, NaN, null, ? and the other markers count as missing; error mode says so', () => {
  const at3 = (value: string): string => dataError(`Month,Sales\n1-01,1\n1-02,${value}\n1-03,3\n`);
  for (const marker of ['NA', 'na', 'N/A', '#N/A', 'NaN', 'nan', 'null', 'NULL', 'None', '?', '.', '-']) {
    assert.equal(at3(marker), `sales.csv:3: column "Sales": "${marker}" counts as a missing value; use --missing drop|ffill|interpolate to handle missing values`);
  }
  assert.equal(at3(' NA '), 'sales.csv:3: column "Sales": "NA" counts as a missing value; use --missing drop|ffill|interpolate to handle missing values');
  // a word that only starts like a marker is a bad value
  assert.equal(at3('NAN1'), 'sales.csv:3: column "Sales": "NAN1" is not a number');
  const s = parseSeries('Month,Sales\n1-01,1\n1-02,NA\n1-03,null\n1-04,4\n', 'sales.csv', { missing: 'interpolate' });
  assert.deepEqual(s.values, [1, 2, 3, 4]);
  assert.deepEqual(s.warnings, ['interpolated 2 missing values in column "Sales" (--missing interpolate)']);
});

test('missing: a column full of markers is still the numeric target, and markers are no header', () => {
  const s = parseSeries('Month,Sales,Note\n1-01,1,a\n1-02,?,b\n1-03,?,c\n1-04,4,d\n', 'sales.csv', { missing: 'drop' });
  assert.equal(s.valueColumn.name, 'Sales');
  assert.deepEqual(s.values, [1, 4]);
  const headerless = parseSeries('1-01,NA\n1-02,2\n1-03,3\n', 'sales.csv', { missing: 'drop' });
  assert.equal(headerless.hasHeader, false);
  assert.deepEqual(headerless.values, [2, 3]);
});

test('missing: drop removes the rows', () => {
  const s = parseSeries(GAPS, 'sales.csv', { missing: 'drop' });
  assert.deepEqual(s.values, [10, 40]);
  assert.deepEqual(s.times, ['1-02', '1-05']);
  assert.deepEqual(s.lines, [3, 6]);
  assert.deepEqual(s.warnings, ['dropped 4 rows with a missing value in column "Sales" (--missing drop)']);
});

test('missing: ffill carries the previous value; a leading gap is dropped', () => {
  const s = parseSeries(GAPS, 'sales.csv', { missing: 'ffill' });
  assert.deepEqual(s.values, [10, 10, 10, 40, 40]);
  assert.deepEqual(s.times, ['1-02', '1-03', '1-04', '1-05', '1-06']);
  assert.deepEqual(s.warnings, [
    'filled 3 missing values in column "Sales" with the previous value (--missing ffill); dropped 1 leading row with no previous value',
  ]);
});

test('missing: interpolate is linear in time between neighbours; the ends are dropped', () => {
  const s = parseSeries(GAPS, 'sales.csv', { missing: 'interpolate' });
  assert.deepEqual(s.values, [10, 20, 30, 40]);
  assert.deepEqual(s.times, ['1-02', '1-03', '1-04', '1-05']);
  assert.deepEqual(s.warnings, [
    'interpolated 2 missing values in column "Sales" (--missing interpolate); dropped 2 rows at the start or end with no value on both sides',
  ]);
  // uneven time steps: 1 day then 3 days
  const uneven = parseSeries('Date,V\n2000-01-01,0\n2000-01-02,\n2000-01-05,8\n', 'sales.csv', { missing: 'interpolate' });
  assert.deepEqual(uneven.values, [0, 2, 8]);
});

test('missing: without a time column interpolation is by row', () => {
  const s = parseSeries('V\n1\n\n3\n', 'sales.csv', {});
  assert.deepEqual(s.values, [1, 3], 'a blank line in a one-column file is a blank line, not a gap');
  const gap = parseSeries('A,V\nx,1\ny,\nz,3\n', 'sales.csv', { missing: 'interpolate' });
  assert.deepEqual(gap.values, [1, 2, 3]);
  assert.deepEqual(gap.times, ['1', '2', '3']);
});

test('missing: a column with no values at all', () => {
  assert.equal(dataError('Month,Sales\n1-01,\n1-02,\n', { missing: 'interpolate' }), 'sales.csv: column "Sales" has no values');
  assert.equal(dataError('Month,Sales\n1-01,\n1-02,\n', { missing: 'drop' }), 'sales.csv: column "Sales" has no values');
});

// ---- reading files

test('readInput: reads a file; a missing file, a directory or an unreadable file is a DataError', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rnnfc-csv-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'sales.csv');
  await writeFile(file, MONTHLY);
  assert.equal((await readInput(file)).toString(), MONTHLY);

  const missing = join(dir, 'nope.csv');
  await assert.rejects(readInput(missing), (err: unknown) => err instanceof DataError && err.message === `${missing}: cannot read file: no such file`);
  await assert.rejects(readInput(dir), (err: unknown) => err instanceof DataError && err.message === `${dir}: is a directory`);

  if (process.getuid?.() === 0) {
    t.diagnostic('running as root: permission denied cannot be provoked');
    return;
  }
  await chmod(file, 0o000);
  await assert.rejects(readInput(file), (err: unknown) => err instanceof DataError && err.message === `${file}: cannot read file: permission denied`);
});
