import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import type { NotificationEvent } from './notification-event.js';
import { NOTIFICATION_EVENTS } from './notification-event.js';
import { notificationBody } from './notification.body.js';
import { signature } from './notification.signature.js';

const AT = new Date('2026-03-02T09:15:00Z');
const ID = '2f1c0e4e-8a52-4f7e-9d55-5b8f0c7d1a11';
const DUE = new Date('2026-03-02T13:00:00Z');

const CASES: [string, NotificationEvent, string][] = [
  [
    'slot_freed with the next ticket',
    {
      event: 'slot_freed',
      ticketKey: 'QAOPS-7',
      because: 'the deploy of QAOPS-7 to D',
      next: { key: 'QAOPS-8', summary: 'Export times out', pickedUp: false },
      queueRead: true,
      designatedDeveloper: 'ben',
    },
    'The 3rd-line slot was freed by the deploy of QAOPS-7 to D. Next: QAOPS-8 (Export times out), for ben.',
  ],
  [
    'slot_freed with nobody designated',
    {
      event: 'slot_freed',
      ticketKey: 'QAOPS-7',
      because: 'the deploy of QAOPS-7 to D',
      next: { key: 'QAOPS-8', summary: 'Export times out', pickedUp: false },
      queueRead: true,
      designatedDeveloper: null,
    },
    'The 3rd-line slot was freed by the deploy of QAOPS-7 to D. Next: QAOPS-8 (Export times out); no developer is designated.',
  ],
  [
    'slot_freed with an empty queue',
    { event: 'slot_freed', ticketKey: 'QAOPS-7', because: 'QAOPS-7 moving back to the queue', next: null, queueRead: true, designatedDeveloper: 'ben' },
    'The 3rd-line slot was freed by QAOPS-7 moving back to the queue. Ready for sprint is empty.',
  ],
  [
    'slot_freed when Jira could not be read',
    { event: 'slot_freed', ticketKey: 'QAOPS-7', because: 'the deploy of QAOPS-7 to D', next: null, queueRead: false, designatedDeveloper: 'ben' },
    'The 3rd-line slot was freed by the deploy of QAOPS-7 to D. The next ticket could not be read from Jira.',
  ],
  [
    'slot_freed taken again before the read',
    {
      event: 'slot_freed',
      ticketKey: 'QAOPS-7',
      because: 'the deploy of QAOPS-7 to D',
      next: { key: 'QAOPS-8', summary: null, pickedUp: true },
      queueRead: true,
      designatedDeveloper: 'ben',
    },
    'The 3rd-line slot was freed by the deploy of QAOPS-7 to D. QAOPS-8 is already picked up.',
  ],
  ['pickup', { event: 'pickup', ticketKey: 'QAOPS-8', actor: 'ben', via: 'api' }, 'ben picked up QAOPS-8 (through the service).'],
  [
    'violation',
    { event: 'violation', ticketKey: 'QAOPS-9', rule: 'not_top_of_queue', remedy: 'reverted', actor: 'ada' },
    'Flow violation on QAOPS-9 by ada: not top of queue, reverted.',
  ],
  [
    'target_at_risk',
    {
      event: 'target_at_risk',
      ticketKey: 'QAOPS-8',
      serviceDeskKey: 'SUP-8',
      kind: 'response',
      priority: 'High',
      dueAt: DUE,
      fraction: 0.8,
      source: '3rd-line',
    },
    '3rd-line target at risk: 80% of the response target of QAOPS-8 (SUP-8, High) has passed; due 2026-03-02 13:00 UTC.',
  ],
  [
    'target_missed',
    { event: 'target_missed', ticketKey: 'QAOPS-8', serviceDeskKey: 'SUP-8', kind: 'resolution', priority: 'High', dueAt: DUE, source: '3rd-line' },
    '3rd-line target missed: the resolution target of QAOPS-8 (SUP-8, High) was due 2026-03-02 13:00 UTC.',
  ],
  [
    'sla_at_risk (JSM)',
    { event: 'sla_at_risk', ticketKey: 'QAOPS-8', serviceDeskKey: 'SUP-8', metric: 'Time to resolution', breachAt: DUE, remainingMs: 600_000, source: 'jsm' },
    'Client SLA at risk: JSM reports "Time to resolution" on SUP-8 (bug QAOPS-8) near its goal, breaching 2026-03-02 13:00 UTC.',
  ],
  [
    'sla_breached (JSM)',
    { event: 'sla_breached', ticketKey: 'QAOPS-8', serviceDeskKey: 'SUP-8', metric: 'Time to first response', breachAt: DUE, source: 'jsm' },
    'Client SLA breached, as JSM reports it: "Time to first response" on SUP-8 (bug QAOPS-8), due 2026-03-02 13:00 UTC.',
  ],
  [
    'jira_change_failed',
    {
      event: 'jira_change_failed',
      ticketKey: 'QAOPS-8',
      change: 'comment on QAOPS-8',
      error: 'Jira answered 400: Comment body can not be empty!',
      attempts: 1,
      commandId: '42',
    },
    'A Jira change failed for good: comment on QAOPS-8 (Jira answered 400: Comment body can not be empty!).',
  ],
  [
    'jira_change_failed whose error names the change',
    {
      event: 'jira_change_failed',
      ticketKey: 'QAOPS-8',
      change: 'comment on QAOPS-8',
      error: 'comment on QAOPS-8: Jira answered 403: Comments are restricted.',
      attempts: 1,
      commandId: '43',
    },
    'A Jira change failed for good: comment on QAOPS-8: Jira answered 403: Comments are restricted.',
  ],
  [
    'webhook_quarantined',
    { event: 'webhook_quarantined', ticketKey: null, webhookId: '17', webhookEvent: 'jira:issue_updated', reason: 'MalformedEventError: no issue key' },
    'A Jira webhook was quarantined: MalformedEventError: no issue key.',
  ],
];

describe('notification bodies (Slack/Teams text plus the structured fields)', () => {
  it.each(CASES)('%s', (_, event, text) => {
    const body = notificationBody(event, ID, AT);
    expect(body).toMatchObject({ id: ID, event: event.event, at: '2026-03-02T09:15:00.000Z', text, ticketKey: event.ticketKey });
    const { event: _name, ...fields } = event;
    for (const [k, v] of Object.entries(fields)) expect(body[k]).toEqual(v instanceof Date ? v.toISOString() : v);
  });

  it('covers every event', () => {
    expect(new Set(CASES.map(([, e]) => e.event))).toEqual(new Set(NOTIFICATION_EVENTS));
  });

  it('signs the raw body as sha256=<hex HMAC>, verifiable the way Jira webhooks are (Atlassian test vector)', () => {
    expect(signature('Hello World!', "It's a Secret to Everybody")).toBe('sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9');
    const raw = JSON.stringify(notificationBody(CASES[0][1], ID, AT));
    expect(signature(raw, 'k')).toBe(`sha256=${createHmac('sha256', 'k').update(raw).digest('hex')}`);
  });
});
