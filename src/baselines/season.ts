// The season length m of a series, from the period of its time column: 12 for monthly data,
// 4 for quarterly, 7 for daily, 24 for hourly; none otherwise (yearly, weekly, irregular, or no
// time column). `--season m` sets it, `--season none` switches it off.
import { describePeriod, detectPeriod, type Period } from '../data/time-index.js';
import type { SeasonOption } from '../core/types.js';

/** What the user asked for: detect from the time column, no season, or a given length. */
export type { SeasonOption } from '../core/types.js';

export interface Season {
  /** The season length, or null for none. */
  m: number | null;
  /** Where it came from, for the output: "monthly data", "--season 7", "--season none", "no time period". */
  source: string;
}

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;

const SEASONS: { test: (p: Period) => boolean; m: number; what: string }[] = [
  { test: (p) => p.unit === 'month' && p.count === 1, m: 12, what: 'monthly data' },
  { test: (p) => p.unit === 'month' && p.count === 3, m: 4, what: 'quarterly data' },
  { test: (p) => p.unit === 'ms' && p.count === MS_PER_DAY, m: 7, what: 'daily data' },
  { test: (p) => p.unit === 'ms' && p.count === MS_PER_HOUR, m: 24, what: 'hourly data' },
];

/** The season of a time period: 12, 4, 7 or 24, or null for any other period. */
export function seasonOfPeriod(period: Period | null): number | null {
  if (period === null) return null;
  return SEASONS.find((s) => s.test(period))?.m ?? null;
}

/** The season of a series with time labels `times`, as `option` says. */
export function resolveSeason(option: SeasonOption, times: readonly string[]): Season {
  if (option.kind === 'none') return { m: null, source: '--season none' };
  if (option.kind === 'fixed') return { m: option.m, source: `--season ${option.m}` };
  const period = detectPeriod([...times]);
  if (period === null) return { m: null, source: 'no regular time period' };
  const match = SEASONS.find((s) => s.test(period));
  return match ? { m: match.m, source: match.what } : { m: null, source: `a period of ${describePeriod(period)}` };
}
