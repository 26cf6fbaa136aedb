import { nextDelayMs } from '../../common/retry.policy.js';

/** What a receiver's answer means for the notification: sent, try again later, or give up. */
export type Delivery = { status: number; retryAfter: string | null } | { networkError: string };

export type Verdict = { outcome: 'done' } | { outcome: 'retry'; delayMs: number; error: string } | { outcome: 'failed'; error: string };

const RETRYABLE = new Set([408, 425, 429]);

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * 2xx is done; a network error, 408, 425, 429 and 5xx are retried with backoff (Retry-After wins)
 * until `maxAttempts`; any other answer (a wrong or revoked URL) fails at once.
 */
export function verdictOf(d: Delivery, attempt: number, policy: { maxAttempts: number; baseDelayMs: number }, now: Date, random?: () => number): Verdict {
  if ('status' in d && d.status >= 200 && d.status < 300) return { outcome: 'done' };
  const error = 'networkError' in d ? d.networkError : `the receiver answered ${d.status}`;
  const retryable = 'networkError' in d || d.status >= 500 || RETRYABLE.has(d.status);
  if (!retryable || attempt >= policy.maxAttempts) return { outcome: 'failed', error };
  const after = 'status' in d ? retryAfterMs(d.retryAfter, now) : null;
  return { outcome: 'retry', delayMs: nextDelayMs(attempt, policy.baseDelayMs, after, random), error };
}
