// Time columns as users have them: found in any column, read in the common date formats, with
// gaps reported, and forecasts labelled by continuing the file's own labels.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/paths.js';

const root = tempDir('rnnfc-time-labels-');
after(() => fs.rmSync(root, { recursive: true, force: true }));

const DAY = 86_400_000;

/** A CSV of `header` and one row per label, values cycling so that the series is not constant. */
function csv(header: string, labels: string[], row: (label: string, i: number) => string = (l, i) => `${l},${10 + ((i * 7) % 11)}`): string {
  return `${header}\n${labels.map((l, i) => row(l, i)).join('\n')}\n`;
}

/** Daily ISO dates from `start`, skipping those in `skip`. */
function days(start: string, n: number, skip: string[] = []): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * DAY).toISOString().slice(0, 10)).filter((d) => !skip.includes(d));
}

function write(name: string, text: string): string {
  const file = path.join(root, name);
  fs.writeFileSync(file, text);
  return file;
}

function warnings(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('rnnfc: warning: ')).map((l) => l.slice('rnnfc: warning: '.length));
}

/** Trains on the file (quickly), then forecasts `h` steps from the stored history; returns both runs' output. */
async function trainThenForecast(file: string, h = 2, extra: string[] = []) {
  const model = path.join(root, `${path.basename(file)}.model`);
  const train = await runCli(['train', file, '--epochs', '1', '--test', '3', '--out', model, '--format', 'json', ...extra]);
  assert.equal(train.code, 0, train.stderr);
  const stored = await runCli(['forecast', model, '--horizon', String(h), '--format', 'json']);
  assert.equal(stored.code, 0, stored.stderr);
  const fromFile = await runCli(['forecast', model, file, '--horizon', String(h), '--format', 'json', ...extra]);
  assert.equal(fromFile.code, 0, fromFile.stderr);
  const labels = (r: { stdout: string }) => (JSON.parse(r.stdout) as { forecasts: { time: string }[] }).forecasts.map((f) => f.time);
  assert.deepEqual(labels(stored), labels(fromFile), 'the stored history and the file give the same labels');
  return { train, fromFile, labels: labels(stored) };
}

test('daily data with missing days: labels continue by day, and train and forecast say which days are missing', async () => {
  // as the Melbourne daily minimum temperatures, where 1984-12-31 and 1988-12-31 are absent
  const labels = [...days('1984-12-20', 20, ['1984-12-31']), ...days('1988-12-20', 15, ['1988-12-31'])];
  const file = write('melbourne.csv', csv('Date,Temp', labels));
  const { train, fromFile, labels: next } = await trainThenForecast(file);
  assert.deepEqual(next, ['1989-01-04', '1989-01-05']);
  const gapWarning = '3 gaps in time column "Date" (1984-12-31, 1985-01-09 .. 1988-12-19, 1988-12-31 missing): the rows are treated as consecutive';
  assert.deepEqual(warnings(train.stderr).filter((w) => w.includes('gap')), [gapWarning]);
  assert.deepEqual(warnings(fromFile.stderr), [gapWarning]);
  assert.deepEqual(JSON.parse(train.stdout).warnings.filter((w: string) => w.includes('gap')), [gapWarning]);
});

test('prepare reports the format, the period and the gaps', async () => {
  const file = write('gaps.csv', csv('Date,Temp', days('1984-12-01', 40, ['1984-12-31', '1985-01-02', '1985-01-03'])));
  const table = await runCli(['prepare', file, '--format', 'table', '--test', '3']);
  assert.equal(table.code, 0, table.stderr);
  assert.equal(
    table.stdout.split('\n')[1],
    'time: YYYY-MM-DD, every 1 day, 2 gaps (1984-12-31, 1985-01-02 .. 1985-01-03 missing: rows treated as consecutive)',
  );
  assert.deepEqual(warnings(table.stderr), [
    '2 gaps in time column "Date" (1984-12-31, 1985-01-02 .. 1985-01-03 missing): the rows are treated as consecutive',
  ]);
  const json = await runCli(['prepare', file, '--format', 'json', '--test', '3']);
  assert.deepEqual(JSON.parse(json.stdout).time, {
    format: 'YYYY-MM-DD',
    period: '1 day',
    gaps: [
      { after: 29, count: 1, first: '1984-12-31', last: '1984-12-31' },
      { after: 30, count: 2, first: '1985-01-02', last: '1985-01-03' },
    ],
    irregularSteps: 0,
  });
});

test('hourly data continues by the hour across the year end', async () => {
  const hours = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2014, 11, 30, 18 + i)).toISOString().replace('T', ' ').slice(0, 19));
  assert.equal(hours[hours.length - 1], '2014-12-31 23:00:00');
  const { labels } = await trainThenForecast(write('hourly.csv', csv('date,pollution', hours)));
  assert.deepEqual(labels, ['2015-01-01 00:00:00', '2015-01-01 01:00:00']);
});

test('minute data logged a second early now and then continues by the minute', async () => {
  // as the occupancy data: 17:51:00, 17:51:59, 17:53:00, ...
  const minutes = Array.from({ length: 30 }, (_, i) => {
    const t = new Date(Date.UTC(2015, 1, 4, 17, 51 + i, 0) - (i % 4 === 1 ? 1000 : 0));
    return t.toISOString().replace('T', ' ').slice(0, 19);
  });
  assert.equal(minutes[1], '2015-02-04 17:51:59');
  const { train, labels } = await trainThenForecast(write('minutes.csv', csv('date,CO2', minutes)));
  assert.deepEqual(labels, ['2015-02-04 18:21:00', '2015-02-04 18:22:00']);
  assert.deepEqual(warnings(train.stderr).filter((w) => w.includes('time column')), []);
});

test('dates in other formats are found and continued in the same format', async () => {
  const cases: { name: string; labels: string[]; next: string[] }[] = [
    { name: 'DD/MM/YYYY', labels: days('1984-12-20', 20).map((d) => `${d.slice(8)}/${d.slice(5, 7)}/${d.slice(0, 4)}`), next: ['09/01/1985', '10/01/1985'] },
    { name: 'MM/DD/YYYY', labels: days('1984-12-20', 20).map((d) => `${d.slice(5, 7)}/${d.slice(8)}/${d.slice(0, 4)}`), next: ['01/09/1985', '01/10/1985'] },
    { name: 'YYYY/MM/DD', labels: days('1984-12-20', 20).map((d) => d.replaceAll('-', '/')), next: ['1985/01/09', '1985/01/10'] },
    { name: 'D.M.YYYY', labels: days('1984-12-20', 20).map((d) => `${Number(d.slice(8))}.${Number(d.slice(5, 7))}.${d.slice(0, 4)}`), next: ['9.1.1985', '10.1.1985'] },
    { name: 'Mon-YYYY', labels: ['Jun-2002', 'Jul-2002', 'Aug-2002', 'Sep-2002', 'Oct-2002', 'Nov-2002', 'Dec-2002', 'Jan-2003', 'Feb-2003', 'Mar-2003', 'Apr-2003'], next: ['May-2003', 'Jun-2003'] },
    { name: 'YYYY-Mon', labels: ['2002-Jun', '2002-Jul', '2002-Aug', '2002-Sep', '2002-Oct', '2002-Nov', '2002-Dec', '2003-Jan', '2003-Feb', '2003-Mar'], next: ['2003-Apr', '2003-May'] },
    { name: 'YYYY', labels: Array.from({ length: 12 }, (_, i) => String(1949 + i)), next: ['1961', '1962'] },
    { name: 'YYYY-MM-DDTHH:MM:SS', labels: Array.from({ length: 12 }, (_, i) => `2020-03-01T${String(i).padStart(2, '0')}:30:00`), next: ['2020-03-01T12:30:00', '2020-03-01T13:30:00'] },
    { name: 'YYYY-MM-DD HH:MM', labels: Array.from({ length: 12 }, (_, i) => `2020-03-01 10:${String(i * 5).padStart(2, '0')}`), next: ['2020-03-01 11:00', '2020-03-01 11:05'] },
  ];
  for (const c of cases) {
    const file = write(`format-${c.name.replaceAll('/', '_')}.csv`, csv('when,value', c.labels));
    const { train, labels } = await trainThenForecast(file);
    assert.deepEqual(labels, c.next, c.name);
    assert.deepEqual(warnings(train.stderr).filter((w) => w.includes('time column')), [], c.name);
  }
});

test('a time column after a leading id column is found', async () => {
  const labels = days('2001-03-01', 15);
  const file = write('with-id.csv', csv('id,date,sales', labels, (l, i) => `${i + 1},${l},${100 + ((i * 5) % 7)}`));
  const { train, labels: next } = await trainThenForecast(file);
  assert.deepEqual(next, ['2001-03-16', '2001-03-17']);
  assert.deepEqual(warnings(train.stderr).filter((w) => w.includes('time column')), []);
});

test('day and month order: open when no field is above 12, and the assumption is said', async () => {
  // the first of each month: day-first it is monthly, month-first it would be daily with a jump
  const monthly = Array.from({ length: 14 }, (_, i) => `01/${String((i % 12) + 1).padStart(2, '0')}/${2001 + Math.floor(i / 12)}`);
  const { train, labels } = await trainThenForecast(write('first-of-month.csv', csv('date,value', monthly)));
  assert.deepEqual(labels, ['01/03/2002', '01/04/2002']);
  assert.deepEqual(warnings(train.stderr).filter((w) => w.includes('time column')), [
    'time column "date" has no day or month above 12: read as DD/MM/YYYY (the only order with a regular step)',
  ]);
  // twelve days from the 1st of each of two months: either order increases and is regular
  const open = ['01/01/2001', '02/01/2001', '03/01/2001', '04/01/2001', '05/01/2001', '06/01/2001', '07/01/2001', '08/01/2001'];
  const r = await trainThenForecast(write('open-order.csv', csv('date,value', open)));
  assert.deepEqual(r.labels, ['09/01/2001', '10/01/2001']);
  assert.deepEqual(warnings(r.train.stderr).filter((w) => w.includes('time column')), [
    'time column "date" has no day or month above 12: read as DD/MM/YYYY (day first; if the file is month-first, forecasts are labelled wrongly)',
  ]);
});

test('no time column: the warning says so and how to name one, and forecasts are labelled +1, +2', async () => {
  const file = write('no-time.csv', csv('when,value', Array.from({ length: 12 }, (_, i) => `week ${i + 1}`)));
  const { train, labels } = await trainThenForecast(file);
  assert.deepEqual(labels, ['+1', '+2']);
  assert.ok(
    warnings(train.stderr).includes('no time column found ("when" holds no dates or periods in a known format): forecasts are labelled +1, +2, ...; name one with --time-column'),
    train.stderr,
  );
  // a file of one column has nothing to name
  const single = await runCli(['train', write('values.csv', 'value\n' + Array.from({ length: 12 }, (_, i) => `${i % 5}\n`).join('')), '--epochs', '1', '--test', '3']);
  assert.equal(single.code, 0, single.stderr);
  assert.deepEqual(warnings(single.stderr).filter((w) => w.includes('time column')), []);
});
