import { describe, expect, it } from '@jest/globals';
import type { FlowRecord } from './flow.types.js';
import { notificationsOf } from './flow-notifications.js';

describe('what the channels hear about a flow decision', () => {
  it.each<[string, FlowRecord, unknown[]]>([
    ['a pickup', { type: 'slot.pickup', key: 'QAOPS-8', actor: 'ben', via: 'jira' }, [{ event: 'pickup', ticketKey: 'QAOPS-8', actor: 'ben', via: 'jira' }]],
    [
      'a violation',
      { type: 'violation', key: 'QAOPS-9', rule: 'slot_occupied', remedy: 'flagged', actor: 'ada' },
      [{ event: 'violation', ticketKey: 'QAOPS-9', rule: 'slot_occupied', remedy: 'flagged', actor: 'ada' }],
    ],
    [
      'a release (told by the nudge once the next ticket is read)',
      { type: 'slot.released', key: 'QAOPS-7', reason: 'deployed', cause: 'deployment 1 to D', actor: null },
      [],
    ],
    [
      'a recorded deployment',
      { type: 'deployment.recorded', id: '1', environment: 'D', status: 'successful', issueKeys: ['QAOPS-7'], released: ['QAOPS-7'] },
      [],
    ],
    ['a handover', { type: 'slot.handover', key: 'QAOPS-7', sprintId: 42, from: 'ada', to: 'ben' }, []],
  ])('%s', (_, record, events) => {
    expect(notificationsOf([record])).toEqual(events);
  });
});
