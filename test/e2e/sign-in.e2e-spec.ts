import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { freePort } from '../support/free-port';
import request from 'supertest';
import { startSignInApp, type TestProvider } from '../support/oidc-provider';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/test-app';
import { bearer, tokenFor } from '../support/tokens';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

/** contract.md "Signing in as a person": OpenID Connect through a real provider in this process (oidc-provider), over HTTP. */
describe('signing in through the OpenID provider', () => {
  let provider: TestProvider;
  let app: TestApp;
  let db: pg.Pool;
  const api = () => request(app.url);
  const withSession = (cookie: string) => ({ Cookie: `sfo_session=${cookie}` });
  const signedIn = async (email: string) => {
    const trip = await provider.signIn(app.url, email);
    expect([trip.callback.status, trip.callback.headers.get('location')]).toEqual([302, '/']);
    return trip.session!;
  };

  beforeAll(async () => {
    ({ provider, app } = await startSignInApp());
    db = new pg.Pool({ connectionString: app.db.url, max: 2 });
    await api()
      .put('/api/people')
      .set(bearer(ADMIN_TOKEN))
      .send([
        { email: ALICE, role: 'support' },
        { email: BOB, role: 'admin', accountId: 'bob.acc' },
      ])
      .expect(200);
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
    await provider?.close();
  });

  it('the sign-in form is told which provider to offer', async () => {
    expect((await api().get('/auth/methods').expect(200)).body).toEqual({ oidc: { name: provider.issuer.replace('http://', '') }, proxy: false });
  });

  it('a rostered person signs in: an HttpOnly, SameSite=Lax session cookie, and /api/me names them with the roster role and account', async () => {
    const trip = await provider.signIn(app.url, 'Bob@Example.com');
    expect(trip.callback.status).toBe(302);
    const set = trip.callback.headers.getSetCookie().find((c) => c.startsWith('sfo_session='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).not.toMatch(/Secure/); // PUBLIC_URL is http here
    const me = (await api().get('/api/me').set(withSession(trip.session!)).expect(200)).body;
    expect(me).toEqual({
      kind: 'person',
      via: 'session',
      name: BOB,
      email: BOB,
      role: 'admin',
      accountId: 'bob.acc',
      expiresAt: null,
      csrfToken: expect.any(String),
    });
    const { rows } = await db.query(`SELECT id FROM web_session`);
    expect(JSON.stringify(rows)).not.toContain(trip.session!); // only its hash is kept
  });

  it('someone the provider knows but the roster does not is refused: 403 not_on_roster, and no session', async () => {
    const trip = await provider.signIn(app.url, 'mallory@example.com');
    expect(trip.callback.status).toBe(403);
    expect((await trip.callback.json()) as object).toMatchObject({ code: 'not_on_roster' });
    expect(trip.session).toBeNull();
  });

  it('a tampered state is refused, and a state is good for one sign-in only', async () => {
    const forged = await provider.signIn(app.url, ALICE, (url) => {
      url.searchParams.set('state', 'forged-state');
      return url;
    });
    expect(forged.callback.status).toBe(401);
    expect(forged.session).toBeNull();
    let used: URL | null = null;
    const first = await provider.signIn(app.url, ALICE, (url) => (used = url));
    expect(first.callback.status).toBe(302);
    const replay = await fetch(used!, { redirect: 'manual', headers: { cookie: `sfo_sign_in=${'a'.repeat(32)}` } });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { message: string }).message).toContain('used already');
  });

  it("a callback link opened in another browser than the one that started the sign-in is refused (someone else's sign-in sent as a link)", async () => {
    let link: URL | null = null;
    await provider
      .signIn(app.url, ALICE, () => {
        link = new URL('http://127.0.0.1:1/not-followed'); // the trip stops here: the link is sent to someone else instead
        return link;
      })
      .catch(() => undefined);
    const started = await fetch(`${app.url}/auth/login`, { redirect: 'manual' });
    expect(started.headers.getSetCookie().find((c) => c.startsWith('sfo_sign_in='))).toMatch(/HttpOnly/);
    const forwarded = await provider.signIn(app.url, ALICE, async (url) => {
      const elsewhere = await fetch(url, { redirect: 'manual' }); // no sfo_sign_in: another browser
      expect(elsewhere.status).toBe(401);
      expect(((await elsewhere.json()) as { message: string }).message).toContain('started in another browser');
      return url; // the state is spent: the real browser's callback is refused too
    });
    expect(forwarded.callback.status).toBe(401);
    expect(forwarded.session).toBeNull();
  });

  it("a refusal in the callback's own parameters is told by its code only (its description could be anyone's words)", async () => {
    const trip = await provider.signIn(app.url, ALICE, (url) => {
      url.searchParams.delete('code');
      url.searchParams.set('error', 'access_denied');
      url.searchParams.set('error_description', 'Your account is locked: call +1 555 0100');
      return url;
    });
    expect(trip.callback.status).toBe(401);
    const { message } = (await trip.callback.json()) as { message: string };
    expect(message).toContain('access_denied');
    expect(message).not.toContain('555');
  });

  it('a code verifier or nonce that is not the one sent is refused by the checks (no session)', async () => {
    for (const column of ['code_verifier', 'nonce']) {
      const trip = await provider.signIn(app.url, ALICE, async (url) => {
        const { rowCount } = await db.query(`UPDATE sign_in SET ${column} = 'not-the-one-sent-0123456789012345678901234567890' WHERE state = $1`, [
          url.searchParams.get('state'),
        ]);
        expect(rowCount).toBe(1);
        return url;
      });
      expect([column, trip.callback.status]).toEqual([column, 401]);
      expect(((await trip.callback.json()) as { message: string }).message).toContain(column === 'nonce' ? 'nonce' : 'invalid_grant');
      expect(trip.session).toBeNull();
    }
  });

  it('a change made with the session needs X-CSRF-Token: 403 csrf without it, done with it', async () => {
    const cookie = await signedIn(BOB);
    const csrf = (await api().get('/api/me').set(withSession(cookie)).expect(200)).body.csrfToken;
    const body = { name: 'ci', role: 'ci' };
    expect((await api().post('/api/tokens').set(withSession(cookie)).send(body).expect(403)).body.code).toBe('csrf');
    const made = await api().post('/api/tokens').set(withSession(cookie)).set('X-CSRF-Token', csrf).send(body).expect(201);
    const { rows } = await db.query(`SELECT actor FROM audit_event WHERE type = 'token.created' AND data->>'id' = $1`, [made.body.id]);
    expect(rows).toEqual([{ actor: 'bob.acc' }]); // the person, by their Jira account
  });

  it('signing out needs the CSRF token; a logged-out session is 401', async () => {
    const cookie = await signedIn(ALICE);
    await api().get('/api/queue').set(withSession(cookie)).expect(200);
    expect((await api().post('/auth/logout').set(withSession(cookie)).expect(403)).body.code).toBe('csrf'); // another site's page cannot sign you out
    const csrf = (await api().get('/api/me').set(withSession(cookie)).expect(200)).body.csrfToken;
    await api().post('/auth/logout').set(withSession(cookie)).set('X-CSRF-Token', csrf).expect(204);
    expect((await api().get('/api/queue').set(withSession(cookie)).expect(401)).body.message).toContain('signed out');
  });

  it('a session idle for 12 hours is 401', async () => {
    const cookie = await signedIn(ALICE);
    await db.query(`UPDATE web_session SET last_seen_at = now() - interval '12 hours 1 minute' WHERE ended_at IS NULL AND email = $1`, [ALICE]);
    expect((await api().get('/api/queue').set(withSession(cookie)).expect(401)).body.message).toContain('12 hours');
  });

  it("the dashboard's own background refresh does not keep a session alive; a person's request does", async () => {
    const cookie = await signedIn(BOB);
    const id = createHash('sha256').update(cookie).digest('hex');
    const lastSeen = async () => (await db.query(`SELECT last_seen_at FROM web_session WHERE id = $1`, [id])).rows[0].last_seen_at as Date;
    await db.query(`UPDATE web_session SET last_seen_at = now() - interval '11 hours' WHERE id = $1`, [id]);
    const before = await lastSeen();
    await api().get('/api/queue').set(withSession(cookie)).set('X-Background-Refresh', '1').expect(200);
    expect(await lastSeen()).toEqual(before);
    await api().get('/api/queue').set(withSession(cookie)).expect(200);
    expect((await lastSeen()).getTime()).toBeGreaterThan(before.getTime() + 10 * 3600_000);
  });

  it('taking someone off the roster ends their sessions', async () => {
    const cookie = await signedIn(ALICE);
    await api().get('/api/queue').set(withSession(cookie)).expect(200);
    await api()
      .put('/api/people')
      .set(bearer(ADMIN_TOKEN))
      .send([{ email: BOB, role: 'admin', accountId: 'bob.acc' }])
      .expect(200);
    expect((await api().get('/api/queue').set(withSession(cookie)).expect(401)).body.message).toContain('taken off the roster');
  });

  it('bearer tokens work as before beside sessions', async () => {
    const po = await tokenFor(app.url, 'po');
    expect((await api().get('/api/me').set(bearer(po)).expect(200)).body).toMatchObject({ kind: 'token', role: 'po' });
  });
});

describe('a provider that does not vouch for the email', () => {
  const worlds: { provider: TestProvider; app: TestApp }[] = [];
  afterAll(async () => {
    for (const w of worlds) {
      await w.app.close();
      await w.provider.close();
    }
  });
  const rostered = async (env: Record<string, string>) => {
    const world = await startSignInApp(env, { emailVerified: false });
    worlds.push(world);
    await request(world.app.url)
      .put('/api/people')
      .set(bearer(ADMIN_TOKEN))
      .send([{ email: ALICE, role: 'support' }])
      .expect(200);
    return world;
  };

  it('an email the provider does not say is verified is refused (anyone could claim an admin address), unless told otherwise', async () => {
    const strict = await rostered({});
    const refused = await strict.provider.signIn(strict.app.url, ALICE);
    expect(refused.callback.status).toBe(401);
    expect(((await refused.callback.json()) as { message: string }).message).toContain('email_verified');
    expect(refused.session).toBeNull();
    const entra = await rostered({ OIDC_REQUIRE_VERIFIED_EMAIL: 'false' });
    expect((await entra.provider.signIn(entra.app.url, ALICE)).callback.status).toBe(302);
  });
});

describe('an OpenID provider that cannot be reached', () => {
  let app: TestApp;
  beforeAll(async () => {
    const nobody = await freePort();
    app = await startTestApp({ OIDC_ISSUER: `http://127.0.0.1:${nobody}`, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sign-in answers 503 sign_in_unavailable with the reason, and tokens keep working', async () => {
    const res = await request(app.url).get('/auth/login').expect(503);
    expect(res.body.code).toBe('sign_in_unavailable');
    expect(res.body.message).toContain('API tokens keep working');
    await request(app.url).get('/api/queue').set(bearer(ADMIN_TOKEN)).expect(200);
  });
});
