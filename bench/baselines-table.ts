// npm run baselines: the README's table of the network beside every baseline, on the bundled
// series. For each series: the network with rnnfc's defaults (and, on seasonal data, given the
// season with --diff m --lags m) over seeds 1 to 10, beside persistence, seasonal naive, the
// training mean and Holt-Winters on the same walk-forward test rows (the last 12). Prints a
// Markdown table; every figure is deterministic.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareExperiments } from '../src/commands/compare.js';
import { settingsFrom } from '../src/options/train-options.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const REPEATS = 10;

interface Row {
  file: string;
  label: string;
  /** Extra options of the second network, for series with a season. */
  seasonal?: Record<string, string | number>;
  /** Why there is no second network. */
  noSeasonal?: string;
}

const ROWS: Row[] = [
  { file: 'fixtures/shampoo.csv', label: 'shampoo (monthly, 36)', noSeasonal: 'n/a (too short for --diff 12 --lags 12)' },
  { file: 'fixtures/airline-passengers.csv', label: 'airline passengers (monthly, 144)', seasonal: { diff: 12, lags: 12 } },
];

const f = (v: number) => v.toFixed(1);
const lines: string[] = [];
lines.push(`| series | network, defaults: mean (min-max) of ${REPEATS} seeds | network given the season | persistence | seasonal naive | mean | Holt-Winters (refit time) |`);
lines.push('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of ROWS) {
  const base = { baselines: 'classical' };
  const experiments = [{ name: 'defaults', settings: settingsFrom(base) }];
  if (row.seasonal) experiments.push({ name: 'seasonal', settings: settingsFrom({ ...base, ...row.seasonal }) });
  const r = await compareExperiments({ file: path.join(root, row.file), experiments, repeats: REPEATS, jobs: os.availableParallelism() });
  const net = (name: string) => {
    const e = r.experiments.find((x) => x.name === name);
    return e ? `${f(e.mean!)} (${f(e.min!)}-${f(e.max!)})` : '';
  };
  const b = (name: string, seconds = false) => {
    const x = r.baselines.find((y) => y.name === name);
    return x ? `${f(x.rmse)}${seconds ? ` (${x.seconds.toFixed(2)} s)` : ''}` : 'n/a';
  };
  const given = row.seasonal ? `${net('seasonal')} (${Object.entries(row.seasonal).map(([k, v]) => `--${k} ${v}`).join(' ')})` : row.noSeasonal ?? 'no season';
  lines.push(`| ${row.label} | ${net('defaults')} | ${given} | ${b('persistence')} | ${b('seasonal-naive')} | ${b('mean')} | ${b('holt-winters', true)} |`);
  for (const w of r.warnings) console.error(`warning: ${w}`);
}
console.log(lines.join('\n'));
