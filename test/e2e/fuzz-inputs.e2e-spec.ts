import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomInt } from 'node:crypto';
import pg from 'pg';
import { fuzzCases } from '../support/fuzz/case-list';
import { GITHUB_SECRET, GITLAB_TOKEN } from '../support/fuzz/fuzz-case';
import { runFuzz, summaryOf } from '../support/fuzz/fuzz.runner';
import { hmac } from '../support/fuzz/headers.generator';
import { SECRET, USERS, startWorld, waitFor, type World } from '../support/jira-world';
import { ADMIN_TOKEN } from '../support/test-app';
import { bearer, tokenFor } from '../support/tokens';

/**
 * A seeded fuzzer (issue 6, "a fuzzer sending a few thousand malformed bodies and headers"): junk to
 * POST /webhooks/jira (JIRA_WEBHOOK_SECRET set), POST /api/deployments (ci token or GitHub signature) and
 * POST /api/pickups (developer token). Every answer must be 4xx (the exact code where contract.md fixes
 * it), nothing may be stored, and /health must still answer 200.
 *
 * One class of webhook is accepted by design and counted apart: a correctly signed JSON object with a
 * string `webhookEvent` ("fuzz:…", an event type the service ignores) and junk around it must be 202 and
 * stored once, and nothing else. Deployments answered 2xx by design, storing nothing: an authorised
 * `X-GitHub-Event: ping`, and an authorised delivery the service acknowledges without reading (a GitHub
 * `deployment` event, a GitLab event other than Deployment Hook). Deployment bodies are also sent as
 * GitHub's form delivery (`payload=<json>`), and with GitLab's `X-Gitlab-Token`. Rerun a failure with FUZZ_SEED=<seed> (printed in every message).
 *
 * Inputs that currently give 5xx (product bugs) are kept out of the random generator and pinned one by one
 * as single cases at the end of this file.
 *
 * The generators (junk, headers, the three endpoints' cases), the oracle that says what the server will
 * make of a case, and the transport are in test/support/fuzz/.
 */

/** Fixed unless asked: FUZZ_SEED=<n> replays a run, FUZZ_SEED=random draws a new one (printed). */
const SEED = process.env.FUZZ_SEED === 'random' ? randomInt(2 ** 31) : Number(process.env.FUZZ_SEED ?? 20261203) >>> 0;
const CONCURRENCY = 8;
/** Sending stops here even on a slow machine; the run still counts when at least MIN_SENT went out. */
const DEADLINE_MS = 30_000;
const MIN_SENT = 1_000;

const TABLES = [
  'webhook_event',
  'deployment',
  'slot_occupancy',
  'audit_event',
  'jira_change',
  'violation',
  'ticket',
  'api_token',
  'rota_assignment',
  'data_fix',
] as const;

describe(`fuzzing /webhooks/jira, /api/deployments and /api/pickups (seed ${SEED}; rerun with FUZZ_SEED=${SEED})`, () => {
  let w: World;
  let db: pg.Client;
  const tokens: Record<string, string> = {};

  const countRows = async (): Promise<Record<string, number>> => {
    const sql = `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`;
    return (await db.query(sql)).rows[0] as Record<string, number>;
  };

  beforeAll(async () => {
    w = await startWorld({ GITHUB_WEBHOOK_SECRET: GITHUB_SECRET, GITLAB_WEBHOOK_TOKEN: GITLAB_TOKEN });
    tokens.ci = await tokenFor(w.app.url, 'ci');
    tokens.po = await tokenFor(w.app.url, 'po');
    tokens.developer = await tokenFor(w.app.url, 'developer', USERS.dev1);
    tokens.developer2 = await tokenFor(w.app.url, 'developer', USERS.dev2);
    // dev1 is designated and Ready for sprint is empty: a pickup by dev1 is 404 queue_empty and changes nothing
    const rota = await fetch(`${w.app.url}/api/rota`, {
      method: 'PUT',
      headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: USERS.dev1 }),
    });
    expect(rota.status).toBe(200);
    db = new pg.Client({ connectionString: w.app.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await w?.close();
  });

  it('a few thousand malformed bodies and headers: every answer 4xx, nothing stored, still healthy', async () => {
    const before = await countRows();
    const cases = fuzzCases({ seed: SEED, tokens });
    const run = await runFuzz(w.app.url, cases, CONCURRENCY, DEADLINE_MS);
    const { sent, failures, acceptedFresh } = run;
    const summary = summaryOf(SEED, run, DEADLINE_MS);
    console.log(summary);

    const context = `seed=${SEED} (rerun with FUZZ_SEED=${SEED})`;
    if (sent < MIN_SENT) throw new Error(`${context}: only ${sent} of ${cases.length} requests were sent within ${DEADLINE_MS} ms\n${summary}`);
    if (failures.length > 0) {
      throw new Error(`${context}: ${failures.length} unexpected answers\n${summary}\nfirst ones:\n${failures.slice(0, 15).join('\n')}`);
    }

    // nothing stored, except the signed envelopes (each once); they are processed as ignored events, writing nothing else
    await waitFor(
      'the stored envelopes to be processed',
      async () => (await db.query(`SELECT count(*)::int AS n FROM webhook_event WHERE status = 'pending'`)).rows[0].n === 0,
    );
    const after = await countRows();
    const delta = Object.fromEntries(TABLES.map((t) => [t, after[t] - before[t]]));
    expect({ context, delta }).toEqual({ context, delta: { ...Object.fromEntries(TABLES.map((t) => [t, 0])), webhook_event: acceptedFresh } });
    const stored = (await db.query(`SELECT event_type, status FROM webhook_event ORDER BY id DESC LIMIT $1`, [acceptedFresh])).rows as {
      event_type: string;
      status: string;
    }[];
    expect({ context, notEnvelopes: stored.filter((r) => !r.event_type.startsWith('fuzz:') || r.status !== 'ignored') }).toEqual({ context, notEnvelopes: [] });

    const health = await fetch(`${w.app.url}/health`);
    expect({ context, health: health.status }).toEqual({ context, health: 200 });
  }, 90_000);

  /** Inputs the fuzzer once got a 500 for: each is now refused with 400 and stores nothing. */
  describe('inputs that used to reach the database and fail there', () => {
    const postSigned = async (text: string) => {
      const res = await fetch(`${w.app.url}/webhooks/jira`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature': `sha256=${hmac('sha256', SECRET, text)}` },
        body: text,
      });
      return { status: res.status, body: await res.text() };
    };
    const postDeployment = async (body: unknown) => {
      const res = await fetch(`${w.app.url}/api/deployments`, {
        method: 'POST',
        headers: { ...bearer(tokens.ci), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.text() };
    };
    const notServerError = (answer: { status: number; body: string }) => {
      expect([answer.status, answer.body.slice(0, 200)]).toEqual([400, expect.any(String)]);
    };

    it('webhook: an object where issue.id should be (with a "toString" key) is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"jira:issue_updated","timestamp":1,"issue":{"id":{"toString":1},"key":"QAOPS-1"}}'));
    });
    it('webhook: an object as timestamp (with "toString"/"valueOf" keys) is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"fuzz:bug","timestamp":{"toString":1}}'));
    });
    it('webhook: a timestamp beyond bigint (1e20) is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"fuzz:bug-ts","timestamp":1e20}'));
    });
    it('webhook: "\\u0000" in any string of the body is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"fuzz:bug-nul","timestamp":1,"x":"a\\u0000b"}'));
    });
    it('webhook: "\\u0000" in webhookEvent is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"fuzz:\\u0000","timestamp":1}'));
    });
    it('webhook: a lone surrogate ("\\ud800") in a string is refused with 400', async () => {
      notServerError(await postSigned('{"webhookEvent":"fuzz:bug-surrogate","timestamp":1,"x":"\\ud800"}'));
    });
    it('webhook: 20,000 levels of nesting in a signed event is refused with 400', async () => {
      notServerError(await postSigned(`{"webhookEvent":"fuzz:bug-deep","timestamp":1,"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`));
    });
    it('deployments: "\\u0000" in id is refused with 400', async () => {
      notServerError(await postDeployment({ id: 'bug-nul\u0000', environment: 'QA', status: 'failed' }));
    });
    it('deployments: a lone surrogate in id is refused with 400', async () => {
      notServerError(await postDeployment({ id: 'bug-surrogate\ud800', environment: 'QA', status: 'failed' }));
    });
  });
});
