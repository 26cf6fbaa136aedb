import { TRIAGE_LABEL } from '../jira-sim/world/site';
import { PEOPLE, QA_BOARD, SPRINTS, STATUS } from './demo-site';
import type { DemoDriver } from './demo-driver';

const DAY_MS = 86_400_000;

/** `day(-3, '14:00')`: three days ago at 14:00 UTC. */
export function day(offset: number, time: string, today = new Date()): Date {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const [h, m] = time.split(':').map(Number);
  return new Date(midnight + offset * DAY_MS + (h * 60 + m) * 60_000);
}

/**
 * Two and a half weeks of the 3rd-line flow, played through the real service: support escalates
 * client tickets, the PO readies and ranks bugs, the designated developer picks up, finishes, CI
 * deploys to D; a sprint ends and the rota hands the slot over; two pickups in Jira break the rules
 * and are reverted (both explaining comments fail in Jira and stay listed, to be retried or abandoned);
 * a bug created in Jira is quarantined (Jira refused the board read), to be replayed. It ends with a
 * fix waiting for its deploy.
 */
export class DemoStory {
  private readonly bugs = new Map<string, string>();

  constructor(private readonly d: DemoDriver) {}

  bug(serviceDeskKey: string): string {
    const key = this.bugs.get(serviceDeskKey);
    if (!key) throw new Error(`${serviceDeskKey} was not escalated yet`);
    return key;
  }

  async play(): Promise<void> {
    const { d } = this;
    await d.at(day(-17, '08:30'));
    await d.api('PUT', '/api/rota', d.tokens.po, { rotation: [PEOPLE.ada, PEOPLE.ben] });
    await this.escalate(day(-17, '09:15'), ['SUP-101', 'SUP-102', 'SUP-103', 'SUP-104', 'SUP-105', 'SUP-106']);
    await this.ready(day(-17, '14:00'), ['SUP-101', 'SUP-102', 'SUP-104']);
    await this.jira(day(-17, '14:05'), () => d.sim.rank(this.bug('SUP-104'), { top: true }, PEOPLE.po)); // Critical first
    await this.pickUp(day(-16, '09:30'), d.tokens.ada);
    await this.move(day(-16, '15:00'), 'SUP-104', STATUS.inReview, PEOPLE.ada);
    await this.move(day(-15, '10:00'), 'SUP-104', STATUS.done, PEOPLE.ada);
    await this.deploy(day(-14, '16:00'), 'deploy-d-2201', 'SUP-104', 'fix VAT on EU credit notes');
    await this.jira(day(-13, '09:10'), () => {
      d.sim.failNext(1, {
        status: 400,
        body: { errorMessages: ['You do not have permission to add comments to this issue.'] },
        match: { method: 'POST', pathIncludes: `/issue/${this.bug('SUP-102')}/comment` },
      });
      d.sim.transition(this.bug('SUP-102'), STATUS.inProgress, PEOPLE.ben); // not the top of Ready: reverted (its comment fails)
    });
    await this.pickUp(day(-13, '09:30'), d.tokens.ada);
    await this.move(day(-12, '11:00'), 'SUP-101', STATUS.done, PEOPLE.ada);
    await this.deploy(day(-12, '14:00'), 'deploy-d-2207', 'SUP-101', 'round invoice totals half-up');
    await this.escalate(day(-12, '15:00'), ['SUP-107', 'SUP-108', 'SUP-109', 'SUP-110']);
    await this.ready(day(-11, '10:00'), ['SUP-103', 'SUP-106', 'SUP-107']);
    await this.pickUp(day(-11, '10:30'), d.tokens.ada);
    await this.move(day(-10, '16:00'), 'SUP-102', STATUS.done, PEOPLE.ada);
    await this.jira(day(-10, '17:00'), () => d.sim.closeSprint(SPRINTS.previous, PEOPLE.po, { moveOpenIssuesTo: SPRINTS.current }));
    await this.jira(day(-10, '17:05'), () => d.sim.startSprint(SPRINTS.current, PEOPLE.po)); // the rota moves on to Ben
    await this.deploy(day(-9, '10:00'), 'deploy-d-2215', 'SUP-102', 'stream CSV export');
    await this.pickUp(day(-9, '11:00'), d.tokens.ben);
    await this.jira(day(-8, '14:00'), () => {
      d.sim.failNext(1, {
        status: 400,
        body: { errorMessages: ['Comments on this issue are restricted to the project role "Developers".'] },
        match: { method: 'POST', pathIncludes: `/issue/${this.bug('SUP-106')}/comment` },
      });
      d.sim.transition(this.bug('SUP-106'), STATUS.inProgress, PEOPLE.ada); // the slot is taken: reverted
    });
    await this.move(day(-7, '12:00'), 'SUP-103', STATUS.inReview, PEOPLE.ben);
    await this.move(day(-6, '10:00'), 'SUP-103', STATUS.done, PEOPLE.ben);
    await this.deploy(day(-4, '09:00'), 'deploy-d-2231', 'SUP-103', 'reset links valid for 24 hours');
    await this.escalate(day(-4, '10:00'), ['SUP-111', 'SUP-112', 'SUP-113', 'SUP-114']);
    await this.ready(day(-4, '10:30'), ['SUP-108', 'SUP-110']);
    await this.pickUp(day(-4, '11:00'), d.tokens.ben);
    await this.move(day(-3, '15:00'), 'SUP-106', STATUS.done, PEOPLE.ben);
    await this.deploy(day(-3, '17:30'), 'deploy-d-2238', 'SUP-106', 'send one reminder per failed payment');
    await this.ready(day(-2, '09:00'), ['SUP-111', 'SUP-109']);
    await this.escalate(day(-2, '09:30'), ['SUP-115', 'SUP-116']);
    await this.pickUp(day(-2, '10:00'), d.tokens.ben);
    await this.move(day(-1, '16:00'), 'SUP-107', STATUS.done, PEOPLE.ben); // done, waiting for the deploy to D
    await this.ready(day(-1, '16:30'), ['SUP-116']);
    await this.jira(day(-1, '17:10'), () => {
      // Jira refuses the reads that tell the service whether a bug created in Jira is on the board: its webhook is quarantined
      for (const pathIncludes of [`/rest/agile/1.0/board/${QA_BOARD}/issue`, '/rest/api/3/search/jql']) {
        d.sim.failFor(60_000, { status: 403, body: { errorMessages: ['You do not have permission to view this board.'] }, match: { pathIncludes } });
      }
      // filed with the 3rd-line label, so it is on the QA/Operations board (its filter asks for the label)
      d.sim.createIssue(
        {
          project: 'QAOPS',
          summary: 'Nightly ledger export stops at midnight',
          description: 'Seen by the operations team, no client ticket yet.',
          labels: [TRIAGE_LABEL],
        },
        PEOPLE.po,
      );
    });
    await d.settle();
    d.sim.clearFaults(); // the webhook is quarantined by now (no webhook is pending)
  }

  private async escalate(at: Date, keys: string[]): Promise<void> {
    for (const [i, key] of keys.entries()) {
      await this.d.at(new Date(at.getTime() + i * 20 * 60_000));
      const { triageKey } = await this.d.api<{ triageKey: string }>('POST', '/api/escalations', this.d.tokens.support, { serviceDeskKey: key });
      this.bugs.set(key, triageKey);
    }
  }

  private ready(at: Date, serviceDeskKeys: string[]): Promise<void> {
    return this.jira(at, () => serviceDeskKeys.forEach((k) => this.d.sim.transition(this.bug(k), STATUS.ready, PEOPLE.po)));
  }

  private move(at: Date, serviceDeskKey: string, statusId: string, by: string): Promise<void> {
    return this.jira(at, () => this.d.sim.transition(this.bug(serviceDeskKey), statusId, by));
  }

  private async pickUp(at: Date, developerToken: string): Promise<void> {
    await this.d.at(at);
    await this.d.api('POST', '/api/pickups', developerToken, {});
  }

  private async deploy(at: Date, id: string, serviceDeskKey: string, message: string): Promise<void> {
    await this.d.at(at);
    const key = this.bug(serviceDeskKey);
    await this.d.api('POST', '/api/deployments', this.d.tokens.ci, {
      id,
      environment: 'D',
      status: 'successful',
      commits: [{ sha: id.slice(-4).padStart(7, 'a'), message: `${key} ${message}` }],
    });
  }

  private async jira(at: Date, act: () => void): Promise<void> {
    await this.d.at(at);
    act();
  }
}
