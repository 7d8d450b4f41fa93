// The HTML around the report: escaping, tables, and one self-contained page (styles inline, no
// scripts, no outside resources), readable when printed in grey.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export type Cell = string | number | null;

/** A number for a table: 6 significant digits, thousands unseparated, n/a for NaN or null. */
export function cellText(v: Cell): string {
  if (v === null) return 'n/a';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'n/a' : String(v);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}

export function tableHtml(head: readonly string[], rows: readonly (readonly Cell[])[], caption?: string): string {
  const th = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((v) => `<td${typeof v === 'number' ? ' class="num"' : ''}>${escapeHtml(cellText(v))}</td>`).join('')}</tr>`).join('\n');
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
:root { color: #111; background: #fff; }
body { font: 15px/1.45 Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1400px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #bbb; padding-bottom: 4px; }
.meta { color: #333; margin: 0 0 12px; }
.summary td, .summary th { text-align: left; }
.warnings { border-left: 4px solid #b00; padding: 4px 12px; margin: 12px 0; }
.section-body { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
figure { margin: 0; flex: 0 1 auto; }
figure svg { max-width: 100%; height: auto; }
figcaption, .note { color: #333; font-size: 13px; max-width: 820px; }
.numbers { max-height: 480px; overflow: auto; flex: 0 0 auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding-bottom: 4px; }
th, td { border: 1px solid #ccc; padding: 2px 8px; }
th { background: #eee; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
@media print { .numbers { max-height: none; overflow: visible; } th { position: static; } }
`;

export interface PageParts {
  title: string;
  /** Lines under the title (what was run, when). */
  meta: string[];
  warnings: string[];
  /** Rows of the summary table (name, value). */
  summary: [string, string][];
  /** Section HTML, in order. */
  sections: string[];
}

export function pageHtml(p: PageParts): string {
  const warnings = p.warnings.length
    ? `<div class="warnings"><strong>Warnings</strong><ul>${p.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>`
    : '';
  const summary = p.summary.length
    ? `<table class="summary"><tbody>${p.summary.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rnnfc">
<link rel="icon" href="data:,">
<title>${escapeHtml(p.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(p.title)}</h1>
${p.meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`).join('\n')}
${warnings}
${summary}
${p.sections.join('\n')}
</body>
</html>
`;
}
