import type { NotificationEvent } from './notification-event.js';

/** The JSON a receiver gets: Slack's and Teams' `text`, plus the event's fields for other consumers. */
export interface NotificationBody {
  /** the same for every URL the event goes to, and on every retry: dedupe on it */
  id: string;
  event: NotificationEvent['event'];
  at: string;
  text: string;
  ticketKey: string | null;
  [field: string]: unknown;
}

const minute = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const stop = (sentence: string) => (/[.!?]$/.test(sentence) ? sentence : `${sentence}.`);
const percent = (f: number) => `${Math.round(f * 100)}%`;
const breach = (words: string, at: Date | null) => (at ? `${words} ${minute(at)}` : '');

function nextSentence(e: Extract<NotificationEvent, { event: 'slot_freed' }>): string {
  if (!e.next) return e.queueRead ? 'Ready for sprint is empty.' : 'The next ticket could not be read from Jira.';
  const ticket = `${e.next.key}${e.next.summary ? ` (${e.next.summary})` : ''}`;
  if (e.next.pickedUp) return `${ticket} is already picked up.`;
  return e.designatedDeveloper ? `Next: ${ticket}, for ${e.designatedDeveloper}.` : `Next: ${ticket}; no developer is designated.`;
}

/** One line a person reads in a channel. */
export function notificationText(e: NotificationEvent): string {
  switch (e.event) {
    case 'slot_freed':
      return `The 3rd-line slot was freed by ${e.because}. ${nextSentence(e)}`;
    case 'pickup':
      return `${e.actor} picked up ${e.ticketKey} (${e.via === 'api' ? 'through the service' : 'in Jira'}).`;
    case 'violation':
      return `Flow violation on ${e.ticketKey} by ${e.actor}: ${e.rule.replace(/_/g, ' ')}, ${e.remedy}.`;
    case 'target_at_risk':
      return (
        `3rd-line target at risk: ${percent(e.fraction)} of the ${e.kind} target of ${e.ticketKey} (${e.serviceDeskKey}, ${e.priority}) ` +
        `has passed; due ${minute(e.dueAt)}.`
      );
    case 'target_missed':
      return `3rd-line target missed: the ${e.kind} target of ${e.ticketKey} (${e.serviceDeskKey}, ${e.priority}) was due ${minute(e.dueAt)}.`;
    case 'sla_at_risk':
      return `Client SLA at risk: JSM reports "${e.metric}" on ${e.serviceDeskKey} (bug ${e.ticketKey}) near its goal${breach(', breaching', e.breachAt)}.`;
    case 'sla_breached':
      return `Client SLA breached, as JSM reports it: "${e.metric}" on ${e.serviceDeskKey} (bug ${e.ticketKey})${breach(', due', e.breachAt)}.`;
    case 'jira_change_failed':
      return stop(`A Jira change failed for good: ${e.error?.startsWith(e.change) ? e.error : `${e.change}${e.error ? ` (${e.error})` : ''}`}`);
    case 'webhook_quarantined':
      return stop(`A Jira webhook${e.ticketKey ? ` about ${e.ticketKey}` : ''} was quarantined: ${e.reason}`);
  }
}

/** The body, fixed once at insert time so that every retry sends the same bytes (and signature). */
export function notificationBody(e: NotificationEvent, id: string, at: Date): NotificationBody {
  const { event, ticketKey, ...rest } = e;
  const fields = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
  return { id, event, at: at.toISOString(), text: notificationText(e), ticketKey, ...fields };
}
