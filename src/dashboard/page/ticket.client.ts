/** The ticket page's client: GET /api/tickets/KEY with the tab's token, drawn as facts, a timeline and the Jira changes. */
export const TICKET_CLIENT = String.raw`
var KEY = decodeURIComponent(location.pathname.split('/').pop() || '').toUpperCase();

function renderFacts(t) {
  var k = t.ticket;
  var facts = [['Key', jiraLink(t.key)]];
  if (k) facts = facts.concat([['Summary', k.summary], ['Status', k.status + ' (' + k.column.replace(/_/g, ' ') + ')'], ['Assignee', k.assignee || '–'],
    ['Priority', k.priority || '–'], ['Labels', k.labels.join(', ') || '–']]);
  if (t.serviceDesk) facts.push(['Service desk', jiraLink(t.serviceDesk.key)]);
  fill('facts', el('dl', { class: 'facts' }, facts.flatMap(function (f) { return [el('dt', { text: f[0] }), el('dd', {}, [f[1]])]; })));
}
function renderTimeline(t) {
  var items = timeline(t);
  fill('timeline', items.length ? el('ol', { class: 'timeline' }, items.map(function (i) {
    return el('li', { 'data-type': i.type }, [el('span', { class: 'muted', text: when(i.at) }), badge(i.kind), el('div', {}, [el('div', { class: 'what', text: i.what }), el('div', { class: 'detail', text: i.detail })])]);
  })) : empty('Nothing recorded yet'));
}
function renderChanges(t) {
  var c = t.jiraChanges;
  var all = c.pending.concat(c.failed, c.done, c.abandoned || []).sort(function (a, b) { return a.id - b.id; });
  var rows = all.map(function (x) {
    var answer = x.status === 'abandoned' ? 'abandoned: ' + x.abandonReason + (x.error ? ' (Jira: ' + x.error + ')' : '') : x.error || x.outcome || (x.attempts ? x.attempts + ' attempts' : 'queued');
    return [String(x.id), x.change, badge(x.status), answer, when(x.finishedAt || x.createdAt)];
  });
  fill('changes', rows.length ? table(['#', 'Change', 'Status', 'Jira\u2019s answer', 'When'], rows) : empty('No Jira change was decided for this ticket'));
}
async function refresh() {
  if (!token()) return askForToken();
  document.title = KEY + ' · 3rd-line flow';
  $('heading-key').textContent = KEY;
  try {
    var both = await Promise.all([api('/api/dashboard'), api('/api/tickets/' + encodeURIComponent(KEY))]);
    view.jiraBaseUrl = both[0].jiraBaseUrl;
    renderFacts(both[1]); renderTimeline(both[1]); renderChanges(both[1]);
  } catch (error) {
    if (error.message === 'unauthorized') return;
    fill('timeline', el('div', { class: 'error', text: error.message }));
  }
  $('refreshed').textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  document.body.dataset.loaded = 'true';
}
signIn(refresh);
`;
