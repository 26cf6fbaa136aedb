import type { Page } from 'playwright-core';
import { startIdentityProvider } from '../../demo/identity-provider';
import { freePort } from './free-port';
import { startTestApp, type TestApp } from './test-app';

export const OIDC_CLIENT = { id: 'flow-orchestrator', secret: 'flow-orchestrator-client-secret' };

/** A cookie jar good enough for one browser's trip through the provider (names only: the paths do not overlap here). */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

export interface SignInTrip {
  /** the service's answer to the provider's redirect back */
  callback: Response;
  /** the session cookie the service set, if it did */
  session: string | null;
}

export interface TestProvider {
  issuer: string;
  /**
   * A browser signing in as `email`: the service's /auth/login, the provider's login (its development
   * interactions: any login name, here the email, is the account) and consent, then the way back to
   * the service's callback, whose URL `tamper` may change first.
   */
  signIn(serviceUrl: string, email: string, tamper?: (callback: URL) => URL | Promise<URL>): Promise<SignInTrip>;
  close(): Promise<void>;
}

/** The demo's OpenID Provider (demo/identity-provider.ts) in this process, with a browser's trip through its login pages. */
export async function startTestProvider(publicUrl: string, options: { emailVerified?: boolean } = {}): Promise<TestProvider> {
  const { issuer, close } = await startIdentityProvider({
    redirectUri: `${publicUrl}/auth/callback`,
    clientId: OIDC_CLIENT.id,
    clientSecret: OIDC_CLIENT.secret,
    emailVerified: options.emailVerified,
  });

  return {
    issuer,
    async signIn(serviceUrl, email, tamper = (url) => url) {
      const jar = new Jar();
      const login = await fetch(`${serviceUrl}/auth/login`, { redirect: 'manual' });
      if (login.status !== 302) throw new Error(`/auth/login answered ${login.status}: ${await login.text()}`);
      // the service's own cookie (sfo_sign_in): the browser that started the sign-in brings it back
      const service = new Jar();
      service.take(login);
      let next = new URL(login.headers.get('location')!);
      let interactions = 0;
      for (let hop = 0; hop < 12; hop++) {
        if (next.origin !== issuer) {
          const callback = await fetch(await tamper(next), { redirect: 'manual', headers: { cookie: service.header() } });
          const set = callback.headers.getSetCookie().find((c) => c.startsWith('sfo_session='));
          return { callback, session: set ? set.split(';')[0].slice('sfo_session='.length) : null };
        }
        let res: Response;
        if (/^\/interaction\/[^/]+$/.test(next.pathname)) {
          // the development interactions: first the login (any name is the account), then the consent
          const body = new URLSearchParams(interactions++ === 0 ? { prompt: 'login', login: email, password: 'any' } : { prompt: 'consent' });
          res = await fetch(next, { method: 'POST', body, headers: { cookie: jar.header() }, redirect: 'manual' });
        } else {
          res = await fetch(next, { headers: { cookie: jar.header() }, redirect: 'manual' });
        }
        jar.take(res);
        const location = res.headers.get('location');
        if (!location) throw new Error(`the provider stopped at ${next.pathname} with ${res.status}: ${(await res.text()).slice(0, 300)}`);
        next = new URL(location, next);
      }
      throw new Error('the sign-in took more than 12 redirects');
    },
    close,
  };
}

/** The service on a port chosen first (the provider's redirect URI names it), signing people in through a test provider. */
export async function startSignInApp(
  env: Record<string, string> = {},
  options: { emailVerified?: boolean } = {},
): Promise<{ provider: TestProvider; app: TestApp }> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const provider = await startTestProvider(publicUrl, options);
  const app = await startTestApp({
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: OIDC_CLIENT.id,
    OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
    ...env,
  });
  return { provider, app };
}

/** In a browser page at the login form: through the provider's development pages (login, then consent) and back. */
export async function signInInBrowser(page: Page, email: string): Promise<void> {
  await page.click('#sso-link');
  await page.locator('input[name="login"]').waitFor();
  await page.fill('input[name="login"]', email);
  await page.fill('input[name="password"]', 'any');
  await page.click('button[type="submit"]');
  await page.locator('button[type="submit"]', { hasText: /continue/i }).click();
}
