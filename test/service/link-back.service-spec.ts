import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PROJECT, seedBug, STATUS, TRIAGE_LABEL, USERS } from '../../jira-sim/world/site';
import { TicketRecordQuery } from '../../src/ticket-record/ticket-record.query';
import { startServiceWorld, type ServiceWorld } from './service-world';

/** Link-back through the webhook path: a bug is Ready for sprint only while linked to its client ticket. */
describe('link-back, at the service level', () => {
  let w: ServiceWorld;
  const ticket = (key: string) => w.get(TicketRecordQuery).byKey(key);
  const serviceComments = (key: string) => w.sim.comments(key).filter((c) => c.authorId === USERS.service);

  beforeEach(async () => {
    w = await startServiceWorld();
  });
  afterEach(async () => {
    await w?.close();
  });

  it('a bug readied without a client ticket is moved back to Triage and told why', async () => {
    w.sim.seedIssue({ key: 'QAOPS-5', summary: 'no client ticket', statusId: STATUS.triage, labels: [TRIAGE_LABEL] });
    w.sim.transition('QAOPS-5', STATUS.ready, USERS.po);
    await w.settle();
    expect(w.sim.issue('QAOPS-5')?.statusId).toBe(STATUS.triage);
    expect(serviceComments('QAOPS-5').map((c) => c.text)).toEqual([
      expect.stringContaining('none is named in its summary or description'), // link-back found nothing to link
      expect.stringContaining('must be linked to its service desk ticket before it is Ready for sprint. The service moved it back'), // the flow's rule
    ]);
    expect((await ticket('QAOPS-5')).serviceDesk).toBeNull();
  });

  it('a client ticket linked after the bug was readied is linked when Jira tells of the link', async () => {
    w.sim.seedIssue({ key: 'QAOPS-6', summary: 'linked late', statusId: STATUS.triage, labels: [TRIAGE_LABEL] });
    w.sim.seedIssue({ key: 'SUP-6', project: PROJECT.serviceDesk, summary: 'client ticket', statusId: STATUS.waitingForSupport, issueType: 'Bug' });
    w.sim.linkIssues('Relates', 'QAOPS-6', 'SUP-6', USERS.support);
    await w.settle();
    w.sim.transition('QAOPS-6', STATUS.ready, USERS.po);
    await w.settle();
    expect((await ticket('QAOPS-6')).serviceDesk).toMatchObject({ key: 'SUP-6' });
    expect(w.sim.issue('QAOPS-6')?.statusId).toBe(STATUS.ready); // linked: it stays
  });

  it('the link of a ready bug removed in Jira unlinks it, and the bug goes back to Triage', async () => {
    seedBug(w.sim, { key: 'QAOPS-7', statusId: STATUS.triage });
    w.sim.transition('QAOPS-7', STATUS.ready, USERS.po);
    await w.settle();
    expect((await ticket('QAOPS-7')).serviceDesk).toMatchObject({ key: 'SUP-7' });
    const link = w.sim.issue('QAOPS-7')!.links.find((l) => l.outwardKey === 'SUP-7')!;
    w.sim.unlink(link.id, USERS.support);
    await w.settle();
    expect((await ticket('QAOPS-7')).serviceDesk).toBeNull();
    expect(w.sim.issue('QAOPS-7')?.statusId).toBe(STATUS.triage);
  });

  it('a bug linked in the very change that moves it to Triage tells its client ticket once', async () => {
    w.sim.seedIssue({ key: 'QAOPS-8', summary: 'moved back', statusId: STATUS.ready, labels: [TRIAGE_LABEL] });
    w.sim.seedIssue({ key: 'SUP-8', project: PROJECT.serviceDesk, summary: 'client ticket', statusId: STATUS.waitingForSupport, issueType: 'Bug' });
    w.sim.linkIssues('Relates', 'QAOPS-8', 'SUP-8', USERS.support);
    w.take(); // the link's webhook is lost: the move's carries the link
    w.sim.transition('QAOPS-8', STATUS.triage, USERS.po);
    await w.settle();
    expect((await ticket('QAOPS-8')).serviceDesk).toMatchObject({ key: 'SUP-8' });
    expect(w.sim.comments('SUP-8').filter((c) => c.text.includes('is in Triage'))).toHaveLength(1);
  });

  it("a client ticket of a test environment linked back gets the downgraded priority in JSM, so that JSM's own SLA follows it", async () => {
    await w.close();
    w = await startServiceWorld({ SERVICE_DESK_ENVIRONMENT_FIELD: 'customfield_10050' });
    const sup = { project: PROJECT.serviceDesk, statusId: STATUS.waitingForSupport, issueType: 'Bug', priority: 'Critical' };
    w.sim.seedIssue({ ...sup, key: 'SUP-9', summary: 'seen on UAT', fields: { customfield_10050: { value: 'UAT' } } });
    w.sim.seedIssue({ ...sup, key: 'SUP-10', summary: 'seen in production', fields: { customfield_10050: { value: 'Production' } } });
    for (const [bug, client] of [
      ['QAOPS-9', 'SUP-9'],
      ['QAOPS-10', 'SUP-10'],
    ]) {
      w.sim.seedIssue({ key: bug, summary: `fault (${client})`, statusId: STATUS.ready, labels: [TRIAGE_LABEL] });
      w.sim.transition(bug, STATUS.triage, USERS.po);
    }
    await w.settle();
    expect((await ticket('QAOPS-9')).serviceDesk).toMatchObject({ key: 'SUP-9', effectivePriority: 'Medium' });
    expect(w.sim.issue('SUP-9')?.priority).toBe('Medium'); // SLA_WRITE_BACK_PRIORITY is on by default
    expect(w.sim.issue('SUP-10')?.priority).toBe('Critical'); // production: nothing to downgrade
  });
});
