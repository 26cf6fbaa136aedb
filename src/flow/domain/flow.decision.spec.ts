import { describe, expect, it } from '@jest/globals';
import { decide } from './flow.decision.js';
import type { FlowEvent, FlowState } from './flow.types.js';
import {
  DEV,
  OTHER,
  NEXT_DEV,
  ADMIN,
  HOLDER,
  FLAGGED,
  TOP,
  SECOND,
  FROM_READY,
  SINCE,
  NOW,
  REVERT,
  FLAG,
  STATES,
  StateName,
  changesNothing,
  refused,
  accepted,
  apiPickupOf,
  jiraPickupOf,
  violation,
  released,
  unflags,
  recorded,
  EventCase,
  byState,
  both,
  apiPickup,
  jiraPickup,
  deployment,
  jiraPickupCases,
} from './flow.decision.spec-support.js';

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
    event: 'DOOR-12 is deleted in Jira',
    happens: { type: 'deleted', key: HOLDER },
    outcome: byState(both(changesNothing), both(released('cancelled', null, [], 'DOOR-12 being deleted in Jira'))),
  },
  {
    event: 'the flagged ticket DOOR-13 is deleted in Jira',
    happens: { type: 'deleted', key: FLAGGED },
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
      deleted: true,
      resolved: true,
      readied_unlinked: true,
      deployment: true,
      forced_release: true,
      sprint_started: true,
    };
    expect(new Set(CASES.map((c) => c.happens.type))).toEqual(new Set(Object.keys(variants)));
  });
});
