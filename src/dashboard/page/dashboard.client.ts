/**
 * The dashboard's client: asks for a token once (kept in sessionStorage), reads the API with it and
 * draws the page. Plain DOM building (textContent only: nothing from the API becomes markup).
 */
export const DASHBOARD_CLIENT = String.raw`
var TOKEN_KEY = 'orchestrator.dashboard.token';
var REFRESH_MS = 30000;
var view = { jiraBaseUrl: null, releaseEnvironment: null, timer: null };
var $ = function (id) { return document.getElementById(id); };

function el(tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === 'text') node.textContent = attrs[k];
    else if (k === 'class') node.className = attrs[k];
    else node.setAttribute(k, attrs[k]);
  });
  (children || []).forEach(function (c) { if (c !== null && c !== undefined) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
  return node;
}
function fill(id, nodes) { var box = $(id); box.replaceChildren.apply(box, [].concat(nodes)); }
function empty(text) { return el('div', { class: 'empty', text: text }); }
function formatHours(h) {
  if (h === null || h === undefined) return '–';
  if (h < 1) return Math.round(h * 60) + ' min';
  if (h < 48) return (Math.round(h * 10) / 10) + ' h';
  return (Math.round(h / 2.4) / 10) + ' d';
}
function shortDate(d) { return d.toLocaleDateString('en-GB', { day: '2-digit', month: 'short' }); }
function when(iso) { return iso ? new Date(iso).toLocaleString('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' }) : '–'; }
function issueLink(key) {
  if (!view.jiraBaseUrl) return el('span', { class: 'key', text: key });
  return el('a', { class: 'key', href: view.jiraBaseUrl.replace(/\/+$/, '') + '/browse/' + encodeURIComponent(key), target: '_blank', rel: 'noopener' }, [key]);
}
function badge(text, cls) { return el('span', { class: 'badge ' + (cls || text || ''), text: text || '–' }); }

function token() { return sessionStorage.getItem(TOKEN_KEY); }
function askForToken(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  if (view.timer) clearInterval(view.timer);
  $('login-message').textContent = message || '';
  $('login').hidden = false;
  $('token').focus();
}
async function api(path) {
  var res = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
  if (res.status === 401) { askForToken('The token was refused: enter a valid one.'); throw new Error('unauthorized'); }
  if (!res.ok) throw new Error(path + ' answered ' + res.status);
  return res.json();
}

function renderHeader(queue) {
  var d = queue.designatedDeveloper;
  $('designated').textContent = d ? 'Designated: ' + d.accountId + (d.sprintId ? ' · sprint ' + d.sprintId : '') : 'No designated developer';
}
function renderSlot(queue) {
  var s = queue.slot;
  if (s.state === 'free') return fill('slot', [el('div', { class: 'free', text: 'Free' }), el('p', { class: 'muted', text: 'The designated developer can pick up the top of Ready for sprint.' })]);
  fill('slot', [
    el('div', { class: 'slot-key' }, [issueLink(s.ticket.key)]),
    el('div', { class: 'slot-summary', text: s.ticket.summary || '' }),
    el('div', { class: 'muted', text: 'Held by ' + (s.ticket.assignee || 'unknown') + ' since ' + when(s.since) + ' (' + formatHours((Date.now() - new Date(s.since).getTime()) / 3600000) + ')' }),
    el('div', { class: 'waiting', text: 'Waiting for ' + s.waitingFor }),
  ]);
}
function forecastOf(r) {
  if (!r.forecast) return el('span', { class: 'forecast none', title: r.reason || '', text: 'no forecast' });
  var f = r.forecast;
  return el('span', { class: 'forecast', title: 'Deploy to ' + (view.releaseEnvironment || 'D') + ': 50% likely by ' + when(f.p50) + ', 85% by ' + when(f.p85) + ' (from ' + f.samples + ' fixes)' }, [
    el('span', { class: 'p50', text: shortDate(new Date(f.p50)) }), ' – ', el('b', { text: shortDate(new Date(f.p85)) })]);
}
function renderQueue(queue) {
  fill('ready', queue.ready.length ? el('ol', { class: 'queue' }, queue.ready.map(function (r, i) {
    return el('li', {}, [el('span', { class: 'rank', text: String(i + 1) }), issueLink(r.key), el('span', { class: 'summary', text: r.summary || '' }), forecastOf(r), badge(r.priority)]);
  })) : empty('Ready for sprint is empty'));
  var triage = queue.triage.map(function (t) { return el('li', {}, [issueLink(t.key), el('span', { class: 'summary', text: t.summary || '' })]); });
  var over = queue.overLimit.map(function (t) { return el('li', {}, [issueLink(t.key), badge('over the WIP limit', 'failed')]); });
  fill('triage', triage.length || over.length ? el('ul', { class: 'plain' }, over.concat(triage)) : empty('Triage is empty'));
}
function renderMetrics(metrics) {
  var names = [['leadTime', 'Lead time (triaged → deployed)'], ['cycleTime', 'Cycle time (pickup → deployed)'], ['blockedOnDeploy', 'Waiting for the deploy']];
  fill('stats', names.map(function (n) {
    var s = metrics[n[0]];
    var p = ['p50', 'p85', 'p95'].map(function (k) { return el('div', {}, [el('span', { text: k }), el('b', { text: formatHours(s[k]) })]); });
    return el('div', { class: 'stat' }, [el('div', { class: 'name', text: n[1] + ' · ' + s.count + ' fixes' }), el('div', { class: 'p' }, p)]);
  }));
  fill('chart-cycle', [cycleTimeScatter(metrics)]);
  fill('chart-throughput', [throughputBars(metrics)]);
}
function table(headers, rows) {
  return el('table', {}, [el('thead', {}, [el('tr', {}, headers.map(function (h) { return el('th', { text: h }); }))]), el('tbody', {}, rows.map(function (r) {
    return el('tr', {}, r.map(function (c) { return el('td', {}, [c]); }));
  }))]);
}
function renderViolations(list) {
  var rows = list.slice(0, 8).map(function (v) { return [issueLink(v.ticketKey), v.rule.replace(/_/g, ' '), badge(v.remedy), v.actorAccountId || '–', when(v.at)]; });
  fill('violations', rows.length ? table(['Ticket', 'Rule', 'Remedy', 'By', 'When'], rows) : empty('No violation recorded'));
}
function renderChanges(dashboard) {
  var all = dashboard.jiraChanges.failed.concat(dashboard.jiraChanges.pending);
  var rows = all.slice(0, 10).map(function (c) { return [issueLink(c.ticketKey), c.change, badge(c.status), c.error || (c.attempts ? c.attempts + ' attempts' : 'queued')]; });
  fill('changes', rows.length ? table(['Ticket', 'Change', 'Status', 'Detail'], rows) : empty('Every Jira change has been made'));
}
function renderSla(sla) {
  var rows = sla.breaches.slice(0, 8).map(function (b) { return [issueLink(b.ticketKey), issueLink(b.serviceDeskKey), b.kind, badge(b.priority), when(b.dueAt)]; });
  var warned = (sla.warnings || []).length;
  var clocks = sla.clocks.length + ' open SLA clock' + (sla.clocks.length === 1 ? '' : 's') + (warned ? ' · ' + warned + ' warned at risk' : '');
  fill('sla', [rows.length ? table(['Bug', 'Service desk', 'Target', 'Priority', 'Was due'], rows) : empty('No SLA breach'), el('div', { class: 'muted', text: clocks })]);
}

function settle(result, id, render) {
  if (result.status === 'fulfilled') { render(result.value); return result.value; }
  if (result.reason && result.reason.message !== 'unauthorized') fill(id, [el('div', { class: 'error', text: 'Could not load: ' + result.reason.message })]);
  return null;
}
async function refresh() {
  if (!token()) return askForToken();
  var r = await Promise.allSettled([api('/api/dashboard'), api('/api/queue'), api('/api/violations'), api('/api/sla'), api('/api/flow-metrics')]);
  if (r.some(function (x) { return x.status === 'rejected' && x.reason.message === 'unauthorized'; })) return;
  if (r[0].status === 'fulfilled') { view.jiraBaseUrl = r[0].value.jiraBaseUrl; view.releaseEnvironment = r[0].value.releaseEnvironment; }
  var queue = settle(r[1], 'slot', function (q) { renderHeader(q); renderSlot(q); renderQueue(q); });
  var metrics = settle(r[4], 'stats', renderMetrics);
  settle(r[2], 'violations', renderViolations);
  settle(r[3], 'sla', renderSla);
  settle(r[0], 'changes', renderChanges);
  if (queue) fill('chart-aging', [slotAging(queue.slot, metrics, Date.now())]);
  $('refreshed').textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  document.body.dataset.loaded = 'true';
}
function start() {
  $('login').hidden = true;
  refresh();
  if (view.timer) clearInterval(view.timer);
  view.timer = setInterval(refresh, REFRESH_MS);
}
$('login-form').addEventListener('submit', function (e) {
  e.preventDefault();
  var value = $('token').value.trim();
  if (!value) return;
  sessionStorage.setItem(TOKEN_KEY, value);
  $('token').value = '';
  start();
});
$('sign-out').addEventListener('click', function () { askForToken('Signed out.'); });
if (token()) start(); else askForToken();
`;
