import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { boxPlotStats, renderBoxPlots } from '../../src/render/boxplot.js';

const lstm = [0.1831, 0.1794, 0.1902, 0.1856, 0.1811, 0.1877, 0.1823, 0.1949, 0.1801, 0.1865];
// 11 runs, the last one far above the rest: an outlier by the 1.5 IQR rule
const gru = [0.1779, 0.1812, 0.1768, 0.179, 0.1805, 0.1751, 0.1833, 0.1784, 0.1762, 0.1797, 0.205];
const persistence = { value: 0.1985, label: 'persistence RMSE' };

const BOX_CHARS = new Set(['┝', '┾', '━', '┿', '╋', '┥', '┽']);

// --- argument checks first ---

test('renderBoxPlots: no groups, an empty group, a bad value or a too small width is rejected', () => {
  assert.throws(() => renderBoxPlots([], { width: 40 }), {
    name: 'RangeError',
    message: 'groups must contain at least one group, got none',
  });
  assert.throws(() => renderBoxPlots([{ name: 'lstm', values: [] }], { width: 40 }), {
    name: 'RangeError',
    message: 'groups[0].values must contain at least one value, got an empty array',
  });
  assert.throws(() => renderBoxPlots([{ name: 'lstm', values: [1, Number.NaN] }], { width: 40 }), {
    name: 'RangeError',
    message: 'groups[0].values[1] must be a finite number, got NaN',
  });
  assert.throws(() => renderBoxPlots([{ name: 'lstm', values: [1] }], { width: 19 }), {
    name: 'RangeError',
    message: 'width must be an integer of at least 20, got 19',
  });
  assert.throws(
    () => renderBoxPlots([{ name: 'lstm', values: [1] }], { width: 40, reference: { value: Infinity, label: 'p' } }),
    { name: 'RangeError', message: 'reference.value must be a finite number, got Infinity' },
  );
  assert.throws(() => renderBoxPlots([{ name: 'x', values: [-1e308, 1e308] }], { width: 40 }), {
    name: 'RangeError',
    message: 'values and reference must span a finite range, got -1e+308 to 1e+308',
  });
});

// --- golden text; each was checked by hand against the column formula
//     column = round((v - axisFrom) / (axisTo - axisFrom) * (plotWidth - 1)) ---

test('renderBoxPlots: one value only is a lone median on a ±10 % axis around it', () => {
  assert.deepEqual(renderBoxPlots([{ name: 'one run', values: [0.25] }], { width: 40 }), [
    'one run                ╋',
    '        ───┬─────┬─────┬──────┬─────┬───',
    '          0.23  0.24  0.25   0.26  0.27',
  ]);
});

test('renderBoxPlots: all values equal, and a reference at the edge of the axis', () => {
  const lines = renderBoxPlots(
    [
      { name: 'lstm', values: [0.25, 0.25, 0.25] },
      { name: 'gru', values: [0.24, 0.26] },
    ],
    { width: 40, reference: { value: 0.3, label: 'persistence RMSE' } },
  );
  assert.deepEqual(lines, [
    'lstm       ╋                           ┆',
    'gru  ├──┾━━╋━━┽─┤                      ┆',
    '     ┬──────────┬───────────┬──────────┼',
    '    0.24       0.26        0.28     0.30',
    '┆ persistence RMSE = 0.3',
  ]);
});

test('renderBoxPlots: two configurations, an outlier and the persistence line at width 40', () => {
  // lstm: whiskers .1794/.1949, box .1814-.1874, median .18435 (see describe.test.ts);
  // gru: whiskers .1751/.1833, box .17735-.18085, median .179, outlier .205.
  // Axis .1751 to .205 over 32 columns; .1985 falls on column 24.
  assert.deepEqual(
    renderBoxPlots(
      [
        { name: 'lstm-32', values: lstm },
        { name: 'gru-32', values: gru },
      ],
      { width: 40, reference: persistence },
    ),
    [
      'lstm-32     ├──┾━━╋━━┽───────┤  ┆',
      'gru-32  ├─┾━╋━┽──┤              ┆      o',
      '        ─────┬─────────┬────────┴─┬─────',
      '            0.18      0.19       0.20',
      '┆ persistence RMSE = 0.1985',
    ],
  );
});

test('renderBoxPlots: the same at width 60 gets finer ticks', () => {
  assert.deepEqual(
    renderBoxPlots(
      [
        { name: 'lstm-32', values: lstm },
        { name: 'gru-32', values: gru },
      ],
      { width: 60, reference: persistence },
    ),
    [
      'lstm-32        ├───┾━━━━╋━━━━┽────────────┤     ┆',
      'gru-32  ├───┾━━╋━━┽───┤                         ┆          o',
      '        ────────┬────────┬───────┬────────┬─────┴─┬────────┬',
      '              0.180    0.185   0.190    0.195   0.200  0.205',
      '┆ persistence RMSE = 0.1985',
    ],
  );
});

test('renderBoxPlots: a reference far outside the data extends the axis to it', () => {
  assert.deepEqual(
    renderBoxPlots([{ name: 'lstm-32', values: lstm }], {
      width: 50,
      reference: { value: 0.31, label: 'persistence RMSE' },
    }),
    [
      'lstm-32 ├┾╋┽─┤                                   ┆',
      '        ┬─────┬──────┬─────┬─────┬──────┬─────┬──┴',
      '       0.18  0.20   0.22  0.24  0.26   0.28  0.30',
      '┆ persistence RMSE = 0.31',
    ],
  );
});

test('renderBoxPlots: long names and a long legend are cut to fit', () => {
  const lines = renderBoxPlots(
    [
      { name: 'lstm-64-dropout-0.2-lookback-48', values: [1, 2, 3, 4] },
      { name: 'gru', values: [2, 3, 4, 5] },
    ],
    { width: 40, reference: { value: 6, label: 'persistence RMSE on the last 20 % of the series' } },
  );
  // names get at most a third of the width (13 columns here)
  assert.deepEqual(lines, [
    'lstm-64-drop… ├───┾━━━╋━━┽───┤         ┆',
    'gru                ├───┾━━━╋━━┽───┤    ┆',
    '              ─────┬─────────┬─────────┼',
    '                   2         4         6',
    '┆ persistence RMSE on the last 20 % of …',
  ]);
  for (const line of lines) assert.ok(Array.from(line).length <= 40, line);
});

test('renderBoxPlots: does not mutate its input', () => {
  const values = [3, 1, 2];
  renderBoxPlots([{ name: 'a', values }], { width: 40 });
  assert.deepEqual(values, [3, 1, 2]);
});

// --- what is drawn ---

test('boxPlotStats: whiskers to the most extreme values within 1.5 IQR, the rest are outliers', () => {
  // sorted gru: .1751 .1762 .1768 .1779 .1784 .179 .1797 .1805 .1812 .1833 .205;
  // q25 at 2.5 = .17735, q75 at 7.5 = .18085, fences .17735 - .00525 and .18085 + .00525 = .1861
  const s = boxPlotStats(gru);
  assert.ok(Math.abs(s.q25 - 0.17735) < 1e-12 && Math.abs(s.q75 - 0.18085) < 1e-12);
  assert.equal(s.median, 0.179);
  assert.equal(s.whiskerLow, 0.1751);
  assert.equal(s.whiskerHigh, 0.1833);
  assert.deepEqual(s.outliers, [0.205]);
  // zero IQR: everything off the box is an outlier and the whiskers shrink onto the box
  assert.deepEqual(boxPlotStats([1, 10, 10, 10, 10]), {
    q25: 10,
    median: 10,
    q75: 10,
    whiskerLow: 10,
    whiskerHigh: 10,
    outliers: [1],
  });
});

test('renderBoxPlots (property): lines fit the width, each row has one median inside its box', () => {
  const finite = fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true });
  const group = fc.record({
    name: fc.string({ maxLength: 30 }),
    values: fc.array(finite, { minLength: 1, maxLength: 15 }),
  });
  fc.assert(
    fc.property(
      fc.array(group, { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 20, max: 120 }),
      fc.option(finite, { nil: undefined }),
      (groups, width, ref) => {
        const reference = ref === undefined ? undefined : { value: ref, label: 'persistence RMSE' };
        const lines = renderBoxPlots(groups, { width, reference });
        assert.equal(lines.length, groups.length + 2 + (reference === undefined ? 0 : 1));
        for (const line of lines) assert.ok(Array.from(line).length <= width, `too long: ${line}`);
        const nameWidth = Math.min(Math.max(...groups.map((g) => Array.from(g.name).length)), Math.floor(width / 3));
        for (const row of lines.slice(0, groups.length)) {
          const plot = Array.from(row).slice(nameWidth + 1);
          const median = plot.indexOf('╋');
          assert.ok(median >= 0 && plot.lastIndexOf('╋') === median, `one median in: ${row}`);
          let left = median;
          while (left > 0 && BOX_CHARS.has(plot[left - 1])) left--;
          let right = median;
          while (right < plot.length - 1 && BOX_CHARS.has(plot[right + 1])) right++;
          // the run of box characters around the median is a whole box: it starts and ends with
          // an edge, or is the median alone (q25, median and q75 on one column)
          assert.ok(left === right || ['┝', '┾', '╋'].includes(plot[left]), `left edge in: ${row}`);
          assert.ok(left === right || ['┥', '┽', '╋'].includes(plot[right]), `right edge in: ${row}`);
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('renderBoxPlots: other baselines as marks, under the boxes; one far off the boxes is listed, not drawn', () => {
  const lines = renderBoxPlots(
    [
      { name: 'lstm', values: [0.25, 0.25, 0.25] },
      { name: 'gru', values: [0.24, 0.26] },
    ],
    {
      width: 50,
      reference: { value: 0.3, label: 'persistence RMSE' },
      marks: [
        { value: 0.22, label: 'seasonal-naive RMSE', mark: 's' },
        { value: 0.25, label: 'holt-winters RMSE', mark: 'h' },
        { value: 9, label: 'mean RMSE', mark: 'm' },
      ],
    },
  );
  // axis 0.22 to 0.30 over 45 columns: 0.22 on column 0; 0.25 under the median of both rows
  assert.equal(lines[0]!.slice(5, 6), 's');
  assert.equal(lines[1]!.slice(5, 6), 's');
  assert.equal(lines[0]!.trimEnd().slice(-1), '┆');
  assert.ok(!lines.slice(0, 2).some((l) => l.slice(5).includes('m')), 'the mean is off the scale');
  assert.deepEqual(lines.slice(-4), ['┆ persistence RMSE = 0.3', 's seasonal-naive RMSE = 0.22', 'h holt-winters RMSE = 0.25', 'm mean RMSE = 9 (off the scale, not drawn)']);
  assert.throws(() => renderBoxPlots([{ name: 'a', values: [1] }], { width: 40, marks: [{ value: 1, label: 'x', mark: 'ab' }] }), /must be one character/);
});
