/** Exponential backoff with full jitter, honouring Jira's Retry-After when it gives one. */
export function nextDelayMs(attempt: number, baseMs: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return retryAfterMs;
  const cap = Math.min(5 * 60_000, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
