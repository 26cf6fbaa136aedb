/**
 * The ticket page's timeline: every audit event of the ticket and every note written on its service
 * desk ticket, in time order, each told in words with its kind (webhook seen, decision, Jira change
 * with Jira's answer, note, operator action).
 */
export const TICKET_TIMELINE = String.raw`
function said(d) { return d.echo ? ' (the service\u2019s own change, echoed back)' : ''; }
function fromTo(d) { return d.from ? d.from + ' \u2192 ' + (d.to || '?') : 'is ' + (d.to || '?'); }
var TELL = {
  'ticket.tracked': function (e) { return ['webhook', 'First seen: a 3rd-line ticket', 'Jira time ' + when(e.data.jiraTimestamp ? new Date(e.data.jiraTimestamp).toISOString() : null)]; },
  'ticket.status_changed': function (e) { return ['webhook', 'Status ' + fromTo(e.data), 'by ' + (e.actor || 'unknown') + said(e.data)]; },
  'ticket.updated': function (e) { return ['webhook', 'Fields updated in Jira', 'by ' + (e.actor || 'unknown') + said(e.data)]; },
  'ticket.deleted': function (e) { return ['webhook', 'Deleted in Jira', 'by ' + (e.actor || 'unknown') + '; the service tracks it no longer']; },
  'ticket.link_added': function (e) { return ['webhook', 'Link added (' + (e.data.linkType || '') + ')', '']; },
  'ticket.link_removed': function (e) { return ['webhook', 'Link removed (' + (e.data.linkType || '') + ')', '']; },
  'webhook.stale_ignored': function (e) { return ['webhook', 'An event older than what the service knew: its status was ignored', 'it said ' + fromTo(e.data)]; },
  'webhook.quarantined': function (e) { return ['webhook', 'Webhook ' + e.data.webhookId + ' (' + e.data.webhookEvent + ') quarantined', e.data.reason || '']; },
  'webhook.replayed': function (e) { return ['operator', 'Webhook ' + e.data.webhookId + ' replayed by ' + (e.actor || '?'), 'it had failed: ' + (e.data.previousReason || '')]; },
  'slot.pickup': function (e) { return ['decision', 'Picked up by ' + e.actor + ' (' + (e.data.via === 'api' ? 'through the API' : 'in Jira') + ')', 'the ticket entered the slot']; },
  'slot.released': function (e) { return ['decision', 'Slot released: ' + e.data.reason, e.data.cause || '']; },
  'slot.handover': function (e) { return ['decision', 'Handed over to ' + (e.data.to || 'nobody') + ' for sprint ' + e.data.sprintId, 'from ' + e.data.from]; },
  'violation': function (e) { return ['decision', 'Violation: ' + String(e.data.rule).replace(/_/g, ' ') + ' (' + e.data.remedy + ')', 'by ' + e.actor]; },
  'escalation.created': function (e) { return ['decision', 'Created by escalation of ' + (e.data.serviceDeskKey || 'a JSM ticket'), e.actor ? 'by ' + e.actor : '']; },
  'service_desk.linked': function (e) { return ['decision', 'Linked to ' + e.data.serviceDeskKey, e.data.found || '']; },
  'service_desk.unlinked_flagged': function () { return ['decision', 'No service desk ticket found: flagged', 'labelled needs-service-desk-link']; },
  'service_desk.unlinked': function (e) { return ['decision', 'Link to ' + e.data.serviceDeskKey + ' removed', '']; },
  'sla.breached': function (e) { return ['decision', 'SLA ' + e.data.kind + ' target breached (' + e.data.priority + ')', 'was due ' + when(e.data.dueAt)]; },
  'service_desk.progress_noted': function (e) { return ['note', 'Progress note "' + e.data.stage + '" for ' + e.data.serviceDeskKey, '']; },
  'jira.change_done': function (e) { return ['jira', 'Jira change made: ' + e.data.change, e.data.outcome === 'already_done' ? 'Jira was in that state already' : 'Jira accepted it' + (e.data.attempts > 1 ? ' after ' + e.data.attempts + ' attempts' : '')]; },
  'jira.change_failed': function (e) { return ['jira', 'Jira change failed: ' + e.data.change, e.data.error || '']; },
  'jira.change_retried': function (e) { return ['operator', 'Jira change ' + e.data.commandId + ' retried by ' + (e.actor || '?'), e.data.change]; },
  'jira.change_abandoned': function (e) { return ['operator', 'Jira change ' + e.data.commandId + ' abandoned by ' + (e.actor || '?'), 'reason: ' + e.data.reason]; },
};
function tell(e) {
  var f = TELL[e.type];
  if (f) return f(e);
  if (e.type.indexOf('data_fix.') === 0) return ['note', 'Data fix ' + (e.data.dataFixId || '') + ': ' + e.type.slice(9).replace(/_/g, ' '), e.actor ? 'by ' + e.actor : ''];
  return ['decision', e.type, JSON.stringify(e.data)];
}
function timeline(t) {
  var items = t.auditEvents.map(function (e) { var x = tell(e); return { at: e.at, kind: x[0], what: x[1], detail: x[2], type: e.type }; });
  (t.notes || []).forEach(function (n) {
    var answer = n.status === 'done' ? (n.outcome === 'already_done' ? 'it was there already' : 'Jira accepted it') : n.status === 'failed' ? 'Jira refused it: ' + (n.error || '') : n.status;
    items.push({ at: n.createdAt, kind: 'note', what: (n.public ? 'Public comment' : 'Internal note') + ' on ' + n.on + ': \u201c' + n.text + '\u201d', detail: answer, type: 'note' });
  });
  items.sort(function (a, b) { return new Date(a.at).getTime() - new Date(b.at).getTime(); });
  return items;
}
`;
