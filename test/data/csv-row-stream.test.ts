import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { csvRecords } from '../../src/data/csv-row-stream.js';

test('each record is handed on as soon as its line is complete, before the input ends', async () => {
  const input = new PassThrough();
  const records = csvRecords(input, 'stdin');
  input.write('date,Light,Occupancy\n2015-02-02 14:19:00,585.2,1\n');
  assert.deepEqual((await records.next()).value, { line: 1, fields: ['date', 'Light', 'Occupancy'] });
  // The second record is complete: it must come without more input (csv-parse's stream parser
  // would wait for the next chunk here).
  const second = await Promise.race([records.next(), new Promise((resolve) => setTimeout(() => resolve('waited'), 1000))]);
  assert.deepEqual(second, { done: false, value: { line: 2, fields: ['2015-02-02 14:19:00', '585.2', '1'] } });
  input.write('2015-02-02 14:19:59,578.4,1\r\n\n');
  input.end('2015-02-02 14:21:00,572.7,0');
  const rest = [];
  for await (const r of records) rest.push(r);
  assert.deepEqual(rest, [
    { line: 3, fields: ['2015-02-02 14:19:59', '578.4', '1'] },
    { line: 5, fields: ['2015-02-02 14:21:00', '572.7', '0'] },
  ]);
});

test('a quoted field may span lines; records of any length are handed on for the caller to check', async () => {
  const input = new PassThrough();
  input.end('id,note\n1,"two\nlines"\n2\n3,x,y\n');
  const all = [];
  for await (const r of csvRecords(input, 'notes.csv')) all.push(r);
  assert.deepEqual(all, [
    { line: 1, fields: ['id', 'note'] },
    { line: 2, fields: ['1', 'two\nlines'] },
    { line: 4, fields: ['2'] },
    { line: 5, fields: ['3', 'x', 'y'] },
  ]);
});

test('a quoted field still open at the end of the input is a DataError naming its line', async () => {
  const input = new PassThrough();
  input.end('id,note\n1,"never closed\n');
  await assert.rejects(
    (async () => {
      for await (const _ of csvRecords(input, 'notes.csv'));
    })(),
    { name: 'DataError', message: 'notes.csv:2: a quoted field is not closed before the end of the input' },
  );
});
