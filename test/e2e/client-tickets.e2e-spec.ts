import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import request from 'supertest';
import { seedBug } from '../../jira-sim/world/site';
import { STATUS, USERS, startWorld, waitFor, type World } from '../support/jira-world';
import { story } from '../support/story';
import { bearer as auth, tokenFor } from '../support/tokens';

/** contract.md "several client tickets per bug": the same fault reported by three clients, each told every step once. */
describe('several client tickets per bug', () => {
  // one bug through the story: attached tickets, refusals, a link made in Jira, progress, a link removed in Jira
  const step = story('several client tickets per bug');
  let w: World;
  let support: string;
  let developer: string;
  const api = () => request(w.app.url);
  const record = async () => (await api().get('/api/tickets/QAOPS-41').set(auth(support)).expect(200)).body;
  const hearing = async () => ((await record()).clientTickets as { key: string; detachedAt: string | null }[]).filter((c) => !c.detachedAt).map((c) => c.key);
  const notes = (key: string, about: string) => w.sim.comments(key).filter((c) => !c.public && c.text.includes(about));

  beforeAll(async () => {
    w = await startWorld();
    seedBug(w.sim, { key: 'QAOPS-41', summary: 'Invoice totals rounded down', statusId: STATUS.ready });
    for (const key of ['SUP-42', 'SUP-43']) w.sim.seedIssue({ key, project: 'SUP', summary: `another client: ${key}`, statusId: '1', issueType: 'Bug' });
    support = await tokenFor(w.app.url, 'support');
    developer = await tokenFor(w.app.url, 'developer', USERS.dev1);
    w.sim.transition('QAOPS-41', STATUS.triage, USERS.po); // the PO sends it back to Triage: Jira tells the service of the bug
    await waitFor('QAOPS-41 linked to SUP-41', async () => (await api().get('/api/tickets/QAOPS-41').set(auth(support))).body?.serviceDesk?.key === 'SUP-41');
  });
  afterAll(async () => {
    await w?.close();
  });

  step('support attaches a second client ticket: 201, a Jira link, and a note on it naming the bug', async () => {
    const res = await api().post('/api/tickets/QAOPS-41/service-desk-links').set(auth(support)).send({ serviceDeskKey: 'SUP-42' }).expect(201);
    expect(res.body).toEqual({ bugKey: 'QAOPS-41', serviceDeskKey: 'SUP-42', clientTickets: ['SUP-41', 'SUP-42'] });
    await waitFor(
      'the link in Jira and the note',
      () => (w.sim.issue('QAOPS-41')?.links ?? []).some((l) => l.outwardKey === 'SUP-42') && notes('SUP-42', 'same fault as QAOPS-41').length === 1,
    );
    await w.settled();
    expect(await hearing()).toEqual(['SUP-41', 'SUP-42']);
  });

  step('refusals: 409 already_linked (attached or the bug own), 404 for an unknown ticket or bug, 403 for a developer', async () => {
    const post = (bug: string, key: string, token = support) =>
      api().post(`/api/tickets/${bug}/service-desk-links`).set(auth(token)).send({ serviceDeskKey: key });
    expect((await post('QAOPS-41', 'SUP-42').expect(409)).body.code).toBe('already_linked');
    expect((await post('QAOPS-41', 'SUP-41').expect(409)).body.code).toBe('already_linked');
    expect((await post('QAOPS-41', 'SUP-999').expect(404)).body.code).toBe('not_found');
    expect((await post('QAOPS-999', 'SUP-43').expect(404)).body.code).toBe('not_found');
    expect((await post('QAOPS-41', 'SUP-43', developer).expect(403)).body.code).toBe('forbidden');
    expect((await post('QAOPS-41', 'not a key').expect(400)).body.code).toBe('validation_failed');
    expect(notes('SUP-42', 'same fault')).toHaveLength(1);
  });

  step('a third client ticket linked to the bug in Jira by a person is attached too', async () => {
    w.sim.linkIssues('Relates', 'QAOPS-41', 'SUP-43', USERS.support);
    await waitFor('SUP-43 attached', async () => (await hearing()).includes('SUP-43'));
    await w.settled();
    expect(await hearing()).toEqual(['SUP-41', 'SUP-42', 'SUP-43']);
    expect(notes('SUP-43', 'same fault as QAOPS-41')).toHaveLength(1);
  });

  step('each progress step is noted on each of the three client tickets, once', async () => {
    w.sim.transition('QAOPS-41', STATUS.ready, USERS.po);
    await waitFor('the ready notes', () => ['SUP-41', 'SUP-42', 'SUP-43'].every((k) => notes(k, 'Ready for sprint').length > 0));
    await w.settled();
    for (const key of ['SUP-41', 'SUP-42', 'SUP-43']) expect([key, notes(key, 'Ready for sprint').length]).toEqual([key, 1]);
  });

  step('a client ticket whose link is removed in Jira hears no more', async () => {
    const link = w.sim.issue('QAOPS-41')!.links.find((l) => l.outwardKey === 'SUP-42')!;
    w.sim.unlink(link.id, USERS.support);
    await waitFor('SUP-42 detached', async () => !(await hearing()).includes('SUP-42'));
    w.sim.transition('QAOPS-41', STATUS.triage, USERS.po);
    await waitFor('the triaged notes', () => ['SUP-41', 'SUP-43'].every((k) => notes(k, 'is in Triage').length > 0));
    await w.settled();
    expect(notes('SUP-42', 'is in Triage')).toHaveLength(0);
    const events = ((await record()).auditEvents as { type: string; data: { serviceDeskKey?: string } }[]).filter((e) => e.type.startsWith('service_desk.'));
    expect(events.map((e) => `${e.type} ${e.data.serviceDeskKey ?? ''}`)).toEqual(
      expect.arrayContaining(['service_desk.attached SUP-42', 'service_desk.attached SUP-43', 'service_desk.detached SUP-42']),
    );
  });

  step('a client ticket linked in Jira while its webhook was lost is attached at the next reconciliation, and told once', async () => {
    w.sim.seedIssue({ key: 'SUP-44', project: 'SUP', summary: 'another client: SUP-44', statusId: '1', issueType: 'Bug' });
    w.sim.seedLink('Relates', 'QAOPS-41', 'SUP-44'); // made in Jira; no webhook reaches the service
    await w.settled();
    expect(await hearing()).not.toContain('SUP-44');
    const admin = await tokenFor(w.app.url, 'admin');
    await api().post('/api/reconcile').set(auth(admin)).expect(200);
    await waitFor('SUP-44 attached', async () => (await hearing()).includes('SUP-44'));
    await api().post('/api/reconcile').set(auth(admin)).expect(200);
    await w.settled();
    expect(await hearing()).toEqual(['SUP-41', 'SUP-43', 'SUP-44']);
    expect(notes('SUP-44', 'same fault as QAOPS-41')).toHaveLength(1);
  });

  step('a bug reconciliation finds for the first time, linked in Jira to two client tickets, hears both', async () => {
    for (const key of ['SUP-46', 'SUP-47']) w.sim.seedIssue({ key, project: 'SUP', summary: `a client: ${key}`, statusId: '1', issueType: 'Bug' });
    w.sim.seedIssue({ key: 'QAOPS-46', summary: 'Refunds rounded twice', statusId: STATUS.triage, labels: ['3rd-line'] });
    w.sim.seedLink('Relates', 'QAOPS-46', 'SUP-46');
    w.sim.seedLink('Relates', 'QAOPS-46', 'SUP-47'); // no webhook of any of it reaches the service
    const admin = await tokenFor(w.app.url, 'admin');
    await api().post('/api/reconcile').set(auth(admin)).expect(200);
    await w.settled();
    const record = (await api().get('/api/tickets/QAOPS-46').set(auth(support)).expect(200)).body;
    expect((record.clientTickets as { key: string }[]).map((c) => c.key)).toEqual(['SUP-46', 'SUP-47']);
    expect(notes('SUP-47', 'same fault as QAOPS-46')).toHaveLength(1);
  });
});
