import { html, type Html } from '../web/html.js';

/**
 * Charts as inline SVG, rendered on the server: no chart JavaScript. Each SVG is an image with
 * a label; the figures themselves are in a table under it (visible, or in a <details>), which is
 * what a screen reader reads.
 */

export interface Point {
  label: string;
  value: number | null;
  /** Shown in the tooltip and the table instead of the raw value (e.g. "67 %"). */
  text?: string;
}

const shown = (p: Point) => p.text ?? (p.value === null ? '—' : String(p.value));

/** Vertical bars, one per point; a null value leaves an empty slot (no data is not zero). */
export function barChart(
  title: string,
  points: readonly Point[],
  opts: { max?: number; tableHead?: [string, string]; color?: string } = {},
): Html {
  const max = opts.max ?? Math.max(1, ...points.map((p) => p.value ?? 0));
  const w = 34;
  const width = points.length * w + 10;
  const h = (v: number | null) => ((v ?? 0) / max) * 100;
  return html`<figure class="card chart"><figcaption><strong>${title}</strong></figcaption>
<svg role="img" aria-label="${title}" viewBox="0 0 ${width} 140" width="${width * 1.4}" class="chart-svg" preserveAspectRatio="xMinYMin meet">
<line x1="4" y1="110.5" x2="${width - 4}" y2="110.5" stroke="#8c959f"/>
${points.map(
  (
    p,
    i,
  ) => html`<g>${p.value === null ? '' : html`<rect x="${i * w + 6}" y="${110 - h(p.value)}" width="${w - 8}" height="${h(p.value)}" fill="${opts.color ?? '#0b5cad'}"><title>${p.label} : ${shown(p)}</title></rect>`}
<text x="${i * w + w / 2 + 2}" y="126" text-anchor="middle">${p.label.length === 10 ? p.label.slice(8) : p.label}</text><text x="${i * w + w / 2 + 2}" y="${106 - h(p.value)}" text-anchor="middle">${shown(p)}</text></g>`,
)}
</svg>${dataTable(title, points, opts.tableHead)}</figure>`;
}

/** Horizontal bars, one line per point (names of any length), heaviest first as given. */
export function horizontalBarChart(
  title: string,
  points: readonly Point[],
  opts: { tableHead?: [string, string]; color?: string } = {},
): Html {
  const max = Math.max(1, ...points.map((p) => p.value ?? 0));
  const row = 22;
  const labelW = 170;
  // 170 for the name, 270 for the longest bar, the rest for its figure.
  const height = points.length * row + 10;
  return html`<figure class="card chart"><figcaption><strong>${title}</strong></figcaption>
${
  points.length === 0
    ? html`<p class="muted">Aucune donnée.</p>`
    : html`<svg role="img" aria-label="${title}" viewBox="0 0 540 ${height}" width="720" class="chart-svg">
${points.map(
  (
    p,
    i,
  ) => html`<g><text x="${labelW - 6}" y="${i * row + 20}" text-anchor="end">${p.label.length > 26 ? `${p.label.slice(0, 25)}…` : p.label}</text>
<rect x="${labelW}" y="${i * row + 7}" width="${((p.value ?? 0) / max) * 270}" height="${row - 6}" fill="${opts.color ?? '#0f766e'}"><title>${p.label} : ${shown(p)}</title></rect>
<text x="${labelW + ((p.value ?? 0) / max) * 270 + 4}" y="${i * row + 20}">${shown(p)}</text></g>`,
)}
</svg>`
}${dataTable(title, points, opts.tableHead)}</figure>`;
}

function dataTable(
  title: string,
  points: readonly Point[],
  head: [string, string] = ['', 'valeur'],
): Html {
  return html`<details><summary>Données : ${title}</summary><table><thead><tr><th scope="col">${head[0]}</th><th scope="col">${head[1]}</th></tr></thead>
<tbody>${points.map((p) => html`<tr><th scope="row">${p.label}</th><td>${shown(p)}</td></tr>`)}</tbody></table></details>`;
}
