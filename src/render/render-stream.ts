// The lines of `forecast --stream`, one per input row, each complete on its own so that it can be
// written as soon as its row is read: CSV (a header line first), JSON lines, or a table of fixed
// columns for a terminal.
import type { StreamedRow, StreamHeader } from '../commands/forecast-stream.js';
import { csvField, fixed, type Format } from './format.js';

/** The column names: the row's label (sequence, time or row), then the outputs. */
export function streamColumns(h: StreamHeader): string[] {
  const label = [...(h.sequence === undefined ? [] : ['sequence']), h.label];
  if (h.reading.kind === 'classes') return [...label, ...h.reading.classes.map((c) => `p_${c}`), 'class'];
  if (h.reading.horizon === 0) return [...label, 'estimate'];
  return [...label, ...Array.from({ length: h.reading.horizon }, (_, i) => `forecast_${i + 1}`)];
}

/** Width of a table column: its name's, at least 12 (a value with 3 decimals and room). */
const width = (name: string, label: boolean) => Math.max(name.length, label ? 19 : 12);

/** The header line (none for JSON lines). */
export function streamHeaderLine(h: StreamHeader, format: Format): string {
  const columns = streamColumns(h);
  if (format === 'json') return '';
  if (format === 'csv') return columns.map(csvField).join(',') + '\n';
  const labels = columns.length - outputCount(h);
  return columns.map((c, i) => (i < labels ? c.padEnd(width(c, true)) : c.padStart(width(c, false)))).join('  ').trimEnd() + '\n';
}

function outputCount(h: StreamHeader): number {
  return h.reading.kind === 'classes' ? h.reading.classes.length + 1 : Math.max(1, h.reading.horizon);
}

/** One row's line. */
export function streamRowLine(h: StreamHeader, r: StreamedRow, format: Format): string {
  const labelValues = [...(h.sequence === undefined ? [] : [r.sequence ?? '']), r.label];
  const values: (number | null)[] = r.output === null ? Array.from({ length: h.reading.kind === 'classes' ? h.reading.classes.length : Math.max(1, h.reading.horizon) }, () => null) : r.output.kind === 'classes' ? r.output.probabilities : r.output.values;
  if (format === 'json') {
    const label: Record<string, string> = {};
    if (h.sequence !== undefined) label.sequence = r.sequence ?? '';
    label[h.label] = r.label;
    if (h.reading.kind === 'classes') {
      const probabilities = r.output === null ? null : Object.fromEntries(h.reading.classes.map((c, i) => [c, values[i]]));
      return JSON.stringify({ ...label, probabilities, class: r.predicted ?? null }) + '\n';
    }
    if (h.reading.horizon === 0) return JSON.stringify({ ...label, estimate: values[0] }) + '\n';
    return JSON.stringify({ ...label, forecast: r.output === null ? null : values }) + '\n';
  }
  const classCell = h.reading.kind === 'classes' ? [r.predicted ?? ''] : [];
  if (format === 'csv') {
    return [...labelValues, ...values.map((v) => (v === null ? '' : String(v))), ...classCell].map(csvField).join(',') + '\n';
  }
  const columns = streamColumns(h);
  const cells = [...labelValues, ...values.map((v) => (v === null ? '' : fixed(v))), ...classCell];
  return cells.map((c, i) => (i < labelValues.length ? c.padEnd(width(columns[i]!, true)) : c.padStart(width(columns[i]!, false)))).join('  ').trimEnd() + '\n';
}
