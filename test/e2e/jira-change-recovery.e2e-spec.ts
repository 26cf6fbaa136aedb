import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { STATUS, USERS, seedBug, startWorld, waitFor, type World } from '../support/jira-world';
import { ADMIN_TOKEN } from '../support/test-app';
import { bearer, tokenFor } from '../support/tokens';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Change {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  error: string | null;
  outcome: string | null;
  abandonReason: string | null;
}
interface TicketView {
  auditEvents: { type: string; actor: string | null; data: Json }[];
  jiraChanges: Record<'pending' | 'failed' | 'done' | 'abandoned', Change[]>;
}

const RULE_TEXT = 'only the top-ranked ticket of Ready for sprint may be picked up';
const REFUSED = 'Comments on this issue are restricted to the project role "Developers".';

/** Failed Jira changes (contract.md "Operating it"): retry lands once and keeps the issue's order; abandon records the reason. */
describe('retrying and abandoning failed Jira changes', () => {
  let w: World;
  let db: pg.Pool;
  const admin = bearer(ADMIN_TOKEN);

  const ticket = async (key: string) => (await request(w.app.url).get(`/api/tickets/${key}`).set(admin).expect(200)).body as TicketView;
  const all = (t: TicketView) => [...t.jiraChanges.pending, ...t.jiraChanges.failed, ...t.jiraChanges.done, ...t.jiraChanges.abandoned];
  const changeOf = async (key: string, kind: string) => all(await ticket(key)).find((c) => c.kind === kind)!;
  const settled = async (key: string) =>
    (await waitFor(`the changes of ${key} to settle`, async () => {
      const t = await ticket(key);
      return all(t).length >= 2 && t.jiraChanges.pending.length === 0 ? t : null;
    }))!;
  const statusOf = async (id: number) => (await db.query('SELECT status FROM jira_change WHERE id = $1', [id])).rows[0].status as string;
  const postWrites = (key: string, what: string) => w.sim.writes({ method: 'POST', pathIncludes: `/issue/${key}/${what}` });
  /** A pickup in Jira of a ticket that is not the top of Ready: the service reverts it and explains in a comment. */
  const violate = (key: string) => w.sim.transition(key, STATUS.inProgress, USERS.dev1);

  beforeAll(async () => {
    w = await startWorld({ OUTBOX_BASE_DELAY_MS: '20' });
    db = new pg.Pool({ connectionString: w.app.db.url, max: 2 });
    for (const key of ['QAOPS-70', 'QAOPS-71', 'QAOPS-72', 'QAOPS-73', 'QAOPS-74', 'QAOPS-75']) seedBug(w.sim, { key, statusId: STATUS.ready });
    const po = await tokenFor(w.app.url, 'po');
    await request(w.app.url).put('/api/rota').set(bearer(po)).send({ accountId: USERS.dev1 }).expect(200);
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
  });

  it('a change Jira refused (400) is sent again by retry and lands exactly once; a second retry is 409 not_failed', async () => {
    w.sim.failNext(1, { status: 400, body: { errorMessages: [REFUSED] }, match: { method: 'POST', pathIncludes: '/issue/QAOPS-71/comment' } });
    violate('QAOPS-71');
    const failed = (await settled('QAOPS-71')).jiraChanges.failed[0];
    expect(failed).toMatchObject({ kind: 'comment', status: 'failed' });
    expect(failed.error).toContain(REFUSED);

    const res = await request(w.app.url).post(`/api/jira-changes/${failed.id}/retry`).set(admin).expect(200);
    expect(res.body).toMatchObject({ id: failed.id, status: 'pending', attempts: 0, withComment: null });
    await waitFor('the retried comment to be made', async () => (await statusOf(failed.id)) === 'done');
    await w.sim.idle();
    expect(w.sim.comments('QAOPS-71').filter((c) => c.text.includes(RULE_TEXT))).toHaveLength(1);
    expect(postWrites('QAOPS-71', 'comment')).toHaveLength(1);

    const again = await request(w.app.url).post(`/api/jira-changes/${failed.id}/retry`).set(admin).expect(409);
    expect(again.body).toMatchObject({ code: 'not_failed', message: `Jira change ${failed.id} was made in Jira already: only a failed change can be retried` });
    const t = await ticket('QAOPS-71');
    const retried = t.auditEvents.filter((e) => e.type === 'jira.change_retried');
    expect(retried).toEqual([
      expect.objectContaining({ actor: 'admin-token', data: expect.objectContaining({ commandId: String(failed.id), previousAttempts: 1 }) }),
    ]);
    expect(retried[0].data.previousError).toContain(REFUSED);
    expect(t.auditEvents.filter((e) => e.type === 'jira.change_done' && e.data.commandId === String(failed.id))).toHaveLength(1);
  });

  it('a change Jira applied although it answered an error is found by the retry and not made twice', async () => {
    w.sim.failNext(1, {
      status: 400,
      applied: true,
      body: { errorMessages: ['Something went wrong.'] },
      match: { method: 'POST', pathIncludes: '/issue/QAOPS-72/comment' },
    });
    violate('QAOPS-72');
    const failed = (await settled('QAOPS-72')).jiraChanges.failed[0];
    expect(w.sim.comments('QAOPS-72')).toHaveLength(1); // Jira has it, the service was told it failed
    await request(w.app.url).post(`/api/jira-changes/${failed.id}/retry`).set(admin).expect(200);
    await waitFor('the retry to finish', async () => (await statusOf(failed.id)) === 'done');
    expect((await changeOf('QAOPS-72', 'comment')).outcome).toBe('already_done');
    expect(w.sim.comments('QAOPS-72')).toHaveLength(1);
    expect(postWrites('QAOPS-72', 'comment')).toHaveLength(1);
  });

  it('retrying a failed revert also sends the explaining comment that was withheld because of it', async () => {
    w.sim.failNext(1, {
      status: 400,
      body: { errorMessages: ['Transition is not valid for the current state.'] },
      match: { method: 'POST', pathIncludes: '/issue/QAOPS-73/transitions' },
    });
    violate('QAOPS-73');
    const t = await settled('QAOPS-73');
    const [revert, comment] = [...t.jiraChanges.failed].sort((a, b) => a.id - b.id);
    expect([revert.kind, comment.kind]).toEqual(['transition', 'comment']);
    expect(comment.error).toBe('Not sent: the change this comment explains failed');
    expect(w.sim.issue('QAOPS-73')?.statusId).toBe(STATUS.inProgress);

    const res = await request(w.app.url).post(`/api/jira-changes/${revert.id}/retry`).set(admin).expect(200);
    expect(res.body.withComment).toBe(comment.id);
    await waitFor('both to be made', async () => (await statusOf(revert.id)) === 'done' && (await statusOf(comment.id)) === 'done');
    await w.sim.idle();
    expect(w.sim.issue('QAOPS-73')?.statusId).toBe(STATUS.ready);
    expect(postWrites('QAOPS-73', 'transitions')).toHaveLength(1);
    expect(w.sim.comments('QAOPS-73').filter((c) => c.text.includes(RULE_TEXT))).toHaveLength(1);
    expect(
      (await ticket('QAOPS-73')).auditEvents
        .filter((e) => e.type === 'jira.change_retried')
        .map((e) => e.data.commandId)
        .sort(),
    ).toEqual([String(revert.id), String(comment.id)].sort());
  });

  it('a retried change goes before the later changes of its issue still waiting, even while Jira keeps it waiting', async () => {
    w.sim.failNext(1, { status: 400, body: { errorMessages: [REFUSED] }, match: { method: 'POST', pathIncludes: '/issue/QAOPS-74/comment' } });
    violate('QAOPS-74');
    const first = (await settled('QAOPS-74')).jiraChanges.failed[0];
    // its retry hangs 1.5 s in Jira and then gets a 503: the change stays the issue's oldest waiting one
    w.sim.failNext(1, { status: 503, delayMs: 1500, match: { method: 'POST', pathIncludes: '/issue/QAOPS-74/comment' } });
    await request(w.app.url).post(`/api/jira-changes/${first.id}/retry`).set(admin).expect(200);
    await waitFor('the retry to reach Jira', () => w.sim.requests.some((r) => r.method === 'POST' && r.path.includes('/issue/QAOPS-74/comment') && r.faulted));
    violate('QAOPS-74'); // a second violation: a new revert and comment, decided after the retried change
    await waitFor('all changes of QAOPS-74 to be made', async () => {
      const t = await ticket('QAOPS-74');
      return t.jiraChanges.done.length === 4 && t.jiraChanges.pending.length === 0;
    });
    await w.sim.idle();
    const applied = w.sim.writes({ method: 'POST', pathIncludes: '/issue/QAOPS-74/' }).map((r) => r.path.split('/').pop());
    // first revert, retried comment (the 503 answer did not apply it), then the second revert and its comment
    expect(applied).toEqual(['transitions', 'comment', 'transitions', 'comment']);
    expect(w.sim.comments('QAOPS-74').filter((c) => c.text.includes(RULE_TEXT))).toHaveLength(2);
  });

  it('abandon {reason} gives a failed change up with the reason (its withheld comment too); nothing is sent; a second abandon or a retry is 409', async () => {
    w.sim.failNext(1, {
      status: 400,
      body: { errorMessages: ['Transition is not valid for the current state.'] },
      match: { method: 'POST', pathIncludes: '/issue/QAOPS-75/transitions' },
    });
    violate('QAOPS-75');
    const [revert, comment] = [...(await settled('QAOPS-75')).jiraChanges.failed].sort((a, b) => a.id - b.id);

    for (const body of [{}, { reason: '' }, { reason: '   ' }]) {
      const bad = await request(w.app.url).post(`/api/jira-changes/${revert.id}/abandon`).set(admin).send(body).expect(400);
      expect(bad.body).toMatchObject({ code: 'validation_failed', fields: [expect.objectContaining({ field: 'reason' })] });
    }
    expect(await statusOf(revert.id)).toBe('failed');

    const reason = 'the developer moved it back by hand; the revert is no longer needed';
    const res = await request(w.app.url).post(`/api/jira-changes/${revert.id}/abandon`).set(admin).send({ reason }).expect(200);
    expect(res.body).toMatchObject({ id: revert.id, status: 'abandoned', abandonReason: reason, withComment: comment.id });
    const t = await ticket('QAOPS-75');
    expect(t.jiraChanges.failed).toEqual([]);
    expect(t.jiraChanges.abandoned.map((c) => [c.id, c.abandonReason])).toEqual([
      [revert.id, reason],
      [comment.id, reason],
    ]);
    expect(t.jiraChanges.abandoned[0].error).toContain('Transition is not valid'); // Jira's answer is kept
    const audited = t.auditEvents.filter((e) => e.type === 'jira.change_abandoned');
    expect(audited.map((e) => [e.actor, e.data.reason])).toEqual([
      ['admin-token', reason],
      ['admin-token', reason],
    ]);

    for (const path of ['abandon', 'retry']) {
      const refused = await request(w.app.url).post(`/api/jira-changes/${revert.id}/${path}`).set(admin).send({ reason }).expect(409);
      expect(refused.body.code).toBe('not_failed');
      expect(refused.body.message).toContain('was abandoned');
    }
    const dashboard = await request(w.app.url).get('/api/dashboard').set(admin).expect(200);
    expect(dashboard.body.jiraChanges.failed.map((c: Change) => c.id)).not.toContain(revert.id);
    await w.sim.idle();
    expect(postWrites('QAOPS-75', 'transitions')).toHaveLength(0);
    expect(w.sim.comments('QAOPS-75')).toHaveLength(0);
  });

  it('unknown ids are 404 not_found', async () => {
    for (const id of ['999999', 'abc', '0']) {
      for (const path of ['retry', 'abandon']) {
        const res = await request(w.app.url).post(`/api/jira-changes/${id}/${path}`).set(admin).send({ reason: 'x' });
        expect({ id, path, status: res.status, code: res.body.code }).toEqual({ id, path, status: 404, code: 'not_found' });
      }
    }
  });
});
