/** What a stored token may still do, at `now`: pure rules, no clock of their own. */
export type TokenAccess = { ok: true } | { ok: false; reason: 'revoked' | 'expired'; message: string };

/** `last used` is coarse: written at most once per this interval per token, never once per request. */
export const LAST_USED_EVERY_MS = 60_000;

const DAY_MS = 86_400_000;

export function tokenAccess(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): TokenAccess {
  if (token.revokedAt) return { ok: false, reason: 'revoked', message: 'The API token was revoked' };
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) {
    return { ok: false, reason: 'expired', message: `The API token expired at ${token.expiresAt.toISOString()}: ask an admin for a new one` };
  }
  return { ok: true };
}

export function expiryOf(createdAt: Date, expiresInDays: number | undefined | null): Date | null {
  return expiresInDays ? new Date(createdAt.getTime() + expiresInDays * DAY_MS) : null;
}

/** True when the last recorded use (ms since the epoch, 0 for never) is old enough to write a new one. */
export function lastUseDue(lastRecordedMs: number, now: Date, everyMs = LAST_USED_EVERY_MS): boolean {
  return now.getTime() - lastRecordedMs >= everyMs;
}
