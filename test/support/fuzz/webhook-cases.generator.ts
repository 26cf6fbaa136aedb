import { SECRET, USERS } from '../jira-world';
import { FOUR_XX, type FuzzCase, type FuzzContext, type Headers } from './fuzz-case';
import { hmac, withWeirdHeaders } from './headers.generator';
import { type Gen, asciiName, asciiString, headerJunk, junk, junkBody, safeJunk, serialize, utf8 } from './junk.generator';
import { orRefusedEarly, parsedAsServerWould, parsedLoosely, storable } from './server.oracle';

/** POST /webhooks/jira cases: junk and not-quite events, signed or wrongly signed, and the signed envelopes accepted by design. */

export function realisticJiraEvent(g: Gen): Record<string, unknown> {
  const id = String(g.int(10000, 99999));
  const timestamp = 1_764_300_000_000 + g.int(0, 1e9);
  return g.pick([
    () => ({
      timestamp,
      webhookEvent: 'jira:issue_updated',
      user: { accountId: USERS.dev1 },
      issue: { id, key: `QAOPS-${id}`, fields: { summary: 's', status: { id: '3', name: 'In Progress' }, labels: ['3rd-line'] } },
      changelog: { id: '1', items: [{ field: 'status', fieldId: 'status', from: '10002', fromString: 'Ready for sprint', to: '3', toString: 'In Progress' }] },
    }),
    () => ({ timestamp, webhookEvent: 'jira:issue_created', issue: { id, key: `QAOPS-${id}`, fields: { summary: 'x' } } }),
    () => ({
      timestamp,
      webhookEvent: 'issuelink_created',
      issueLink: { id: 1, sourceIssueId: id, destinationIssueId: '2', issueLinkType: { name: 'Relates' } },
    }),
    () => ({ timestamp, webhookEvent: 'sprint_started', sprint: { id: 10, name: 'Sprint 10', originBoardId: 2 } }),
  ])();
}

/** A Jira-looking body whose webhookEvent is not a usable string. */
function notAnEvent(g: Gen): unknown {
  const event = realisticJiraEvent(g);
  const bad = g.pick<() => unknown>([
    () => undefined,
    () => 42,
    () => null,
    () => true,
    () => [],
    () => ({}),
    () => '',
    () => 'e'.repeat(g.int(201, 5000)),
    () => ['jira:issue_updated'],
    () => ({ toString: 'jira:issue_updated' }),
    () => junk(g, true, 3),
  ])();
  if (bad === undefined) delete event.webhookEvent;
  else event.webhookEvent = bad;
  if (g.chance(0.3)) {
    event.WebhookEvent = 'jira:issue_updated';
    event.webhook_event = 'jira:issue_updated';
  }
  if (g.chance(0.3)) event.issue = junk(g, true);
  return event;
}

type Signing = 'sha256' | 'sha1' | 'sha256-upper-method' | 'sha256-upper-hex' | 'token';

function signed(how: Signing, body: Buffer): Headers {
  switch (how) {
    case 'sha256':
      return { 'x-hub-signature': `sha256=${hmac('sha256', SECRET, body)}` };
    case 'sha1':
      return { 'x-hub-signature': `sha1=${hmac('sha1', SECRET, body)}` };
    case 'sha256-upper-method':
      return { 'x-hub-signature': `SHA256=${hmac('sha256', SECRET, body)}` };
    case 'sha256-upper-hex':
      return { 'x-hub-signature': `sha256=${hmac('sha256', SECRET, body).toUpperCase()}` };
    default:
      return { 'x-webhook-token': SECRET };
  }
}

/** Signatures and tokens that are wrong for sure (none of them is a valid one in disguise). */
function badSignature(g: Gen, body: Buffer): { label: string; headers: Headers } {
  const good = hmac('sha256', SECRET, body);
  const kinds: [string, () => Headers][] = [
    ['missing', () => ({})],
    ['empty', () => ({ 'x-hub-signature': '' })],
    ['wrong-secret', () => ({ 'x-hub-signature': `sha256=${hmac('sha256', `${SECRET}x`, body)}` })],
    ['other-body', () => ({ 'x-hub-signature': `sha256=${hmac('sha256', SECRET, Buffer.concat([body, utf8(' ')]))}` })],
    ['random-hex', () => ({ 'x-hub-signature': `sha256=${Array.from({ length: 64 }, () => '0123456789abcdef'[g.int(0, 15)]).join('')}` })],
    ['truncated', () => ({ 'x-hub-signature': `sha256=${good.slice(0, g.int(0, 62))}` })],
    ['no-method', () => ({ 'x-hub-signature': good })],
    ['wrong-method', () => ({ 'x-hub-signature': `${g.pick(['md5', 'sha512', 'sha-256', 'hmac', ''])}=${good}` })],
    ['sha1-length', () => ({ 'x-hub-signature': `sha1=${good}` })],
    ['non-hex', () => ({ 'x-hub-signature': `sha256=${'z'.repeat(64)}` })],
    ['garbled', () => ({ 'x-hub-signature': headerJunk(g) })],
    ['two-bad', () => ({ 'x-hub-signature': [`sha256=${'0'.repeat(64)}`, `sha256=${hmac('sha256', 'nope', body)}`] })],
    ['github-header', () => ({ 'x-hub-signature-256': `sha256=${good}` })],
    ['wrong-token', () => ({ 'x-webhook-token': g.pick([`${SECRET}x`, SECRET.toUpperCase(), SECRET.slice(1), 'secret', headerJunk(g) || 'x']) })],
    ['bad-sig-and-token', () => ({ 'x-hub-signature': `sha256=${'f'.repeat(64)}`, 'x-webhook-token': 'nope' })],
  ];
  const [label, make] = g.pick(kinds);
  return { label, headers: make() };
}

export function webhookCase(g: Gen, index: number, { seed }: Pick<FuzzContext, 'seed'>): FuzzCase {
  const base = { endpoint: 'webhooks' as const, index, chunked: g.chance(0.15) };
  const signing: Signing = g.weighted([
    [6, 'sha256'],
    [1, 'sha1'],
    [1, 'sha256-upper-method'],
    [1, 'sha256-upper-hex'],
    [2, 'token'],
  ]);
  if (g.chance(0.06)) {
    // accepted by design: a signed envelope with an event type the service ignores, and safe junk around it
    const envelope: Record<string, unknown> = { webhookEvent: `fuzz:${asciiString(g, 40).replace(/[^\x20-\x7e]/g, '')}`, timestamp: g.int(1, 2 ** 40) };
    for (let i = g.int(0, 4); i > 0; i -= 1) envelope[g.pick(['noise', 'user', 'changelog', 'matchedWebhookIds', 'extra'])] = safeJunk(g);
    const body = utf8(JSON.stringify(envelope));
    const headers: Headers = { 'content-type': g.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']), ...signed(signing, body) };
    if (g.chance(0.5)) headers['x-atlassian-webhook-identifier'] = g.chance(0.2) ? `dup-${g.int(1, 3)}` : `${seed}-${index}-${asciiName(g)}`;
    if (g.chance(0.2)) headers['x-atlassian-webhook-retry'] = String(g.int(1, 5));
    return { ...base, label: `signed(${signing}) envelope fuzz:*`, headers, body, expected: [202], acceptedByDesign: 'envelope' };
  }
  const { kind, body: raw } = g.chance(0.35) ? { kind: 'not-an-event', body: serialize(g, notAnEvent(g)) } : junkBody(g, () => realisticJiraEvent(g));
  const sign = g.chance(0.55);
  const wrong = badSignature(g, raw);
  const weird = withWeirdHeaders(g, sign ? signed(signing, raw) : wrong.headers);
  if (g.chance(0.1)) weird.headers['x-atlassian-webhook-identifier'] = headerJunk(g);
  let body = raw;
  const loose = parsedLoosely(body);
  if (sign && loose && storable(loose.value)) {
    // junk that happens to be a storable event: make it an array (never stored) and sign that instead
    body = Buffer.concat([utf8('['), raw, utf8(']')]);
    Object.assign(weird.headers, signed(signing, body));
  }
  const parsed = parsedAsServerWould({ headers: weird.headers, body });
  const expected = weird.early || !parsed ? FOUR_XX : orRefusedEarly(weird, sign ? [400] : [401]);
  return { ...base, label: `${sign ? `signed(${signing})` : `unsigned(${wrong.label})`} ${kind}`, headers: weird.headers, body, expected };
}
