/** The dashboard's client: reads the API with the tab's token and draws the page (helpers in page.common.ts, actions in dashboard.actions.ts). */
export const DASHBOARD_CLIENT = String.raw`
var REFRESH_MS = 30000;

function formatHours(h) {
  if (h === null || h === undefined) return '–';
  if (h < 1) return Math.round(h * 60) + ' min';
  if (h < 48) return (Math.round(h * 10) / 10) + ' h';
  return (Math.round(h / 2.4) / 10) + ' d';
}
function shortDate(d) { return d.toLocaleDateString('en-GB', { day: '2-digit', month: 'short' }); }

function renderHeader(queue) {
  var d = queue.designatedDeveloper;
  $('designated').textContent = d ? 'Designated: ' + d.accountId + (d.sprintId ? ' · sprint ' + d.sprintId : '') : 'No designated developer';
  $('me').textContent = view.me ? view.me.name + ' · ' + view.me.role : '';
}
function renderSlot(queue) {
  var s = queue.slot;
  var actions = el('div', { class: 'slot-actions' }, [pickUpAction(queue), releaseAction(queue)]);
  if (s.state === 'free') return fill('slot', [el('div', { class: 'free', text: 'Free' }), el('p', { class: 'muted', text: 'The designated developer can pick up the top of Ready for sprint.' }), actions]);
  fill('slot', [
    el('div', { class: 'slot-key' }, [issueLink(s.ticket.key)]),
    el('div', { class: 'slot-summary', text: s.ticket.summary || '' }),
    el('div', { class: 'muted', text: 'Held by ' + (s.ticket.assignee || 'unknown') + ' since ' + when(s.since) + ' (' + formatHours((Date.now() - new Date(s.since).getTime()) / 3600000) + ')' }),
    el('div', { class: 'waiting', text: 'Waiting for ' + s.waitingFor }),
    actions,
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
function renderViolations(list) {
  var rows = list.slice(0, 8).map(function (v) { return [issueLink(v.ticketKey), v.rule.replace(/_/g, ' '), badge(v.remedy), v.actorAccountId || '–', when(v.at)]; });
  fill('violations', rows.length ? table(['Ticket', 'Rule', 'Remedy', 'By', 'When'], rows) : empty('No violation recorded'));
}
function renderChanges(dashboard) {
  var all = dashboard.jiraChanges.failed.concat(dashboard.jiraChanges.pending);
  var rows = all.slice(0, 10).map(function (c) {
    var detail = c.error || (c.attempts ? c.attempts + ' attempts' : 'queued');
    return [issueLink(c.ticketKey), c.change, badge(c.status), el('span', {}, [detail, changeActions(c)])];
  });
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
  if (!view.me) {
    try { view.me = await api('/api/me'); } catch (error) { if (error.message === 'unauthorized') return; }
  }
  var admin = role() === 'admin';
  $('quarantined-card').hidden = !admin;
  var r = await Promise.allSettled([api('/api/dashboard'), api('/api/queue'), api('/api/violations'), api('/api/sla'), api('/api/flow-metrics'),
    admin ? api('/api/webhooks/quarantined') : Promise.resolve([])]);
  if (r.some(function (x) { return x.status === 'rejected' && x.reason.message === 'unauthorized'; })) return;
  if (r[0].status === 'fulfilled') { view.jiraBaseUrl = r[0].value.jiraBaseUrl; view.releaseEnvironment = r[0].value.releaseEnvironment; }
  var queue = settle(r[1], 'slot', function (q) { renderHeader(q); renderSlot(q); renderQueue(q); });
  var metrics = settle(r[4], 'stats', renderMetrics);
  settle(r[2], 'violations', renderViolations);
  settle(r[3], 'sla', renderSla);
  settle(r[0], 'changes', renderChanges);
  if (admin) settle(r[5], 'quarantined', renderQuarantined);
  if (queue) fill('chart-aging', [slotAging(queue.slot, metrics, Date.now())]);
  $('refreshed').textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  document.body.dataset.loaded = 'true';
}
function start() {
  $('action-message').hidden = true;
  refresh();
  if (view.timer) clearInterval(view.timer);
  view.timer = setInterval(refresh, REFRESH_MS);
}
signIn(start);
`;
