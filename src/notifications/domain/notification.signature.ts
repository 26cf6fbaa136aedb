import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Orchestrator-Signature';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the same scheme as Jira's and GitHub's webhooks. */
export function signature(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}
