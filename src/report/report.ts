// A report is a title, a summary and a list of sections; each section is a chart with the
// numbers it draws in a table beside it. Commands build their sections (train-report.ts,
// forecast-report.ts, compare-report.ts); a new kind of section is one more function that returns
// a ReportSection, added to a command's list.
import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from './charts.js';
import { escapeHtml, pageHtml, tableHtml, type Cell } from './html.js';

export interface ReportSection {
  /** Used as the section's id (a fragment link) and heading. */
  id: string;
  title: string;
  /** What the chart shows, in a sentence or two. */
  caption: string;
  chart?: TopLevelSpec;
  table: { head: string[]; rows: Cell[][]; caption?: string };
  /** Notes under the section (caveats). */
  notes?: string[];
}

export interface Report {
  title: string;
  meta: string[];
  summary: [string, string][];
  warnings: string[];
  sections: ReportSection[];
}

export async function sectionHtml(s: ReportSection): Promise<string> {
  const svg = s.chart ? await renderChart(s.chart) : '';
  const figure = svg ? `<figure>${svg}<figcaption>${escapeHtml(s.caption)}</figcaption></figure>` : `<p class="note">${escapeHtml(s.caption)}</p>`;
  const notes = (s.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  return `<section id="${escapeHtml(s.id)}">
<h2>${escapeHtml(s.title)}</h2>
<div class="section-body">${figure}<div class="numbers">${tableHtml(s.table.head, s.table.rows, s.table.caption)}</div></div>
${notes}
</section>`;
}

/** The whole page: one self-contained HTML file, charts inlined as SVG, no scripts. */
export async function renderReport(report: Report): Promise<string> {
  const sections: string[] = [];
  for (const s of report.sections) sections.push(await sectionHtml(s));
  return pageHtml({ title: report.title, meta: report.meta, warnings: report.warnings, summary: report.summary, sections });
}
