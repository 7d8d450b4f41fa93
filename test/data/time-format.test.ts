import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeFormat, detectTimeFormat, formatInFormat, labelKind, parseInFormat, type TimeFormat } from '../../src/data/time-format.js';

/** The format detected for labels, as its pattern; null when none. */
function pattern(labels: string[], prefer?: string): string | null {
  const d = detectTimeFormat(labels, prefer);
  return d === null ? null : describeFormat(d.format);
}

test('detectTimeFormat: no labels, blank labels and words give null', () => {
  assert.equal(detectTimeFormat([]), null);
  assert.equal(detectTimeFormat(['', '  ']), null);
  assert.equal(detectTimeFormat(['abc', 'week 1']), null);
  assert.equal(detectTimeFormat(['Foo-2003']), null);
});

test('detectTimeFormat: the common forms', () => {
  assert.equal(pattern(['1949-01', '1949-02']), 'YYYY-MM');
  assert.equal(pattern(['1-01', '1-02']), 'Y-MM');
  assert.equal(pattern(['Apr-2003', 'May-2003']), 'Mon-YYYY');
  assert.equal(pattern(['2003-Apr', '2003-May']), 'YYYY-Mon');
  assert.equal(pattern(['April 2003', 'May 2003']), 'Month YYYY');
  assert.equal(pattern(['1949', '1950']), 'YYYY');
  assert.equal(pattern(['7', '8']), 'step number');
  assert.equal(pattern(['1981-01-31', '1981-02-01']), 'YYYY-MM-DD');
  assert.equal(pattern(['1981/01/31']), 'YYYY/MM/DD');
  assert.equal(pattern(['31/01/1981']), 'DD/MM/YYYY');
  assert.equal(pattern(['01/31/1981']), 'MM/DD/YYYY');
  assert.equal(pattern(['31.1.1981']), 'D.M.YYYY');
  assert.equal(pattern(['31-01-1981']), 'DD-MM-YYYY');
  assert.equal(pattern(['2015-02-04 17:51:00']), 'YYYY-MM-DD HH:MM:SS');
  assert.equal(pattern(['2015-02-04T17:51']), 'YYYY-MM-DDTHH:MM');
  assert.equal(pattern(['2015-02-04T17:51:00.25Z']), 'YYYY-MM-DDTHH:MM:SS.SSZ');
  assert.equal(pattern(['31/01/1981 10:00']), 'DD/MM/YYYY HH:MM');
});

test('detectTimeFormat: the most common shape wins and the others are counted as misfits', () => {
  assert.deepEqual(detectTimeFormat(['1949-01', '1949-02', 'x', '1949-03-01', '']), {
    format: { form: 'year-month', yearDigits: 4 },
    assumed: null,
    misfits: 2,
  });
});

test('detectTimeFormat: a field above 12 decides day and month order', () => {
  assert.deepEqual(detectTimeFormat(['01/02/2000', '13/02/2000'])?.assumed, null);
  assert.equal(pattern(['01/02/2000', '13/02/2000']), 'DD/MM/YYYY');
  assert.equal(pattern(['02/01/2000', '02/13/2000']), 'MM/DD/YYYY');
  // above 12 in both places: the more common order, in which the others are impossible dates
  assert.equal(pattern(['13/01/2000', '14/01/2000', '01/15/2000']), 'DD/MM/YYYY');
  assert.equal(pattern(['13/01/2000', '01/14/2000', '01/15/2000']), 'MM/DD/YYYY');
});

test('detectTimeFormat: without a field above 12, increasing time, then a regular step, then the preference, then day first', () => {
  // day-first these decrease
  const onlyMonthFirst = detectTimeFormat(['01/02/2000', '02/01/2000']);
  assert.equal(onlyMonthFirst && describeFormat(onlyMonthFirst.format), 'MM/DD/YYYY');
  assert.equal(onlyMonthFirst?.assumed, 'only-increasing');
  // the first of each month for 14 months: month-first it would jump back to January 1
  const monthly = Array.from({ length: 14 }, (_, i) => `01/${String((i % 12) + 1).padStart(2, '0')}/${2001 + Math.floor(i / 12)}`);
  assert.equal(detectTimeFormat(monthly)?.assumed, 'only-regular');
  assert.equal(pattern(monthly), 'DD/MM/YYYY');
  const open = ['01/01/2001', '02/01/2001', '03/01/2001'];
  assert.deepEqual(detectTimeFormat(open)?.assumed, 'default');
  assert.equal(pattern(open), 'DD/MM/YYYY');
  assert.equal(pattern(open, 'MM/DD/YYYY'), 'MM/DD/YYYY');
  assert.equal(detectTimeFormat(open, 'MM/DD/YYYY')?.assumed, 'preferred');
  // a preference never overrides the data
  assert.equal(pattern(['13/01/2001'], 'MM/DD/YYYY'), 'DD/MM/YYYY');
});

test('labelKind: each label on its own', () => {
  assert.equal(labelKind('1949-01'), 'month');
  assert.equal(labelKind('Apr-2003'), 'month');
  assert.equal(labelKind('1949'), 'year');
  assert.equal(labelKind('12345'), 'index');
  assert.equal(labelKind('31/12/1984'), 'date');
  assert.equal(labelKind('1984-12-31 10:00'), 'datetime');
  assert.equal(labelKind('Sales'), null);
  assert.equal(labelKind('12.5'), null);
});

test('parseInFormat: labels of another form or impossible dates are null', () => {
  const dmy: TimeFormat = { form: 'date', order: 'dmy', separator: '/', padded: true, clock: null };
  assert.equal(parseInFormat('31/12/1984', dmy), Date.UTC(1984, 11, 31));
  assert.equal(parseInFormat('1/2/1984', dmy), Date.UTC(1984, 1, 1));
  assert.equal(parseInFormat('31/02/1984', dmy), null);
  assert.equal(parseInFormat('1984/12/31', dmy), null);
  assert.equal(parseInFormat('31-12-1984', dmy), null);
  assert.equal(parseInFormat('31/12/1984 10:00', dmy), null);
  assert.equal(parseInFormat('1949', { form: 'year' }), 1949 * 12);
  assert.equal(parseInFormat('Sept 2003', { form: 'month-name', yearFirst: false, separator: ' ', letters: 'title', full: true }), 2003 * 12 + 8);
});

// Every format, with a date to write in it; the date fits the format (whole days for dates, months for months).
const anyFormat: fc.Arbitrary<TimeFormat> = fc.oneof(
  fc.constant<TimeFormat>({ form: 'year' }),
  fc.integer({ min: 1, max: 4 }).map((yearDigits): TimeFormat => ({ form: 'year-month', yearDigits })),
  fc
    .record({ yearFirst: fc.boolean(), separator: fc.constantFrom('-', ' ', '/', ''), letters: fc.constantFrom('title', 'upper', 'lower'), full: fc.boolean() })
    .map((r): TimeFormat => ({ form: 'month-name', ...(r as { yearFirst: boolean; separator: string; letters: 'title' | 'upper' | 'lower'; full: boolean }) })),
  fc
    .record({
      order: fc.constantFrom('ymd', 'dmy', 'mdy'),
      separator: fc.constantFrom('-', '/', '.'),
      padded: fc.boolean(),
      clock: fc.option(fc.record({ separator: fc.constantFrom('T', ' '), seconds: fc.boolean(), fractionDigits: fc.constantFrom(0, 1, 3), utcSuffix: fc.boolean() })),
    })
    .map((r) => ({ form: 'date', ...r }) as TimeFormat)
    .filter((f) => f.form !== 'date' || f.clock === null || f.clock.seconds || f.clock.fractionDigits === 0),
);

function ordinalFor(format: TimeFormat, seed: number): number {
  switch (format.form) {
    case 'year':
      return (1000 + (seed % 2000)) * 12;
    case 'year-month':
    case 'month-name':
      return (1000 + (seed % 8000)) * 12 + (seed % 12);
    case 'date': {
      const day = Date.UTC(1000, 0, 1) + (seed % 3_000_000) * 86_400_000;
      if (format.clock === null) return day;
      const ms = format.clock.fractionDigits === 0 ? 0 : format.clock.fractionDigits === 1 ? (seed % 10) * 100 : seed % 1000;
      const seconds = format.clock.seconds ? seed % 60 : 0;
      return day + ((seed % 1440) * 60 + seconds) * 1000 + ms;
    }
    case 'index':
      return seed;
  }
}

test('property: a label written in a format reads back to the same time', () => {
  fc.assert(
    fc.property(anyFormat, fc.nat(), (format, seed) => {
      const ordinal = ordinalFor(format, seed);
      const label = formatInFormat(ordinal, format);
      assert.equal(parseInFormat(label, format), ordinal, label);
    }),
  );
});

test('property: daily dates with a day above 12 are read in their own order, whatever the separator', () => {
  fc.assert(
    fc.property(fc.constantFrom<'dmy' | 'mdy'>('dmy', 'mdy'), fc.constantFrom<'-' | '/' | '.'>('-', '/', '.'), fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 13, max: 60 }), (order, separator, start, n) => {
      const format: TimeFormat = { form: 'date', order, separator, padded: true, clock: null };
      const labels = Array.from({ length: n }, (_, i) => formatInFormat(Date.UTC(1950, 0, 1) + (start + i) * 86_400_000, format));
      const detected = detectTimeFormat(labels);
      assert.deepEqual(detected, { format, assumed: null, misfits: 0 }, labels.join(' '));
    }),
  );
});
