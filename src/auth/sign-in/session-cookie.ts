import type { Request } from 'express';

export const SESSION_COOKIE = 'sfo_session';
/** ties a sign-in under way to the browser that started it (a callback link opened elsewhere is refused) */
export const SIGN_IN_COOKIE = 'sfo_sign_in';

/** The session cookie's value, read from the Cookie header (no cookie parser: the service reads two cookies of its own). */
export function sessionCookieOf(req: Request): string | null {
  return cookieOf(req, SESSION_COOKIE);
}

/**
 * A cookie's value. The service's values are base64url, so one that is not (badly encoded, or planted)
 * is no cookie at all; when the name comes twice (a cookie planted for a narrower path comes first),
 * the first well-formed value counts.
 */
export function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    if (/^[A-Za-z0-9_-]{16,128}$/.test(value)) return value;
  }
  return null;
}
