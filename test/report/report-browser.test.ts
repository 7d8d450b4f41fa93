// The reports as a person sees them: opened in headless Chromium (Debian's chromium package;
// .ci/run installs it), screenshotted, and checked for drawn charts and a clean console.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { train } from '../../src/commands/train.js';
import { forecast } from '../../src/commands/forecast.js';
import { compareExperiments } from '../../src/commands/compare.js';
import { experimentsFromVariants } from '../../src/compare/experiments.js';
import { settingsFrom } from '../../src/options/train-options.js';
import { findChromium, visitPage, type PageVisit } from '../helpers/chromium.js';
import { decodePng, inkIn } from '../helpers/png.js';
import { fixture, tempDir } from '../helpers/paths.js';

const chromium = findChromium();
const skip = chromium ? false : 'chromium is not installed (looked for $CHROMIUM and /usr/bin/chromium; `apt-get install chromium`, as .ci/run does)';
const shampoo = fixture('shampoo.csv');

type Box = { x: number; y: number; width: number; height: number };
const SVG_BOXES = 'Array.from(document.querySelectorAll("svg")).map((s) => { const r = s.getBoundingClientRect(); return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }; })';
const count = (selector: string) => `document.querySelectorAll(${JSON.stringify(selector)}).length`;

/** Opens a report; checks the console is clean and that every chart has ink and colours in the screenshot. */
async function openReport(file: string, selectors: string[]): Promise<{ visit: PageVisit; counts: number[] }> {
  const visit = await visitPage(file, { expressions: [SVG_BOXES, ...selectors.map(count)] });
  assert.deepEqual(visit.errors, []);
  const image = decodePng(visit.png);
  assert.equal(image.width, 1300);
  const boxes = visit.values[0] as Box[];
  assert.ok(boxes.length > 0, 'at least one chart');
  for (const box of boxes) {
    assert.ok(box.width > 300 && box.height > 100, `chart of ${box.width}x${box.height}`);
    const { inked, colours } = inkIn(image, box);
    // axes, lines, bands and labels: a few percent of the pixels, in many shades (anti-aliasing)
    assert.ok(inked > 0.02, `chart at y=${box.y}: ${(inked * 100).toFixed(1)}% of its pixels drawn`);
    assert.ok(colours > 20, `chart at y=${box.y}: ${colours} colours`);
  }
  return { visit, counts: visit.values.slice(1) as number[] };
}

test('the train report renders in Chromium: series with predictions and interval band, loss per epoch, no console errors', { skip }, async () => {
  const dir = tempDir();
  const file = path.join(dir, 'train.html');
  const out = path.join(dir, 'model');
  await train({
    file: shampoo,
    settings: settingsFrom({ stateful: true, engine: 'fused', validation: '4', epochs: '300', 'early-stopping': '20' }),
    intervals: [0.8],
    report: file,
    out,
  });
  const { counts } = await openReport(file, ['svg', '.mark-line path', '.mark-area path', '.mark-rule line', 'table']);
  const [svgs, lines, areas, rules, tables] = counts;
  assert.equal(svgs, 2);
  assert.ok(lines! >= 4, `${lines} lines: actual, predicted, training and validation loss`);
  assert.ok(areas! >= 1, 'the interval band');
  assert.ok(rules! >= 2, 'the validation and test starts, the kept epoch');
  assert.equal(tables, 3, 'summary, predictions, loss per epoch');

  const forecastFile = path.join(dir, 'forecast.html');
  await forecast({ modelDir: out, horizon: 4, engine: 'auto', backend: 'auto', missing: 'error', intervals: [0.8], report: forecastFile });
  const f = await openReport(forecastFile, ['svg', '.mark-line path', '.mark-area path']);
  assert.deepEqual(f.counts.map((c) => c > 0), [true, true, true]);
});

test('the compare report renders in Chromium: box plots, the persistence line, the p-value table', { skip }, async () => {
  const file = path.join(tempDir(), 'compare.html');
  await compareExperiments({
    file: shampoo,
    experiments: experimentsFromVariants(
      [
        { name: 'stateful', values: { stateful: true } },
        { name: 'stateless', values: {} },
      ],
      { epochs: '30', engine: 'fused' },
    ),
    repeats: 4,
    jobs: 1,
    report: file,
  });
  const { counts } = await openReport(file, ['.mark-rect path', '.mark-rule line', '.mark-text text']);
  const [boxes, rules, texts] = counts;
  assert.ok(boxes! >= 2, `${boxes} boxes`);
  assert.ok(rules! >= 5, 'whiskers and the persistence line');
  assert.ok(texts! >= 1, 'the persistence label');
  const html = fs.readFileSync(file, 'utf8');
  assert.match(html, /<th scope="col">p \(Welch t\)<\/th>/);
});

test('the checks can fail: a console error, a missing image and an empty chart are all caught', { skip }, async () => {
  const file = path.join(tempDir(), 'bad.html');
  fs.writeFileSync(file, '<!DOCTYPE html><html><body><svg width="400" height="200"></svg><img src="missing.png"><script>console.error("broken")</script></body></html>');
  const visit = await visitPage(file, { expressions: [SVG_BOXES] });
  assert.ok(visit.errors.some((e) => e.includes('broken')), visit.errors.join('\n'));
  assert.ok(visit.errors.some((e) => e.includes('missing.png')), visit.errors.join('\n'));
  const [box] = visit.values[0] as Box[];
  assert.equal(inkIn(decodePng(visit.png), box!).inked, 0);
});
