import type { Request } from 'express';

export const SESSION_COOKIE = 'sfo_session';

/** The session cookie's value, read from the Cookie header (no cookie parser: this is the one cookie the service reads). */
export function sessionCookieOf(req: Request): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim()) || null;
  }
  return null;
}
