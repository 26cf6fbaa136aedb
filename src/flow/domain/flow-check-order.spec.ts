import { describe, expect, it } from '@jest/globals';
import { decide } from './flow.decision.js';
import type { FlowEvent, FlowPolicy, FlowState } from './flow.types.js';

const DEV = 'acc-dev';
const OTHER = 'acc-other';
const HOLDER = 'DOOR-12';
const TOP = 'DOOR-14';
const SECOND = 'DOOR-15';
const SINCE = new Date('2025-03-07T09:14:00Z');
const NOW = new Date('2025-03-10T11:30:00Z');
const REVERT: FlowPolicy = { mode: 'revert', releaseEnvironment: 'D' };

const apiPickup = (actor: string, readyQueue: string[]): FlowEvent => ({ type: 'api_pickup', actor, readyQueue });
const jiraPickup = (key: string, actor: string, outrankedBy: string[]): FlowEvent => ({ type: 'jira_pickup', key, actor, fromStatusId: '10001', outrankedBy });
const deployment = (environment: string, status: string, issueKeys: string[]): FlowEvent => ({
  type: 'deployment',
  id: 'deploy-d-1842',
  environment,
  status,
  issueKeys,
});

describe('decide: order of checks and wording that matters', () => {
  const occupied: FlowState = { holder: { key: HOLDER, since: SINCE, pickedUpBy: DEV }, designatedDeveloper: DEV, flagged: [] };

  it(
    'an API pickup by someone other than the designated developer is refused with not_designated ' + 'even when the slot is occupied and the queue is empty',
    () => {
      expect(decide(occupied, apiPickup(OTHER, []), NOW, REVERT)).toMatchObject({ ok: false, code: 'not_designated' });
    },
  );

  it('a slot_occupied refusal names the holding ticket, since when, and the release environment it waits for', () => {
    const decision = decide(occupied, apiPickup(DEV, [TOP]), NOW, { mode: 'revert', releaseEnvironment: 'PROD-EU' });
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.message).toContain('DOOR-12');
    expect(decision.message).toContain('09:14');
    expect(decision.message).toContain('deploy to PROD-EU');
  });

  it('a refusal for not_designated names the designated developer when there is one', () => {
    const decision = decide(occupied, apiPickup(OTHER, [TOP]), NOW, REVERT);
    expect(decision).toMatchObject({ ok: false, code: 'not_designated', message: expect.stringContaining(DEV) });
  });

  it('a Jira pickup that breaks every rule is recorded under slot_occupied, the first rule in order', () => {
    const decision = decide(occupied, jiraPickup(SECOND, OTHER, [TOP]), NOW, REVERT);
    expect(decision).toMatchObject({ ok: true, records: [{ type: 'violation', rule: 'slot_occupied' }] });
  });

  it('a successful deployment releases the slot when the policy names the release environment with other case and spaces', () => {
    const decision = decide(occupied, deployment('d', 'successful', [HOLDER]), NOW, { mode: 'revert', releaseEnvironment: ' D ' });
    expect(decision).toMatchObject({
      ok: true,
      next: { holder: null },
      records: [
        { type: 'deployment.recorded', released: [HOLDER] },
        { type: 'slot.released', reason: 'deployed' },
      ],
    });
  });

  it('a move back to the queue that Jira made before the pickup (a late webhook) releases nothing', () => {
    const before = decide(occupied, { type: 'moved_to_queue', key: HOLDER, at: new Date(SINCE.getTime() - 1000) }, NOW, REVERT);
    expect(before).toMatchObject({ ok: true, next: { holder: { key: HOLDER } }, records: [] });
    const after = decide(occupied, { type: 'moved_to_queue', key: HOLDER, at: new Date(SINCE.getTime() + 1000) }, NOW, REVERT);
    expect(after).toMatchObject({ ok: true, next: { holder: null }, records: [{ type: 'slot.released', reason: 'returned' }] });
  });

  it('a non-fix resolution made before the pickup releases nothing', () => {
    const stale = decide(occupied, { type: 'resolved', key: HOLDER, resolution: "Won't Do", isFix: false, at: new Date(SINCE.getTime() - 1) }, NOW, REVERT);
    expect(stale).toMatchObject({ ok: true, next: { holder: { key: HOLDER } } });
  });
});
