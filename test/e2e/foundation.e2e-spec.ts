import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ADMIN_TOKEN, startTestApp, TestApp } from '../support/test-app';

describe('service foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports healthy once the database answers and migrations ran, with Jira not configured', async () => {
    const res = await request(t.url).get('/health').expect(200);
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.migrations.pending).toBe(false);
    expect(res.body.details.jira.jira).toBe('not configured');
  });

  it('answers 401 without a token and 401 with an unknown one', async () => {
    const none = await request(t.url).post('/api/tokens').send({ name: 'x', role: 'ci' }).expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    await request(t.url).post('/api/tokens').set('Authorization', 'Bearer nope').send({ name: 'x', role: 'ci' }).expect(401);
  });

  it('creates a token once, stores only its hash, and answers 403 when its role may not call the route', async () => {
    const created = await request(t.url).post('/api/tokens').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ name: 'deploy job', role: 'ci' }).expect(201);
    expect(created.body).toMatchObject({ name: 'deploy job', role: 'ci' });
    expect(created.body.token).toMatch(/^sfo_/);
    const forbidden = await request(t.url).post('/api/tokens').set('Authorization', `Bearer ${created.body.token}`).send({ name: 'y', role: 'ci' }).expect(403);
    expect(forbidden.body.code).toBe('forbidden');

    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: t.db.url });
    await client.connect();
    const rows = await client.query('SELECT token_hash FROM api_token');
    await client.end();
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].token_hash).not.toContain(created.body.token);
  });

  it.each([
    [{ name: 'x', role: 'developer' }, 'accountId'],
    [{ name: 'x', role: 'wizard' }, 'role'],
    [{ role: 'ci' }, 'name'],
    [{ name: 'x', role: 'ci', extra: 1 }, 'extra'],
  ])('refuses the bad body %j with 400 naming %s, and stores nothing', async (body, field) => {
    const res = await request(t.url).post('/api/tokens').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.message).toContain(field);
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const res = await request(t.url)
      .post('/api/tokens')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .set('Content-Type', 'application/json')
      .send('{bad')
      .expect(400);
    expect(res.body.code).toBe('invalid_json');
  });

  it('serves the OpenAPI document at /docs', async () => {
    await request(t.url).get('/docs').expect(200);
    const json = await request(t.url).get('/docs-json').expect(200);
    expect(Object.keys(json.body.paths)).toContain('/api/tokens');
  });
});
