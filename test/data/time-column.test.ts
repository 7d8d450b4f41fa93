import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTimeColumn, noTimeColumnWarning, readTimeColumn, timeAxisWarnings, type ColumnView } from '../../src/data/time-column.js';
import { analyseTimeAxis } from '../../src/data/time-index.js';
import { DataError } from '../../src/errors.js';

const column = (name: string, values: string[]): ColumnView => ({ label: `column "${name}"`, name, values });

test('findTimeColumn: none among no columns, numbers, step numbers or words', () => {
  assert.equal(findTimeColumn([], undefined), null);
  assert.equal(findTimeColumn([column('id', ['1', '2', '3']), column('v', ['1.5', '2.5', '3'])], undefined), null);
  assert.equal(findTimeColumn([column('when', ['week 1', 'week 2'])], undefined), null);
});

test('findTimeColumn: the first column of time labels, skipping the excluded one', () => {
  const date = column('date', ['31/12/1984', '01/01/1985']);
  const month = column('month', ['1984-12', '1985-01']);
  assert.equal(findTimeColumn([column('id', ['1', '2']), date, month], undefined), 1);
  assert.equal(findTimeColumn([column('id', ['1', '2']), date, month], 1), 2);
  // a majority is enough: a typo is reported later, at its line
  assert.equal(findTimeColumn([column('d', ['1984-12-30', 'x', '1985-01-01'])], undefined), 0);
  assert.equal(findTimeColumn([column('d', ['1984-12-30', 'x', 'y'])], undefined), null);
});

test('findTimeColumn: bare years in the first column or a column named for years, when they increase', () => {
  const years = ['1949', '1950', '1951'];
  assert.equal(findTimeColumn([column('t', years), column('v', ['1', '2', '3'])], undefined), 0);
  assert.equal(findTimeColumn([column('id', ['1', '2', '3']), column('Jahr', years)], undefined), 1);
  assert.equal(findTimeColumn([column('id', ['1', '2', '3']), column('sales', years)], undefined), null);
  assert.equal(findTimeColumn([column('year', ['1951', '1950', '1949'])], undefined), null);
});

test('readTimeColumn: each bad label is reported at its line', () => {
  const read = (values: string[]): string => {
    try {
      readTimeColumn(column('Date', values), 'x.csv', (r) => r + 2);
    } catch (err) {
      assert.ok(err instanceof DataError);
      return err.message;
    }
    assert.fail('expected an error');
  };
  assert.equal(read(['31/12/1984', '', '02/01/1985']), 'x.csv:3: column "Date": empty time label');
  assert.equal(read(['31/12/1984', '32/12/1984']), `x.csv:3: column "Date": "32/12/1984" is not a time label in the column's format (DD/MM/YYYY)`);
  assert.equal(read(['31/12/1984', '1984-12', '02/01/1985']), 'x.csv:3: column "Date": "1984-12" is a month, but the other labels are dates');
  assert.equal(read(['31/12/1984', '01/01/1985', '31/12/1984']), 'x.csv:4: column "Date": "31/12/1984" repeats line 2');
  assert.equal(read(['31/12/1984', '02/01/1985', '01/01/1985']), 'x.csv:4: column "Date": "01/01/1985" is not after "02/01/1985" (time must increase)');
});

test('readTimeColumn: the ordinals and the assumption', () => {
  const r = readTimeColumn(column('Date', ['01/02/2000', '02/02/2000']), 'x.csv', (i) => i + 2);
  assert.deepEqual([...r.ordinals], [Date.UTC(2000, 1, 1), Date.UTC(2000, 1, 2)]);
  assert.equal(r.assumed, 'default');
  assert.equal(readTimeColumn(column('Date', ['01/02/2000', '02/02/2000']), 'x.csv', (i) => i, 'MM/DD/YYYY').ordinals[0], Date.UTC(2000, 0, 2));
});

test('timeAxisWarnings: none for a regular axis; gaps listed up to three', () => {
  const regular = analyseTimeAxis(['2000-01', '2000-02', '2000-03'])!;
  assert.deepEqual(timeAxisWarnings(regular, 'column "m"', null, 3), []);
  const gappy = analyseTimeAxis(['2000-01', '2000-03', '2000-04', '2000-05', '2000-06', '2000-09', '2000-10', '2000-11', '2000-12', '2001-02', '2001-03', '2001-05', '2001-06'])!;
  assert.deepEqual(timeAxisWarnings(gappy, 'column "m"', null, 13), [
    '4 gaps in time column "m" (2000-02, 2000-07 .. 2000-08, 2001-01 and 1 more missing): the rows are treated as consecutive',
  ]);
});

test('noTimeColumnWarning: one column or several', () => {
  assert.equal(
    noTimeColumnWarning([column('id', [])]),
    'no time column found ("id" holds no dates or periods in a known format): forecasts are labelled +1, +2, ...; name one with --time-column',
  );
  assert.match(noTimeColumnWarning([column('id', []), column('when', [])]), /^no time column found \(none of "id", "when" holds dates/);
});
