// Labels given as several 0/1 columns (`--target a,b,c`): each row's label is the name of the
// column set to 1. A row with none set is the class `none` (counted, to be reported); a row
// with two set cannot be one class and is an error naming the row and the columns.
import { DataError } from '../errors.js';

/** The label of a row whose one-hot columns are all 0. */
export const NO_CLASS = 'none';

export interface OneHotColumn {
  name: string;
  /** The column's values per row, already parsed as numbers. */
  values: ArrayLike<number>;
}

export interface OneHotLabels {
  /** The name of the column set on each row, or `none`. */
  labels: string[];
  /** Rows with no column set. */
  noneRows: number;
}

export function labelsFromOneHot(columns: readonly OneHotColumn[], file: string, lines: readonly number[]): OneHotLabels {
  if (columns.length < 2) throw new RangeError(`one-hot labels need at least 2 columns, got ${columns.length}`);
  const rows = columns[0]!.values.length;
  const labels: string[] = [];
  let noneRows = 0;
  for (let r = 0; r < rows; r++) {
    let set: string | null = null;
    for (const column of columns) {
      const v = column.values[r]!;
      if (v !== 0 && v !== 1) throw new DataError(`${file}:${lines[r]}: column "${column.name}": ${v} is not 0 or 1 (one-hot target columns hold 0 or 1)`);
      if (v === 0) continue;
      if (set !== null) {
        throw new DataError(`${file}:${lines[r]}: columns "${set}" and "${column.name}" are both 1; a one-hot target sets at most one column per row`);
      }
      set = column.name;
    }
    if (set === null) noneRows++;
    labels.push(set ?? NO_CLASS);
  }
  return { labels, noneRows };
}
