// Tables for tests, built directly (without the loader under test).
import type { Table, TableColumn } from '../../src/core/types.js';
import { shampoo } from './paths.js';

/** A one-column table: the target alone is the feature. */
export function seriesTable(values: number[], times: string[] = values.map((_, i) => String(i + 1)), file = 'x.csv', name = 'y'): Table {
  return {
    file,
    columns: [{ name, index: 1, roles: ['target', 'feature'], type: 'number', values: Float64Array.from(values) }],
    target: name,
    features: [name],
    timeColumn: 'time',
    timeAxis: null,
    times,
    lines: times.map((_, i) => i + 2),
    warnings: [],
  };
}

export function shampooTable(): Table {
  const s = shampoo();
  return seriesTable(s.values, s.times, 'shampoo.csv', 'Sales');
}

/** A table of several columns: numbers or categories; `target` names the target, `features` the inputs. */
export function multiTable(columns: Record<string, number[] | string[]>, target: string, features: string[], file = 'm.csv'): Table {
  const names = Object.keys(columns);
  const rows = columns[names[0]!]!.length;
  const cols: TableColumn[] = names
    .filter((n) => n === target || features.includes(n))
    .map((name) => {
      const values = columns[name]!;
      const roles = [...(name === target ? ['target' as const] : []), ...(features.includes(name) ? ['feature' as const] : [])];
      return typeof values[0] === 'string'
        ? { name, index: names.indexOf(name), roles, type: 'category' as const, values: values as string[] }
        : { name, index: names.indexOf(name), roles, type: 'number' as const, values: Float64Array.from(values as number[]) };
    });
  const times = Array.from({ length: rows }, (_, i) => String(i + 1));
  return { file, columns: cols, target, features, timeColumn: null, timeAxis: null, times, lines: times.map((_, i) => i + 2), warnings: [] };
}
