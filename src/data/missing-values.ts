// What counts as a missing value in the target column, and what --missing does with them: refuse
// them, drop their rows, carry the previous value forward, or interpolate linearly between the neighbours.

import type { MissingPolicy } from '../core/types.js';
export type { MissingPolicy } from '../core/types.js';

/**
 * The markers that stand for a missing value, compared after trimming and case-insensitively,
 * besides an empty field: R and pandas write NA and NaN, spreadsheets #N/A and N/A, databases
 * null, Python None, UCI data sets "?", FRED "." and many reports "-".
 */
export const MISSING_MARKERS: readonly string[] = ['NA', 'N/A', '#N/A', 'NaN', 'null', 'None', '?', '.', '-'];

const MARKER_SET = new Set(MISSING_MARKERS.map((m) => m.toLowerCase()));

/** Whether a field of the target column is a missing value: empty or one of MISSING_MARKERS. */
export function isMissingValue(field: string): boolean {
  const text = field.trim();
  return text === '' || (text.length <= 4 && MARKER_SET.has(text.toLowerCase()));
}

export interface PolicyResult {
  /** Whether row r stays in the series. */
  keep: (r: number) => boolean;
  filled: Float64Array;
  warning: string | null;
}

/**
 * Applies --missing to values where NaN marks a missing value ('error' leaves them: the loader has
 * refused them already, with their line). `position` places a row on the time axis, so that
 * interpolation follows the time labels when there are any. `column` names the column in the
 * warning, which says how many values were handled. Does not modify `raw`.
 */
export function applyMissingPolicy(
  raw: Float64Array,
  policy: MissingPolicy,
  position: (r: number) => number,
  column: string,
): PolicyResult {
  const present = (r: number): boolean => !Number.isNaN(raw[r]!);
  let missingCount = 0;
  for (let r = 0; r < raw.length; r++) if (!present(r)) missingCount++;
  if (missingCount === 0 || policy === 'error') return { keep: () => true, filled: raw, warning: null };
  if (policy === 'drop') {
    return { keep: present, filled: raw, warning: `dropped ${rows(missingCount)} with a missing value in ${column} (--missing drop)` };
  }
  const filled = Float64Array.from(raw);
  let leading = 0;
  while (leading < raw.length && !present(leading)) leading++;
  if (policy === 'ffill') {
    for (let r = leading + 1; r < raw.length; r++) if (!present(r)) filled[r] = filled[r - 1]!;
    const fillCount = missingCount - leading;
    let warning = `filled ${values(fillCount)} in ${column} with the previous value (--missing ffill)`;
    if (leading > 0) warning += `; dropped ${leading} leading ${leading === 1 ? 'row' : 'rows'} with no previous value`;
    return { keep: (r) => r >= leading, filled, warning };
  }
  let trailing = raw.length - 1;
  while (trailing >= 0 && !present(trailing)) trailing--;
  let known = leading;
  for (let r = leading + 1; r <= trailing; r++) {
    if (!present(r)) continue;
    if (r > known + 1) {
      // linear between the known neighbours: v = v0 + (v1 - v0) * (x - x0) / (x1 - x0)
      const x0 = position(known);
      const x1 = position(r);
      for (let g = known + 1; g < r; g++) {
        filled[g] = raw[known]! + ((raw[r]! - raw[known]!) * (position(g) - x0)) / (x1 - x0);
      }
    }
    known = r;
  }
  // when every value is missing, leading covers them all and trailing is -1
  const ends = trailing < leading ? raw.length : leading + (raw.length - 1 - trailing);
  const inner = missingCount - ends;
  let warning = `interpolated ${values(inner)} in ${column} (--missing interpolate)`;
  if (ends > 0) warning += `; dropped ${rows(ends)} at the start or end with no value on both sides`;
  return { keep: (r) => r >= leading && r <= trailing, filled, warning };
}

function rows(n: number): string {
  return `${n} ${n === 1 ? 'row' : 'rows'}`;
}

function values(n: number): string {
  return `${n} missing ${n === 1 ? 'value' : 'values'}`;
}
