// The tab's session: its token (kept in sessionStorage), who it is, and API calls whose refusals
// carry the API's own message to the page.
import type { Me } from './api-types.js';
import { $, el } from './dom.js';

const TOKEN_KEY = 'orchestrator.dashboard.token';

export const view: { jiraBaseUrl: string | null; releaseEnvironment: string | null; timer: number | null; me: Me | null } = {
  jiraBaseUrl: null,
  releaseEnvironment: null,
  timer: null,
  me: null,
};

/** A refusal of the API: its status, code and message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** The token was refused and the login form is shown: nothing more to say. */
export const UNAUTHORIZED = 'unauthorized';

export const token = () => sessionStorage.getItem(TOKEN_KEY);
/** a token in this tab, or a person the proxy signed in */
export const signedIn = () => token() !== null || view.me?.kind === 'person';
export const role = () => view.me?.role ?? null;

export function askForToken(message = ''): void {
  sessionStorage.removeItem(TOKEN_KEY);
  void offerSignIn();
  view.me = null;
  if (view.timer) clearInterval(view.timer);
  $('login-message').textContent = message;
  $('login').hidden = false;
  $('token').focus();
}

/** fetch with the token; a refusal throws an ApiError (an Error "unauthorized" once the login form is up). */
/**
 * `background`: the page's own timer, not the person: it does not keep a session alive (a tab left
 * open still ends after 12 hours without anyone using it).
 */
export async function api<T>(
  path: string,
  method = 'GET',
  body?: unknown,
  opts: { background?: boolean; headers?: Record<string, string>; onResponse?: (res: Response) => void } = {},
): Promise<T> {
  const used = token();
  const headers: Record<string, string> = { ...(used ? { Authorization: `Bearer ${used}` } : {}), ...opts.headers };
  if (opts.background) headers['X-Background-Refresh'] = '1';
  if (!used && view.me?.csrfToken && method !== 'GET') headers['X-CSRF-Token'] = view.me.csrfToken;
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  opts.onResponse?.(res);
  const text = await res.text();
  const data = parsed(text) as { message?: string; code?: string } | null;
  if (res.status === 401 && used !== token()) throw new Error(UNAUTHORIZED); // an answer to a token already replaced
  if (res.status === 401) {
    askForToken(`The token was refused${data?.message ? `: ${data.message.replace(/\.$/, '')}` : ''}. Enter a valid one.`);
    throw new Error(UNAUTHORIZED);
  }
  if (!res.ok) throw new ApiError(data?.message ?? `${path} answered ${res.status}`, res.status, data?.code ?? null);
  return data as T;
}

function parsed(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** Signs in from the login form, and at load when the tab has a token already. */
export function signIn(start: () => void): void {
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $<HTMLInputElement>('token');
    const value = input.value.trim();
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    input.value = '';
    $('login').hidden = true;
    start();
  });
  $('sign-out').addEventListener('click', () => void signOut());
  if (token()) {
    $('login').hidden = true;
    start();
  } else void alreadySignedIn(start);
}

/** A person's session ends at the service too; a token is only forgotten by this tab. */
async function signOut(): Promise<void> {
  if (view.me?.kind === 'person' && view.me.via === 'session') {
    const res = await fetch('/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': view.me.csrfToken ?? '' } }).catch(() => null);
    if (!res?.ok) {
      $('me').textContent = 'Signing out failed: try again';
      return;
    }
  }
  askForToken('Signed out.');
}

/** "Sign in with <provider>" above the token field, when the service signs people in through one. */
async function offerSignIn(): Promise<void> {
  const methods = (await fetch('/auth/methods')
    .then((r) => r.json())
    .catch(() => null)) as { oidc: { name: string } | null } | null;
  if (!methods?.oidc) return;
  $('sso-link').textContent = `Sign in with ${methods.oidc.name}`;
  $('sso').hidden = false;
}

/** Signed in already: by the organisation's authenticating proxy, or by a session of the provider's sign-in. */
async function alreadySignedIn(start: () => void): Promise<void> {
  const res = await fetch('/api/me').catch(() => null);
  const me = res?.ok ? ((await res.json()) as Me) : null;
  if (me?.kind !== 'person') {
    const refusal = res && res.status === 403 ? ((await res.json().catch(() => null)) as { message?: string } | null) : null;
    return askForToken(refusal?.message ?? '');
  }
  view.me = me;
  $('sign-out').hidden = me.via === 'proxy'; // the proxy's session: signing out is the proxy's
  $('login').hidden = true;
  start();
}

export function jiraLink(key: string): HTMLElement {
  if (!view.jiraBaseUrl) return el('span', { class: 'key', text: key });
  return el('a', { class: 'key', href: `${view.jiraBaseUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}`, target: '_blank', rel: 'noopener' }, [key]);
}

export const historyLink = (key: string) =>
  el('a', { class: 'history', href: `/tickets/${encodeURIComponent(key)}`, title: 'The ticket as the service saw it' }, ['history']);

export const issueLink = (key: string) => el('span', { class: 'issue' }, [jiraLink(key), historyLink(key)]);
