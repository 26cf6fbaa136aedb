/**
 * Client-side chart drawing (inline SVG, no library): the cycle-time scatter with its percentile
 * lines, throughput and violations per sprint, and the aging of the ticket in the slot.
 */
export const DASHBOARD_CHARTS = String.raw`
var SVG_NS = 'http://www.w3.org/2000/svg';
var PCT = [['p50', '#1f8a4c'], ['p85', '#c77c02'], ['p95', '#c8372d']];

/** The percentile lines to draw: equal values share one line, labelled "p85 = p95". */
function percentileMarks(stats) {
  var marks = [];
  PCT.forEach(function (p) {
    var v = stats[p[0]];
    if (v === null || v === undefined) return;
    var same = marks.find(function (m) { return m.value === v; });
    if (same) { same.label += ' = ' + p[0]; same.color = p[1]; } else marks.push({ value: v, label: p[0], color: p[1] });
  });
  return marks;
}

function svgEl(tag, attrs, text) {
  var node = document.createElementNS(SVG_NS, tag);
  Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  if (text !== undefined) node.textContent = text;
  return node;
}

function niceMax(value) {
  if (!(value > 0)) return 1;
  var step = Math.pow(10, Math.floor(Math.log10(value)));
  var nice = [1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6, 8, 10].map(function (m) { return m * step; }).find(function (m) { return m >= value; });
  return nice || value;
}

function chart(width, height) {
  return svgEl('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
}

function yAxis(svg, box, max, unit) {
  for (var i = 0; i <= 4; i++) {
    if (!unit && (max / 4) * i % 1 !== 0) continue;
    var v = (max / 4) * i;
    var y = box.bottom - (v / max) * (box.bottom - box.top);
    svg.appendChild(svgEl('line', { x1: box.left, x2: box.right, y1: y, y2: y, class: i === 0 ? 'axis' : 'grid' }));
    svg.appendChild(svgEl('text', { x: box.left - 6, y: y + 4, 'text-anchor': 'end' }, (Math.round(v * 100) / 100) + (i === 4 ? ' ' + unit : '')));
  }
}

function cycleTimeScatter(metrics) {
  var W = 620, H = 250, box = { left: 52, right: W - 78, top: 12, bottom: H - 28 };
  var svg = chart(W, H);
  svg.setAttribute('aria-label', 'Cycle time of each fix deployed, with p50, p85 and p95');
  var stats = metrics.cycleTime;
  var to = new Date(metrics.to).getTime();
  var ends = stats.samples.map(function (s) { return new Date(s.end).getTime(); });
  var first = Math.min.apply(null, ends.concat([to]));
  var from = Math.max(new Date(metrics.from).getTime(), first - Math.max(2 * 86400000, (to - first) * 0.15));
  var max = niceMax(Math.max.apply(null, [stats.p95 || 0].concat(stats.samples.map(function (s) { return s.hours; }))) * 1.1);
  yAxis(svg, box, max, 'h');
  var x = function (t) { return box.left + ((t - from) / Math.max(1, to - from)) * (box.right - box.left); };
  var y = function (h) { return box.bottom - (h / max) * (box.bottom - box.top); };
  [from, (from + to) / 2, to].forEach(function (t, i) {
    svg.appendChild(svgEl('text', { x: x(t), y: H - 8, 'text-anchor': ['start', 'middle', 'end'][i] }, shortDate(new Date(t))));
  });
  percentileMarks(stats).forEach(function (m) {
    svg.appendChild(svgEl('line', { x1: box.left, x2: box.right, y1: y(m.value), y2: y(m.value), stroke: m.color, 'stroke-dasharray': '5 4', 'stroke-width': 1.5, class: 'pct-line' }));
    svg.appendChild(svgEl('text', { x: box.right + 6, y: y(m.value) + 4, fill: m.color }, m.label));
    svg.appendChild(svgEl('text', { x: box.right + 6, y: y(m.value) + 17, fill: m.color }, formatHours(m.value)));
  });
  stats.samples.forEach(function (s) {
    var dot = svgEl('circle', { cx: x(new Date(s.end).getTime()), cy: y(s.hours), r: 5, fill: '#2458d6', 'fill-opacity': 0.75, class: 'sample' });
    dot.appendChild(svgEl('title', {}, s.key + ': ' + formatHours(s.hours) + ' from pickup to deployed'));
    svg.appendChild(dot);
  });
  if (!stats.samples.length) svg.appendChild(svgEl('text', { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2, 'text-anchor': 'middle' }, 'No fix deployed in this window yet'));
  return svg;
}

function throughputBars(metrics) {
  var W = 620, H = 250, box = { left: 40, right: W - 12, top: 12, bottom: H - 46 };
  var svg = chart(W, H);
  svg.setAttribute('aria-label', 'Fixes deployed and violations per sprint');
  var sprints = metrics.sprints;
  var max = Math.ceil(Math.max.apply(null, [1].concat(sprints.map(function (s) { return Math.max(s.throughput, s.violations); }))) * 1.2 / 4) * 4;
  yAxis(svg, box, max, '');
  var slot = (box.right - box.left) / Math.max(1, sprints.length);
  var barW = Math.min(34, slot / 3);
  sprints.forEach(function (s, i) {
    var cx = box.left + slot * (i + 0.5);
    [[s.throughput, '#2458d6', 'deployed', -barW - 2], [s.violations, '#c8372d', 'violations', 2]].forEach(function (b) {
      var h = (b[0] / max) * (box.bottom - box.top);
      var bar = svgEl('rect', { x: cx + b[3], y: box.bottom - h, width: barW, height: Math.max(h, 0.5), fill: b[1], rx: 3, class: 'bar' });
      bar.appendChild(svgEl('title', {}, b[0] + ' ' + b[2]));
      svg.appendChild(bar);
      svg.appendChild(svgEl('text', { x: cx + b[3] + barW / 2, y: box.bottom - h - 4, 'text-anchor': 'middle' }, String(b[0])));
    });
    svg.appendChild(svgEl('text', { x: cx, y: box.bottom + 16, 'text-anchor': 'middle' }, s.sprintId === null ? 'sprint unknown' : 'Sprint ' + s.sprintId));
  });
  [['#2458d6', 'fixes deployed'], ['#c8372d', 'violations']].forEach(function (l, i) {
    svg.appendChild(svgEl('rect', { x: box.left + i * 130, y: H - 16, width: 10, height: 10, fill: l[0], rx: 2 }));
    svg.appendChild(svgEl('text', { x: box.left + 14 + i * 130, y: H - 7 }, l[1]));
  });
  return svg;
}

function slotAging(slot, metrics, now) {
  var W = 620, H = 96, box = { left: 12, right: W - 12, top: 30, bottom: 56 };
  var svg = chart(W, H);
  svg.setAttribute('aria-label', 'Age of the ticket in the slot against the cycle-time percentiles');
  var stats = metrics ? metrics.cycleTime : { p50: null, p85: null, p95: null };
  var age = slot && slot.since ? Math.max(0, (now - new Date(slot.since).getTime()) / 3600000) : null;
  if (age === null) {
    svg.appendChild(svgEl('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'The slot is free: nothing is ageing'));
    return svg;
  }
  var max = niceMax(Math.max(age || 0, stats.p95 || 0, 1) * 1.15);
  var x = function (h) { return box.left + (h / max) * (box.right - box.left); };
  var bands = [[0, stats.p50, '#e2f5ea'], [stats.p50, stats.p85, '#fff4dc'], [stats.p85, stats.p95, '#ffe5cc'], [stats.p95, max, '#fde2e0']];
  if (stats.p50 === null) bands = [[0, max, '#eef1f6']];
  bands.forEach(function (b) {
    if (b[0] === null || b[1] === null || b[1] <= b[0]) return;
    svg.appendChild(svgEl('rect', { x: x(b[0]), y: box.top, width: x(b[1]) - x(b[0]), height: box.bottom - box.top, fill: b[2] }));
  });
  percentileMarks(stats).forEach(function (m) {
    svg.appendChild(svgEl('line', { x1: x(m.value), x2: x(m.value), y1: box.top, y2: box.bottom, stroke: m.color, 'stroke-width': 1.5 }));
    svg.appendChild(svgEl('text', { x: x(m.value), y: box.bottom + 14, 'text-anchor': 'middle', fill: m.color }, m.label + ' ' + formatHours(m.value)));
  });
  svg.appendChild(svgEl('text', { x: box.left, y: H - 4 }, '0'));
  svg.appendChild(svgEl('text', { x: box.right, y: H - 4, 'text-anchor': 'end' }, formatHours(max)));
  var ax = x(age);
  svg.appendChild(svgEl('rect', { x: box.left, y: box.top + 8, width: Math.max(2, ax - box.left), height: box.bottom - box.top - 16, fill: '#2458d6', rx: 3, class: 'age-bar' }));
  svg.appendChild(svgEl('text', { x: Math.min(Math.max(ax, box.left + 60), box.right - 60), y: 20, 'text-anchor': 'middle', fill: '#1d2433', 'font-weight': 600 }, slot.ticket.key + ': ' + formatHours(age) + ' in the slot'));
  return svg;
}
`;
