import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { SECRET, STATUS, USERS, startWorld, waitFor, type World, seedBug } from '../support/jira-world';
import { ADMIN_TOKEN } from '../support/test-app';
import { tokenFor } from '../support/tokens';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface AuditEvent {
  type: string;
  actor: string | null;
  data: Json;
}
interface Change {
  kind: string;
  status: string;
  attempts: number;
  error: string | null;
  outcome: string | null;
}
interface TicketView {
  ticket: { status: string; statusId: string; column: string } | null;
  auditEvents: AuditEvent[];
  jiraChanges: { pending: Change[]; failed: Change[]; done: Change[] };
}

const sign = (raw: string | Buffer, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
const RULE_TEXT = 'only the top-ranked ticket of Ready for sprint may be picked up';

/** The Jira layer: webhook intake (signature, limits, dedupe, order, quarantine) and the outbox under Jira's faults. */
describe('the Jira layer against the Jira simulator', () => {
  let w: World;
  let db: pg.Pool;
  const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

  /** POST /webhooks/jira with the raw bytes given, signed with the secret unless headers say otherwise. */
  const deliver = (body: unknown, headers: Record<string, string> = {}) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(w.app.url).post('/webhooks/jira').set('Content-Type', 'application/json');
    const all = { 'X-Hub-Signature': sign(raw), ...headers };
    for (const [k, v] of Object.entries(all)) if (v !== '') req.set(k, v);
    return req.send(raw);
  };
  const ticket = async (key: string): Promise<TicketView> => (await request(w.app.url).get(`/api/tickets/${key}`).set(auth).expect(200)).body as TicketView;
  const ticketOrNull = async (key: string): Promise<TicketView | null> => {
    const res = await request(w.app.url).get(`/api/tickets/${key}`).set(auth);
    return res.status === 200 ? (res.body as TicketView) : null;
  };
  const webhookRows = async (): Promise<number> => Number((await db.query('SELECT count(*) AS n FROM webhook_event')).rows[0].n);
  const rowsByIdentifier = async (id: string) =>
    (await db.query('SELECT status, error FROM webhook_event WHERE dedupe_key = $1', [`id:${id}`])).rows as { status: string; error: string | null }[];

  /** The service learns a ticket (it is on the QA/Operations board) from a harmless edit in Jira. */
  const track = async (key: string, statusId: string) => {
    seedBug(w.sim, { key, summary: `bug ${key}`, statusId });
    w.sim.editIssue(key, { summary: `bug ${key} (edited)` }, USERS.po);
    await waitFor(`${key} to be tracked`, async () => (await ticketOrNull(key))?.ticket?.statusId === statusId);
    await w.settled();
  };

  /** Makes changes in Jira without delivering their webhooks; returns the bodies Jira generated, in order. */
  const undelivered = async (change: () => void): Promise<Json[]> => {
    await w.settled();
    w.sim.setWebhookUrl(undefined);
    const before = w.sim.emitted().length;
    try {
      change();
    } finally {
      w.sim.setWebhookUrl(`${w.app.url}/webhooks/jira`);
    }
    return w.sim.emitted().slice(before) as Json[];
  };

  beforeAll(async () => {
    // a small backoff base: after five failures the backoff (at most 10 ms × 2^5 = 320 ms) stays well below Retry-After: 1
    w = await startWorld({ OUTBOX_BASE_DELAY_MS: '10' });
    db = new pg.Pool({ connectionString: w.app.db.url, max: 2 });
    db.on('error', () => undefined); // an idle client dropped by the server must not crash the run
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
  });

  describe('signature and body checks', () => {
    const harmless = () => ({ timestamp: Date.now(), webhookEvent: 'user_updated', user: { accountId: USERS.dev2 }, nonce: randomUUID() });

    it('a body signed with X-Hub-Signature sha256=<hmac of the raw body> is accepted with 202 {duplicate:false} and stored', async () => {
      const before = await webhookRows();
      const res = await deliver(harmless()).expect(202);
      expect(res.body).toEqual({ duplicate: false });
      expect(await webhookRows()).toBe(before + 1);
    });

    it('the secret itself in X-Webhook-Token (Jira Automation) is accepted with 202', async () => {
      const before = await webhookRows();
      const res = await deliver(harmless(), { 'X-Hub-Signature': '', 'X-Webhook-Token': SECRET }).expect(202);
      expect(res.body).toEqual({ duplicate: false });
      expect(await webhookRows()).toBe(before + 1);
    });

    it('a wrong signature, a signature over other bytes, a wrong token or no signature at all is refused with 401 invalid_signature and nothing is stored', async () => {
      const before = await webhookRows();
      const body = JSON.stringify(harmless());
      const refused = [
        await deliver(body, { 'X-Hub-Signature': sign(body, 'not-the-secret') }),
        await deliver(body, { 'X-Hub-Signature': sign(`${body} `) }),
        await deliver(body, { 'X-Hub-Signature': 'sha256=zz' }),
        await deliver(body, { 'X-Hub-Signature': '', 'X-Webhook-Token': 'not-the-secret' }),
        await deliver(body, { 'X-Hub-Signature': '' }),
      ];
      for (const res of refused) {
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('invalid_signature');
      }
      expect(await webhookRows()).toBe(before);
    });

    it('a body over 1 MiB is refused with 413, a non-JSON body with 400, JSON without a string webhookEvent with 400 not_a_jira_event; nothing is stored', async () => {
      const before = await webhookRows();
      const big = JSON.stringify({ ...harmless(), padding: 'x'.repeat(1024 * 1024 + 16) });
      expect((await deliver(big)).status).toBe(413);
      const notJson = await deliver('this is not json {', { 'Content-Type': 'text/plain' });
      expect(notJson.status).toBe(400);
      const array = await deliver([{ webhookEvent: 'jira:issue_updated' }]);
      expect(array.status).toBe(400);
      for (const body of [{ timestamp: Date.now(), issue: { id: '1' } }, { timestamp: Date.now(), webhookEvent: 42 }, { webhookEvent: '' }]) {
        const res = await deliver(body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('not_a_jira_event');
      }
      expect(await webhookRows()).toBe(before);
    });
  });

  describe('the same webhook twice is applied once', () => {
    beforeAll(async () => {
      await track('QAOPS-32', STATUS.triage);
      await track('QAOPS-35', STATUS.ready); // its own ticket for the twice-delivered moves, already in Ready as they need
    });

    it('a repeat with the same X-Atlassian-Webhook-Identifier answers {duplicate:true} and changes nothing', async () => {
      const [body] = await undelivered(() => w.sim.transition('QAOPS-32', STATUS.ready, USERS.po));
      const id = randomUUID();
      expect((await deliver(body, { 'X-Atlassian-Webhook-Identifier': id }).expect(202)).body).toEqual({ duplicate: false });
      await waitFor('QAOPS-32 to be Ready for sprint', async () => (await ticket('QAOPS-32')).ticket?.statusId === STATUS.ready);
      expect((await deliver(body, { 'X-Atlassian-Webhook-Identifier': id, 'X-Atlassian-Webhook-Retry': '1' }).expect(202)).body).toEqual({ duplicate: true });
      await new Promise((r) => setTimeout(r, 700)); // more than a processor poll: a second application would show now
      const applied = (await ticket('QAOPS-32')).auditEvents.filter((e) => e.type === 'ticket.status_changed' && e.data.jiraTimestamp === body.timestamp);
      expect(applied).toHaveLength(1);
      expect(await rowsByIdentifier(id)).toHaveLength(1);
    });

    it('without an identifier the body hash is the dedupe key', async () => {
      const [body] = await undelivered(() => w.sim.editIssue('QAOPS-32', { summary: 'Totals rounded wrong' }, USERS.po));
      const raw = JSON.stringify(body);
      expect((await deliver(raw).expect(202)).body).toEqual({ duplicate: false });
      expect((await deliver(raw).expect(202)).body).toEqual({ duplicate: true });
      await waitFor('the edit to be applied', async () => (await ticket('QAOPS-32')).auditEvents.some((e) => e.data.jiraTimestamp === body.timestamp));
      await new Promise((r) => setTimeout(r, 700));
      expect((await ticket('QAOPS-32')).auditEvents.filter((e) => e.data.jiraTimestamp === body.timestamp)).toHaveLength(1);
    });

    it('Jira delivering every webhook twice (the simulator’s duplicates) still applies each change once', async () => {
      await w.settled();
      const from = w.sim.deliveries.length;
      w.sim.setDelivery({ duplicateRate: 1 });
      try {
        w.sim.transition('QAOPS-35', STATUS.triage, USERS.po);
        w.sim.transition('QAOPS-35', STATUS.ready, USERS.po);
        await w.settled();
      } finally {
        w.sim.setDelivery({});
      }
      // the PO's two moves (the service's own reactions to them are delivered twice too, but are not what is counted)
      const deliveries = w.sim.deliveries.slice(from).filter((d) => ((d.body as Json).user as Json | undefined)?.accountId === USERS.po);
      expect(deliveries).toHaveLength(4);
      expect(deliveries.filter((d) => d.duplicate)).toHaveLength(2);
      expect(deliveries.every((d) => d.status === 202)).toBe(true);
      const timestamps = [...new Set(deliveries.map((d) => (d.body as Json).timestamp as number))];
      expect(timestamps).toHaveLength(2);
      await waitFor('both moves to be applied', async () => {
        const t = await ticket('QAOPS-35');
        return timestamps.every((ts) => t.auditEvents.some((e) => e.data.jiraTimestamp === ts));
      });
      await new Promise((r) => setTimeout(r, 700));
      const t = await ticket('QAOPS-35');
      for (const ts of timestamps) expect(t.auditEvents.filter((e) => e.type === 'ticket.status_changed' && e.data.jiraTimestamp === ts)).toHaveLength(1);
      expect(t.ticket?.statusId).toBe(STATUS.ready);
      const rows = await db.query('SELECT count(*) AS n FROM webhook_event WHERE dedupe_key = ANY($1)', [[...new Set(deliveries.map((d) => `id:${d.id}`))]]);
      expect(Number(rows.rows[0].n)).toBe(2);
    });
  });

  describe('order: an older event never undoes a newer one', () => {
    beforeAll(async () => {
      await track('QAOPS-31', STATUS.triage);
      await track('QAOPS-34', STATUS.triage);
    });

    it('a status event older than the one already applied is recorded as webhook.stale_ignored and the ticket keeps the newer status', async () => {
      const [older, newer] = await undelivered(() => {
        w.sim.transition('QAOPS-31', STATUS.ready, USERS.po);
        w.sim.transition('QAOPS-31', STATUS.inReview, USERS.dev2);
      });
      expect(older.timestamp).toBeLessThan(newer.timestamp);
      expect(newer.changelog.items.find((i: Json) => i.fieldId === 'status').to).toBe(STATUS.inReview);
      await deliver(newer, { 'X-Atlassian-Webhook-Identifier': randomUUID() }).expect(202);
      await waitFor('QAOPS-31 to be In Review', async () => (await ticket('QAOPS-31')).ticket?.statusId === STATUS.inReview);
      await deliver(older, { 'X-Atlassian-Webhook-Identifier': randomUUID() }).expect(202);
      const t = (await waitFor('the stale event to be recorded', async () => {
        const view = await ticket('QAOPS-31');
        return view.auditEvents.some((e) => e.type === 'webhook.stale_ignored') ? view : null;
      }))!;
      expect(t.ticket).toMatchObject({ statusId: STATUS.inReview, status: 'In Review' });
      const stale = t.auditEvents.filter((e) => e.type === 'webhook.stale_ignored');
      expect(stale).toHaveLength(1);
      expect(stale[0].data).toMatchObject({ jiraTimestamp: older.timestamp, toId: STATUS.ready });
    });

    it('two events delivered back to back in reverse order leave the ticket in the newer status', async () => {
      const [older, newer] = await undelivered(() => {
        w.sim.transition('QAOPS-34', STATUS.ready, USERS.po);
        w.sim.transition('QAOPS-34', STATUS.inReview, USERS.dev2);
      });
      await Promise.all([
        deliver(newer, { 'X-Atlassian-Webhook-Identifier': randomUUID() }).expect(202),
        deliver(older, { 'X-Atlassian-Webhook-Identifier': randomUUID() }).expect(202),
      ]);
      await waitFor('both events to be processed', async () => {
        const rows = await db.query(`SELECT count(*) AS n FROM webhook_event WHERE order_key = $1 AND jira_timestamp IN ($2, $3) AND status = 'processed'`, [
          `issue:${newer.issue.id}`,
          older.timestamp,
          newer.timestamp,
        ]);
        return Number(rows.rows[0].n) === 2;
      });
      expect((await ticket('QAOPS-34')).ticket?.statusId).toBe(STATUS.inReview);
    });
  });

  describe('quarantine', () => {
    beforeAll(async () => {
      await track('QAOPS-33', STATUS.triage);
    });

    it('malformed jira:issue_updated events are accepted, quarantined with their reason, and the next event of the issue is still applied', async () => {
      const issue = w.sim.issue('QAOPS-33')!;
      const withoutFields = {
        timestamp: Date.now(),
        webhookEvent: 'jira:issue_updated',
        user: { accountId: USERS.po },
        issue: { id: issue.id, key: 'QAOPS-33' },
        changelog: { id: '1', items: [] },
      };
      const [real] = await undelivered(() => w.sim.editIssue('QAOPS-33', { summary: 'still a bug' }, USERS.po));
      const statusWithoutTo = {
        ...real,
        timestamp: Date.now(),
        changelog: {
          id: '2',
          items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: STATUS.triage, fromString: 'Triage', toString: 'Ready for sprint' }],
        },
      };
      const ids = [randomUUID(), randomUUID()];
      expect((await deliver(withoutFields, { 'X-Atlassian-Webhook-Identifier': ids[0] }).expect(202)).body).toEqual({ duplicate: false });
      expect((await deliver(statusWithoutTo, { 'X-Atlassian-Webhook-Identifier': ids[1] }).expect(202)).body).toEqual({ duplicate: false });
      for (const [id, reason] of [
        [ids[0], 'issue.fields is missing'],
        [ids[1], 'the status change has no "to" status id'],
      ]) {
        const [row] = (await waitFor(
          `webhook ${id} to be quarantined`,
          async () => {
            const rows = await rowsByIdentifier(id);
            return rows[0]?.status === 'quarantined' ? rows : null;
          },
          5_000,
        ))!;
        expect(row.error).toContain(reason);
      }
      w.sim.transition('QAOPS-33', STATUS.ready, USERS.po);
      await waitFor('the next event to be applied', async () => (await ticket('QAOPS-33')).ticket?.statusId === STATUS.ready, 5_000);
      const t = await ticket('QAOPS-33');
      expect(t.auditEvents.filter((e) => e.type === 'webhook.quarantined')).toHaveLength(2);
    });
  });

  describe('the outbox under Jira faults', () => {
    let po: string;
    beforeAll(async () => {
      for (const key of ['QAOPS-41', 'QAOPS-42', 'QAOPS-43', 'QAOPS-44']) seedBug(w.sim, { key, summary: `bug ${key}`, statusId: STATUS.ready });
      po = await tokenFor(w.app.url, 'po');
      await request(w.app.url)
        .put('/api/rota')
        .set({ Authorization: `Bearer ${po}` })
        .send({ accountId: USERS.dev1 })
        .expect(200);
    });

    const settled = async (key: string): Promise<TicketView> =>
      (await waitFor(`the changes of ${key} to settle`, async () => {
        const t = await ticket(key);
        const finished = t.auditEvents.filter((e) => e.type === 'jira.change_done' || e.type === 'jira.change_failed').length;
        return t.jiraChanges.done.length + t.jiraChanges.failed.length >= 2 && t.jiraChanges.pending.length === 0 && finished >= 2 ? t : null;
      }))!;

    it('five 503s and a 429 with Retry-After: 1 on the writes: the revert and its comment land exactly once', async () => {
      const writes = { method: 'POST', pathIncludes: '/rest/api/3/issue/QAOPS-42/' };
      w.sim.failNext(5, { status: 503, match: writes });
      w.sim.failNext(1, { status: 429, retryAfterSeconds: 1, match: writes });
      const from = w.sim.requests.length;
      w.sim.transition('QAOPS-42', STATUS.inProgress, USERS.dev1); // not the top-ranked ticket: a violation
      await waitFor('QAOPS-42 to be moved back to Ready', () => w.sim.issue('QAOPS-42')?.statusId === STATUS.ready, 12_000);
      const t = await settled('QAOPS-42');
      await w.settled();
      expect(w.sim.writes({ pathIncludes: '/issue/QAOPS-42/transitions' })).toHaveLength(1);
      expect(w.sim.comments('QAOPS-42').filter((c) => c.text.includes(RULE_TEXT))).toHaveLength(1);
      expect(t.jiraChanges.failed).toEqual([]);
      expect(t.jiraChanges.done.map((c) => c.kind).sort()).toEqual(['comment', 'transition']);
      // every fault was served, and the retry after the 429 waited for its Retry-After
      const posts = w.sim.requests.slice(from).filter((r) => r.method === 'POST' && r.path.includes('/issue/QAOPS-42/'));
      expect(posts.filter((r) => r.status === 503)).toHaveLength(5);
      const limited = posts.findIndex((r) => r.status === 429);
      expect(limited).toBeGreaterThanOrEqual(0);
      expect(posts[limited + 1].at - posts[limited].at).toBeGreaterThanOrEqual(950);
      const violations = await request(w.app.url)
        .get('/api/violations')
        .set({ Authorization: `Bearer ${po}` })
        .expect(200);
      expect(violations.body.filter((v: Json) => v.ticketKey === 'QAOPS-42')).toHaveLength(1);
    });

    it('responses lost after Jira applied the change (503 after the write) are not repeated', async () => {
      const writes = { method: 'POST', pathIncludes: '/rest/api/3/issue/QAOPS-43/' };
      w.sim.failNext(2, { status: 503, applied: true, match: writes });
      w.sim.transition('QAOPS-43', STATUS.inProgress, USERS.dev1);
      const t = await settled('QAOPS-43');
      await w.settled();
      expect(w.sim.issue('QAOPS-43')?.statusId).toBe(STATUS.ready);
      expect(w.sim.writes({ pathIncludes: '/issue/QAOPS-43/transitions' })).toHaveLength(1);
      expect(w.sim.comments('QAOPS-43').filter((c) => c.text.includes(RULE_TEXT))).toHaveLength(1);
      expect(t.jiraChanges.done.map((c) => c.outcome).sort()).toEqual(['already_done', 'already_done']);
    });

    it('a change Jira refuses for good (400 with errorMessages) is marked failed with Jira’s reason on the ticket', async () => {
      w.sim.failNext(1, {
        status: 400,
        body: { errorMessages: ['Comment body exceeds the 32767 character limit of this field.'], errors: {} },
        match: { method: 'POST', pathIncludes: '/rest/api/3/issue/QAOPS-44/comment' },
      });
      w.sim.transition('QAOPS-44', STATUS.inProgress, USERS.dev1);
      const t = await settled('QAOPS-44');
      expect(t.jiraChanges.failed).toHaveLength(1);
      expect(t.jiraChanges.failed[0]).toMatchObject({ kind: 'comment', status: 'failed', attempts: 1 });
      expect(t.jiraChanges.failed[0].error).toContain('Comment body exceeds the 32767 character limit of this field.');
      expect(t.jiraChanges.failed[0].error).toContain('400');
      expect(t.auditEvents.filter((e) => e.type === 'jira.change_failed')).toHaveLength(1);
      expect(w.sim.comments('QAOPS-44')).toHaveLength(0);
      expect(w.sim.issue('QAOPS-44')?.statusId).toBe(STATUS.ready); // the revert before it still landed
    });
  });
});
