// docs/bench/bench.svg: the side-by-side figures as horizontal bars, written as plain SVG text.
// Each group has its own scale (its longest bar, or its target line if that is longer).
'use strict';

const COLOURS = { ltgs: '#1a56db', single: '#5b8def', lean: '#0e9f6e', popular: '#c27803', paystack: '#6b7280', reference: '#9ca3af' };
const WIDTH = 860;
const LABEL = 230;  // px for the bar labels
const BAR_MAX = 470;
const BAR_H = 16;
const GAP = 6;

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// sections: [{ title, groups: [{ title, unit, target?: {value, label}, bars: [{ label, value, colour, text }] }] }]
function barChart({ title, subtitle, sections }) {
  const out = [];
  let y = 34;
  out.push(`<text x="16" y="${y}" class="h1">${esc(title)}</text>`);
  y += 20;
  if (subtitle) {
    out.push(`<text x="16" y="${y}" class="note">${esc(subtitle)}</text>`);
    y += 14;
  }
  for (const section of sections) {
    y += 22;
    out.push(`<text x="16" y="${y}" class="h2">${esc(section.title)}</text>`);
    y += 8;
    for (const group of section.groups) {
      y += 18;
      out.push(`<text x="16" y="${y}" class="h3">${esc(group.title)}</text>`);
      y += 6;
      const values = group.bars.map((b) => b.value).filter((v) => typeof v === 'number');
      const scaleMax = Math.max(...values, group.target ? group.target.value : 0) || 1;
      const top = y;
      for (const bar of group.bars) {
        const w = typeof bar.value === 'number' ? Math.max(1, (bar.value / scaleMax) * BAR_MAX) : 0;
        out.push(`<text x="${LABEL - 8}" y="${y + BAR_H - 4}" class="label" text-anchor="end">${esc(bar.label)}</text>`);
        if (w) out.push(`<rect x="${LABEL}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" rx="2" fill="${bar.colour}"/>`);
        out.push(`<text x="${(LABEL + w + 6).toFixed(1)}" y="${y + BAR_H - 4}" class="value">${esc(bar.text)}</text>`);
        y += BAR_H + GAP;
      }
      if (group.target) {
        const x = LABEL + (group.target.value / scaleMax) * BAR_MAX;
        out.push(`<line x1="${x.toFixed(1)}" y1="${top - 4}" x2="${x.toFixed(1)}" y2="${y - GAP + 4}" class="target"/>`);
        out.push(`<text x="${(x + 4).toFixed(1)}" y="${top - 6}" class="note">${esc(group.target.label)}</text>`);
      }
    }
  }
  y += 24;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" role="img" aria-labelledby="title">
<title id="title">${esc(title)}</title>
<style>
text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #111827; }
.h1 { font-size: 18px; font-weight: 700; } .h2 { font-size: 15px; font-weight: 700; } .h3 { font-size: 13px; font-weight: 600; }
.label, .value { font-size: 12px; } .note { font-size: 11px; fill: #4b5563; }
.target { stroke: #dc2626; stroke-width: 1.5; stroke-dasharray: 4 3; }
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
${out.join('\n')}
</svg>
`;
}

module.exports = { barChart, COLOURS };
