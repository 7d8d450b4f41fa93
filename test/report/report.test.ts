import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderReport } from '../../src/report/report.js';
import { train } from '../../src/commands/train.js';
import { settingsFrom } from '../../src/options/train-options.js';
import { fixture, tempDir } from '../helpers/paths.js';

const shampoo = fixture('shampoo.csv');

/** Every reference to something outside the file: src, href and url() values that are not fragments or data: URLs. */
function outsideReferences(html: string): string[] {
  const refs = [...html.matchAll(/(?:src|href)\s*=\s*"([^"]*)"|url\(([^)]*)\)/g)].map((m) => (m[1] ?? m[2]!).trim());
  return refs.filter((r) => !r.startsWith('#') && !r.startsWith('data:'));
}

test('a report is one page: text escaped, charts inlined as SVG, numbers in a table, no scripts, nothing from outside', async () => {
  const html = await renderReport({
    title: 'a <b>title</b> & more',
    meta: ['rnnfc train x.csv'],
    summary: [['RMSE', '1.5']],
    warnings: ['watch <this>'],
    sections: [
      {
        id: 'one',
        title: 'One',
        caption: 'the caption',
        chart: { data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
        table: { head: ['x', 'y'], rows: [[1, 2.123456789], [2, NaN]] },
      },
    ],
  });
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<title>a &lt;b&gt;title&lt;\/b&gt; &amp; more<\/title>/);
  assert.match(html, /<li>watch &lt;this&gt;<\/li>/);
  assert.equal((html.match(/<svg /g) ?? []).length, 1);
  assert.match(html, /<td class="num">2\.12346<\/td>/);
  assert.match(html, /<td class="num">n\/a<\/td>/);
  assert.doesNotMatch(html, /<script/i);
  assert.deepEqual(outsideReferences(html), []);
});

test('train --report writes the series and loss charts with their numbers, and says which epoch was kept', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'r.html');
  const r = await train({
    file: shampoo,
    settings: settingsFrom({ stateful: true, engine: 'fused', validation: '4', epochs: '300', 'early-stopping': '20' }),
    intervals: [0.8],
    report: file,
  });
  assert.equal(r.reportFile, file);
  const html = fs.readFileSync(file, 'utf8');
  assert.equal((html.match(/<svg /g) ?? []).length, 2);
  assert.match(html, /<section id="series">/);
  assert.match(html, /<section id="loss">/);
  assert.match(html, new RegExp(`kept epoch ${r.keptEpoch}`));
  assert.match(html, /<th scope="col">lower 80%<\/th>/);
  // every test prediction is in the table
  for (const p of r.predictions) assert.match(html, new RegExp(`<td>${p.time}</td>`));
  assert.doesNotMatch(html, /<script/i);
  assert.deepEqual(outsideReferences(html), []);
  assert.deepEqual(fs.readdirSync(dir), ['r.html'], 'no temporary file left beside it');
});

test('--report is checked before training: standard output and a missing directory are usage errors', async () => {
  let trained = false;
  const settings = settingsFrom({ epochs: '5' });
  await assert.rejects(train({ file: shampoo, settings, report: '-', onEpoch: () => (trained = true) }), {
    name: 'UsageError',
    message: "--report -: give a file name; standard output carries the command's results",
  });
  const missing = path.join(tempDir(), 'no', 'r.html');
  await assert.rejects(train({ file: shampoo, settings, report: missing, onEpoch: () => (trained = true) }), {
    name: 'UsageError',
    message: `--report ${missing}: the directory ${path.dirname(missing)} does not exist`,
  });
  const same = path.join(tempDir(), 'x.csv');
  await assert.rejects(train({ file: shampoo, settings, report: same, predictions: same }), {
    message: `--predictions and --report name the same file ${same}`,
  });
  assert.equal(trained, false);
});

test('--report may not name the input CSV', async () => {
  const dir = tempDir();
  const csv = path.join(dir, 'data.csv');
  fs.copyFileSync(shampoo, csv);
  await assert.rejects(train({ file: csv, settings: settingsFrom({ epochs: '5' }), report: csv }), { name: 'UsageError' });
  assert.equal(fs.readFileSync(csv, 'utf8'), fs.readFileSync(shampoo, 'utf8'));
});
