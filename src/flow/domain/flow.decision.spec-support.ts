// The states, expectations and event builders of the decision table in flow.decision.spec.ts.
import { expect } from '@jest/globals';
import type { FlowCommand, FlowEvent, FlowPolicy, FlowRecord, FlowState, RefusalCode, ViolationRule } from './flow.types.js';
import { WIP_VIOLATION_LABEL } from './flow.types.js';

export const DEV = 'acc-dev';
export const OTHER = 'acc-other';
export const NEXT_DEV = 'acc-next';
export const ADMIN = 'acc-admin';
export const HOLDER = 'DOOR-12';
export const FLAGGED = 'DOOR-13';
export const TOP = 'DOOR-14';
export const SECOND = 'DOOR-15';
export const FROM_READY = '10001';
export const SINCE = new Date('2025-03-07T09:14:00Z');
export const NOW = new Date('2025-03-10T11:30:00Z');

export const REVERT: FlowPolicy = { mode: 'revert', releaseEnvironment: 'D' };
export const FLAG: FlowPolicy = { mode: 'flag', releaseEnvironment: 'D' };

export const STATES = {
  'the slot is free and a developer is designated': { holder: null, designatedDeveloper: DEV, flagged: [] },
  'the slot is free and no developer is designated': { holder: null, designatedDeveloper: null, flagged: [] },
  'DOOR-12 holds the slot and a developer is designated': { holder: { key: HOLDER, since: SINCE, pickedUpBy: DEV }, designatedDeveloper: DEV, flagged: [] },
  'DOOR-12 holds the slot and no developer is designated': { holder: { key: HOLDER, since: SINCE, pickedUpBy: DEV }, designatedDeveloper: null, flagged: [] },
  'DOOR-12 holds the slot, DOOR-13 is flagged and a developer is designated': {
    holder: { key: HOLDER, since: SINCE, pickedUpBy: DEV },
    designatedDeveloper: DEV,
    flagged: [FLAGGED],
  },
  'DOOR-12 holds the slot, DOOR-13 is flagged and no developer is designated': {
    holder: { key: HOLDER, since: SINCE, pickedUpBy: DEV },
    designatedDeveloper: null,
    flagged: [FLAGGED],
  },
} satisfies Record<string, FlowState>;
export type StateName = keyof typeof STATES;

/** What a decision should be, given the state it was taken in. */
export interface Expectation {
  says: string;
  decision: (state: FlowState) => unknown;
}

export const changesNothing: Expectation = {
  says: 'changes nothing',
  decision: (state) => ({ ok: true, next: state, commands: [], records: [] }),
};

export function refused(code: RefusalCode): Expectation {
  // a slot_occupied answer must say which ticket holds the slot and what it waits for
  const message = code === 'slot_occupied' ? expect.stringMatching(/DOOR-12.*deploy to D/) : expect.any(String);
  return { says: `refuses it with ${code}`, decision: () => ({ ok: false, code, message }) };
}

export function accepted(says: string, next: Partial<FlowState>, commands: FlowCommand[], records: FlowRecord[]): Expectation {
  return { says, decision: (state) => ({ ok: true, next: { ...state, ...next }, commands, records }) };
}

export function apiPickupOf(key: string): Expectation {
  return accepted(
    `puts ${key} in the slot, adds it to the active sprint, assigns it and moves it to In Progress`,
    { holder: { key, since: NOW, pickedUpBy: DEV } },
    [
      { kind: 'add_to_sprint', key, sprintId: 'active' },
      { kind: 'assign', key, accountId: DEV },
      { kind: 'move_to_in_progress', key },
    ],
    [{ type: 'slot.pickup', key, actor: DEV, via: 'api' }],
  );
}

export function jiraPickupOf(key: string, actor: string): Expectation {
  return accepted(
    `puts ${key} in the slot and completes the pickup (active sprint, assignee)`,
    { holder: { key, since: NOW, pickedUpBy: actor } },
    [
      { kind: 'add_to_sprint', key, sprintId: 'active' },
      { kind: 'assign', key, accountId: actor },
    ],
    [{ type: 'slot.pickup', key, actor, via: 'jira' }],
  );
}

export interface ViolationCase {
  key: string;
  actor: string;
  rule: ViolationRule;
  /** the status the ticket came from, or null to expect the flag remedy */
  revertTo: string | null;
  /** whether the flagged ticket joins the flagged list (it is in In Progress) */
  entersFlagged: boolean;
}

export function violation({ key, actor, rule, revertTo, entersFlagged }: ViolationCase): Expectation {
  const text = rule === 'slot_occupied' ? expect.stringMatching(/DOOR-12.*deploy to D/) : expect.any(String);
  const record: FlowRecord = { type: 'violation', key, rule, remedy: revertTo ? 'reverted' : 'flagged', actor };
  if (revertTo) {
    return {
      says: `treats it as a ${rule} violation: moves it back to status ${revertTo} and comments`,
      decision: (state) => ({
        ok: true,
        next: state,
        commands: [
          { kind: 'revert', key, toStatusId: revertTo },
          { kind: 'comment', key, text, explainsPrevious: true },
        ],
        records: [record],
      }),
    };
  }
  return {
    says: `treats it as a ${rule} violation: comments, labels it ${WIP_VIOLATION_LABEL} and ${entersFlagged ? 'lists' : 'does not list'} it over the limit`,
    decision: (state) => ({
      ok: true,
      next: { ...state, flagged: entersFlagged ? [...state.flagged, key] : state.flagged },
      commands: [
        { kind: 'comment', key, text },
        { kind: 'add_label', key, label: WIP_VIOLATION_LABEL },
      ],
      records: [record],
    }),
  };
}

export const FREED_BY = {
  deployed: 'the deploy of DOOR-12 to D',
  returned: 'DOOR-12 moving back to the queue',
  cancelled: "DOOR-12 being resolved as Won't Do",
  forced: 'an admin releasing DOOR-12 (ticket abandoned, client left)',
} as const;

/** Every release also nudges: the designated developer (or nobody) hears which ticket is next, read from Jira at send time. */
export function released(reason: keyof typeof FREED_BY, actor: string | null, records: FlowRecord[] = [], because: string = FREED_BY[reason]): Expectation {
  return {
    says: `releases the slot as ${reason} and nudges the designated developer about the next ticket`,
    decision: (state) => ({
      ok: true,
      next: { ...state, holder: null },
      commands: [{ kind: 'nudge_next', key: HOLDER, because, accountId: state.designatedDeveloper }],
      records: [...records, { type: 'slot.released', key: HOLDER, reason, cause: expect.any(String), actor }],
    }),
  };
}

export const unflags = (key: string): Expectation => ({
  says: `takes ${key} off the flagged list and releases nothing`,
  decision: (state) => ({ ok: true, next: { ...state, flagged: state.flagged.filter((k) => k !== key) }, commands: [], records: [] }),
});

export function recorded(event: Extract<FlowEvent, { type: 'deployment' }>, releases: boolean): Expectation {
  const record: FlowRecord = {
    type: 'deployment.recorded',
    id: event.id,
    environment: event.environment,
    status: event.status,
    issueKeys: event.issueKeys,
    released: releases ? [HOLDER] : [],
  };
  return releases
    ? { ...released('deployed', null, [record]), says: 'records the deployment and releases the slot as deployed' }
    : accepted('records the deployment and releases nothing', {}, [], [record]);
}

export interface EventCase {
  event: string;
  happens: FlowEvent;
  policy?: FlowPolicy;
  outcome: Record<StateName, Expectation>;
}

/** Same expectation in the three free-slot states… and in the four occupied ones, by designation. */
export function byState(
  free: { designated: Expectation; undesignated: Expectation },
  occupied: { designated: Expectation; undesignated: Expectation },
  withFlagged?: { designated: Expectation; undesignated: Expectation },
): Record<StateName, Expectation> {
  const flaggedToo = withFlagged ?? occupied;
  return {
    'the slot is free and a developer is designated': free.designated,
    'the slot is free and no developer is designated': free.undesignated,
    'DOOR-12 holds the slot and a developer is designated': occupied.designated,
    'DOOR-12 holds the slot and no developer is designated': occupied.undesignated,
    'DOOR-12 holds the slot, DOOR-13 is flagged and a developer is designated': flaggedToo.designated,
    'DOOR-12 holds the slot, DOOR-13 is flagged and no developer is designated': flaggedToo.undesignated,
  };
}
export const both = (e: Expectation) => ({ designated: e, undesignated: e });

export const apiPickup = (actor: string, readyQueue: string[]): FlowEvent => ({ type: 'api_pickup', actor, readyQueue });
export const jiraPickup = (key: string, actor: string, outrankedBy: string[] = [], fromStatusId: string | null = FROM_READY): FlowEvent => ({
  type: 'jira_pickup',
  key,
  actor,
  fromStatusId,
  outrankedBy,
});
export const deployment = (environment: string, status: string, issueKeys: string[]) =>
  ({ type: 'deployment', id: 'deploy-d-1842', environment, status, issueKeys }) as const;

export function jiraPickupCases(policy: FlowPolicy, fromStatusId: string | null, modeName: string): EventCase[] {
  const remedy = (c: Omit<ViolationCase, 'revertTo' | 'entersFlagged'>) =>
    violation({ ...c, revertTo: policy.mode === 'revert' ? fromStatusId : null, entersFlagged: true });
  const occupiedBy = (key: string, actor: string) => both(remedy({ key, actor, rule: 'slot_occupied' }));
  return [
    {
      event: `${modeName}, the designated developer moves the top of Ready for sprint into In Progress`,
      happens: jiraPickup(TOP, DEV, [], fromStatusId),
      policy,
      outcome: byState({ designated: jiraPickupOf(TOP, DEV), undesignated: remedy({ key: TOP, actor: DEV, rule: 'not_designated' }) }, occupiedBy(TOP, DEV)),
    },
    {
      event: `${modeName}, the designated developer moves a ticket outranked by the top into In Progress`,
      happens: jiraPickup(SECOND, DEV, [TOP], fromStatusId),
      policy,
      outcome: byState(both(remedy({ key: SECOND, actor: DEV, rule: 'not_top_of_queue' })), occupiedBy(SECOND, DEV)),
    },
    {
      event: `${modeName}, another developer moves the top of Ready for sprint into In Progress`,
      happens: jiraPickup(TOP, OTHER, [], fromStatusId),
      policy,
      outcome: byState(both(remedy({ key: TOP, actor: OTHER, rule: 'not_designated' })), occupiedBy(TOP, OTHER)),
    },
    {
      event: `${modeName}, another developer moves an outranked ticket into In Progress (every rule broken)`,
      happens: jiraPickup(SECOND, OTHER, [TOP], fromStatusId),
      policy,
      outcome: byState(both(remedy({ key: SECOND, actor: OTHER, rule: 'not_top_of_queue' })), occupiedBy(SECOND, OTHER)),
    },
  ];
}
