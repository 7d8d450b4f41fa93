import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  continueLabels,
  describePeriod,
  detectPeriod,
  formatTimeLabel,
  looksLikeTimeColumn,
  parseTimeLabel,
  analyseTimeAxis,
} from '../../src/data/time-index.js';

test('parseTimeLabel: empty, blank and unknown labels are null', () => {
  for (const label of ['', '   ', 'abc', '1-1', '1949-13', '1949-00', '1981-02-30', '1981-01-01 24:00', '1981-01-01T10:60', '1.5', '1e3', '12,5']) {
    assert.equal(parseTimeLabel(label), null, label);
  }
});

test('parseTimeLabel: months count from year 0 and keep their year digits', () => {
  assert.deepEqual(parseTimeLabel('1-01'), { kind: 'month', ordinal: 12, format: { form: 'year-month', yearDigits: 1 } });
  assert.deepEqual(parseTimeLabel('1949-01'), { kind: 'month', ordinal: 1949 * 12, format: { form: 'year-month', yearDigits: 4 } });
  assert.equal(parseTimeLabel('3-12')?.ordinal, 3 * 12 + 11);
});

test('parseTimeLabel: dates and datetimes are UTC milliseconds', () => {
  assert.deepEqual(parseTimeLabel('1981-01-01'), {
    kind: 'date',
    ordinal: Date.UTC(1981, 0, 1),
    format: { form: 'date', order: 'ymd', separator: '-', padded: true, clock: null },
  });
  assert.equal(parseTimeLabel('2024-02-29')?.ordinal, Date.UTC(2024, 1, 29));
  const spaced = parseTimeLabel('1981-01-01 10:00');
  assert.equal(spaced?.kind, 'datetime');
  assert.equal(spaced?.ordinal, Date.UTC(1981, 0, 1, 10));
  assert.deepEqual(spaced?.format, { form: 'date', order: 'ymd', separator: '-', padded: true, clock: { separator: ' ', seconds: false, fractionDigits: 0, utcSuffix: false } });
  const iso = parseTimeLabel('1981-01-01T10:00:30.250Z');
  assert.equal(iso?.ordinal, Date.UTC(1981, 0, 1, 10, 0, 30, 250));
  assert.deepEqual(iso?.format, { form: 'date', order: 'ymd', separator: '-', padded: true, clock: { separator: 'T', seconds: true, fractionDigits: 3, utcSuffix: true } });
});

test('parseTimeLabel: years below 100 are not shifted to the 1900s', () => {
  assert.equal(parseTimeLabel('0050-03-01')?.ordinal, new Date('0050-03-01T00:00:00Z').getTime());
});

test('parseTimeLabel: plain integers are step indexes', () => {
  assert.deepEqual(parseTimeLabel('7'), { kind: 'index', ordinal: 7, format: { form: 'index', width: 0 } });
  assert.deepEqual(parseTimeLabel(' 007 '), { kind: 'index', ordinal: 7, format: { form: 'index', width: 3 } });
  assert.equal(parseTimeLabel('-3')?.ordinal, -3);
});

test('detectPeriod: fewer than two labels, repeats, gaps, decreasing or mixed kinds give null', () => {
  assert.equal(detectPeriod([]), null);
  assert.equal(detectPeriod(['1-01']), null);
  assert.equal(detectPeriod(['1-01', '1-01']), null);
  assert.equal(detectPeriod(['1-01', '1-02', '1-04']), null);
  assert.equal(detectPeriod(['1-03', '1-02', '1-01']), null);
  assert.equal(detectPeriod(['1949-01', '1949-02-01']), null);
  assert.equal(detectPeriod(['1949-01', 'x']), null);
  // no step makes up more than half of the steps
  assert.equal(detectPeriod(['1-01', '1-02', '1-04', '1-07']), null);
});

test('detectPeriod: the most common step is the period when it makes up more than half of the steps', () => {
  // 1984-12-31 and 1988-12-31 missing, as in the Melbourne daily minimum temperatures
  const days = ['1984-12-29', '1984-12-30', '1985-01-01', '1985-01-02', '1988-12-30', '1989-01-01', '1989-01-02', '1989-01-03'];
  assert.deepEqual(detectPeriod(days), { unit: 'ms', count: 86_400_000 });
  assert.deepEqual(detectPeriod(['1-01', '1-02', '1-03', '1-06']), { unit: 'month', count: 1 });
  // a sensor that logs every minute, a second early now and then
  assert.deepEqual(detectPeriod(['2015-02-04 17:51:00', '2015-02-04 17:51:59', '2015-02-04 17:53:00', '2015-02-04 17:54:00', '2015-02-04 17:55:00']), { unit: 'ms', count: 60_000 });
});

test('detectPeriod: monthly labels step by calendar months', () => {
  assert.deepEqual(detectPeriod(['1-11', '1-12', '2-01']), { unit: 'month', count: 1 });
  assert.deepEqual(detectPeriod(['1949-01', '1949-04', '1949-07']), { unit: 'month', count: 3 });
  // dates on the first of the month: 31, 28, 31 days apart, still one month
  assert.deepEqual(detectPeriod(['1981-01-01', '1981-02-01', '1981-03-01', '1981-04-01']), { unit: 'month', count: 1 });
  assert.deepEqual(detectPeriod(['1990-01-01', '1991-01-01', '1992-01-01']), { unit: 'month', count: 12 });
  // the last day of each month: 31, 28, 31 days apart
  assert.deepEqual(detectPeriod(['1981-01-31', '1981-02-28', '1981-03-31']), { unit: 'month', count: 1 });
});

test('detectPeriod: days, hours, minutes and steps', () => {
  assert.deepEqual(detectPeriod(['1981-12-30', '1981-12-31', '1982-01-01']), { unit: 'ms', count: 86_400_000 });
  assert.deepEqual(detectPeriod(['1981-01-01 10:00', '1981-01-01 11:00']), { unit: 'ms', count: 3_600_000 });
  assert.deepEqual(detectPeriod(['1981-01-01T10:00:00', '1981-01-01T10:15:00', '1981-01-01T10:30:00']), { unit: 'ms', count: 900_000 });
  assert.deepEqual(detectPeriod(['1', '2', '3']), { unit: 'step', count: 1 });
});

test('describePeriod: says the period as a person would', () => {
  assert.equal(describePeriod({ unit: 'month', count: 1 }), '1 month');
  assert.equal(describePeriod({ unit: 'month', count: 3 }), '3 months');
  assert.equal(describePeriod({ unit: 'month', count: 12 }), '1 year');
  assert.equal(describePeriod({ unit: 'ms', count: 86_400_000 }), '1 day');
  assert.equal(describePeriod({ unit: 'ms', count: 7 * 86_400_000 }), '1 week');
  assert.equal(describePeriod({ unit: 'ms', count: 3_600_000 }), '1 hour');
  assert.equal(describePeriod({ unit: 'ms', count: 900_000 }), '15 minutes');
  assert.equal(describePeriod({ unit: 'ms', count: 1500 }), '1500 milliseconds');
  assert.equal(describePeriod({ unit: 'step', count: 1 }), 'step 1');
});

test('continueLabels: h = 0 gives none; a bad h is a RangeError; irregular labels give null', () => {
  assert.deepEqual(continueLabels(['1-01', '1-02'], 0), []);
  assert.throws(() => continueLabels(['1-01', '1-02'], -1), RangeError);
  assert.throws(() => continueLabels(['1-01', '1-02'], 1.5), RangeError);
  assert.equal(continueLabels(['1-01', '1-03', '1-04', '1-07'], 2), null);
  assert.equal(continueLabels(['1-01'], 2), null);
});

test('continueLabels: months keep their number of year digits', () => {
  assert.deepEqual(continueLabels(['3-11', '3-12'], 2), ['4-01', '4-02']);
  assert.deepEqual(continueLabels(['1960-11', '1960-12'], 1), ['1961-01']);
  assert.deepEqual(continueLabels(['9-11', '9-12'], 1), ['10-01']);
});

test('continueLabels: dates continue by day, month or year', () => {
  assert.deepEqual(continueLabels(['1981-12-30', '1981-12-31'], 2), ['1982-01-01', '1982-01-02']);
  assert.deepEqual(continueLabels(['2024-02-27', '2024-02-28'], 2), ['2024-02-29', '2024-03-01']);
  assert.deepEqual(continueLabels(['1981-11-01', '1981-12-01'], 3), ['1982-01-01', '1982-02-01', '1982-03-01']);
  assert.deepEqual(continueLabels(['1990-06-15', '1991-06-15'], 1), ['1992-06-15']);
});

test('continueLabels: datetimes keep their format', () => {
  assert.deepEqual(continueLabels(['1981-01-01 09:00', '1981-01-01 10:00'], 1), ['1981-01-01 11:00']);
  assert.deepEqual(continueLabels(['1981-01-01 22:00', '1981-01-01 23:00'], 1), ['1981-01-02 00:00']);
  assert.deepEqual(continueLabels(['1981-01-01T10:00:00', '1981-01-01T10:15:00'], 2), ['1981-01-01T10:30:00', '1981-01-01T10:45:00']);
  assert.deepEqual(continueLabels(['1981-01-01T10:00:00.5Z', '1981-01-01T10:00:01.0Z'], 1), ['1981-01-01T10:00:01.5Z']);
});

test('continueLabels: step indexes keep their zero padding', () => {
  assert.deepEqual(continueLabels(['1', '2', '3'], 2), ['4', '5']);
  assert.deepEqual(continueLabels(['008', '009'], 2), ['010', '011']);
  assert.deepEqual(continueLabels(['10', '20'], 1), ['30']);
});

test('looksLikeTimeColumn: needs one kind of month/date/datetime label, ignoring empty fields', () => {
  assert.equal(looksLikeTimeColumn([]), false);
  assert.equal(looksLikeTimeColumn(['', ' ']), false);
  assert.equal(looksLikeTimeColumn(['1', '2', '3']), false);
  assert.equal(looksLikeTimeColumn(['1-01', '1-02', '']), true);
  assert.equal(looksLikeTimeColumn(['1981-01-01', '1981-01-02']), true);
  assert.equal(looksLikeTimeColumn(['1981-01-01 10:00']), true);
  assert.equal(looksLikeTimeColumn(['1981-01-01', '1981-01-01 10:00']), false);
  assert.equal(looksLikeTimeColumn(['1-01', 'Sales']), false);
});

// Labels in every style, generated from their parts, so the round trips below cover them all.
const monthLabel = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }))
  .map(([year, month, digits]) => `${String(year).padStart(digits, '0')}-${String(month).padStart(2, '0')}`);
const dateTimeLabel = fc
  .tuple(
    fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9998-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.constantFrom('date', 'T', ' ', 'Ts', ' s', 'Tms', 'TsZ'),
  )
  .map(([date, style]) => {
    const iso = date.toISOString();
    if (style === 'date') return iso.slice(0, 10);
    let label = `${iso.slice(0, 10)}${style[0]}${iso.slice(11, 16)}`;
    if (style.includes('s')) label += iso.slice(16, 19);
    if (style.includes('m')) label += iso.slice(19, 23);
    if (style.endsWith('Z')) label += 'Z';
    return label;
  });
const indexLabel = fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String);

test('property: formatTimeLabel(parseTimeLabel(label)) gives the label back', () => {
  fc.assert(
    fc.property(fc.oneof(monthLabel, dateTimeLabel, indexLabel), (label) => {
      const point = parseTimeLabel(label);
      assert.notEqual(point, null);
      assert.equal(formatTimeLabel(point!), label);
    }),
  );
});

/** Dates that all fall on one day of the month, or all on the last day of their month. */
function sameDayOfMonth(labels: string[]): boolean {
  const points = labels.map((l) => parseTimeLabel(l)!);
  if (points.some((p) => p.kind !== 'date')) return false;
  const days = points.map((p) => new Date(p.ordinal));
  const lastDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate() === d.getUTCDate();
  return days.every((d) => d.getUTCDate() === days[0]!.getUTCDate()) || days.every(lastDay);
}

test('continuing dates on one day of the month steps by months, even when the days between happen to be equal', () => {
  assert.deepEqual(continueLabels(['1970-01-01', '1970-04-01'], 1), ['1970-07-01']);
});

test('property: continuing the first labels of a regular sequence gives the rest of it', () => {
  const sequence = fc
    .tuple(fc.oneof(monthLabel, dateTimeLabel, indexLabel), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 6 }))
    .map(([start, step, n, h]) => {
      const first = parseTimeLabel(start)!;
      // dates step by whole days so that a date style is kept; the rest by their own unit (minutes for datetimes, 12 months for years)
      const unit = first.kind === 'date' ? 86_400_000 : first.kind === 'datetime' ? 60_000 : first.kind === 'year' ? 12 : 1;
      const labels = Array.from({ length: n + h }, (_, k) => formatTimeLabel({ ...first, ordinal: first.ordinal + k * step * unit }));
      return { labels, n, h };
    })
    .filter(({ labels }) => labels.every((l) => parseTimeLabel(l) !== null))
    // dates all on the same day of the month (1970-01-01, 1970-04-01: 90 days apart) read as a
    // step of whole months, which they also are; such a sequence continues by months
    .filter(({ labels, n }) => !sameDayOfMonth(labels.slice(0, n)));
  fc.assert(
    fc.property(sequence, ({ labels, n, h }) => {
      assert.deepEqual(continueLabels(labels.slice(0, n), h), labels.slice(n));
    }),
  );
});

test('property: rows missing from a regular sequence are reported as gaps and do not change the continuation', () => {
  const sequence = fc
    .tuple(fc.oneof(monthLabel, dateTimeLabel), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 8, max: 40 }), fc.integer({ min: 1, max: 4 }))
    .chain(([start, step, n, h]) =>
      // keep the first and last labels, and at least three in four of the steps whole
      fc.uniqueArray(fc.integer({ min: 1, max: n - 2 }), { maxLength: Math.floor(n / 6) }).map((removed) => ({ start, step, n, h, removed })),
    )
    .map(({ start, step, n, h, removed }) => {
      const first = parseTimeLabel(start)!;
      const unit = first.kind === 'date' ? 86_400_000 : first.kind === 'datetime' ? 60_000 : first.kind === 'year' ? 12 : 1;
      const labels = Array.from({ length: n + h }, (_, k) => formatTimeLabel({ ...first, ordinal: first.ordinal + k * step * unit }));
      return { labels, n, h, removed: new Set(removed) };
    })
    .filter(({ labels }) => labels.every((l) => parseTimeLabel(l) !== null));
  fc.assert(
    fc.property(sequence, ({ labels, n, h, removed }) => {
      const kept = labels.slice(0, n).filter((_, i) => !removed.has(i));
      const axis = analyseTimeAxis(kept)!;
      const missing = axis.gaps.flatMap((g) => {
        const from = labels.indexOf(g.first);
        return labels.slice(from, from + g.count);
      });
      assert.deepEqual(missing, labels.slice(0, n).filter((_, i) => removed.has(i)));
      assert.equal(axis.irregularSteps, 0);
      assert.deepEqual(continueLabels(kept, h), labels.slice(n));
    }),
  );
});
