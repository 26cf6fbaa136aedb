import { createHmac, timingSafeEqual } from 'node:crypto';

/** `X-Hub-Signature: sha256=<hex>` over the raw body, compared in constant time. */
export function validSignature(header: string | undefined, rawBody: Buffer, secret: string): boolean {
  if (!header) return false;
  const [method, hex] = header.split('=', 2);
  if (!hex || !/^[0-9a-f]+$/i.test(hex) || !['sha256', 'sha1'].includes(method.toLowerCase())) return false;
  const expected = createHmac(method.toLowerCase(), secret).update(rawBody).digest();
  const given = Buffer.from(hex, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function validToken(header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const a = createHmac('sha256', 'token').update(header).digest();
  const b = createHmac('sha256', 'token').update(secret).digest();
  return timingSafeEqual(a, b);
}
