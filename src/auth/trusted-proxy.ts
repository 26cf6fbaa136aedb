import { createHmac } from 'node:crypto';
import type { Request } from 'express';
import { sameSecret } from './token.hasher.js';

/** `absent`: no proxy header (or no proxy configured); `invalid` says why the header is not believed. */
export type ProxyCheck = { result: 'absent' } | { result: 'valid'; email: string } | { result: 'invalid'; message: string };

/**
 * Behind an authenticating proxy (oauth2-proxy and the like) the signed-in email comes in a header
 * (TRUSTED_PROXY_HEADER); anyone who reaches the service directly could send it too, so it is believed
 * only with X-Proxy-Secret equal to TRUSTED_PROXY_SECRET, which the proxy adds.
 */
export function trustedProxyCheck(req: Request, proxy: { header: string; secret: string } | undefined): ProxyCheck {
  if (!proxy) return { result: 'absent' };
  const email = req.headers[proxy.header];
  if (email === undefined) return { result: 'absent' };
  const secret = req.headers['x-proxy-secret'];
  const named = `The ${proxy.header} header is believed only with X-Proxy-Secret equal to TRUSTED_PROXY_SECRET`;
  if (typeof secret !== 'string') return { result: 'invalid', message: `${named}, and the request has none` };
  if (!sameSecret(secret, proxy.secret)) return { result: 'invalid', message: `${named}, and the request's does not match` };
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
    return { result: 'invalid', message: `The ${proxy.header} header must carry one email address` };
  }
  return { result: 'valid', email: email.trim().toLowerCase() };
}

/** A person's CSRF token: bound to them, derived from the proxy's secret (nothing to store); GET /api/me hands it out. */
export function csrfTokenOf(secret: string, email: string): string {
  return createHmac('sha256', secret).update(`csrf:${email}`).digest('base64url');
}
