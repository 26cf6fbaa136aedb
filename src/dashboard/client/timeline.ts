// The ticket page's timeline: every audit event of the ticket and every note written on its service
// desk ticket, in time order, each told in words with its kind (webhook seen, decision, Jira change
// with Jira's answer, note, operator action). Every kind of audit event has its sentence (AuditType).
import type { AuditType } from '../../audit/audit-types.js';
import type { AuditEvent, TicketRecord } from './api-types.js';
import { when } from './dom.js';

type Kind = 'webhook' | 'decision' | 'jira' | 'note' | 'operator';
type Told = [kind: Kind, what: string, detail: string];
type Data = Record<string, unknown>;

export interface TimelineItem {
  at: string;
  kind: Kind;
  what: string;
  detail: string;
  type: string;
}

const said = (d: Data) => (d.echo ? ' (the service’s own change, echoed back)' : '');
const fromTo = (d: Data) => (d.from ? `${String(d.from)} → ${String(d.to ?? '?')}` : `is ${String(d.to ?? '?')}`);
const by = (e: AuditEvent) => `by ${e.actorName ?? 'unknown'}`;
const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const jiraTime = (d: Data) => when(d.jiraTimestamp ? new Date(Number(d.jiraTimestamp)).toISOString() : null);

const dataFix =
  (step: string) =>
  (e: AuditEvent): Told => ['note', `Data fix ${s(e.data.dataFixId)}: ${step}`, e.actorName ? `by ${e.actorName}` : ''];

/** The sentence of each kind of audit event, on the ticket it is about. */
const TELL: Record<AuditType, (e: AuditEvent) => Told> = {
  'ticket.tracked': (e) => ['webhook', 'First seen: a 3rd-line ticket', `Jira time ${jiraTime(e.data)}`],
  'ticket.status_changed': (e) => ['webhook', `Status ${fromTo(e.data)}`, `${by(e)}${said(e.data)}`],
  'ticket.updated': (e) => ['webhook', 'Fields updated in Jira', `${by(e)}${said(e.data)}`],
  'ticket.deleted': (e) => ['webhook', 'Deleted in Jira', `${by(e)}; the service tracks it no longer`],
  'ticket.link_added': (e) => ['webhook', `Link added (${s(e.data.linkType)})`, ''],
  'ticket.link_removed': (e) => ['webhook', `Link removed (${s(e.data.linkType)})`, ''],
  'webhook.stale_ignored': (e) => ['webhook', 'An event older than what the service knew: its status was ignored', `it said ${fromTo(e.data)}`],
  'webhook.quarantined': (e) => ['webhook', `Webhook ${s(e.data.webhookId)} (${s(e.data.webhookEvent)}) quarantined`, s(e.data.reason)],
  'webhook.replayed': (e) => ['operator', `Webhook ${s(e.data.webhookId)} replayed by ${e.actorName ?? '?'}`, `it had failed: ${s(e.data.previousReason)}`],
  'slot.pickup': (e) => ['decision', `Picked up by ${s(e.actorName)} (${e.data.via === 'api' ? 'through the API' : 'in Jira'})`, 'the ticket entered the slot'],
  'slot.released': (e) => ['decision', `Slot released: ${s(e.data.reason)}`, s(e.data.cause)],
  'slot.handover': (e) => ['decision', `Handed over to ${s(e.data.to) || 'nobody'} for sprint ${s(e.data.sprintId)}`, `from ${s(e.data.from)}`],
  violation: (e) => ['decision', `Violation: ${s(e.data.rule).replace(/_/g, ' ')} (${s(e.data.remedy)})`, `by ${s(e.actorName)}`],
  'deployment.recorded': (e) => ['decision', `Deployment ${s(e.data.id)} to ${s(e.data.environment)}: ${s(e.data.status)}`, ''],
  'escalation.created': (e) => ['decision', `Created by escalation of ${s(e.data.serviceDeskKey) || 'a JSM ticket'}`, e.actorName ? `by ${e.actorName}` : ''],
  'service_desk.linked': (e) => ['decision', `Linked to ${s(e.data.serviceDeskKey)}`, s(e.data.found)],
  'service_desk.unlinked_flagged': () => ['decision', 'No service desk ticket found: flagged', 'labelled needs-service-desk-link'],
  'service_desk.unlinked': (e) => ['decision', `Link to ${s(e.data.serviceDeskKey)} removed`, ''],
  'service_desk.attached': (e) => ['decision', `Client ticket ${s(e.data.serviceDeskKey)} attached`, e.actor ? by(e) : 'linked in Jira'],
  'service_desk.detached': (e) => ['decision', `Client ticket ${s(e.data.serviceDeskKey)} detached`, 'its link was removed in Jira'],
  'service_desk.progress_noted': (e) => ['note', `Progress note "${s(e.data.stage)}" for ${s(e.data.serviceDeskKey)}`, ''],
  'target.at_risk': (e) => ['decision', `3rd-line ${s(e.data.kind)} target at risk (${s(e.data.priority)})`, `due ${when(s(e.data.dueAt))}`],
  'target.missed': (e) => ['decision', `3rd-line ${s(e.data.kind)} target missed (${s(e.data.priority)})`, `was due ${when(s(e.data.dueAt))}`],
  'sla.at_risk': (e) => [
    'decision',
    `Client SLA "${s(e.data.metric)}" at risk on ${s(e.data.serviceDeskKey)} (JSM)`,
    e.data.breachAt ? `breaches ${when(s(e.data.breachAt))}` : '',
  ],
  'sla.breached': (e) => [
    'decision',
    `Client SLA "${s(e.data.metric)}" breached on ${s(e.data.serviceDeskKey)} (JSM)`,
    e.data.breachAt ? `due ${when(s(e.data.breachAt))}` : '',
  ],
  'forecast.noted': (e) => ['note', 'Forecast noted on the client ticket', s(e.data.serviceDeskKey)],
  'jira.change_done': (e) => {
    const how =
      e.data.outcome === 'already_done'
        ? 'Jira was in that state already'
        : `Jira accepted it${Number(e.data.attempts) > 1 ? ` after ${s(e.data.attempts)} attempts` : ''}`;
    return ['jira', `Jira change made: ${s(e.data.change)}`, how];
  },
  'jira.change_failed': (e) => ['jira', `Jira change failed: ${s(e.data.change)}`, s(e.data.error)],
  'jira.change_retried': (e) => ['operator', `Jira change ${s(e.data.commandId)} retried by ${e.actorName ?? '?'}`, s(e.data.change)],
  'jira.change_abandoned': (e) => ['operator', `Jira change ${s(e.data.commandId)} abandoned by ${e.actorName ?? '?'}`, `reason: ${s(e.data.reason)}`],
  'rota.assigned': (e) => ['operator', `Rota: ${s(e.data.accountId)} designated for sprint ${s(e.data.sprintId)}`, e.actorName ? `by ${e.actorName}` : ''],
  'rota.rotation_set': (e) => ['operator', 'Rota: rotation set', e.actorName ? `by ${e.actorName}` : ''],
  'rota.sprint_started': (e) => ['webhook', `Sprint ${s(e.data.sprintId)} started`, `designated: ${s(e.data.designatedDeveloper) || 'nobody'}`],
  'rota.sprint_closed': (e) => ['webhook', `Sprint ${s(e.data.sprintId)} closed`, ''],
  'reconcile.repaired': (e) => [
    'decision',
    'Repaired by a reconciliation (a webhook was missed)',
    `drift: ${([] as unknown[]).concat(e.data.drift ?? []).join(', ')}`,
  ],
  'reconcile.completed': (e) => ['decision', 'Reconciliation', `${s(e.data.checked)} checked, ${s(e.data.repaired)} repaired`],
  'token.created': (e) => ['operator', 'Token created', s(e.data.name)],
  'roster.changed': (e) => ['operator', 'Roster changed', s(e.data.summary)],
  'person.signed_in': (e) => ['operator', 'Signed in', s(e.actor)],
  'token.revoked': (e) => ['operator', 'Token revoked', s(e.data.name)],
  'token.rotated': (e) => ['operator', 'Token rotated', s(e.data.name)],
  'data_fix.proposed': dataFix('proposed'),
  'data_fix.edited': dataFix('edited'),
  'data_fix.reviewed': dataFix('reviewed'),
  'data_fix.preprod_applied': dataFix('preprod applied'),
  'data_fix.production_approved': dataFix('production approved'),
  'data_fix.production_applied': dataFix('production applied'),
};

function tell(e: AuditEvent): Told {
  const sentence = TELL[e.type] as ((e: AuditEvent) => Told) | undefined;
  return sentence ? sentence(e) : ['decision', e.type, JSON.stringify(e.data)]; // a kind recorded by a newer version
}

export function timeline(t: TicketRecord): TimelineItem[] {
  const items: TimelineItem[] = t.auditEvents.map((e) => {
    const [kind, what, detail] = tell(e);
    return { at: e.at, kind, what, detail, type: e.type };
  });
  for (const n of t.notes ?? []) {
    const answer =
      n.status === 'done'
        ? n.outcome === 'already_done'
          ? 'it was there already'
          : 'Jira accepted it'
        : n.status === 'failed'
          ? `Jira refused it: ${n.error ?? ''}`
          : n.status;
    items.push({
      at: n.createdAt,
      kind: 'note',
      what: `${n.public ? 'Public comment' : 'Internal note'} on ${n.on}: “${n.text}”`,
      detail: answer,
      type: 'note',
    });
  }
  return items.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}
