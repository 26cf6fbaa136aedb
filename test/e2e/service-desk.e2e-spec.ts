import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { STATUS, USERS, startWorld, waitFor, type World } from '../support/jira-world';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';
import { describeNoJiraInTransactions, installJiraTransactionGuard, watchApp } from '../support/jira-transaction.guard';

/** Patches before any app starts, so that bootstrap is watched too. */
installJiraTransactionGuard();

const ENV_FIELD = 'customfield_10050';

describe('service desk: escalation, link-back, progress notes and the SLA', () => {
  // two stories on one world: SUP-1's bug (its first step escalates SUP-1) and SUP-2's (its first step creates the bug naming SUP-2)
  const escalated = story('service desk: escalation');
  const linked = story('link-back');
  let w: World;
  let support: string;
  let po: string;
  let dev1: string;
  let ci: string;
  let bug = '';
  const internalNotes = (key: string, about = '') => w.sim.comments(key).filter((c) => !c.public && c.text.includes(about));
  const violations = async () =>
    (await request(w.app.url).get('/api/violations').set(auth(po)).expect(200)).body as { ticketKey: string; rule: string; remedy: string }[];

  beforeAll(async () => {
    // Medium has a zero 3rd-line target so that the job reports it missed right away
    w = await startWorld({
      SERVICE_DESK_ENVIRONMENT_FIELD: ENV_FIELD,
      SLA_TARGETS: 'Critical=1h/4h,High=4h/2d,Medium=0m/0m,Low=3d/20d',
      SLA_CHECK_SECONDS: '1',
    });
    watchApp(w.app.app);
    w.sim.seedIssue({
      key: 'SUP-1',
      project: 'SUP',
      summary: 'Fund report totals are wrong',
      description: 'Client Acme sees rounded totals on the fund report.',
      statusId: '1',
      issueType: 'Bug',
      priority: 'Critical',
      fields: { [ENV_FIELD]: { value: 'UAT' } },
    });
    w.sim.seedIssue({
      key: 'SUP-2',
      project: 'SUP',
      summary: 'Export times out',
      statusId: '1',
      issueType: 'Bug',
      priority: 'High',
      fields: { [ENV_FIELD]: { value: 'Production' } },
    });
    support = await tokenFor(w.app.url, 'support');
    po = await tokenFor(w.app.url, 'po');
    dev1 = await tokenFor(w.app.url, 'developer', USERS.dev1);
    ci = await tokenFor(w.app.url, 'ci');
    await request(w.app.url).put('/api/rota').set(auth(po)).send({ accountId: USERS.dev1 }).expect(200);
  });
  afterAll(async () => {
    await w?.close();
  });

  escalated('escalation creates the triage bug once, links it to the JSM ticket in the right direction and notes its key there', async () => {
    const res = await request(w.app.url).post('/api/escalations').set(auth(support)).send({ serviceDeskKey: 'SUP-1' }).expect(201);
    bug = res.body.triageKey;
    expect(res.body).toEqual({ serviceDeskKey: 'SUP-1', triageKey: expect.stringMatching(/^QAOPS-\d+$/) });
    const created = w.sim.issue(bug)!;
    expect(created).toMatchObject({ statusId: STATUS.triage, labels: ['3rd-line'], priority: 'Medium' });
    expect(created.summary).toContain('Fund report totals are wrong');
    await waitFor('the link and the note', () => (w.sim.issue(bug)?.links.length ?? 0) > 0 && internalNotes('SUP-1', bug).length > 0);
    await w.settled();
    expect(w.sim.issue(bug)!.links).toEqual([expect.objectContaining({ type: 'Relates', inwardKey: bug, outwardKey: 'SUP-1' })]);
    expect(internalNotes('SUP-1', 'escalated')).toHaveLength(1);
  });

  escalated('repeating an escalation answers 409 already_escalated with the existing key and creates nothing', async () => {
    const before = w.sim.rankOrder().length;
    const res = await request(w.app.url).post('/api/escalations').set(auth(support)).send({ serviceDeskKey: 'SUP-1' }).expect(409);
    expect(res.body).toMatchObject({ code: 'already_escalated', triageKey: bug });
    expect(w.sim.rankOrder()).toHaveLength(before);
  });

  it('escalating a ticket Jira does not have is 404, and a developer may not escalate', async () => {
    const res = await request(w.app.url).post('/api/escalations').set(auth(support)).send({ serviceDeskKey: 'SUP-999' }).expect(404);
    expect(res.body.code).toBe('not_found');
    await request(w.app.url).post('/api/escalations').set(auth(dev1)).send({ serviceDeskKey: 'SUP-2' }).expect(403);
    await request(w.app.url).post('/api/escalations').set(auth(support)).send({ serviceDeskKey: 'not a key' }).expect(400);
  });

  escalated('a Critical ticket from UAT is Medium on the bug, on the ticket view and in the 3rd-line target clocks', async () => {
    const ticket = await waitFor('the bug to be tracked', async () => {
      const r = await request(w.app.url).get(`/api/tickets/${bug}`).set(auth(po));
      return r.status === 200 && r.body.ticket ? r.body : null;
    });
    expect(ticket.ticket.priority).toBe('Medium');
    expect(ticket.serviceDesk).toMatchObject({ key: 'SUP-1', reportedPriority: 'Critical', effectivePriority: 'Medium', environment: 'UAT' });
    const sla = await request(w.app.url).get('/api/sla').set(auth(po)).expect(200);
    expect(sla.body.targets.clocks.find((c: { ticketKey: string }) => c.ticketKey === bug)).toMatchObject({ priority: 'Medium', reportedPriority: 'Critical' });
  });

  escalated('a ticket past its 3rd-line target is reported once on the JSM ticket, not on every run of the job', async () => {
    await waitFor('both misses to be listed', async () => {
      const sla = await request(w.app.url).get('/api/sla').set(auth(po));
      return sla.body.targets.missed.filter((b: { ticketKey: string }) => b.ticketKey === bug).length === 2;
    });
    await new Promise((r) => setTimeout(r, 2500)); // at least two more runs of the job
    await w.settled();
    const sla = await request(w.app.url).get('/api/sla').set(auth(po)).expect(200);
    expect(
      sla.body.targets.missed
        .filter((b: { ticketKey: string }) => b.ticketKey === bug)
        .map((b: { kind: string }) => b.kind)
        .sort(),
    ).toEqual(['resolution', 'response']);
    await waitFor('the notes', () => internalNotes('SUP-1', '3rd-line target missed').length === 2);
    expect(internalNotes('SUP-1', '3rd-line target missed')).toHaveLength(2);
  });

  escalated('the JSM ticket gets an internal note at each stage of its bug, and never a public comment', async () => {
    w.sim.transition(bug, STATUS.ready, USERS.po);
    await waitFor('the ready note', () => internalNotes('SUP-1', 'Ready for sprint').length === 1);
    const pickup = await request(w.app.url).post('/api/pickups').set(auth(dev1)).expect(201);
    expect(pickup.body.key).toBe(bug);
    await waitFor('the picked-up note', () => internalNotes('SUP-1', `picked up by ${USERS.dev1}`).length === 1);
    await request(w.app.url)
      .post('/api/deployments')
      .set(auth(ci))
      .send({ id: 'dep-sd-1', environment: 'D', status: 'successful', issueKeys: [bug] })
      .expect(202);
    await waitFor('the deployed note', () => internalNotes('SUP-1', 'deployed to D').length === 1);
    await w.settled();
    w.sim.transition(bug, STATUS.done, USERS.dev1);
    await waitFor('the done note', () => internalNotes('SUP-1', 'is done').length === 1);
    await w.settled();
    expect(w.sim.comments('SUP-1').filter((c) => c.public)).toEqual([]);
  });

  linked('a bug created in Triage naming its JSM ticket is linked to it, and the ticket is told', async () => {
    const created = w.sim.createIssue(
      { project: 'QAOPS', summary: 'Export times out for big clients (SUP-2)', statusId: STATUS.triage, labels: ['3rd-line'] },
      USERS.po,
    );
    await waitFor('the link to SUP-2', () => w.sim.issue(created.key)?.links.some((l) => l.outwardKey === 'SUP-2'));
    await waitFor('the triaged note', () => internalNotes('SUP-2', created.key).length === 1);
    expect(w.sim.issue(created.key)!.labels).not.toContain('needs-service-desk-link');
  });

  it('a bug without a JSM key is labelled and commented once; readying it is reverted and recorded', async () => {
    const created = w.sim.createIssue({ project: 'QAOPS', summary: 'Mystery crash', statusId: STATUS.triage, labels: ['3rd-line'] }, USERS.po);
    await waitFor('the label', () => w.sim.issue(created.key)?.labels.includes('needs-service-desk-link'));
    await w.settled();
    w.sim.transition(created.key, STATUS.ready, USERS.po);
    await waitFor(
      'the revert to Triage',
      async () => w.sim.issue(created.key)?.statusId === STATUS.triage && (await violations()).some((v) => v.ticketKey === created.key),
    );
    expect((await violations()).find((v) => v.ticketKey === created.key)).toMatchObject({ rule: 'unlinked_ready', remedy: 'reverted' });
    await w.settled();
    const comments = w.sim.comments(created.key);
    expect(comments.filter((c) => c.text.includes('not linked to a service desk ticket'))).toHaveLength(1);
    expect(comments.filter((c) => c.text.includes('Link-back'))).toHaveLength(2);
  });

  linked('a priority changed on the JSM ticket reaches the 3rd-line target clock of its bug at the next reconciliation', async () => {
    const admin = await tokenFor(w.app.url, 'admin');
    await w.settled();
    w.sim.editIssue('SUP-2', { priority: 'Low' }, USERS.support);
    await w.settled();
    // Jira's search index shows the change only after a while: a reconciliation run before then sees nothing to repair
    const clock = async () =>
      (await request(w.app.url).get('/api/sla').set(auth(po)).expect(200)).body.targets.clocks.find(
        (c: { serviceDeskKey: string }) => c.serviceDeskKey === 'SUP-2',
      );
    expect((await clock()).reportedPriority).not.toBe('Low');
    await waitFor('a reconciliation that sees the change', async () => {
      await request(w.app.url).post('/api/reconcile').set(auth(admin)).expect(200);
      return (await clock()).reportedPriority === 'Low';
    });
    expect(await clock()).toMatchObject({ priority: 'Low', reportedPriority: 'Low' });
  });
});

/** Last, over every flow above: test/support/jira-transaction.guard.ts. */
describeNoJiraInTransactions();
