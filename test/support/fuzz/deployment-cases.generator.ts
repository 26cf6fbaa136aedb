import { normalizeDeployment } from '../../../src/deployments/domain/deployment.normalizer';
import { bearer } from '../tokens';
import { FOUR_XX, type FuzzCase, type FuzzContext, GITHUB_SECRET, GITLAB_TOKEN, type Headers } from './fuzz-case';
import { hmac, withWeirdHeaders } from './headers.generator';
import { type Gen, POISON_STRINGS, asciiName, headerJunk, junk, junkBody, serialize, utf8 } from './junk.generator';
import { formPayload, isIgnored, orRefusedEarly, parsedAsServerWould, parsedLoosely } from './server.oracle';

/** POST /api/deployments cases: the four body shapes broken in 1–3 places, or junk, with every kind of caller. */

/** GitHub's form delivery of a JSON value: payload=<percent-encoded UTF-8 of the JSON> (lone surrogates become U+FFFD, as in UTF-8). */
function formBody(value: unknown): Buffer {
  const bytes = Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
  const encoded = [...bytes]
    .map((b) => (/[A-Za-z0-9*_.-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`))
    .join('');
  return utf8(`payload=${encoded}`);
}

function nativeDeployment(g: Gen): Record<string, unknown> {
  return {
    id: `fuzz-${g.int(1, 1e9)}`,
    environment: g.pick(['D', 'd', 'QA', 'prod']),
    status: g.pick(['successful', 'failed', 'in_progress', 'cancelled']),
    issueKeys: ['QAOPS-1'],
    commits: [{ sha: '9f1c2e7', message: 'QAOPS-1 fix' }],
    url: 'https://ci.example/1',
    branch: 'bugfix/QAOPS-1',
  };
}

function githubDeployment(g: Gen): Record<string, unknown> {
  return {
    action: 'created',
    deployment_status: {
      id: g.int(1, 1e6),
      state: g.pick(['success', 'failure', 'error', 'pending']),
      environment: 'D',
      target_url: 'https://ci.example/run/1',
    },
    deployment: { id: g.int(1, 1e6), ref: 'bugfix/QAOPS-1', environment: 'D', description: null, payload: {} },
  };
}

function jiraDeployments(g: Gen): Record<string, unknown> {
  return {
    deployments: [
      {
        deploymentSequenceNumber: g.int(1, 1e6),
        updateSequenceNumber: 1,
        state: 'successful',
        displayName: 'deploy',
        url: 'https://ci.example/12',
        pipeline: { id: 'deploy-d', displayName: 'deploy D', url: 'https://ci.example' },
        environment: { id: 'env-d', displayName: 'D', type: 'testing' },
        associations: [{ associationType: g.pick(['issueKeys', 'issueIdOrKeys']), values: ['QAOPS-1'] }],
      },
    ],
  };
}

function gitlabDeployment(g: Gen): Record<string, unknown> {
  return {
    object_kind: 'deployment',
    status: g.pick(['success', 'failed', 'running', 'canceled']),
    status_changed_at: '2021-04-28 21:50:00 +0200',
    deployment_id: g.int(1, 1e6),
    deployable_id: 796,
    deployable_url: 'https://gitlab.example/acme/flight/-/jobs/796',
    environment: g.pick(['D', 'staging']),
    environment_tier: g.pick(['development', 'staging', 'other']),
    project: { id: 30, path_with_namespace: 'acme/flight' },
    short_sha: '279484c0',
    commit_url: 'https://gitlab.example/acme/flight/-/commit/279484c0',
    commit_title: 'QAOPS-1 fix',
    ref: 'main',
  };
}

/** Breaks a deployment body in 1–3 places, at any depth. */
function breakDeployment(g: Gen, body: Record<string, unknown>): unknown {
  const wrong = () =>
    g.pick<() => unknown>([
      () => undefined,
      () => null,
      () => '',
      () => '   ',
      () => 42,
      () => -1,
      () => 1.5,
      () => true,
      () => [],
      () => ({}),
      () => 'x'.repeat(g.int(201, 3000)),
      () => junk(g, true),
      () => 'SUCCESS',
      () => 'done',
      () => g.pick(POISON_STRINGS),
    ])();
  const holders = (o: unknown, path: string[] = []): [Record<string, unknown>, string][] => {
    if (!o || typeof o !== 'object') return [];
    return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => [
      [o as Record<string, unknown>, k] as [Record<string, unknown>, string],
      ...holders(v, [...path, k]),
    ]);
  };
  for (let i = g.int(1, 3); i > 0; i -= 1) {
    const all = holders(body);
    if (all.length === 0) break;
    const [owner, key] = g.pick(all);
    const value = wrong();
    if (value === undefined) delete owner[key];
    else owner[key] = value;
  }
  if (g.chance(0.1)) for (let i = g.int(1, 200); i > 0; i -= 1) (body.commits as unknown[] | undefined)?.push?.(junk(g, true, 3));
  return body;
}

export function deploymentCase(g: Gen, index: number, { seed, tokens }: FuzzContext): FuzzCase {
  const shape = g.weighted<'native' | 'github' | 'jira' | 'gitlab' | 'junk'>([
    [3, 'native'],
    [3, 'github'],
    [2, 'jira'],
    [2, 'gitlab'],
    [3, 'junk'],
  ]);
  const make = { native: nativeDeployment, github: githubDeployment, jira: jiraDeployments, gitlab: gitlabDeployment, junk: undefined }[shape];
  // a structured body is sometimes sent as GitHub's form delivery, payload=<json>
  const asForm = make !== undefined && g.chance(0.12);
  const value = make ? breakDeployment(g, make(g)) : undefined;
  const { kind, body: initial } = make
    ? { kind: `${shape}-broken${asForm ? '-as-form' : ''}`, body: asForm ? formBody(value) : serialize(g, value) }
    : junkBody(g, () => nativeDeployment(g));
  let githubEvent: string | string[] | undefined = shape === 'github' ? 'deployment_status' : undefined;
  if (g.chance(0.2))
    githubEvent = g.pick<string | string[]>([
      'deployment_status',
      'DEPLOYMENT_STATUS',
      'push',
      'deployment',
      '',
      'deployment_status ',
      'ping',
      headerJunk(g),
      ['deployment_status', 'push'],
    ]);
  let gitlabEvent: string | undefined = shape === 'gitlab' ? 'Deployment Hook' : undefined;
  if (g.chance(shape === 'gitlab' ? 0.3 : 0.06)) gitlabEvent = g.pick(['Deployment Hook', 'Push Hook', 'Pipeline Hook', 'deployment hook', '', headerJunk(g)]);
  const auth = g.weighted<
    | 'ci'
    | 'ci-lowercase-scheme'
    | 'github-signed'
    | 'github-bad-sig'
    | 'github-bad-sig+ci'
    | 'gitlab-token'
    | 'gitlab-bad-token'
    | 'gitlab-bad-token+ci'
    | 'none'
    | 'unknown'
    | 'malformed'
    | 'developer'
    | 'po'
  >([
    [10, 'ci'],
    [1, 'ci-lowercase-scheme'],
    [3, 'github-signed'],
    [3, 'github-bad-sig'],
    [2, 'github-bad-sig+ci'],
    [2, 'gitlab-token'],
    [2, 'gitlab-bad-token'],
    [1, 'gitlab-bad-token+ci'],
    [2, 'none'],
    [2, 'unknown'],
    [2, 'malformed'],
    [1, 'developer'],
    [1, 'po'],
  ]);
  const badGitlabToken = () => g.pick(['', 'x', GITLAB_TOKEN.toUpperCase(), `${GITLAB_TOKEN}x`, GITLAB_TOKEN.slice(1), headerJunk(g)]);
  const headersFor = (body: Buffer): Headers => {
    const h: Headers = {};
    if (githubEvent !== undefined) h['x-github-event'] = githubEvent;
    if (gitlabEvent !== undefined) h['x-gitlab-event'] = gitlabEvent;
    const goodSig = `sha256=${hmac('sha256', GITHUB_SECRET, body)}`;
    const badSig = () =>
      g.pick([
        `sha256=${hmac('sha256', 'not-the-secret', body)}`,
        `sha1=${hmac('sha1', GITHUB_SECRET, body)}`,
        goodSig.toUpperCase(),
        goodSig.slice(0, 40),
        '',
        headerJunk(g),
        `sha256=${'0'.repeat(64)}`,
      ]);
    switch (auth) {
      case 'ci':
        Object.assign(h, bearer(tokens.ci));
        break;
      case 'ci-lowercase-scheme':
        h.authorization = `bearer ${tokens.ci}`;
        break;
      case 'github-signed':
        h['x-hub-signature-256'] = goodSig;
        break;
      case 'github-bad-sig':
        h['x-hub-signature-256'] = badSig();
        break;
      case 'github-bad-sig+ci':
        Object.assign(h, bearer(tokens.ci));
        h['x-hub-signature-256'] = badSig();
        break;
      case 'gitlab-token':
        h['x-gitlab-token'] = GITLAB_TOKEN;
        break;
      case 'gitlab-bad-token':
        h['x-gitlab-token'] = badGitlabToken();
        break;
      case 'gitlab-bad-token+ci':
        Object.assign(h, bearer(tokens.ci));
        h['x-gitlab-token'] = badGitlabToken();
        break;
      case 'none':
        break;
      case 'unknown':
        h.authorization = `Bearer sfo_${asciiName(g)}`;
        break;
      case 'malformed':
        h.authorization = g.pick([
          `Token ${tokens.ci}`,
          `Bearer ${tokens.ci} extra`,
          'Bearer',
          `Basic ${Buffer.from('ci:x').toString('base64')}`,
          headerJunk(g),
          `Bearer\t`,
        ]);
        break;
      case 'developer':
        Object.assign(h, bearer(tokens.developer));
        break;
      case 'po':
        Object.assign(h, bearer(tokens.po));
        break;
    }
    return h;
  };
  let body = initial;
  const withHeaders = (forBody: Buffer, extra: Headers) => {
    const headers = { ...extra, ...headersFor(forBody) };
    if (asForm) headers['content-type'] = 'application/x-www-form-urlencoded';
    return headers;
  };
  let weird = withWeirdHeaders(g, headersFor(body));
  if (asForm) weird.headers['content-type'] = 'application/x-www-form-urlencoded';
  let parsed = parsedAsServerWould({ headers: weird.headers, body }, 'deployments');
  const variants = (name: string): (string | undefined)[] => {
    const v = weird.headers[name];
    return v === undefined ? [undefined] : [(Array.isArray(v) ? v.join(', ') : v).trim(), undefined, ...(Array.isArray(v) ? v : [v])];
  };
  const wouldStore = () => {
    const candidates = [parsedLoosely(body), formPayload(body)].flatMap((c) => (c ? [c.value] : []));
    return candidates.some((candidate) =>
      variants('x-github-event').some((githubEvent) =>
        variants('x-gitlab-event').some((gitlab) => {
          const result = normalizeDeployment(candidate, { githubEvent, gitlabEvent: gitlab });
          return result.ok && result.deployments.length > 0;
        }),
      ),
    );
  };
  if (wouldStore()) {
    // junk that happens to be a valid deployment: an array of it is never one
    body = asForm ? formBody([value]) : Buffer.concat([utf8('['), body, utf8(']')]);
    const extra = Object.fromEntries(
      Object.entries(weird.headers).filter(
        ([k]) => !['authorization', 'x-hub-signature-256', 'x-github-event', 'x-gitlab-event', 'x-gitlab-token'].includes(k),
      ),
    );
    weird = { headers: withHeaders(body, extra), early: weird.early, nearLimit: weird.nearLimit };
    parsed = parsedAsServerWould({ headers: weird.headers, body }, 'deployments');
    if (wouldStore()) throw new Error(`seed=${seed} deployments case #${index}: the generator could not break the body`);
  }
  // the app answers a GitHub ping (to an authorised caller) with 2xx and stores nothing, whatever the body
  // (today 201, Nest's default for POST: the handler returns before setting 200 or 202)
  const ping = weird.headers['x-github-event'] === 'ping';
  // a GitHub deployment event, or a GitLab event other than Deployment Hook, is 202 ignored: the headers as the server reads them
  const ignored = !ping && parsed !== undefined && isIgnored(parsed.value, weird.headers);
  const authorized = ['ci', 'ci-lowercase-scheme', 'github-signed', 'github-bad-sig+ci', 'gitlab-token', 'gitlab-bad-token+ci'].includes(auth);
  let expected: readonly number[] = FOUR_XX;
  if (!weird.early && parsed)
    expected = orRefusedEarly(weird, !authorized ? (auth === 'developer' || auth === 'po' ? [403] : [401]) : ping ? [200, 201] : ignored ? [202] : [400]);
  const events = `${githubEvent !== undefined ? ` +X-GitHub-Event:${JSON.stringify(githubEvent).slice(0, 30)}` : ''}${gitlabEvent !== undefined ? ` +X-Gitlab-Event:${JSON.stringify(gitlabEvent).slice(0, 30)}` : ''}`;
  const byDesign = authorized && !weird.early && parsed ? (ping ? 'ping' : ignored ? 'ignored' : undefined) : undefined;
  return {
    endpoint: 'deployments',
    index,
    label: `${auth} ${kind}${events}`,
    headers: weird.headers,
    body,
    chunked: g.chance(0.15),
    expected,
    ...(byDesign ? { acceptedByDesign: byDesign } : {}),
  };
}
