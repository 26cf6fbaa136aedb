import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { startWorld, type World } from '../support/jira-world';
import { story } from '../support/story';
import { ADMIN_TOKEN } from '../support/test-app';
import { bearer, tokenFor } from '../support/tokens';

const HEADER = 'X-Forwarded-Email';
const SECRET = 'proxy-secret-for-the-tests-0123';
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

/** contract.md "Signing in as a person": the roster, and people signed in by a trusted authenticating proxy. */
describe('people: the roster and the trusted proxy', () => {
  // the roster the first step sets is the one the others sign in by
  const step = story('people');
  let w: World;
  let db: pg.Pool;
  const api = () => request(w.app.url);
  /** a request as the proxy forwards it for a signed-in person */
  const as = (email: string, secret: string | null = SECRET) => ({ [HEADER]: email, ...(secret === null ? {} : { 'X-Proxy-Secret': secret }) });
  const csrfOf = async (email: string) => (await api().get('/api/me').set(as(email)).expect(200)).body.csrfToken as string;
  const roster = [
    { email: ALICE, role: 'support' },
    { email: 'Bob@Example.com', role: 'support', accountId: 'sup-bob' },
    { email: 'ada@example.com', role: 'developer', accountId: 'ada.park', tracks: ['default'] },
  ];

  beforeAll(async () => {
    w = await startWorld({ TRUSTED_PROXY_HEADER: HEADER, TRUSTED_PROXY_SECRET: SECRET });
    db = new pg.Pool({ connectionString: w.app.db.url, max: 2 });
    w.sim.seedIssue({ key: 'SUP-31', project: 'SUP', summary: 'Fix client data', statusId: '1', issueType: 'Service Request' });
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
  });

  step('an admin sets the roster (emails kept in lower case), reads it back, and the audit says what changed', async () => {
    const put = await api().put('/api/people').set(bearer(ADMIN_TOKEN)).send(roster).expect(200);
    expect(put.body.map((p: { email: string }) => p.email)).toEqual(['ada@example.com', ALICE, BOB]);
    const listed = (await api().get('/api/people').set(bearer(ADMIN_TOKEN)).expect(200)).body;
    expect(listed).toEqual([
      { email: 'ada@example.com', role: 'developer', accountId: 'ada.park', tracks: ['default'] },
      { email: ALICE, role: 'support', accountId: null, tracks: null },
      { email: BOB, role: 'support', accountId: 'sup-bob', tracks: null },
    ]);
    const { rows } = await db.query(`SELECT actor, data->>'summary' AS summary FROM audit_event WHERE type = 'roster.changed'`);
    expect(rows).toEqual([{ actor: 'admin-token', summary: `added ada@example.com (developer), ${ALICE} (support), ${BOB} (support)` }]);
  });

  step('a bad roster is 400 naming each wrong entry, and changes nothing', async () => {
    const bad = [
      { email: 'not-an-email', role: 'support' },
      { email: ALICE, role: 'boss' },
      { email: BOB, role: 'po', extra: 1 },
    ];
    const res = await api().put('/api/people').set(bearer(ADMIN_TOKEN)).send(bad).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.message).toContain('[0].email: email must be an email address');
    expect(res.body.message).toContain('[1].role: role must be one of admin, po, developer, ci, support');
    expect(res.body.message).toContain('[2].extra');
    const developer = await api()
      .put('/api/people')
      .set(bearer(ADMIN_TOKEN))
      .send([{ email: ALICE, role: 'developer' }])
      .expect(400);
    expect(developer.body.message).toContain('accountId is required for the developer role');
    const twice = await api()
      .put('/api/people')
      .set(bearer(ADMIN_TOKEN))
      .send([
        { email: ALICE, role: 'po' },
        { email: 'ALICE@example.com', role: 'ci' },
      ])
      .expect(400);
    expect(twice.body.message).toContain('each email may be on the roster once');
    const notArray = await api().put('/api/people').set(bearer(ADMIN_TOKEN)).send({ email: ALICE, role: 'po' }).expect(400);
    expect(notArray.body.message).toContain('the body must be a JSON array of people');
    expect((await api().get('/api/people').set(bearer(ADMIN_TOKEN)).expect(200)).body).toHaveLength(3);
  });

  step('only an admin keeps the roster', async () => {
    const po = await tokenFor(w.app.url, 'po');
    expect((await api().put('/api/people').set(bearer(po)).send(roster).expect(403)).body.code).toBe('forbidden');
    await api().get('/api/people').set(bearer(po)).expect(403);
  });

  step('a person the proxy signed in is who the roster says: role and account from the roster, a CSRF token for changes', async () => {
    const me = (await api().get('/api/me').set(as('Ada@Example.com')).expect(200)).body;
    expect(me).toEqual({
      kind: 'person',
      via: 'proxy',
      name: 'ada@example.com',
      email: 'ada@example.com',
      role: 'developer',
      accountId: 'ada.park',
      expiresAt: null,
      csrfToken: expect.any(String),
    });
    expect(await csrfOf(BOB)).not.toBe(me.csrfToken); // bound to the person
  });

  step('someone the proxy signed in but the roster does not know is refused: 403 not_on_roster', async () => {
    const res = await api().get('/api/queue').set(as('mallory@example.com')).expect(403);
    expect(res.body).toMatchObject({ code: 'not_on_roster' });
    expect(res.body.message).toContain('mallory@example.com');
  });

  step('the proxy header without the proxy secret, or with a wrong one, is 401: it is believed only from the proxy', async () => {
    const none = await api().get('/api/me').set(as(ALICE, null)).expect(401);
    expect(none.body.message).toContain('X-Proxy-Secret');
    const wrong = await api().get('/api/me').set(as(ALICE, 'guessed-secret-0000000000')).expect(401);
    expect(wrong.body.code).toBe('unauthorized');
  });

  step('a change made as a person needs X-CSRF-Token: without it 403 csrf and nothing done, with it done', async () => {
    const body = { ticketKey: 'SUP-31', sql: 'UPDATE accounts SET status = 1 WHERE client_id = 31 AND status = 0', purpose: 'reactivate client 31' };
    expect((await api().post('/api/data-fixes').set(as(ALICE)).send(body).expect(403)).body.code).toBe('csrf');
    expect(
      (
        await api()
          .post('/api/data-fixes')
          .set(as(ALICE))
          .set('X-CSRF-Token', await csrfOf(BOB))
          .send(body)
          .expect(403)
      ).body.code,
    ).toBe('csrf');
    expect((await api().get('/api/data-fixes').query({ ticketKey: 'SUP-31' }).set(as(ALICE)).expect(200)).body).toEqual([]);
    const made = await api()
      .post('/api/data-fixes')
      .set(as(ALICE))
      .set('X-CSRF-Token', await csrfOf(ALICE))
      .send(body)
      .expect(201);
    expect(made.body).toMatchObject({ author: ALICE, state: 'draft' });
  });

  step('the four-eyes rule compares people: alice cannot review her own fix, bob can, and the record names them', async () => {
    const [fix] = (await api().get('/api/data-fixes').query({ ticketKey: 'SUP-31' }).set(as(ALICE)).expect(200)).body;
    const review = async (email: string) => {
      const csrf = await csrfOf(email);
      return api().post(`/api/data-fixes/${fix.id}/review`).set(as(email)).set('X-CSRF-Token', csrf).send({ decision: 'approve', comment: 'tight' });
    };
    const own = await review(ALICE);
    expect([own.status, own.body.code]).toEqual([409, 'self_review']);
    const byBob = await review(BOB);
    expect([byBob.status, byBob.body.state]).toEqual([200, 'reviewed']);
    const after = (await api().get(`/api/data-fixes/${fix.id}`).set(as(BOB)).expect(200)).body;
    expect(after.history.map((s: { kind: string; person: string }) => `${s.kind} ${s.person}`)).toEqual([`proposed ${ALICE}`, 'review sup-bob']);
  });

  step('a role the roster does not give is refused in its words; a bearer token keeps its own identity behind the proxy', async () => {
    const res = await api()
      .post('/api/slot/release')
      .set(as('ada@example.com'))
      .set('X-CSRF-Token', await csrfOf('ada@example.com'))
      .send({ reason: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('you are on the roster as developer');
    const ci = await tokenFor(w.app.url, 'ci');
    const me = (await api().get('/api/me').set(as(ALICE)).set(bearer(ci)).expect(200)).body;
    expect(me).toMatchObject({ kind: 'token', role: 'ci' });
  });

  step('someone taken off the roster is refused from their next request on', async () => {
    await api().get('/api/queue').set(as(BOB)).expect(200);
    await api()
      .put('/api/people')
      .set(bearer(ADMIN_TOKEN))
      .send(roster.filter((p) => p.email !== 'Bob@Example.com'))
      .expect(200);
    expect((await api().get('/api/queue').set(as(BOB)).expect(403)).body.code).toBe('not_on_roster');
  });

  step('two admins editing at once: a save made on a roster that changed since it was read is 409 superseded, and changes nothing', async () => {
    const read = await api().get('/api/people').set(bearer(ADMIN_TOKEN)).expect(200);
    const version = read.headers.etag as string;
    expect(version).toMatch(/^"[\w-]+"$/);
    // admin A removes a leaver, on the version both read
    const without = read.body.filter((p: { email: string }) => p.email !== 'ada@example.com');
    const saved = await api().put('/api/people').set(bearer(ADMIN_TOKEN)).set('If-Match', version).send(without).expect(200);
    expect(saved.headers.etag).not.toBe(version);
    // admin B's page, read before, would put the leaver back
    const stale = await api()
      .put('/api/people')
      .set(bearer(ADMIN_TOKEN))
      .set('If-Match', version)
      .send([...read.body, { email: 'new@example.com', role: 'po' }])
      .expect(409);
    expect(stale.body.code).toBe('superseded');
    const now = (await api().get('/api/people').set(bearer(ADMIN_TOKEN)).expect(200)).body.map((p: { email: string }) => p.email);
    expect(now).not.toContain('ada@example.com');
    expect(now).not.toContain('new@example.com');
  });
});
