import { describe, expect, it } from '@jest/globals';
import { decide } from './flow.decision.js';
import type { Decision, FlowEvent, FlowPolicy, FlowState } from './flow.types.js';

const DEV = 'acc-dev';
const POLICY: FlowPolicy = { mode: 'revert', releaseEnvironment: 'D' };
const at = (hour: number, minute = 0) => new Date(Date.UTC(2025, 2, 10, hour, minute));

/** The PO has ranked three bugs in Ready for sprint; the sprint has a designated developer. */
describe('story: the designated developer picks up the top ticket, waits for its deploy to D, then picks up the next', () => {
  let state: FlowState = { holder: null, designatedDeveloper: DEV, flagged: [] };
  let ready = ['DOOR-21', 'DOOR-22', 'DOOR-23'];

  function step(event: FlowEvent, now: Date): Decision {
    const decision = decide(state, event, now, POLICY);
    if (decision.ok) state = decision.next;
    return decision;
  }

  it('the first API pickup takes the top-ranked ticket, DOOR-21, into the slot', () => {
    const decision = step({ type: 'api_pickup', actor: DEV, readyQueue: ready }, at(9, 14));
    expect(decision).toMatchObject({ ok: true, records: [{ type: 'slot.pickup', key: 'DOOR-21', actor: DEV, via: 'api' }] });
    expect(state.holder).toEqual({ key: 'DOOR-21', since: at(9, 14), pickedUpBy: DEV });
    ready = ready.slice(1);
  });

  it('a second API pickup while DOOR-21 waits for its deploy is refused with slot_occupied, naming DOOR-21 and D', () => {
    const before = state;
    const decision = step({ type: 'api_pickup', actor: DEV, readyQueue: ready }, at(10));
    expect(decision).toMatchObject({ ok: false, code: 'slot_occupied' });
    expect(!decision.ok && decision.message).toMatch(/DOOR-21.*09:14.*deploy to D/);
    expect(state).toBe(before);
  });

  it('a successful deploy of DOOR-21 to environment C is recorded and releases nothing', () => {
    const decision = step({ type: 'deployment', id: 'deploy-c-7', environment: 'C', status: 'successful', issueKeys: ['DOOR-21'] }, at(13));
    expect(decision).toMatchObject({ ok: true, records: [{ type: 'deployment.recorded', id: 'deploy-c-7', released: [] }] });
    expect(state.holder?.key).toBe('DOOR-21');
  });

  it('a failed deploy of DOOR-21 to D is recorded and releases nothing', () => {
    const decision = step({ type: 'deployment', id: 'deploy-d-8', environment: 'D', status: 'failed', issueKeys: ['DOOR-21'] }, at(14));
    expect(decision).toMatchObject({ ok: true, records: [{ type: 'deployment.recorded', id: 'deploy-d-8', released: [] }] });
    expect(state.holder?.key).toBe('DOOR-21');
  });

  it('the pickup is still refused with slot_occupied after those deploys', () => {
    expect(step({ type: 'api_pickup', actor: DEV, readyQueue: ready }, at(14, 30))).toMatchObject({ ok: false, code: 'slot_occupied' });
  });

  it('a successful deploy of DOOR-21 to D releases the slot as deployed and nudges the developer about the next ticket', () => {
    const decision = step({ type: 'deployment', id: 'deploy-d-9', environment: 'D', status: 'successful', issueKeys: ['DOOR-21'] }, at(16));
    expect(decision).toMatchObject({
      ok: true,
      records: [
        { type: 'deployment.recorded', id: 'deploy-d-9', released: ['DOOR-21'] },
        { type: 'slot.released', key: 'DOOR-21', reason: 'deployed' },
      ],
      // which ticket is next is read from Jira when the nudge is sent, not in the decision
      commands: [{ kind: 'nudge_next', key: 'DOOR-21', because: 'the deploy of DOOR-21 to D', accountId: DEV }],
    });
    expect(state.holder).toBeNull();
  });

  it('the next API pickup takes DOOR-22, now the top of Ready for sprint', () => {
    const decision = step({ type: 'api_pickup', actor: DEV, readyQueue: ready }, at(16, 5));
    expect(decision).toMatchObject({
      ok: true,
      commands: [
        { kind: 'add_to_sprint', key: 'DOOR-22', sprintId: 'active' },
        { kind: 'assign', key: 'DOOR-22', accountId: DEV },
        { kind: 'move_to_in_progress', key: 'DOOR-22' },
      ],
      records: [{ type: 'slot.pickup', key: 'DOOR-22', actor: DEV, via: 'api' }],
    });
    expect(state).toEqual({ holder: { key: 'DOOR-22', since: at(16, 5), pickedUpBy: DEV }, designatedDeveloper: DEV, flagged: [] });
  });
});
