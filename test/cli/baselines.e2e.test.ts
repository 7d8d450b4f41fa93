import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.js';
import { fixture } from '../helpers/paths.js';

const airline = fixture('airline-passengers.csv');
const shampoo = fixture('shampoo.csv');
const quick = ['--epochs', '20', '--seed', '1'];

test('on the monthly airline series the defaults show Holt-Winters, and the warning names the best baseline and what to try for the season', async () => {
  const r = await runCli(['train', airline, ...quick, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.season, 12);
  assert.equal(out.season_source, 'monthly data');
  assert.deepEqual(out.baselines.map((b: { name: string }) => b.name), ['persistence', 'seasonal-naive', 'mean', 'holt-winters']);
  assert.equal(out.best_baseline, 'holt-winters');
  const hw = out.baselines.find((b: { name: string }) => b.name === 'holt-winters');
  assert.ok(out.rmse > hw.rmse, 'a 20-epoch network loses to Holt-Winters');
  assert.equal(out.persistence_rmse, out.baselines[0].rmse);
  assert.ok(Math.abs(out.best_baseline_skill - (1 - out.rmse / hw.rmse)) < 1e-12);
  const rmse = (v: number) => String(Number(v.toPrecision(6)));
  assert.ok(
    r.stderr.includes(
      `rnnfc: warning: the model has no skill: its RMSE ${rmse(out.rmse)} is not below the holt-winters RMSE ${rmse(hw.rmse)} ` +
        '(Holt-Winters exponential smoothing (damped trend, season 12 chosen by AICc) refitted at each origin), the best baseline; ' +
        'the data has a season of 12 (monthly data) that the network does not see: try --diff 12 --lags 12\n',
    ),
    r.stderr,
  );
  assert.deepEqual(out.warnings.filter((w: string) => w.startsWith('the model has no skill')).length, 1);
});

test('a network given the season (--diff 12) gets no advice about it; --season none leaves out seasonal naive', async () => {
  const given = await runCli(['train', airline, ...quick, '--diff', '12', '--baselines', 'classical', '--format', 'json']);
  assert.equal(given.code, 0, given.stderr);
  assert.doesNotMatch(given.stderr, /try --diff/);
  const none = await runCli(['train', airline, ...quick, '--season', 'none', '--format', 'json']);
  const out = JSON.parse(none.stdout);
  assert.equal(out.season, null);
  assert.deepEqual(out.baselines.map((b: { name: string }) => b.name), ['persistence', 'mean', 'holt-winters']);
});

test('train shows the baselines in the table and the CSV; --baselines none keeps persistence alone', async () => {
  const table = await runCli(['train', shampoo, ...quick, '--format', 'table']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /│ season +│ 12 \(monthly data\) +│/);
  assert.match(table.stdout, /│ seasonal-naive RMSE │ 240\.473 +│/);
  assert.match(table.stdout, /│ mean RMSE +│ 271\.092 +│/);
  const csvOut = await runCli(['train', shampoo, ...quick, '--format', 'csv']);
  const [head, row] = csvOut.stdout.trim().split('\n');
  const cells = Object.fromEntries(head!.split(',').map((h, i) => [h, row!.split(',')[i]]));
  assert.equal(Number(cells.seasonal_naive_rmse).toFixed(3), '240.473');
  assert.equal(Number(cells.holt_winters_rmse).toFixed(3), '89.777', 'Holt-Winters by default on a 12-row test set');
  const naiveOut = await runCli(['train', shampoo, ...quick, '--baselines', 'naive', '--format', 'csv']);
  const [naiveHead, naiveRow] = naiveOut.stdout.trim().split('\n');
  const naiveCells = Object.fromEntries(naiveHead!.split(',').map((h, i) => [h, naiveRow!.split(',')[i]]));
  assert.equal(naiveCells.holt_winters_rmse, '');
  assert.equal(naiveCells.best_baseline, 'persistence');
  const plain = await runCli(['train', shampoo, ...quick, '--baselines', 'none', '--format', 'csv']);
  assert.equal(plain.stdout.split('\n')[0], 'file,engine,backend,epochs,seconds,rmse,mae,mape,persistence_rmse,skill', 'no baseline columns with --baselines none');
  assert.equal(cells.best_baseline, 'holt-winters');
  const none = JSON.parse((await runCli(['train', shampoo, ...quick, '--baselines', 'none', '--format', 'json'])).stdout);
  assert.deepEqual(none.baselines, []);
  assert.equal(none.best_baseline, null);
  assert.equal(none.persistence_rmse.toFixed(3), '136.761');
});

test('a bad --season or --baselines is a usage error', async () => {
  const season = await runCli(['train', shampoo, '--season', '1']);
  assert.equal(season.code, 2);
  assert.equal(season.stderr, 'rnnfc: error: --season must be a season length of at least 2, none or auto, got 1\n');
  assert.equal(season.stdout, '');
  const set = await runCli(['train', shampoo, '--baselines', 'arima']);
  assert.equal(set.code, 2);
  assert.equal(set.stderr, 'rnnfc: error: --baselines must be one of auto, naive, classical, none, got arima\n');
});
