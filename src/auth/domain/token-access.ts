import { ok, refused, type Result } from '../../common/result.js';

/** What a stored token may still do, at `now`: pure rules, no clock of their own. */
export type TokenAccess = Result<object, 'revoked' | 'expired'>;

/** `last used` is coarse: written at most once per this interval per token, never once per request. */
export const LAST_USED_EVERY_MS = 60_000;

const DAY_MS = 86_400_000;

export function tokenAccess(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): TokenAccess {
  if (token.revokedAt) return refused('revoked', 'The API token was revoked');
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) {
    return refused('expired', `The API token expired at ${token.expiresAt.toISOString()}: ask an admin for a new one`);
  }
  return ok();
}

export function expiryOf(createdAt: Date, expiresInDays: number | undefined | null): Date | null {
  return expiresInDays ? new Date(createdAt.getTime() + expiresInDays * DAY_MS) : null;
}

/** True when the last recorded use (ms since the epoch, 0 for never) is old enough to write a new one. */
export function lastUseDue(lastRecordedMs: number, now: Date, everyMs = LAST_USED_EVERY_MS): boolean {
  return now.getTime() - lastRecordedMs >= everyMs;
}
