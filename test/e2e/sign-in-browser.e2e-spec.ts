import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { browserTestRuns, launchChromium } from '../browser/chromium';
import { signInInBrowser, startSignInApp, type TestProvider } from '../support/oidc-provider';
import { story } from '../support/story';
import { ADMIN_TOKEN, type TestApp } from '../support/test-app';
import { bearer } from '../support/tokens';

/** A person signs in to the dashboard in Chromium through a real OpenID provider (its development login pages), and out. */
(browserTestRuns ? describe : describe.skip)('signing in to the dashboard in Chromium', () => {
  const step = story('signing in to the dashboard in Chromium');
  let provider: TestProvider;
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ provider, app } = await startSignInApp({ OIDC_PROVIDER_NAME: 'Acme SSO' }));
    await request(app.url)
      .put('/api/people')
      .set(bearer(ADMIN_TOKEN))
      .send([
        { email: 'priya@example.com', role: 'po' },
        { email: 'root@example.com', role: 'admin' },
      ])
      .expect(200);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await provider?.close();
  });

  step('the login form offers the provider by its name, beside the token field', async () => {
    await page.goto(`${app.url}/`);
    await page.locator('#sso-link', { hasText: 'Sign in with Acme SSO' }).waitFor();
    await expect(page.locator('#token').isVisible()).resolves.toBe(true);
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: join('test-output', 'sign-in.png') });
  });

  step("the provider's pages sign the person in, and the dashboard names them with their roster role", async () => {
    // oidc-provider's development interactions: a login form (any name is the account), then a consent form
    await signInInBrowser(page, 'priya@example.com');
    await page.waitForURL(`${app.url}/`);
    await page.locator('#me', { hasText: 'priya@example.com · po' }).waitFor();
    await expect(page.locator('#login').isHidden()).resolves.toBe(true);
  });

  step('signing out ends the session: the page asks again, and the old cookie is refused', async () => {
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'sfo_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.click('#sign-out');
    await page.locator('#login').waitFor({ state: 'visible' });
    const res = await request(app.url).get('/api/me').set('Cookie', `sfo_session=${cookie.value}`);
    expect(res.status).toBe(401);
  });

  step('an admin signed in keeps the roster from the dashboard: adds someone, confirmed first', async () => {
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await admin.goto(`${app.url}/`);
    await signInInBrowser(admin, 'root@example.com');
    await admin.locator('#people table', { hasText: 'priya@example.com' }).waitFor();
    await admin.fill('#person-email', 'Sam@Example.com');
    await admin.selectOption('#person-role', 'support');
    await admin.click('button.add-person');
    await expect(admin.textContent('#confirm-text')).resolves.toBe('Add sam@example.com as support?');
    await admin.click('#confirm-ok');
    await admin.locator('#action-message', { hasText: 'sam@example.com is on the roster as support.' }).waitFor();
    const roster = (await request(app.url).get('/api/people').set(bearer(ADMIN_TOKEN)).expect(200)).body as { email: string; role: string }[];
    expect(roster.map((p) => `${p.email} ${p.role}`)).toEqual(['priya@example.com po', 'root@example.com admin', 'sam@example.com support']);
    await admin.close();
  });
});
