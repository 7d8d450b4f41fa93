import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTable } from '../../src/data/table-loader.js';
import { parseSeries } from '../../src/data/csv-loader.js';
import { UsageError } from '../../src/errors.js';

const CSV = 'date,pollution,dew,temp,wnd_dir,rain\n' +
  ['2010-01-02 00:00:00,129,-16,-4,SE,0', '2010-01-02 01:00:00,148,-15,-4,SE,0', '2010-01-02 02:00:00,159,-11,-5,cv,0', '2010-01-02 03:00:00,181,-7,-5,NW,1'].join('\n') + '\n';

test('--features all: every column but the time column, the target too; categories typed as such', () => {
  const t = parseTable(CSV, 'p.csv', { target: 'pollution', features: 'all' });
  assert.equal(t.timeColumn, 'date');
  assert.deepEqual(t.features, ['pollution', 'dew', 'temp', 'wnd_dir', 'rain']);
  assert.deepEqual(t.columns.map((c) => [c.name, c.type, c.roles.join('+')]), [
    ['pollution', 'number', 'target+feature'],
    ['dew', 'number', 'feature'],
    ['temp', 'number', 'feature'],
    ['wnd_dir', 'category', 'feature'],
    ['rain', 'number', 'feature'],
  ]);
  assert.deepEqual(t.columns[3]!.values, ['SE', 'SE', 'cv', 'NW']);
  assert.deepEqual(t.times[1], '2010-01-02 01:00:00');
});

test('--features by name, 1-based index and range, in the order given; with --horizon 0 `all` leaves the target out', () => {
  assert.deepEqual(parseTable(CSV, 'p.csv', { target: 'pollution', features: 'temp,3,5-6' }).features, ['temp', 'dew', 'wnd_dir', 'rain']);
  assert.deepEqual(parseTable(CSV, 'p.csv', { target: 'pollution', features: 'all', horizon: 0 }).features, ['dew', 'temp', 'wnd_dir', 'rain']);
  // default: the target alone
  assert.deepEqual(parseTable(CSV, 'p.csv', { target: 'dew' }).features, ['dew']);
});

test('a bad --features is a UsageError saying what is wrong', () => {
  const bad = (features: string, message: string) =>
    assert.throws(() => parseTable(CSV, 'p.csv', { target: 'pollution', features }), (e: unknown) => e instanceof UsageError && e.message === message);
  bad('presure', 'feature "presure" not found in p.csv; columns are: "date", "pollution", "dew", "temp", "wnd_dir", "rain"');
  bad('dew,dew', '--features names column "dew" twice');
  bad('date,dew', '--features "date" names the time column column "date", which cannot be a feature');
  bad('3-9', '--features range 3-9 must be increasing 1-based indexes within 1-6');
  bad('dew,', '--features must be column names, 1-based indexes, ranges (2-9) or all, got "dew,"');
});

test('a non-numeric target with --task regress is a UsageError; a typo in a numeric column stays a DataError at its line', () => {
  assert.throws(() => parseTable(CSV, 'p.csv', { target: 'wnd_dir', task: 'regress' }), {
    name: 'UsageError',
    message: 'the target column "wnd_dir" is not numeric (e.g. "SE"); choose a numeric column with --target, or leave out --task regress to classify its labels',
  });
  assert.throws(() => parseTable(CSV.replace('148', 'x48'), 'p.csv', { target: 'pollution', features: 'all' }), {
    name: 'DataError',
    message: 'p.csv:3: column "pollution": "x48" is not a number',
  });
});

test('one column reads exactly as parseSeries reads it', () => {
  const s = parseSeries(CSV, 'p.csv', { column: 'temp' });
  const t = parseTable(CSV, 'p.csv', { target: 'temp' });
  assert.deepEqual([...(t.columns[0]!.values as Float64Array)], s.values);
  assert.deepEqual(t.times, s.times);
  assert.deepEqual(t.lines, s.lines);
});

test('--missing drop drops a row with an empty value in any column read', () => {
  const csv = CSV.replace('-15,-4,SE', ',-4,SE');
  const t = parseTable(csv, 'p.csv', { target: 'pollution', features: 'pollution,dew', missing: 'drop' });
  assert.equal(t.times.length, 3);
  assert.deepEqual([...(t.columns[0]!.values as Float64Array)], [129, 159, 181]);
  assert.deepEqual(t.warnings, [
    // the hours left are 00:00, 02:00, 03:00: one step of two hours among two
    'time column "date" has no regular step: the rows are treated as consecutive, and forecasts are labelled +1, +2, ...',
    'dropped 1 row with a missing value in column "dew" (--missing drop)',
  ]);
});
