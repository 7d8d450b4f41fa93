// Output formats shared by every command: a table for people, CSV for pipes, JSON for programs.
import Table from 'cli-table3';

export type Format = 'table' | 'csv' | 'json';

/** A table when stdout is a terminal, CSV otherwise, unless --format says. */
export function resolveFormat(requested: Format | undefined, isTTY: boolean | undefined): Format {
  return requested ?? (isTTY ? 'table' : 'csv');
}

export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  for (const r of rows) t.push(r.map(String));
  return t.toString();
}

export function keyValueTable(rows: [string, string | number][]): string {
  const t = new Table({ style: { head: [], border: [] } });
  for (const [k, v] of rows) t.push({ [k]: String(v) });
  return t.toString();
}

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csv(head: string[], rows: (string | number | null)[][]): string {
  return [head, ...rows].map((r) => r.map((v) => csvField(v === null ? '' : String(v))).join(',')).join('\n') + '\n';
}

/** JSON with non-finite numbers as null (JSON has no NaN). */
export function json(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** A number for people: 3 decimals, or significant digits for very large or small values. */
export function fixed(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'n/a' : String(v);
  if (v !== 0 && (Math.abs(v) >= 1e9 || Math.abs(v) < 1e-3)) return v.toPrecision(4);
  return v.toFixed(digits);
}
