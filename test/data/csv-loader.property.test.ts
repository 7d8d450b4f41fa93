import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSeries, type LoadOptions, type Series } from '../../src/data/csv-loader.js';
import { DataError, UsageError } from '../../src/errors.js';

/** parseSeries either returns a coherent series or throws one of our two errors, nothing else. */
function loadsOrRefuses(input: Buffer | string, options: LoadOptions): void {
  let series: Series;
  try {
    series = parseSeries(input, 'odd.csv', options);
  } catch (err) {
    if (err instanceof DataError || err instanceof UsageError) {
      assert.ok(!err.message.includes('\n'), `one-line message: ${JSON.stringify(err.message)}`);
      return;
    }
    throw err;
  }
  const n = series.values.length;
  assert.ok(n > 0);
  assert.ok(series.values.every(Number.isFinite), 'values are finite');
  assert.equal(series.times.length, n);
  assert.equal(series.lines.length, n);
  assert.ok(series.lines.every((line, i) => Number.isInteger(line) && line >= 1 && (i === 0 || line > series.lines[i - 1]!)));
  assert.ok(series.valueColumn.index >= 0 && series.valueColumn.index < series.columns.length);
  assert.notEqual(series.timeColumn?.index, series.valueColumn.index);
  assert.ok([',', ';', '\t'].includes(series.delimiter));
}

const options: fc.Arbitrary<LoadOptions> = fc.record(
  {
    column: fc.constantFrom('1', '2', '3', 'Sales', 'sales', 'x', '0'),
    timeColumn: fc.constantFrom('1', '2', 'Month', 'Date'),
    missing: fc.constantFrom('error', 'drop', 'ffill', 'interpolate'),
  },
  { requiredKeys: [] },
);

const oddCell: fc.Arbitrary<string> = fc.oneof(
  fc.double().map(String), // includes NaN, Infinity, -0, 5e-324, 1.7976931348623157e308
  fc.integer().map(String),
  fc.constantFrom('', ' ', '1e400', '-1e-400', '12,5', '1_0', '0x1F', ' 3.5 ', '.5', '5.', 'NaN', '-Infinity'),
  fc.constantFrom('1-01', '1949-12', '1981-01-01', '1981-01-01 10:00', '1981-01-01T10:00:00Z', 'Month', 'Sales'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: fc.constantFrom('"', ',', ';', '\t', '\n', '\r', ' ', 'a', '1'), maxLength: 6 }),
);

/** A CSV that may or may not be valid, but is text, with all the awkward parts of real files. */
const oddCsv = fc
  .record({
    width: fc.integer({ min: 1, max: 4 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    lineBreak: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    blankLines: fc.array(fc.nat(12), { maxLength: 3 }),
    finalBreak: fc.boolean(),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      rows: fc.array(fc.array(fc.tuple(oddCell, fc.boolean()), { minLength: shape.width, maxLength: shape.width }), { maxLength: 12 }),
      // now and then one row of another width
      ragged: fc.option(fc.tuple(fc.nat(12), fc.array(fc.tuple(oddCell, fc.boolean()), { maxLength: 6 })), { freq: 5 }),
    }),
  )
  .map(({ shape, rows, ragged }) => {
    const { delimiter, lineBreak, bom, blankLines, finalBreak } = shape;
    if (ragged !== null) rows.splice(Math.min(ragged[0], rows.length), 0, ragged[1]);
    const lines = rows.map((row) =>
      row.map(([cell, quoted]) => (quoted ? `"${cell.replaceAll('"', '""')}"` : cell)).join(delimiter),
    );
    for (const at of blankLines) lines.splice(Math.min(at, lines.length), 0, '');
    return (bom ? '\uFEFF' : '') + lines.join(lineBreak) + (finalBreak ? lineBreak : '');
  });

test('property: random bytes load as a series or are refused with a DataError/UsageError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), options, (bytes, opts) => loadsOrRefuses(Buffer.from(bytes), opts)),
    { numRuns: 300 },
  );
});

test('property: odd CSVs load as a series or are refused with a DataError/UsageError', () => {
  fc.assert(
    fc.property(oddCsv, options, (text, opts) => loadsOrRefuses(text, opts)),
    { numRuns: 300 },
  );
});

test('property: a written series reads back with the same values, labels and line numbers', () => {
  const written = fc.record({
    values: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 30 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    lineBreak: fc.constantFrom('\n', '\r\n'),
    quoted: fc.boolean(),
    bom: fc.boolean(),
    startYear: fc.integer({ min: 1, max: 2100 }),
  });
  fc.assert(
    fc.property(written, ({ values, delimiter, lineBreak, quoted, bom, startYear }) => {
      const q = (s: string): string => (quoted ? `"${s}"` : s);
      const times = values.map((_, i) => `${startYear + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
      const text =
        (bom ? '\uFEFF' : '') +
        [`${q('Month')}${delimiter}${q('Sales')}`, ...values.map((v, i) => `${q(times[i]!)}${delimiter}${q(String(v))}`)].join(lineBreak);
      const series = parseSeries(text, 'sales.csv', {});
      // -0 is written as "0"
      assert.deepEqual(series.values, values.map((v) => (Object.is(v, -0) ? 0 : v)));
      assert.deepEqual(series.times, times);
      assert.deepEqual(series.lines, values.map((_, i) => i + 2));
      assert.equal(series.delimiter, delimiter);
    }),
    { numRuns: 300 },
  );
});

test('property: any missing-value marker, in any case and spacing, is handled as an empty field', () => {
  const marker = fc
    .tuple(fc.constantFrom('', 'NA', 'N/A', '#N/A', 'NaN', 'null', 'None', '?', '.', '-'), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.constantFrom('', ' ', '  '))
    .map(([m, upper, pad]) => pad + [...m].map((ch, i) => (upper[i % 4] ? ch.toUpperCase() : ch.toLowerCase())).join('') + pad);
  const rows = fc.array(fc.option(marker, { nil: undefined, freq: 3 }), { minLength: 3, maxLength: 30 });
  fc.assert(
    fc.property(rows, fc.constantFrom('drop', 'ffill', 'interpolate'), (cells, missing) => {
      const text = (cell: (c: string | undefined, i: number) => string) =>
        'Month,Sales\n' + cells.map((c, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},${cell(c, i)}`).join('\n') + '\n';
      const value = (i: number) => String(100 + ((i * 7) % 13));
      const load = (csv: string) => {
        try {
          const s = parseSeries(csv, 'm.csv', { missing: missing as LoadOptions['missing'] });
          return { values: s.values, times: s.times, warnings: s.warnings };
        } catch (err) {
          return { error: (err as Error).message };
        }
      };
      const withMarkers = load(text((c, i) => (c === undefined ? value(i) : c)));
      const withEmpty = load(text((c, i) => (c === undefined ? value(i) : '')));
      assert.deepEqual(withMarkers, withEmpty);
    }),
  );
});
