import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/test-app';
import { bearer } from '../support/tokens';

interface Listed {
  id: string;
  name: string;
  role: string;
  accountId: string | null;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** Operating tokens (contract.md "Operating it"): list, expiry, revocation, rotation, each change audited. */
describe('tokens: list, expire, revoke, rotate', () => {
  let app: TestApp;
  let db: pg.Pool;
  const admin = bearer(ADMIN_TOKEN);

  const create = async (body: Record<string, unknown>) =>
    (await request(app.url).post('/api/tokens').set(admin).send(body).expect(201)).body as { id: string; token: string; expiresAt: string | null };
  const list = async () => (await request(app.url).get('/api/tokens').set(admin).expect(200)).body as Listed[];
  const audit = async (type: string, id: string) =>
    (await db.query(`SELECT actor, data FROM audit_event WHERE type = $1 AND data->>'id' = $2 ORDER BY id`, [type, id])).rows as {
      actor: string;
      data: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    app = await startTestApp();
    db = new pg.Pool({ connectionString: app.db.url, max: 2 });
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('GET /api/tokens lists id, name, role, accountId, created, created by, last used and expiry, and never a secret or its hash', async () => {
    const made = await create({ name: 'ada', role: 'developer', accountId: 'acc-ada', expiresInDays: 30 });
    const row = (await list()).find((t) => t.id === made.id)!;
    expect(row).toMatchObject({ name: 'ada', role: 'developer', accountId: 'acc-ada', createdBy: 'admin-token', lastUsedAt: null });
    expect(Object.keys(row).sort()).toEqual(['accountId', 'createdAt', 'createdBy', 'expired', 'expiresAt', 'id', 'lastUsedAt', 'name', 'role']);
    const days = (Date.parse(row.expiresAt!) - Date.parse(row.createdAt)) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);
    const raw = JSON.stringify(await list());
    expect(raw).not.toContain(made.token);
    const [{ token_hash: hash }] = (await db.query('SELECT token_hash FROM api_token WHERE id = $1', [made.id])).rows;
    expect(raw).not.toContain(hash);
    expect(await audit('token.created', made.id)).toEqual([
      { actor: 'admin-token', data: expect.objectContaining({ role: 'developer', expiresAt: row.expiresAt }) },
    ]);
  });

  it('last used is recorded on use, and not written again by the next calls of the same minute', async () => {
    const made = await create({ name: 'ci job', role: 'ci' });
    await request(app.url).get('/api/queue').set(bearer(made.token)).expect(200);
    const first = (await list()).find((t) => t.id === made.id)!.lastUsedAt;
    expect(first).not.toBeNull();
    for (let i = 0; i < 5; i++) await request(app.url).get('/api/queue').set(bearer(made.token)).expect(200);
    expect((await list()).find((t) => t.id === made.id)!.lastUsedAt).toBe(first);
  });

  it('DELETE /api/tokens/{id} answers 204 and the very next call with the token is 401; a second DELETE is 404', async () => {
    const made = await create({ name: 'leaver', role: 'po' });
    await request(app.url).get('/api/rota').set(bearer(made.token)).expect(200);
    await request(app.url).delete(`/api/tokens/${made.id}`).set(admin).expect(204);
    const refused = await request(app.url).get('/api/rota').set(bearer(made.token)).expect(401);
    expect(refused.body).toMatchObject({ statusCode: 401, code: 'unauthorized', message: 'The API token was revoked' });
    expect((await list()).map((t) => t.id)).not.toContain(made.id);
    const again = await request(app.url).delete(`/api/tokens/${made.id}`).set(admin).expect(404);
    expect(again.body.code).toBe('not_found');
    expect(await audit('token.revoked', made.id)).toEqual([{ actor: 'admin-token', data: expect.objectContaining({ name: 'leaver', role: 'po' }) }]);
  });

  it('POST /api/tokens/{id}/rotate gives a new secret for the same identity; the old secret is 401 at once', async () => {
    const made = await create({ name: 'pasted in a log', role: 'developer', accountId: 'acc-ben' });
    const before = (await request(app.url).get('/api/me').set(bearer(made.token)).expect(200)).body;
    const rotated = await request(app.url).post(`/api/tokens/${made.id}/rotate`).set(admin).expect(200);
    expect(Object.keys(rotated.body).sort()).toEqual(['id', 'token']);
    expect(rotated.body.id).toBe(made.id);
    expect(rotated.body.token).not.toBe(made.token);
    const old = await request(app.url).get('/api/me').set(bearer(made.token)).expect(401);
    expect(old.body.code).toBe('unauthorized');
    const after = (await request(app.url).get('/api/me').set(bearer(rotated.body.token)).expect(200)).body;
    expect(after).toEqual(before);
    expect(after).toMatchObject({ tokenId: made.id, name: 'pasted in a log', role: 'developer', accountId: 'acc-ben' });
    expect(await audit('token.rotated', made.id)).toHaveLength(1);
  });

  it('an expired token is 401 with a message that says it expired; it stays listed (marked expired) and cannot be rotated, only revoked', async () => {
    const made = await create({ name: 'temporary', role: 'support', expiresInDays: 1 });
    await request(app.url).get('/api/sla').set(bearer(made.token)).expect(200);
    await db.query(`UPDATE api_token SET expires_at = now() - interval '1 minute' WHERE id = $1`, [made.id]); // as if the day had passed
    const refused = await request(app.url).get('/api/sla').set(bearer(made.token)).expect(401);
    expect(refused.body).toMatchObject({ code: 'unauthorized' });
    expect(refused.body.message).toMatch(/^The API token expired at \d{4}-\d\d-\d\dT/);
    expect((await list()).find((t) => t.id === made.id)).toMatchObject({ expired: true });
    const rotate = await request(app.url).post(`/api/tokens/${made.id}/rotate`).set(admin).expect(409);
    expect(rotate.body.code).toBe('token_expired');
    await request(app.url).delete(`/api/tokens/${made.id}`).set(admin).expect(204);
  });

  it.each([
    [{ name: 'x', role: 'ci', expiresInDays: 0 }, 'expiresInDays must be at least 1'],
    [{ name: 'x', role: 'ci', expiresInDays: 1.5 }, 'expiresInDays must be a whole number of days'],
    [{ name: 'x', role: 'ci', expiresInDays: '7' }, 'expiresInDays must be a whole number of days'],
    [{ name: 'x', role: 'ci', expiresInDays: 5000 }, 'expiresInDays must be at most 3650'],
  ])('a bad expiry %j is 400 naming expiresInDays and creates nothing', async (body, message) => {
    const before = (await list()).length;
    const res = await request(app.url).post('/api/tokens').set(admin).send(body).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.message).toContain(message);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'expiresInDays' })]);
    expect((await list()).length).toBe(before);
  });

  it('ADMIN_TOKEN cannot be revoked or rotated through the API (409 bootstrap_token); unknown ids are 404', async () => {
    for (const res of [
      await request(app.url).delete('/api/tokens/admin-token').set(admin),
      await request(app.url).post('/api/tokens/admin-token/rotate').set(admin),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('bootstrap_token');
      expect(res.body.message).toContain('ADMIN_TOKEN');
    }
    await request(app.url).get('/api/me').set(admin).expect(200);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect((await request(app.url).delete(`/api/tokens/${id}`).set(admin)).status).toBe(404);
      expect((await request(app.url).post(`/api/tokens/${id}/rotate`).set(admin)).status).toBe(404);
    }
  });

  it('GET /api/me tells any token its role, name and accountId', async () => {
    expect((await request(app.url).get('/api/me').set(admin).expect(200)).body).toEqual({
      kind: 'token',
      tokenId: 'admin-token',
      name: 'ADMIN_TOKEN',
      role: 'admin',
      accountId: null,
      expiresAt: null,
    });
  });
});
