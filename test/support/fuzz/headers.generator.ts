import { createHmac } from 'node:crypto';
import type { Headers } from './fuzz-case';
import { type Gen, asciiName, headerJunk } from './junk.generator';

/**
 * Headers that make the server refuse the request before the route (431, 417) or change how the body
 * is read. `early`: certainly refused before the app; `nearLimit`: the header section is close to
 * Node's 16 KiB limit, which counts bytes this estimate does not see, so either answer is right.
 */
export function withWeirdHeaders(g: Gen, headers: Headers): { headers: Headers; early: boolean; nearLimit: boolean } {
  const out: Headers = { ...headers };
  let early = false;
  if (g.chance(0.5)) {
    out['content-type'] = g.pick([
      'application/json',
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=zz',
      'application/xml',
      'application/json; charset=utf-8',
      'application/json; charset=UTF-8',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/json; charset=',
      ';;;',
      '*/*',
      'application/\x80\xff',
      'x'.repeat(3000),
    ]);
  }
  if (g.chance(0.05)) out['content-encoding'] = g.pick(['gzip', 'deflate', 'br', 'identity', 'x-junk', 'gzip, gzip', '\xe9']);
  for (
    let i = g.weighted([
      [6, 0],
      [3, 2],
      [1, 12],
    ]);
    i > 0;
    i -= 1
  )
    out[`x-fuzz-${asciiName(g)}`] = headerJunk(g);
  if (g.chance(0.03)) out['x-atlassian-webhook-retry'] = headerJunk(g);
  if (g.chance(0.006)) out['x-huge'] = 'h'.repeat(g.int(17_000, 40_000)); // over Node's 16 KiB header limit: 431
  // over Node's 16 KiB limit for the whole header section: 431 before the app sees it; near it: either
  const headerBytes = Object.entries(out).reduce((n, [k, v]) => n + k.length + 4 + (Array.isArray(v) ? v.join('').length + 4 * v.length : v.length), 0);
  if (headerBytes > 16_384) early = true;
  const nearLimit = !early && headerBytes > 12_000;
  if (g.chance(0.004)) {
    out.expect = g.pick(['x-junk', '101-switch']); // 417
    early = true;
  }
  return { headers: out, early, nearLimit };
}

export const hmac = (algorithm: string, secret: string, body: Buffer | string) => createHmac(algorithm, secret).update(body).digest('hex');
