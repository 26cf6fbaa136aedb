import autocannon from 'autocannon';
import type { SignedRequest } from './intake-bodies';

export interface LoadResult {
  /** 2xx answers per second over the run */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  durationS: number;
}

/** POSTs `next()` bodies at `connections` concurrent connections for `seconds`. */
export async function postLoad(url: string, next: () => SignedRequest, connections: number, seconds: number): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const { raw, headers } = next();
          return { ...req, body: raw, headers: { ...req.headers, ...headers } };
        },
      },
    ],
  });
  return {
    rps: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    durationS: result.duration,
  };
}
