import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SignedRequest {
  raw: string;
  headers: Record<string, string>;
}

export function signedHeaders(raw: string, secret: string, identifier: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-hub-signature': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
    'x-atlassian-webhook-identifier': identifier,
  };
}

/**
 * The intake load: Jira's captured `jira:issue_updated` (a status transition, ~6 KB), re-aimed at
 * `issues` service desk tickets so each is stored and then processed as ordinary traffic that the
 * flow ignores. Every request gets a fresh timestamp, a fresh X-Atlassian-Webhook-Identifier and
 * its own X-Hub-Signature, like Jira sends them.
 */
export class IntakeBodies {
  private readonly tails: string[];
  private n = 0;

  constructor(
    private readonly secret: string,
    private readonly runId: string,
    project = 'SUP',
    issues = 1000,
  ) {
    const sample = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', 'bench', 'fixtures', 'jira_issue_updated.status_transition.json'), 'utf8'),
    ) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    this.tails = Array.from({ length: issues }, (_, i) => {
      const body = structuredClone(sample);
      body.issue.id = String(900_000 + i);
      body.issue.key = `${project}-${5000 + i}`;
      body.issue.self = `https://example.atlassian.net/rest/api/2/issue/${body.issue.id}`;
      body.issue.fields.project = { ...body.issue.fields.project, key: project, name: 'Support', projectTypeKey: 'service_desk' };
      const { timestamp: _ignored, ...rest } = body;
      return JSON.stringify(rest).slice(1); // `"webhookEvent":…}`: the timestamp goes in front
    });
  }

  get bytes(): number {
    return this.next().raw.length;
  }

  /** One request sent again and again: after the first, every one is a duplicate (stored once, processed once). */
  repeated(): () => SignedRequest {
    const once = this.next();
    const request = { raw: once.raw, headers: { ...once.headers, 'x-atlassian-webhook-identifier': `${this.runId}-warm-up` } };
    return () => request;
  }

  next(): SignedRequest {
    const n = this.n++;
    const raw = `{"timestamp":${Date.now()},${this.tails[n % this.tails.length]}`;
    return { raw, headers: signedHeaders(raw, this.secret, `${this.runId}-intake-${n}`) };
  }
}
