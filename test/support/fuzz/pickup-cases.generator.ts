import { USERS } from '../jira-world';
import { bearer } from '../tokens';
import { FOUR_XX, type FuzzCase, type FuzzContext, type Headers } from './fuzz-case';
import { withWeirdHeaders } from './headers.generator';
import { type Gen, asciiName, headerJunk, junkBody, serialize } from './junk.generator';
import { orRefusedEarly, parsedAsServerWould } from './server.oracle';

/** POST /api/pickups cases: junk bodies from each kind of caller (the body is parsed, never read: the caller decides the answer). */
export function pickupCase(g: Gen, index: number, { tokens }: Pick<FuzzContext, 'tokens'>): FuzzCase {
  const who = g.weighted<'designated' | 'not-designated' | 'ci' | 'none' | 'unknown' | 'malformed'>([
    [5, 'designated'],
    [4, 'not-designated'],
    [2, 'ci'],
    [2, 'none'],
    [2, 'unknown'],
    [1, 'malformed'],
  ]);
  const { kind, body } = g.chance(0.2)
    ? {
        kind: 'plausible-object',
        body: serialize(g, g.pick([{ key: 'QAOPS-1' }, { force: true }, { accountId: USERS.dev2 }, { key: 'QAOPS-1', assignee: USERS.dev1 }])),
      }
    : junkBody(g, () => ({ key: 'QAOPS-1', force: true }));
  const h: Headers = {};
  if (who === 'designated') Object.assign(h, bearer(tokens.developer));
  if (who === 'not-designated') Object.assign(h, bearer(tokens.developer2));
  if (who === 'ci') Object.assign(h, bearer(tokens.ci));
  if (who === 'unknown') h.authorization = `Bearer ${g.pick([`sfo_${asciiName(g)}`, 'x'.repeat(g.int(1, 5000)), headerJunk(g) || 'y'])}`;
  if (who === 'malformed')
    h.authorization = g.pick([tokens.developer, `Token ${tokens.developer}`, `Bearer ${tokens.developer} ${tokens.developer}`, headerJunk(g)]);
  const weird = withWeirdHeaders(g, h);
  const parsed = parsedAsServerWould({ headers: weird.headers, body });
  // designated: 404 queue_empty (Ready for sprint is empty); not designated: 403 not_designated; ci: 403 forbidden
  const status = { designated: 404, 'not-designated': 403, ci: 403, none: 401, unknown: 401, malformed: 401 }[who];
  return {
    endpoint: 'pickups',
    index,
    label: `${who} ${kind}`,
    headers: weird.headers,
    body,
    chunked: g.chance(0.15),
    expected: !weird.early && parsed ? orRefusedEarly(weird, [status]) : FOUR_XX,
  };
}
