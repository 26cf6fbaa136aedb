// The charts, drawn as inline SVG with no library (three small charts do not need one): the
// cycle-time scatter with its percentile lines, throughput and violations per sprint, and the
// aging of the ticket in the slot.
import type { FlowMetrics, Percentiles, Queue } from './api-types.js';
import { formatHours, shortDate } from './dom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const PCT: [keyof Percentiles, string][] = [
  ['p50', '#1f8a4c'],
  ['p85', '#c77c02'],
  ['p95', '#c8372d'],
];

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The percentile lines to draw: equal values share one line, labelled "p85 = p95". */
export function percentileMarks(stats: Percentiles): { value: number; label: string; color: string }[] {
  const marks: { value: number; label: string; color: string }[] = [];
  for (const [name, color] of PCT) {
    const v = stats[name];
    if (v === null || v === undefined) continue;
    const same = marks.find((m) => m.value === v);
    if (same) {
      same.label += ` = ${name}`;
      same.color = color;
    } else marks.push({ value: v, label: name, color });
  }
  return marks;
}

function svgEl(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return [1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6, 8, 10].map((m) => m * step).find((m) => m >= value) ?? value;
}

function chart(width: number, height: number, label: string): SVGElement {
  return svgEl('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
}

function yAxis(svg: SVGElement, box: Box, max: number, unit: string): void {
  for (let i = 0; i <= 4; i++) {
    if (!unit && ((max / 4) * i) % 1 !== 0) continue;
    const v = (max / 4) * i;
    const y = box.bottom - (v / max) * (box.bottom - box.top);
    svg.appendChild(svgEl('line', { x1: box.left, x2: box.right, y1: y, y2: y, class: i === 0 ? 'axis' : 'grid' }));
    svg.appendChild(svgEl('text', { x: box.left - 6, y: y + 4, 'text-anchor': 'end' }, `${Math.round(v * 100) / 100}${i === 4 ? ` ${unit}` : ''}`));
  }
}

export function cycleTimeScatter(metrics: FlowMetrics): SVGElement {
  const W = 620;
  const H = 250;
  const box = { left: 52, right: W - 78, top: 12, bottom: H - 28 };
  const svg = chart(W, H, 'Cycle time of each fix deployed, with p50, p85 and p95');
  const stats = metrics.cycleTime;
  const to = new Date(metrics.to).getTime();
  const first = Math.min(...stats.samples.map((s) => new Date(s.end).getTime()), to);
  const from = Math.max(new Date(metrics.from).getTime(), first - Math.max(2 * 86_400_000, (to - first) * 0.15));
  const max = niceMax(Math.max(stats.p95 ?? 0, ...stats.samples.map((s) => s.hours)) * 1.1);
  yAxis(svg, box, max, 'h');
  const x = (t: number) => box.left + ((t - from) / Math.max(1, to - from)) * (box.right - box.left);
  const y = (h: number) => box.bottom - (h / max) * (box.bottom - box.top);
  [from, (from + to) / 2, to].forEach((t, i) => {
    svg.appendChild(svgEl('text', { x: x(t), y: H - 8, 'text-anchor': ['start', 'middle', 'end'][i] }, shortDate(new Date(t))));
  });
  for (const m of percentileMarks(stats)) {
    const line = { x1: box.left, x2: box.right, y1: y(m.value), y2: y(m.value), stroke: m.color };
    svg.appendChild(svgEl('line', { ...line, 'stroke-dasharray': '5 4', 'stroke-width': 1.5, class: 'pct-line' }));
    svg.appendChild(svgEl('text', { x: box.right + 6, y: y(m.value) + 4, fill: m.color }, m.label));
    svg.appendChild(svgEl('text', { x: box.right + 6, y: y(m.value) + 17, fill: m.color }, formatHours(m.value)));
  }
  for (const s of stats.samples) {
    const dot = svgEl('circle', { cx: x(new Date(s.end).getTime()), cy: y(s.hours), r: 5, fill: '#2458d6', 'fill-opacity': 0.75, class: 'sample' });
    dot.appendChild(svgEl('title', {}, `${s.key}: ${formatHours(s.hours)} from pickup to deployed`));
    svg.appendChild(dot);
  }
  if (!stats.samples.length) {
    svg.appendChild(
      svgEl('text', { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2, 'text-anchor': 'middle' }, 'No fix deployed in this window yet'),
    );
  }
  return svg;
}

export function throughputBars(metrics: FlowMetrics): SVGElement {
  const W = 620;
  const H = 250;
  const box = { left: 40, right: W - 12, top: 12, bottom: H - 46 };
  const svg = chart(W, H, 'Fixes deployed and violations per sprint');
  const sprints = metrics.sprints;
  const max = Math.ceil((Math.max(1, ...sprints.map((s) => Math.max(s.throughput, s.violations))) * 1.2) / 4) * 4;
  yAxis(svg, box, max, '');
  const slot = (box.right - box.left) / Math.max(1, sprints.length);
  const barW = Math.min(34, slot / 3);
  sprints.forEach((s, i) => {
    const cx = box.left + slot * (i + 0.5);
    const bars: [number, string, string, number][] = [
      [s.throughput, '#2458d6', 'deployed', -barW - 2],
      [s.violations, '#c8372d', 'violations', 2],
    ];
    for (const [value, color, what, offset] of bars) {
      const h = (value / max) * (box.bottom - box.top);
      const bar = svgEl('rect', { x: cx + offset, y: box.bottom - h, width: barW, height: Math.max(h, 0.5), fill: color, rx: 3, class: 'bar' });
      bar.appendChild(svgEl('title', {}, `${value} ${what}`));
      svg.appendChild(bar);
      svg.appendChild(svgEl('text', { x: cx + offset + barW / 2, y: box.bottom - h - 4, 'text-anchor': 'middle' }, String(value)));
    }
    svg.appendChild(svgEl('text', { x: cx, y: box.bottom + 16, 'text-anchor': 'middle' }, s.sprintId === null ? 'sprint unknown' : `Sprint ${s.sprintId}`));
  });
  [
    ['#2458d6', 'fixes deployed'],
    ['#c8372d', 'violations'],
  ].forEach(([color, label], i) => {
    svg.appendChild(svgEl('rect', { x: box.left + i * 130, y: H - 16, width: 10, height: 10, fill: color, rx: 2 }));
    svg.appendChild(svgEl('text', { x: box.left + 14 + i * 130, y: H - 7 }, label));
  });
  return svg;
}

export function slotAging(slot: Queue['slot'], metrics: FlowMetrics | null, now: number): SVGElement {
  const W = 620;
  const H = 96;
  const box = { left: 12, right: W - 12, top: 30, bottom: 56 };
  const svg = chart(W, H, 'Age of the ticket in the slot against the cycle-time percentiles');
  const stats: Percentiles = metrics ? metrics.cycleTime : { p50: null, p85: null, p95: null };
  const age = slot.ticket && slot.since ? Math.max(0, (now - new Date(slot.since).getTime()) / 3_600_000) : null;
  if (age === null || !slot.ticket) {
    svg.appendChild(svgEl('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'The slot is free: nothing is ageing'));
    return svg;
  }
  const max = niceMax(Math.max(age, stats.p95 ?? 0, 1) * 1.15);
  const x = (h: number) => box.left + (h / max) * (box.right - box.left);
  const bands: [number | null, number | null, string][] =
    stats.p50 === null
      ? [[0, max, '#eef1f6']]
      : [
          [0, stats.p50, '#e2f5ea'],
          [stats.p50, stats.p85, '#fff4dc'],
          [stats.p85, stats.p95, '#ffe5cc'],
          [stats.p95, max, '#fde2e0'],
        ];
  for (const [from, to, fill] of bands) {
    if (from === null || to === null || to <= from) continue;
    svg.appendChild(svgEl('rect', { x: x(from), y: box.top, width: x(to) - x(from), height: box.bottom - box.top, fill }));
  }
  for (const m of percentileMarks(stats)) {
    svg.appendChild(svgEl('line', { x1: x(m.value), x2: x(m.value), y1: box.top, y2: box.bottom, stroke: m.color, 'stroke-width': 1.5 }));
    svg.appendChild(svgEl('text', { x: x(m.value), y: box.bottom + 14, 'text-anchor': 'middle', fill: m.color }, `${m.label} ${formatHours(m.value)}`));
  }
  svg.appendChild(svgEl('text', { x: box.left, y: H - 4 }, '0'));
  svg.appendChild(svgEl('text', { x: box.right, y: H - 4, 'text-anchor': 'end' }, formatHours(max)));
  const ax = x(age);
  svg.appendChild(
    svgEl('rect', {
      x: box.left,
      y: box.top + 8,
      width: Math.max(2, ax - box.left),
      height: box.bottom - box.top - 16,
      fill: '#2458d6',
      rx: 3,
      class: 'age-bar',
    }),
  );
  const label = `${slot.ticket.key}: ${formatHours(age)} in the slot`;
  svg.appendChild(
    svgEl('text', { x: Math.min(Math.max(ax, box.left + 60), box.right - 60), y: 20, 'text-anchor': 'middle', fill: '#1d2433', 'font-weight': 600 }, label),
  );
  return svg;
}
