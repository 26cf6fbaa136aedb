import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { callRoute, keyOf, ROLES, ROUTES, type Role, type RouteRow } from '../support/api-routes';
import { USERS, startWorld, type World } from '../support/jira-world';
import { ADMIN_TOKEN } from '../support/test-app';
import { bearer, tokenFor } from '../support/tokens';

/** contract.md: /webhooks/jira (own signature), /health, /metrics, the dashboard pages `/` and `/tickets/KEY` (they hold no data), and the OpenAPI pages. */
const PUBLIC_BY_DESIGN = [
  /^POST \/webhooks\/jira$/,
  /^GET \/health$/,
  /^GET \/metrics$/,
  /^GET \/$/,
  /^GET \/tickets\/:key$/,
  /^GET \/docs(-json|-yaml|\/.*)?$/,
  // signing in and out: before there is anyone to check (test/e2e/sign-in.e2e-spec.ts)
  /^GET \/auth\/(login|callback|methods)$/,
  /^POST \/auth\/logout$/,
];

interface ExpressLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/** Every `METHOD /path` Nest mounted on Express (Express 5 keeps it at `app.router`, Express 4 at `app._router`). */
function mountedRoutes(w: World): Set<string> {
  const express = w.app.app.getHttpAdapter().getInstance() as { router?: { stack: ExpressLayer[] }; _router?: { stack: ExpressLayer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes = new Set<string>();
  for (const layer of stack) {
    if (!layer.route) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const path of paths) {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') routes.add(keyOf(method, String(path)));
      }
    }
  }
  return routes;
}

const call = (w: World, row: RouteRow, headers: Record<string, string> = {}) => callRoute(w.app.url, row, headers);

/**
 * Role × endpoint matrix (contract.md "Authentication and roles"): every /api route answers 401
 * without a token (and with an unknown one), 403 `forbidden` to each role that may not call it, and
 * neither 401 nor 403 to each role that may (any other status is fine: 400 for an empty body, 404…).
 * The table is checked against Nest's router, so a new /api route without a row here fails the suite.
 */
describe('role × endpoint matrix over every /api route', () => {
  let w: World;
  let mounted: Set<string>;
  const tokens = {} as Record<Role, string>;
  /** admin tokens that no longer work: every route must refuse them with 401, whatever its roles */
  const dead = { revoked: '', expired: '', rotatedAway: '' };
  const allowedAnswers: string[] = [];

  beforeAll(async () => {
    w = await startWorld();
    tokens.admin = ADMIN_TOKEN;
    tokens.po = await tokenFor(w.app.url, 'po');
    tokens.developer = await tokenFor(w.app.url, 'developer', USERS.dev1);
    tokens.ci = await tokenFor(w.app.url, 'ci');
    tokens.support = await tokenFor(w.app.url, 'support');
    // the developer is designated (and Ready for sprint is empty), so a pickup is refused with 404
    // queue_empty, never with the 403 not_designated that a role check could be confused with
    await request(w.app.url).put('/api/rota').set(bearer(ADMIN_TOKEN)).send({ accountId: USERS.dev1 }).expect(200);
    mounted = mountedRoutes(w);
    const admin = async (name: string) =>
      (await request(w.app.url).post('/api/tokens').set(bearer(ADMIN_TOKEN)).send({ name, role: 'admin' }).expect(201)).body as { id: string; token: string };
    const [revoked, expired, rotated] = [await admin('revoked'), await admin('expired'), await admin('rotated')];
    await request(w.app.url).delete(`/api/tokens/${revoked.id}`).set(bearer(ADMIN_TOKEN)).expect(204);
    await request(w.app.url).post(`/api/tokens/${rotated.id}/rotate`).set(bearer(ADMIN_TOKEN)).expect(200);
    const db = new pg.Pool({ connectionString: w.app.db.url, max: 1 });
    await db.query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]); // as if its days had passed
    await db.end();
    Object.assign(dead, { revoked: revoked.token, expired: expired.token, rotatedAway: rotated.token });
  });
  afterAll(async () => {
    console.log(`roles matrix: ${ROUTES.length} routes × ${ROLES.length} roles; allowed-role answers: ${allowedAnswers.join(', ')}`);
    await w?.close();
  });

  it('the table lists every /api route Nest mounted, and every listed route is mounted', () => {
    const api = [...mounted].filter((r) => r.split(' ')[1].startsWith('/api'));
    expect(api.length).toBeGreaterThan(10); // the router was read at all
    const listed = new Set(ROUTES.map((r) => keyOf(r.method, r.route)));
    expect(api.filter((r) => !listed.has(r)).sort()).toEqual([]);
    const stale = ROUTES.filter((r) => !mounted.has(keyOf(r.method, r.route))).map((r) => keyOf(r.method, r.route));
    expect(stale).toEqual([]);
  });

  it('outside /api there are only the routes that are public by design (no route escapes the token check unnoticed)', async () => {
    const outside = [...mounted].filter((r) => !r.split(' ')[1].startsWith('/api'));
    expect(outside.filter((r) => !PUBLIC_BY_DESIGN.some((p) => p.test(r))).sort()).toEqual([]);
    for (const [route, path] of [
      ['/health', '/health'],
      ['/metrics', '/metrics'],
      ['/', '/'],
      ['/tickets/:key', '/tickets/QAOPS-1'],
    ]) {
      if (mounted.has(`GET ${route}`)) expect({ path, status: (await request(w.app.url).get(path)).status }).toEqual({ path, status: 200 });
    }
  });

  it('the OpenAPI document at /docs-json lists no /api operation missing from the table', async () => {
    const doc = await request(w.app.url).get('/docs-json').expect(200);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    const listed = new Set(ROUTES.map((r) => keyOf(r.method, r.route.replace(/:(\w+)/g, '{$1}'))));
    const documented = Object.entries(paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => keyOf(m, path)),
    );
    expect(documented.filter((r) => r.split(' ')[1].startsWith('/api') && !listed.has(r)).sort()).toEqual([]);
  });

  describe.each(ROUTES.map((row) => [keyOf(row.method, row.route), row] as const))('%s', (name, row) => {
    it('401 without a token, with an unknown token and with a malformed Authorization header', async () => {
      for (const headers of [
        {},
        bearer('sfo_not-a-known-token'),
        { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
        { Authorization: 'Bearer' },
      ]) {
        const res = await call(w, row, headers);
        expect({ name, headers, status: res.status, code: res.body?.code }).toEqual({ name, headers, status: 401, code: 'unauthorized' });
      }
    });

    it.each(['revoked', 'expired', 'rotatedAway'] as const)('401 with an admin token that was %s (the old secret of a rotated one)', async (kind) => {
      const res = await call(w, row, bearer(dead[kind]));
      expect({ name, kind, status: res.status, code: res.body?.code }).toEqual({ name, kind, status: 401, code: 'unauthorized' });
      const says = { revoked: /revoked/, expired: /expired at \d{4}-/, rotatedAway: /not known/ }[kind];
      expect(res.body.message).toMatch(says);
    });

    const denied = ROLES.filter((role) => !row.allowed.includes(role));
    if (denied.length > 0) {
      it.each(denied)('403 forbidden for %s', async (role) => {
        const res = await call(w, row, bearer(tokens[role]));
        expect({ name, role, status: res.status, code: res.body?.code }).toEqual({ name, role, status: 403, code: 'forbidden' });
      });
    }

    it.each([...row.allowed])('neither 401 nor 403 for %s', async (role) => {
      const res = await call(w, row, bearer(tokens[role]));
      allowedAnswers.push(`${name} ${role}=${res.status}`);
      if (res.status === 401 || res.status === 403) {
        throw new Error(`${name} as ${role}: ${res.status} ${JSON.stringify(res.body)} (the role may call this route)`);
      }
    });
  });
});
