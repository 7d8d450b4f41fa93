// Charts for the HTML report: Vega-Lite specifications rendered to SVG in Node by vega (no
// canvas, no browser), so the page needs no JavaScript to show them. vega is loaded only when a
// report is asked for: it costs a tenth of a second that every other command should not pay.
import type { TopLevelSpec } from 'vega-lite';

/**
 * Colours and dashes that stay apart in grey print: a dark solid line, a mid-grey dashed one, a
 * light band. Colour on screen, lightness and dash on paper.
 */
export const INK = {
  actual: '#1f2d5a',
  predicted: '#d2691e',
  validation: '#6a3d9a',
  band: '#9ecae1',
  rule: '#555555',
  dash: [6, 3],
  dot: [2, 2],
} as const;

/** Shared look: a plain font, no border around the plot, legends at the bottom. */
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelColor: '#222', titleColor: '#222', gridColor: '#e6e6e6' },
  legend: { orient: 'bottom', labelColor: '#222', titleColor: '#222' },
} as const;

/** The SVG of a Vega-Lite specification. */
export async function renderChart(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
