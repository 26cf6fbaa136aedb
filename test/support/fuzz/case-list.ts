import { SECRET } from '../jira-world';
import { bearer } from '../tokens';
import { prng } from '../chaos';
import { deploymentCase } from './deployment-cases.generator';
import { COUNTS, ENDPOINTS, type FuzzCase, type FuzzContext, type Headers, MIB } from './fuzz-case';
import { hmac } from './headers.generator';
import { Gen, genFor } from './junk.generator';
import { pickupCase } from './pickup-cases.generator';
import { webhookCase } from './webhook-cases.generator';

/**
 * Every case of a run, in a seeded order that interleaves the endpoints. Each is made when it is sent
 * (a few are over 1 MiB), from its own Gen: the same seed gives the same cases whatever the concurrency.
 */
export function fuzzCases(ctx: FuzzContext): (() => FuzzCase)[] {
  const { seed, tokens } = ctx;
  const cases: (() => FuzzCase)[] = [];
  for (const endpoint of ENDPOINTS) {
    for (let i = 0; i < COUNTS[endpoint]; i += 1) {
      cases.push(() => {
        const g = genFor(seed, endpoint, i);
        if (i % 300 === 150) {
          // over 1 MiB, a few times per endpoint: 413 before anything else
          const size = MIB + g.int(1, 200_000);
          const body = Buffer.alloc(size, 0x20);
          body.write(`{"webhookEvent":"jira:issue_updated","id":"x","environment":"D","status":"successful","pad":"`, 0);
          body.write('"}', size - 2);
          const headers: Headers =
            endpoint === 'webhooks'
              ? { 'x-hub-signature': `sha256=${hmac('sha256', SECRET, body)}` }
              : bearer(endpoint === 'pickups' ? tokens.developer : tokens.ci);
          return {
            endpoint,
            index: i,
            label: 'oversized',
            headers: { ...headers, 'content-type': 'application/json' },
            body,
            chunked: g.chance(0.5),
            expected: [413],
          };
        }
        return endpoint === 'webhooks' ? webhookCase(g, i, ctx) : endpoint === 'deployments' ? deploymentCase(g, i, ctx) : pickupCase(g, i, ctx);
      });
    }
  }
  // interleave the endpoints in a seeded order
  const order = new Gen(prng(seed));
  for (let i = cases.length - 1; i > 0; i -= 1) {
    const j = order.int(0, i);
    [cases[i], cases[j]] = [cases[j], cases[i]];
  }
  return cases;
}
