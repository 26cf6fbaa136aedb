import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { startWorld, waitFor, type World } from '../support/jira-world';
import { story } from '../support/story';
import { bearer, tokenFor } from '../support/tokens';

const ALICE = 'sup-alice';
const BOB = 'sup-bob';
const SQL = 'UPDATE accounts SET status = 1 WHERE client_id = 7 AND status = 0';
const NARROWER = 'UPDATE accounts SET status = 1 WHERE client_id = 7 AND status = 0 AND region = 2';
const sha = (sql: string) => createHash('sha256').update(sql, 'utf8').digest('hex');

describe('data fixes under four eyes, each step an internal note on the JSM ticket', () => {
  let w: World;
  let alice: string;
  let bob: string;
  let po: string;
  let developer: string;
  const api = () => request(w.app.url);
  const post = (token: string, path: string, body: object) => api().post(`/api/data-fixes${path}`).set(bearer(token)).send(body);
  const propose = async (ticketKey: string, sql = SQL) => {
    const res = await post(alice, '', { ticketKey, sql, purpose: 'reactivate the accounts of client 7' }).expect(201);
    return res.body.id as number;
  };
  const review = (id: number, token = bob) => post(token, `/${id}/review`, { decision: 'approve', comment: 'the WHERE is tight' });
  const preprodRun = (id: number, rowsAffected = 12, verified = true) =>
    post(alice, `/${id}/preprod-run`, { environment: 'support-preprod', rowsAffected, verified, note: 'checked the 12 accounts' });
  const approveProduction = (id: number, token = bob) => post(token, `/${id}/production-approval`, { comment: 'go ahead' });
  /** every Jira change queued for the ticket has been sent */
  const notesSent = (key: string, count: number) =>
    waitFor(`${count} notes sent on ${key}`, async () => {
      const { jiraChanges } = (await api().get(`/api/tickets/${key}`).set(bearer(po)).expect(200)).body;
      return jiraChanges.pending.length === 0 && jiraChanges.failed.length === 0 && jiraChanges.done.length === count;
    });

  beforeAll(async () => {
    w = await startWorld();
    for (const key of ['SUP-7', 'SUP-8', 'SUP-9', 'SUP-10', 'SUP-11']) {
      w.sim.seedIssue({ key, project: 'SUP', summary: 'Fix client data', statusId: '1', issueType: 'Service Request' });
    }
    alice = await tokenFor(w.app.url, 'support', ALICE);
    bob = await tokenFor(w.app.url, 'support', BOB);
    po = await tokenFor(w.app.url, 'po');
    developer = await tokenFor(w.app.url, 'developer', 'dev-ada');
  });
  afterAll(async () => {
    await w?.close();
  });

  describe('a fix through every step, written by alice and checked by bob', () => {
    const step = story('a fix through every step');
    let id: number;

    step('alice proposes a script: 201 with its sha256, in draft', async () => {
      const res = await post(alice, '', { ticketKey: 'sup-7', sql: SQL, purpose: 'reactivate the accounts of client 7' }).expect(201);
      expect(res.body).toMatchObject({ ticketKey: 'SUP-7', sha256: sha(SQL), state: 'draft', author: ALICE, flagged: false });
      id = res.body.id;
    });

    step('bob approves the review, alice verifies it on preprod, bob approves production, alice applies it', async () => {
      expect((await review(id).expect(200)).body.state).toBe('reviewed');
      expect((await preprodRun(id).expect(200)).body.state).toBe('preprod_verified');
      expect((await approveProduction(id).expect(200)).body.state).toBe('production_approved');
      const applied = await post(alice, `/${id}/production-run`, { rowsAffected: 12, note: 'ran at 18:05' }).expect(200);
      expect(applied.body).toMatchObject({ state: 'applied', flagged: false });
    });

    step('the fix shows its state and who did each step, by id and by ticket', async () => {
      const byId = (await api().get(`/api/data-fixes/${id}`).set(bearer(po)).expect(200)).body;
      expect(byId).toMatchObject({ id, state: 'applied', sha256: sha(SQL), sql: SQL });
      expect(byId.history.map((s: { kind: string; person: string }) => `${s.kind} ${s.person}`)).toEqual([
        `proposed ${ALICE}`,
        `review ${BOB}`,
        `preprod_run ${ALICE}`,
        `production_approval ${BOB}`,
        `production_run ${ALICE}`,
      ]);
      const byTicket = (await api().get('/api/data-fixes').query({ ticketKey: 'SUP-7' }).set(bearer(developer)).expect(200)).body;
      expect(byTicket).toEqual([byId]);
    });

    step('the ticket has exactly one internal note per step and no public comment', async () => {
      await notesSent('SUP-7', 5);
      const comments = w.sim.comments('SUP-7');
      expect(comments.map((c) => c.public)).toEqual([false, false, false, false, false]);
      expect(comments.map((c) => c.text)).toEqual([
        `Data fix #${id} proposed by ${ALICE} (script sha256 ${sha(SQL).slice(0, 12)}): reactivate the accounts of client 7`,
        `Data fix #${id} reviewed and approved by ${BOB}: the WHERE is tight`,
        `Data fix #${id} run on support-preprod by ${ALICE}: 12 rows affected, verified: checked the 12 accounts`,
        `Data fix #${id} approved for production by ${BOB}: go ahead`,
        `Data fix #${id} applied on production by ${ALICE}: 12 rows affected: ran at 18:05`,
      ]);
    });

    step('every step is in the audit log of the ticket', async () => {
      const { auditEvents } = (await api().get('/api/tickets/SUP-7').set(bearer(po)).expect(200)).body;
      expect(
        auditEvents.filter((e: { type: string }) => e.type.startsWith('data_fix.')).map((e: { type: string; actor: string }) => `${e.type} ${e.actor}`),
      ).toEqual([
        `data_fix.proposed ${ALICE}`,
        `data_fix.reviewed ${BOB}`,
        `data_fix.preprod_applied ${ALICE}`,
        `data_fix.production_approved ${BOB}`,
        `data_fix.production_applied ${ALICE}`,
      ]);
    });

    step('an applied fix can no longer change: 409 already_applied', async () => {
      const res = await api().put(`/api/data-fixes/${id}`).set(bearer(alice)).send({ sql: NARROWER }).expect(409);
      expect(res.body.code).toBe('already_applied');
    });
  });

  describe('refusals', () => {
    // one fix, refused at each step it tries too early: each step leaves it where the next one expects it
    const step = story('refusals');
    let id: number;
    beforeAll(async () => {
      id = await propose('SUP-8');
    });

    step('when the author reviews her own script, it is refused with 409 self_review', async () => {
      const res = await review(id, alice).expect(409);
      expect(res.body).toMatchObject({ code: 'self_review', dataFixId: id, state: 'draft' });
    });

    step('a preprod run before an approving review is refused with 409 not_reviewed', async () => {
      expect((await preprodRun(id).expect(409)).body.code).toBe('not_reviewed');
    });

    step('approving production before a verified preprod run is refused with 409 preprod_not_verified', async () => {
      await review(id).expect(200);
      expect((await approveProduction(id).expect(409)).body.code).toBe('preprod_not_verified');
      expect((await preprodRun(id, 11, false).expect(200)).body.state).toBe('reviewed');
      expect((await approveProduction(id).expect(409)).body.code).toBe('preprod_not_verified');
    });

    step('the author approving production is refused with 409 self_approval', async () => {
      await preprodRun(id).expect(200);
      expect((await approveProduction(id, alice).expect(409)).body.code).toBe('self_approval');
    });

    step('a production run before the production approval is refused with 409 not_approved', async () => {
      const res = await post(alice, `/${id}/production-run`, { rowsAffected: 12, note: '' }).expect(409);
      expect(res.body.code).toBe('not_approved');
    });

    step('someone other than the author changing the script is refused with 403 not_author', async () => {
      expect((await api().put(`/api/data-fixes/${id}`).set(bearer(bob)).send({ sql: NARROWER }).expect(403)).body.code).toBe('not_author');
    });

    step('a changed script voids the review and the preprod run: approving it for production is refused', async () => {
      const edited = await api().put(`/api/data-fixes/${id}`).set(bearer(alice)).send({ sql: NARROWER }).expect(200);
      expect(edited.body).toMatchObject({ state: 'draft', sha256: sha(NARROWER), sql: NARROWER });
      expect(edited.body.history.filter((s: { void: boolean }) => !s.void).map((s: { kind: string }) => s.kind)).toEqual(['edited']);
      expect((await approveProduction(id).expect(409)).body.code).toBe('preprod_not_verified');
      expect((await preprodRun(id).expect(409)).body.code).toBe('not_reviewed');
    });

    step('an unsafe change of the script is refused with 422 and leaves the fix as it was', async () => {
      const res = await api().put(`/api/data-fixes/${id}`).set(bearer(alice)).send({ sql: 'DELETE FROM accounts WHERE client_id = 7' }).expect(422);
      expect(res.body).toMatchObject({ code: 'unsafe_sql', statement: 'DELETE FROM accounts WHERE client_id = 7' });
      expect((await api().get(`/api/data-fixes/${id}`).set(bearer(po)).expect(200)).body).toMatchObject({ sha256: sha(NARROWER), state: 'draft' });
    });

    step('the ticket has a note for each accepted step only', async () => {
      // proposed, reviewed, unverified run, verified run, edited
      await notesSent('SUP-8', 5);
      const comments = w.sim.comments('SUP-8');
      expect(comments.every((c) => !c.public)).toBe(true);
      expect(comments.map((c) => c.text.split(' by ')[0])).toEqual([
        `Data fix #${id} proposed`,
        `Data fix #${id} reviewed and approved`,
        `Data fix #${id} run on support-preprod`,
        `Data fix #${id} run on support-preprod`,
        `Data fix #${id} changed`,
      ]);
    });
  });

  it('an unsafe script is refused with 422 unsafe_sql naming the statement and the reason, and nothing is stored', async () => {
    const sql = 'UPDATE accounts SET status = 1 WHERE client_id = 7 AND status = 0;\nDELETE FROM accounts WHERE id = 4';
    const res = await post(alice, '', { ticketKey: 'SUP-11', sql, purpose: 'clean up' }).expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'unsafe_sql', statement: 'DELETE FROM accounts WHERE id = 4' });
    expect(res.body.reason).toMatch(/DELETE from accounts has 1 condition/);
    expect((await post(alice, '', { ticketKey: 'SUP-11', sql: 'TRUNCATE accounts', purpose: 'x' }).expect(422)).body.reason).toMatch(/TRUNCATE/);
    expect((await api().get('/api/data-fixes?ticketKey=SUP-11').set(bearer(po)).expect(200)).body).toEqual([]);
  });

  it('a production run affecting other rows than the verified preprod run is flagged', async () => {
    const id = await propose('SUP-9');
    await review(id).expect(200);
    await preprodRun(id, 12).expect(200);
    await approveProduction(id).expect(200);
    const res = await post(alice, `/${id}/production-run`, { rowsAffected: 13, note: 'one more than on preprod' }).expect(200);
    expect(res.body).toMatchObject({ state: 'applied', flagged: true });
    await notesSent('SUP-9', 5);
    expect(w.sim.comments('SUP-9').at(-1)).toMatchObject({
      public: false,
      text: expect.stringContaining('13 rows affected, but 12 rows affected on support-preprod (flagged)'),
    });
  });

  it('only support and admin propose and run; po reviews; a bad body or an unknown fix changes nothing', async () => {
    await post(po, '', { ticketKey: 'SUP-10', sql: SQL, purpose: 'x' }).expect(403);
    await post(developer, '', { ticketKey: 'SUP-10', sql: SQL, purpose: 'x' }).expect(403);
    const id = await propose('SUP-10');
    expect((await review(id, po).expect(200)).body.state).toBe('reviewed');
    await post(po, `/${id}/preprod-run`, { environment: 'support-preprod', rowsAffected: 1, verified: true, note: '' }).expect(403);
    const bad = await post(alice, `/${id}/preprod-run`, { environment: 'support-preprod', rowsAffected: -1, verified: 'yes', extra: 1 }).expect(400);
    expect(bad.body.code).toBe('validation_failed');
    await post(alice, '', { ticketKey: 'QAOPS-1', sql: SQL, purpose: 'x' }).expect(400);
    await api().get('/api/data-fixes/999999').set(bearer(po)).expect(404);
    await api().get('/api/data-fixes/abc').set(bearer(po)).expect(404);
    expect((await api().get(`/api/data-fixes/${id}`).set(bearer(po)).expect(200)).body.history).toHaveLength(2);
  });
});
