// The corpus of bad inputs for bad-input.e2e.test.ts: what a user might hand `rnnfc train`
// unattended, and the exit code and exact one-line message each must produce.
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';

/** A series file: `month,sales` and one row per month from 2000-01, value from `value(i)`. */
export function monthly(n: number, value: (i: number) => string = (i) => String(100 + ((i * 7) % 13))): string {
  return 'month,sales\n' + Array.from({ length: n }, (_, i) => `${month(i)},${value(i)}\n`).join('');
}

/** "2000-01" for i = 0, "2000-02" for i = 1, ... */
export function month(i: number): string {
  return `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** 30 rows: 28 supervised rows with the default --diff 1 --lags 1, 12 test and 16 train. */
const ROWS = 30;

/** Replaces the line of row i (0-based, after the header) of a monthly file. */
function withRow(n: number, i: number, line: string): string {
  const lines = monthly(n).split('\n');
  lines[i + 1] = line;
  return lines.join('\n');
}

/** Deterministic bytes (a linear congruential generator), so that the corpus is the same every run. */
function garbage(length: number, seed = 12345): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export interface FailingCase {
  name: string;
  /**
   * The input file written to a fresh data directory as `input.csv` (the `$FILE` of `args` and
   * `message`); a function writes something other than a plain file (a directory, an unreadable
   * file). Absent: no file at all.
   */
  content?: string | Buffer | ((path: string) => void);
  /** Arguments after `train`; `$FILE` is the input path. `--epochs 5` is added unless given. */
  args: string[];
  /** Given on stdin. */
  stdin?: string;
  code: number;
  /** The whole of stderr after "rnnfc: error: "; `$FILE` is the input path, `$DIR` its directory. */
  message: string;
  /** A reason to skip the case. */
  skip?: string | false;
}

const isRoot = process.getuid?.() === 0;
const FILE = '$FILE';

export const FAILING_CASES: FailingCase[] = [
  // --- empty and too small
  { name: 'empty file', content: '', args: [FILE], code: 3, message: '$FILE: file is empty' },
  { name: 'blank lines only', content: '\n\r\n   \n', args: [FILE], code: 3, message: '$FILE: file is empty' },
  { name: 'empty stdin', args: ['-'], stdin: '', code: 3, message: 'stdin: file is empty' },
  { name: 'header only', content: 'month,sales\n', args: [FILE], code: 3, message: '$FILE: no data rows after the header' },
  {
    name: 'one data row',
    content: 'month,sales\n2000-01,5\n',
    args: [FILE],
    code: 3,
    message: '$FILE: too few rows: --diff 1, --lags 1 and --test 12 need at least 15 observations, found 1',
  },
  {
    name: 'too few rows for --diff, --lags and --test together',
    content: monthly(10),
    args: [FILE, '--diff', '2', '--lags', '3', '--test', '5'],
    code: 3,
    message: '$FILE: too few rows: --diff 2, --lags 3 and --test 5 need at least 11 observations, found 10',
  },
  {
    name: 'too few rows for a percentage test set',
    content: monthly(ROWS),
    args: [FILE, '--test', '99%'],
    code: 3,
    message: '$FILE: too few rows: --diff 1, --lags 1 and --test 99% need at least 53 observations, found 30',
  },
  {
    name: '--train-size above the training rows',
    content: monthly(ROWS),
    args: [FILE, '--train-size', '17'],
    code: 3,
    message: '$FILE: --train-size 17 is more than the 16 training rows available',
  },

  // --- bad values in the target column
  { name: 'non-numeric value', content: withRow(ROWS, 7, '2000-08,abc'), args: [FILE], code: 3, message: '$FILE:9: column "sales": "abc" is not a number' },
  { name: 'decimal comma', content: withRow(ROWS, 7, '2000-08,"12,5"'), args: [FILE], code: 3, message: '$FILE:9: column "sales": "12,5" is not a number' },
  {
    name: 'empty field (--missing error is the default)',
    content: withRow(ROWS, 7, '2000-08,'),
    args: [FILE],
    code: 3,
    message: '$FILE:9: column "sales": empty value; use --missing drop|ffill|interpolate to handle missing values',
  },
  {
    name: 'NA (--missing error is the default)',
    content: withRow(ROWS, 7, '2000-08,NA'),
    args: [FILE],
    code: 3,
    message: '$FILE:9: column "sales": "NA" counts as a missing value; use --missing drop|ffill|interpolate to handle missing values',
  },
  {
    name: 'NaN (--missing error is the default)',
    content: withRow(ROWS, 7, '2000-08,NaN'),
    args: [FILE],
    code: 3,
    message: '$FILE:9: column "sales": "NaN" counts as a missing value; use --missing drop|ffill|interpolate to handle missing values',
  },
  { name: 'Infinity', content: withRow(ROWS, 7, '2000-08,Infinity'), args: [FILE], code: 3, message: '$FILE:9: column "sales": "Infinity" is not a finite number' },
  { name: '1e400', content: withRow(ROWS, 7, '2000-08,1e400'), args: [FILE], code: 3, message: '$FILE:9: column "sales": "1e400" is not a finite number' },
  {
    name: 'differences that overflow a double',
    content: monthly(ROWS, (i) => (i % 2 === 0 ? '-1.7e308' : '1.7e308')),
    args: [FILE],
    code: 3,
    message: '$FILE: the difference at 2000-02 (from -1.7e+308 to 1.7e+308) overflows a double; divide the column by a power of ten',
  },
  {
    name: 'values whose spread overflows a double (--diff 0)',
    content: monthly(ROWS, (i) => (i % 2 === 0 ? '-1.7e308' : '1.7e308')),
    args: [FILE, '--diff', '0'],
    code: 3,
    message: '$FILE: the values range from -1.7e+308 to 1.7e+308, a spread that overflows a double; divide the column by a power of ten',
  },
  {
    name: 'values around 1e300 with --scale none',
    content: monthly(ROWS, (i) => `${1 + ((i * 7) % 11) / 10}e300`),
    args: [FILE, '--scale', 'none'],
    code: 5,
    message: 'training diverged at epoch 1: the loss is NaN; try a smaller --lr (now 0.001) or check the scale of the data; nothing was saved',
  },
  {
    name: '--missing drop when every value is empty',
    content: monthly(ROWS, () => ''),
    args: [FILE, '--missing', 'drop'],
    code: 3,
    message: '$FILE: column "sales" has no values',
  },

  // --- the shape of the table
  { name: 'ragged row with an extra field', content: withRow(ROWS, 7, '2000-08,107,9'), args: [FILE], code: 3, message: '$FILE:9: expected 2 fields, found 3' },
  { name: 'ragged row with a field missing', content: withRow(ROWS, 7, '2000-08'), args: [FILE], code: 3, message: '$FILE:9: expected 2 fields, found 1' },
  {
    name: 'duplicate column names',
    content: 'month,sales,sales\n' + Array.from({ length: ROWS }, (_, i) => `${month(i)},${i},${i}\n`).join(''),
    args: [FILE],
    code: 3,
    message: '$FILE:1: duplicate column name "sales"',
  },
  {
    name: 'mixed delimiters',
    content: withRow(ROWS, 7, '2000-08;107'),
    args: [FILE],
    code: 3,
    message: '$FILE:9: mixed delimiters: expected 1 comma as on line 1, found 0 commas and 1 semicolon',
  },
  { name: 'quote never closed', content: withRow(ROWS, 7, '2000-08,"107'), args: [FILE], code: 3, message: '$FILE:9: quote opened here is never closed' },
  {
    name: 'unknown --column lists the columns',
    content: monthly(ROWS),
    args: [FILE, '--column', 'revenue'],
    code: 2,
    message: 'column "revenue" not found in $FILE; columns are: "month", "sales"',
  },
  {
    name: '--column index past the last column',
    content: monthly(ROWS),
    args: [FILE, '--column', '3'],
    code: 2,
    message: 'column "3" not found in $FILE; columns are: "month", "sales"',
  },
  {
    name: 'unknown --time-column',
    content: monthly(ROWS),
    args: [FILE, '--time-column', 'date'],
    code: 2,
    message: 'time column "date" not found in $FILE; columns are: "month", "sales"',
  },

  // --- the time column
  {
    name: 'time not increasing',
    content: withRow(ROWS, 7, '1999-12,107'),
    args: [FILE],
    code: 3,
    message: '$FILE:9: column "month": "1999-12" is not after "2000-07" (time must increase)',
  },
  { name: 'duplicate time', content: withRow(ROWS, 7, '2000-04,107'), args: [FILE], code: 3, message: '$FILE:9: column "month": "2000-04" repeats line 5' },
  {
    name: 'impossible time label',
    content: withRow(ROWS, 7, '2000-13,107'),
    args: [FILE],
    code: 3,
    message: '$FILE:9: column "month": "2000-13" is not a time label (expected e.g. 1949-01, 1981-01-01, 1981-01-01 10:00)',
  },
  {
    name: 'time labels of two kinds',
    content: withRow(ROWS, 7, '2000-08-01,107'),
    args: [FILE],
    code: 3,
    message: '$FILE:9: column "month": "2000-08-01" is a date, but earlier labels are months',
  },
  { name: 'empty time label', content: withRow(ROWS, 7, ',107'), args: [FILE], code: 3, message: '$FILE:9: column "month": empty time label' },

  // --- not a CSV file at all
  {
    name: 'binary garbage',
    // an ELF header, as when a program is passed by mistake: byte 4 (0x02) is the first control character
    content: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), garbage(4096)]),
    args: [FILE],
    code: 3,
    message: '$FILE: not a text CSV file (found binary data at byte 4)',
  },
  { name: 'gzip-compressed CSV', content: gzipSync(monthly(ROWS)), args: [FILE], code: 3, message: '$FILE: not a text CSV file (it is gzip-compressed; decompress it first)' },
  {
    name: 'UTF-16 CSV',
    content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(monthly(ROWS), 'utf16le')]),
    args: [FILE],
    code: 3,
    message: '$FILE: not a text CSV file (it is UTF-16 text; save it as UTF-8)',
  },
  {
    name: 'Windows-1252 CSV',
    content: Buffer.concat([
      Buffer.from('mois,ventes '),
      Buffer.from([0x80]), // the euro sign in Windows-1252
      Buffer.from(monthly(ROWS).slice('month,sales'.length)),
    ]),
    args: [FILE],
    code: 3,
    message: '$FILE:1: not UTF-8 text (byte 0x80 at offset 12); if it is Windows-1252 or Latin-1, convert it: iconv -f WINDOWS-1252 -t UTF-8 $FILE > $DIR/input-utf8.csv',
  },
  {
    name: 'a 10 MB single line',
    content: Buffer.alloc(10 * 1024 * 1024, '1,'),
    args: [FILE],
    code: 3,
    message: '$FILE:1: record longer than 1048576 characters; is this a CSV file?',
  },
  { name: 'missing file', args: [FILE], code: 3, message: '$FILE: cannot read file: no such file' },
  { name: 'a directory', content: (p) => mkdir(p), args: [FILE], code: 3, message: '$FILE: is a directory' },
  {
    name: 'unreadable file',
    content: (p) => writeUnreadable(p, monthly(ROWS)),
    args: [FILE],
    code: 3,
    message: '$FILE: cannot read file: permission denied',
    skip: isRoot && 'root can read any file',
  },

  // --- options out of range or in conflict
  { name: '--units 0', content: monthly(ROWS), args: [FILE, '--units', '0'], code: 2, message: '--units must be a positive integer, got 0' },
  { name: '--units with an empty layer', content: monthly(ROWS), args: [FILE, '--units', '4,'], code: 2, message: '--units must be a positive integer, got ""' },
  { name: '--epochs -1', content: monthly(ROWS), args: [FILE, '--epochs', '-1'], code: 2, message: '--epochs must be a positive integer, got -1' },
  { name: '--lags 1.5', content: monthly(ROWS), args: [FILE, '--lags', '1.5'], code: 2, message: '--lags must be a positive integer, got 1.5' },
  {
    name: '--test 0',
    content: monthly(ROWS),
    args: [FILE, '--test', '0'],
    code: 2,
    message: '--test must be a positive number of rows or a percentage between 0% and 100% (exclusive), got 0',
  },
  {
    name: '--test 150%',
    content: monthly(ROWS),
    args: [FILE, '--test', '150%'],
    code: 2,
    message: '--test must be a positive number of rows or a percentage between 0% and 100% (exclusive), got 150%',
  },
  { name: '--range 1,-1', content: monthly(ROWS), args: [FILE, '--range', '1,-1'], code: 2, message: '--range must be two increasing numbers a,b (e.g. -1,1), got 1,-1' },
  { name: '--range with an empty end', content: monthly(ROWS), args: [FILE, '--range', ',1'], code: 2, message: '--range must be two increasing numbers a,b (e.g. -1,1), got ,1' },
  {
    name: '--range too wide for 32-bit training',
    content: monthly(ROWS),
    args: [FILE, '--range', '-1e308,1e308'],
    code: 2,
    message: '--range must lie within -1000,1000 and span at least 0.001 (the network computes in 32-bit floats), got -1e308,1e308',
  },
  {
    name: '--shuffle with --stateful',
    content: monthly(ROWS),
    args: [FILE, '--shuffle', '--stateful'],
    code: 2,
    message: '--shuffle cannot be used with --stateful: a stateful network carries its state from one row to the next, so rows must stay in time order',
  },
  {
    name: 'stateful batch size not dividing the training rows',
    content: monthly(ROWS),
    args: [FILE, '--stateful', '--batch-size', '5'],
    code: 2,
    message: '--stateful with --batch-size 5 needs the training rows (16) to be a multiple of 5; use --train-size 15 or another batch size',
  },
  {
    name: '--prime without --stateful',
    content: monthly(ROWS),
    args: [FILE, '--prime'],
    code: 2,
    message: '--prime needs --stateful: a stateless network starts every row from a zero state, so there is no state to prime',
  },
  {
    name: '--forecast-reset step without --stateful',
    content: monthly(ROWS),
    args: [FILE, '--forecast-reset', 'step'],
    code: 2,
    message: '--forecast-reset step needs --stateful: a stateless network starts every row from a zero state, so its state is reset after every forecast anyway',
  },
  {
    name: '--reset batch without --stateful',
    content: monthly(ROWS),
    args: [FILE, '--reset', 'batch'],
    code: 2,
    message: '--reset batch needs --stateful: a stateless network starts every row from a zero state, so its state is reset after every row, whatever --reset says',
  },
  {
    name: '--reset never without --stateful',
    content: monthly(ROWS),
    args: [FILE, '--reset=never'],
    code: 2,
    message: '--reset never needs --stateful: a stateless network starts every row from a zero state, so its state is reset after every row, whatever --reset says',
  },
  {
    name: '--backend with --engine fused',
    content: monthly(ROWS),
    args: [FILE, '--engine', 'fused', '--backend', 'tensorflow'],
    code: 2,
    message: '--backend tensorflow applies to the tfjs engine only; use --engine tfjs, or leave --backend out with --engine fused',
  },
  {
    name: 'an unknown option with a suggestion',
    content: monthly(ROWS),
    args: [FILE, '--epoch', '3'],
    code: 2,
    message: "unknown option '--epoch' (did you mean --epochs?)",
  },
  {
    name: '--missing with a bad value',
    content: monthly(ROWS),
    args: [FILE, '--missing', 'zero'],
    code: 2,
    message: '--missing must be one of error, drop, ffill, interpolate, got zero',
  },
  {
    name: '--missing without a value',
    content: monthly(ROWS),
    args: [FILE, '--missing'],
    code: 2,
    message: "option '--missing <policy>' argument missing (see rnnfc --help)",
  },
];

export interface PassingCase {
  name: string;
  content: string;
  args: string[];
  /** Lines stderr must hold after "rnnfc: warning: ". */
  warnings: string[];
}

/** A series around 1e300: squaring it, or its differences, overflows unless done with care. */
const AROUND_1E300 = monthly(ROWS, (i) => `${1 + ((i * 7) % 11) / 10}e300`);

/** Rows 3, 5, 6 and 9 hold missing-value markers, each with a value on either side. */
const MARKED = monthly(ROWS, (i) => ({ 3: 'NA', 5: 'null', 6: '?', 9: 'NaN' })[i] ?? String(100 + ((i * 7) % 13)));

/** Rows 5 and 6 empty, and a value on either side of them. */
const TWO_EMPTY = monthly(ROWS, (i) => (i === 5 || i === 6 ? '' : String(100 + ((i * 7) % 13))));

export const PASSING_CASES: PassingCase[] = [
  {
    name: 'constant series',
    content: monthly(ROWS, () => '5'),
    args: [],
    warnings: [
      'column "sales" is constant (every value is 5)',
      'the training rows are constant after differencing: scaling uses a unit scale and the model has nothing to learn',
    ],
  },
  {
    name: 'constant series, standard scaling, no differencing',
    content: monthly(ROWS, () => '5'),
    args: ['--scale', 'standard', '--diff', '0'],
    warnings: [
      'column "sales" is constant (every value is 5)',
      'the training rows are constant: scaling uses a unit scale and the model has nothing to learn',
    ],
  },
  { name: 'values around 1e300', content: AROUND_1E300, args: [], warnings: [] },
  { name: 'values around 1e300, standard scaling, no differencing', content: AROUND_1E300, args: ['--scale', 'standard', '--diff', '0'], warnings: [] },
  { name: '--missing drop', content: TWO_EMPTY, args: ['--missing', 'drop'], warnings: ['dropped 2 rows with a missing value in column "sales" (--missing drop)'] },
  {
    name: '--missing ffill',
    content: TWO_EMPTY,
    args: ['--missing', 'ffill'],
    warnings: ['filled 2 missing values in column "sales" with the previous value (--missing ffill)'],
  },
  {
    name: '--missing ffill with a leading empty value',
    content: monthly(ROWS, (i) => (i === 0 || i === 9 ? '' : String(100 + ((i * 7) % 13)))),
    args: ['--missing', 'ffill'],
    warnings: ['filled 1 missing value in column "sales" with the previous value (--missing ffill); dropped 1 leading row with no previous value'],
  },
  { name: '--missing drop with NA, null, ? and NaN', content: MARKED, args: ['--missing', 'drop'], warnings: ['dropped 4 rows with a missing value in column "sales" (--missing drop)'] },
  { name: '--missing interpolate with NA, null, ? and NaN', content: MARKED, args: ['--missing', 'interpolate'], warnings: ['interpolated 4 missing values in column "sales" (--missing interpolate)'] },
  { name: '--missing interpolate', content: TWO_EMPTY, args: ['--missing', 'interpolate'], warnings: ['interpolated 2 missing values in column "sales" (--missing interpolate)'] },
];

function mkdir(p: string): void {
  fs.mkdirSync(p);
}

function writeUnreadable(p: string, text: string): void {
  fs.writeFileSync(p, text);
  fs.chmodSync(p, 0o000);
}
