import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSeason, seasonOfPeriod } from '../../src/baselines/season.js';

const auto = { kind: 'auto' } as const;

test('the season follows the period of the time column: monthly 12, quarterly 4, daily 7, hourly 24', () => {
  assert.deepEqual(resolveSeason(auto, ['1949-01', '1949-02', '1949-03']), { m: 12, source: 'monthly data' });
  assert.deepEqual(resolveSeason(auto, ['1-01', '1-02', '1-03']), { m: 12, source: 'monthly data' });
  assert.deepEqual(resolveSeason(auto, ['1981-01-01', '1981-02-01', '1981-03-01']), { m: 12, source: 'monthly data' });
  assert.deepEqual(resolveSeason(auto, ['2020-01', '2020-04', '2020-07', '2020-10']), { m: 4, source: 'quarterly data' });
  assert.deepEqual(resolveSeason(auto, ['2020-01-01', '2020-04-01', '2020-07-01']), { m: 4, source: 'quarterly data' });
  assert.deepEqual(resolveSeason(auto, ['1981-01-01', '1981-01-02', '1981-01-03']), { m: 7, source: 'daily data' });
  assert.deepEqual(resolveSeason(auto, ['2014-12-31 22:00', '2014-12-31 23:00', '2015-01-01 00:00']), { m: 24, source: 'hourly data' });
});

test('other periods, irregular labels and row numbers have no season', () => {
  assert.deepEqual(resolveSeason(auto, ['2019-01', '2020-01', '2021-01']), { m: null, source: 'a period of 1 year' });
  assert.deepEqual(resolveSeason(auto, ['2020-01-01', '2020-01-08', '2020-01-15']), { m: null, source: 'a period of 1 week' });
  assert.deepEqual(resolveSeason(auto, ['2020-01-01 00:00', '2020-01-01 00:15', '2020-01-01 00:30']), { m: null, source: 'a period of 15 minutes' });
  assert.deepEqual(resolveSeason(auto, ['1981-01-01', '1981-01-02', '1981-01-04']), { m: null, source: 'no regular time period' });
  assert.deepEqual(resolveSeason(auto, ['1', '2', '3']), { m: null, source: 'a period of step 1' });
  assert.equal(seasonOfPeriod(null), null);
});

test('--season m sets the season and --season none switches it off, whatever the time column says', () => {
  assert.deepEqual(resolveSeason({ kind: 'fixed', m: 5 }, ['1', '2', '3']), { m: 5, source: '--season 5' });
  assert.deepEqual(resolveSeason({ kind: 'none' }, ['1949-01', '1949-02']), { m: null, source: '--season none' });
});
