import { describe, expect, it } from '@jest/globals';
import { decide } from './flow.decision.js';
import type { FlowCommand, FlowEvent, FlowPolicy, FlowRecord, FlowState, RefusalCode, ViolationRule } from './flow.types.js';
import { WIP_VIOLATION_LABEL } from './flow.types.js';

const DEV = 'acc-dev';
const OTHER = 'acc-other';
const NEXT_DEV = 'acc-next';
const ADMIN = 'acc-admin';
const HOLDER = 'DOOR-12';
const FLAGGED = 'DOOR-13';
const TOP = 'DOOR-14';
const SECOND = 'DOOR-15';
const FROM_READY = '10001';
const SINCE = new Date('2025-03-07T09:14:00Z');
const NOW = new Date('2025-03-10T11:30:00Z');

const REVERT: FlowPolicy = { mode: 'revert', releaseEnvironment: 'D' };
const FLAG: FlowPolicy = { mode: 'flag', releaseEnvironment: 'D' };

const STATES = {
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
type StateName = keyof typeof STATES;

/** What a decision should be, given the state it was taken in. */
interface Expectation {
  says: string;
  decision: (state: FlowState) => unknown;
}

const changesNothing: Expectation = {
  says: 'changes nothing',
  decision: (state) => ({ ok: true, next: state, commands: [], records: [] }),
};

function refused(code: RefusalCode): Expectation {
  // a slot_occupied answer must say which ticket holds the slot and what it waits for
  const message = code === 'slot_occupied' ? expect.stringMatching(/DOOR-12.*deploy to D/) : expect.any(String);
  return { says: `refuses it with ${code}`, decision: () => ({ ok: false, code, message }) };
}

function accepted(says: string, next: Partial<FlowState>, commands: FlowCommand[], records: FlowRecord[]): Expectation {
  return { says, decision: (state) => ({ ok: true, next: { ...state, ...next }, commands, records }) };
}

function apiPickupOf(key: string): Expectation {
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

function jiraPickupOf(key: string, actor: string): Expectation {
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

interface ViolationCase {
  key: string;
  actor: string;
  rule: ViolationRule;
  /** the status the ticket came from, or null to expect the flag remedy */
  revertTo: string | null;
  /** whether the flagged ticket joins the flagged list (it is in In Progress) */
  entersFlagged: boolean;
}

function violation({ key, actor, rule, revertTo, entersFlagged }: ViolationCase): Expectation {
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
    says: `treats it as a ${rule} violation: comments, labels it ${WIP_VIOLATION_LABEL}${entersFlagged ? ' and lists it over the limit' : ' and does not list it over the limit'}`,
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

const FREED_BY = {
  deployed: 'the deploy of DOOR-12 to D',
  returned: 'DOOR-12 moving back to the queue',
  cancelled: "DOOR-12 being resolved as Won't Do",
  forced: 'an admin releasing DOOR-12 (ticket abandoned, client left)',
} as const;

/** Every release also nudges: the designated developer (or nobody) hears which ticket is next, read from Jira at send time. */
function released(reason: keyof typeof FREED_BY, actor: string | null, records: FlowRecord[] = []): Expectation {
  return {
    says: `releases the slot as ${reason} and nudges the designated developer about the next ticket`,
    decision: (state) => ({
      ok: true,
      next: { ...state, holder: null },
      commands: [{ kind: 'nudge_next', key: HOLDER, because: FREED_BY[reason], accountId: state.designatedDeveloper }],
      records: [...records, { type: 'slot.released', key: HOLDER, reason, cause: expect.any(String), actor }],
    }),
  };
}

const unflags = (key: string): Expectation => ({
  says: `takes ${key} off the flagged list and releases nothing`,
  decision: (state) => ({ ok: true, next: { ...state, flagged: state.flagged.filter((k) => k !== key) }, commands: [], records: [] }),
});

function recorded(event: Extract<FlowEvent, { type: 'deployment' }>, releases: boolean): Expectation {
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

interface EventCase {
  event: string;
  happens: FlowEvent;
  policy?: FlowPolicy;
  outcome: Record<StateName, Expectation>;
}

/** Same expectation in the three free-slot states… and in the four occupied ones, by designation. */
function byState(
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
const both = (e: Expectation) => ({ designated: e, undesignated: e });

const apiPickup = (actor: string, readyQueue: string[]): FlowEvent => ({ type: 'api_pickup', actor, readyQueue });
const jiraPickup = (key: string, actor: string, outrankedBy: string[] = [], fromStatusId: string | null = FROM_READY): FlowEvent => ({
  type: 'jira_pickup',
  key,
  actor,
  fromStatusId,
  outrankedBy,
});
const deployment = (environment: string, status: string, issueKeys: string[]) =>
  ({ type: 'deployment', id: 'deploy-d-1842', environment, status, issueKeys }) as const;

function jiraPickupCases(policy: FlowPolicy, fromStatusId: string | null, modeName: string): EventCase[] {
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

const CASES: EventCase[] = [
  {
    event: 'the designated developer asks the API for the next ticket',
    happens: apiPickup(DEV, [TOP, SECOND]),
    outcome: byState(
      { designated: apiPickupOf(TOP), undesignated: refused('not_designated') },
      { designated: refused('slot_occupied'), undesignated: refused('not_designated') },
    ),
  },
  {
    event: 'another developer asks the API for the next ticket',
    happens: apiPickup(OTHER, [TOP, SECOND]),
    outcome: byState(both(refused('not_designated')), both(refused('not_designated'))),
  },
  {
    event: 'the designated developer asks the API for the next ticket while Ready for sprint is empty',
    happens: apiPickup(DEV, []),
    outcome: byState(
      { designated: refused('queue_empty'), undesignated: refused('not_designated') },
      { designated: refused('slot_occupied'), undesignated: refused('not_designated') },
    ),
  },
  {
    event: 'another developer asks the API for the next ticket while Ready for sprint is empty',
    happens: apiPickup(OTHER, []),
    outcome: byState(both(refused('not_designated')), both(refused('not_designated'))),
  },
  ...jiraPickupCases(REVERT, FROM_READY, 'in revert mode'),
  ...jiraPickupCases(FLAG, FROM_READY, 'in flag mode'),
  ...jiraPickupCases(REVERT, null, 'in revert mode without a from status'),
  {
    event: 'another developer moves DOOR-12 back into In Progress from later in the pipeline',
    happens: jiraPickup(HOLDER, OTHER),
    outcome: byState(
      {
        designated: violation({ key: HOLDER, actor: OTHER, rule: 'not_designated', revertTo: FROM_READY, entersFlagged: true }),
        undesignated: violation({ key: HOLDER, actor: OTHER, rule: 'not_designated', revertTo: FROM_READY, entersFlagged: true }),
      },
      both(changesNothing),
    ),
  },
  {
    event: 'the flagged ticket DOOR-13 comes back into In Progress',
    happens: jiraPickup(FLAGGED, DEV),
    policy: FLAG,
    outcome: byState(
      {
        designated: jiraPickupOf(FLAGGED, DEV),
        undesignated: violation({ key: FLAGGED, actor: DEV, rule: 'not_designated', revertTo: null, entersFlagged: true }),
      },
      both(violation({ key: FLAGGED, actor: DEV, rule: 'slot_occupied', revertTo: null, entersFlagged: true })),
      both(changesNothing),
    ),
  },
  {
    event: 'DOOR-12 moves back to Ready for sprint',
    happens: { type: 'moved_to_queue', key: HOLDER },
    outcome: byState(both(changesNothing), both(released('returned', null))),
  },
  {
    event: 'the flagged ticket DOOR-13 moves back to Triage',
    happens: { type: 'moved_to_queue', key: FLAGGED },
    outcome: byState(both(changesNothing), both(changesNothing), both(unflags(FLAGGED))),
  },
  {
    event: 'a ticket outside the slot moves back to Ready for sprint',
    happens: { type: 'moved_to_queue', key: TOP },
    outcome: byState(both(changesNothing), both(changesNothing)),
  },
  {
    event: 'DOOR-12 leaves In Progress for a later status (In Review)',
    happens: { type: 'left_in_progress', key: HOLDER },
    outcome: byState(both(changesNothing), both(changesNothing)),
  },
  {
    event: 'the flagged ticket DOOR-13 leaves In Progress',
    happens: { type: 'left_in_progress', key: FLAGGED },
    outcome: byState(both(changesNothing), both(changesNothing), both(unflags(FLAGGED))),
  },
  {
    event: "DOOR-12 is resolved as Won't Do",
    happens: { type: 'resolved', key: HOLDER, resolution: "Won't Do", isFix: false },
    outcome: byState(both(changesNothing), both(released('cancelled', null))),
  },
  {
    event: 'DOOR-12 is resolved as Fixed',
    happens: { type: 'resolved', key: HOLDER, resolution: 'Fixed', isFix: true },
    outcome: byState(both(changesNothing), both(changesNothing)),
  },
  {
    event: 'the flagged ticket DOOR-13 is resolved as Duplicate',
    happens: { type: 'resolved', key: FLAGGED, resolution: 'Duplicate', isFix: false },
    outcome: byState(both(changesNothing), both(changesNothing), both(unflags(FLAGGED))),
  },
  {
    event: 'in revert mode, a bug without a service desk link is moved to Ready for sprint',
    happens: { type: 'readied_unlinked', key: TOP, actor: OTHER, fromStatusId: '10000' },
    policy: REVERT,
    outcome: byState(
      both(violation({ key: TOP, actor: OTHER, rule: 'unlinked_ready', revertTo: '10000', entersFlagged: false })),
      both(violation({ key: TOP, actor: OTHER, rule: 'unlinked_ready', revertTo: '10000', entersFlagged: false })),
    ),
  },
  {
    event: 'in flag mode, a bug without a service desk link is moved to Ready for sprint',
    happens: { type: 'readied_unlinked', key: TOP, actor: OTHER, fromStatusId: '10000' },
    policy: FLAG,
    outcome: byState(
      both(violation({ key: TOP, actor: OTHER, rule: 'unlinked_ready', revertTo: null, entersFlagged: false })),
      both(violation({ key: TOP, actor: OTHER, rule: 'unlinked_ready', revertTo: null, entersFlagged: false })),
    ),
  },
  {
    event: 'in revert mode without a from status, a bug without a service desk link is moved to Ready for sprint',
    happens: { type: 'readied_unlinked', key: TOP, actor: OTHER, fromStatusId: null },
    policy: REVERT,
    outcome: byState(
      both(violation({ key: TOP, actor: OTHER, rule: 'unlinked_ready', revertTo: null, entersFlagged: false })),
      both(violation({ key: TOP, actor: OTHER, rule: 'unlinked_ready', revertTo: null, entersFlagged: false })),
    ),
  },
  ...(
    [
      ['CI reports a successful deployment of DOOR-12 to D', deployment('D', 'successful', [HOLDER]), true],
      ['CI reports a successful deployment of DOOR-12 and others to " d "', deployment(' d ', 'successful', [TOP, HOLDER]), true],
      ['CI reports a successful deployment of DOOR-12 to C', deployment('C', 'successful', [HOLDER]), false],
      ['CI reports a failed deployment of DOOR-12 to D', deployment('D', 'failed', [HOLDER]), false],
      ['CI reports an in-progress deployment of DOOR-12 to D', deployment('D', 'in_progress', [HOLDER]), false],
      ['CI reports a cancelled deployment of DOOR-12 to D', deployment('D', 'cancelled', [HOLDER]), false],
      ['CI reports a successful deployment of other tickets to D', deployment('D', 'successful', [TOP, FLAGGED]), false],
      ['CI reports a successful deployment to D that carries no key', deployment('D', 'successful', []), false],
    ] as const
  ).map(([event, happens, releasesHolder]): EventCase => ({
    event,
    happens: { ...happens, issueKeys: [...happens.issueKeys] },
    outcome: byState(
      both(recorded({ ...happens, issueKeys: [...happens.issueKeys] }, false)),
      both(recorded({ ...happens, issueKeys: [...happens.issueKeys] }, releasesHolder)),
    ),
  })),
  ...(
    [
      [
        'CI reports a successful deployment of DOOR-12 to "Flight/D" and RELEASE_ENVIRONMENTS holds */D',
        { ...deployment('Flight/D', 'successful', [HOLDER]), environmentType: 'development' },
        true,
      ],
      [
        'CI reports a successful deployment of DOOR-12 to "Flight/staging" and RELEASE_ENVIRONMENTS holds */D',
        deployment('Flight/staging', 'successful', [HOLDER]),
        false,
      ],
      [
        'CI reports a successful deployment of DOOR-12 to "Flight/D" of type production, RELEASE_ENVIRONMENT_TYPE being development',
        { ...deployment('Flight/D', 'successful', [HOLDER]), environmentType: 'production' },
        false,
      ],
    ] as const
  ).map(([event, happens, releasesHolder]): EventCase => ({
    event,
    happens: { ...happens, issueKeys: [...happens.issueKeys] },
    policy: { ...REVERT, releaseEnvironments: ['*/D'], releaseEnvironmentType: 'development' },
    outcome: byState(
      both(recorded({ ...happens, issueKeys: [...happens.issueKeys] }, false)),
      both(recorded({ ...happens, issueKeys: [...happens.issueKeys] }, releasesHolder)),
    ),
  })),
  {
    event: 'an admin forces the release of the slot',
    happens: { type: 'forced_release', actor: ADMIN, reason: 'ticket abandoned, client left' },
    outcome: byState(both(refused('slot_free')), both(released('forced', ADMIN))),
  },
  {
    event: 'sprint 42 starts with another designated developer',
    happens: { type: 'sprint_started', sprintId: 42, designatedDeveloper: NEXT_DEV },
    outcome: byState(
      both(accepted(`designates ${NEXT_DEV} and nothing else`, { designatedDeveloper: NEXT_DEV }, [], [])),
      both(
        accepted(
          `carries DOOR-12 into sprint 42 and hands it over to ${NEXT_DEV} with a comment`,
          { designatedDeveloper: NEXT_DEV, holder: { key: HOLDER, since: SINCE, pickedUpBy: NEXT_DEV } },
          [
            { kind: 'add_to_sprint', key: HOLDER, sprintId: 42 },
            { kind: 'assign', key: HOLDER, accountId: NEXT_DEV },
            {
              kind: 'comment',
              key: HOLDER,
              mention: NEXT_DEV,
              text: expect.stringMatching(
                /^: Handed over at the start of sprint 42: you are now the designated 3rd-line developer and own DOOR-12/,
              ) as unknown as string,
            },
          ],
          [{ type: 'slot.handover', key: HOLDER, sprintId: 42, from: DEV, to: NEXT_DEV }],
        ),
      ),
    ),
  },
  {
    event: 'sprint 42 starts with the developer who picked up DOOR-12 designated again',
    happens: { type: 'sprint_started', sprintId: 42, designatedDeveloper: DEV },
    outcome: byState(
      both(accepted(`designates ${DEV} and nothing else`, { designatedDeveloper: DEV }, [], [])),
      both(
        accepted(
          'carries DOOR-12 into sprint 42 without reassigning it',
          { designatedDeveloper: DEV },
          [{ kind: 'add_to_sprint', key: HOLDER, sprintId: 42 }],
          [{ type: 'slot.handover', key: HOLDER, sprintId: 42, from: DEV, to: DEV }],
        ),
      ),
    ),
  },
  {
    event: 'sprint 42 starts with no designated developer',
    happens: { type: 'sprint_started', sprintId: 42, designatedDeveloper: null },
    outcome: byState(
      both(accepted('clears the designated developer and nothing else', { designatedDeveloper: null }, [], [])),
      both(
        accepted(
          'carries DOOR-12 into sprint 42 and leaves it with its developer',
          { designatedDeveloper: null },
          [{ kind: 'add_to_sprint', key: HOLDER, sprintId: 42 }],
          [{ type: 'slot.handover', key: HOLDER, sprintId: 42, from: DEV, to: null }],
        ),
      ),
    ),
  },
];

const ROWS = CASES.flatMap(({ event, happens, policy, outcome }) =>
  (Object.keys(STATES) as StateName[]).map((stateName) => ({
    title: `when ${stateName}, and ${event}, the service ${outcome[stateName].says}`,
    state: STATES[stateName] as FlowState,
    happens,
    policy: policy ?? REVERT,
    expected: outcome[stateName],
  })),
);

describe('decide: every (state, event) pair', () => {
  it.each(ROWS)('$title', ({ state, happens, policy, expected }) => {
    const before = structuredClone(state);
    const decision = decide(state, happens, NOW, policy);
    expect(decision).toEqual(expected.decision(state));
    expect(state).toEqual(before); // the state it decided on is left untouched
  });

  it('covers every event variant', () => {
    const variants: Record<FlowEvent['type'], true> = {
      api_pickup: true,
      jira_pickup: true,
      moved_to_queue: true,
      left_in_progress: true,
      resolved: true,
      readied_unlinked: true,
      deployment: true,
      forced_release: true,
      sprint_started: true,
    };
    expect(new Set(CASES.map((c) => c.happens.type))).toEqual(new Set(Object.keys(variants)));
  });
});
