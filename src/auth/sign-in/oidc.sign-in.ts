import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../audit/audit.log.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain.error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { RosterService } from '../roster.service.js';
import { hashToken, sameSecret } from '../token.hasher.js';
import { SessionStore } from './session.store.js';

/** A sign-in must come back from the provider within this long. */
const SIGN_IN_WITHIN_MS = 10 * 60 * 1000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Signing a person in through the organisation's OpenID Connect provider: authorization code with
 * PKCE, state and nonce (openid-client checks the answer: the ID token's signature, issuer, audience,
 * nonce, expiry). The person must be on the roster; their session is a row (SessionStore).
 * The provider is discovered at the first sign-in, not at start: while it cannot be reached, sign-in
 * answers 503 sign_in_unavailable with the reason, and tokens keep working.
 */
@Injectable()
export class OidcSignIn {
  private readonly logger = new Logger('SignIn');
  private discovered?: Promise<client.Configuration>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly roster: RosterService,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * Where to send the browser: the provider's authorization endpoint, with this sign-in's checks; and
   * the value of the cookie that ties the sign-in to this browser (only its hash is stored).
   */
  async start(): Promise<{ url: string; browser: string }> {
    const provider = await this.provider();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    const browser = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    await this.db.query(`DELETE FROM sign_in WHERE created_at < $1`, [new Date(now.getTime() - SIGN_IN_WITHIN_MS)]);
    await this.db.query(`INSERT INTO sign_in (state, browser, code_verifier, nonce, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      state,
      hashToken(browser),
      verifier,
      nonce,
      now,
    ]);
    const url = client.buildAuthorizationUrl(provider, {
      redirect_uri: this.redirectUri(),
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, browser };
  }

  /**
   * The provider sent the browser back (`query`: the callback's query string; `browser`: the sign-in
   * cookie it carries): check it all, then open a session.
   */
  async finish(query: string, browser: string | null): Promise<{ cookie: string; email: string }> {
    const callback = new URL(`${this.redirectUri()}?${query}`);
    const state = callback.searchParams.get('state');
    // a state is used once: whatever happens next, it cannot be replayed
    const [row]: { browser: string; code_verifier: string; nonce: string; created_at: Date }[] = state
      ? // a CTE: TypeORM answers a bare DELETE … RETURNING with [rows, count]
        await this.db.query(`WITH d AS (DELETE FROM sign_in WHERE state = $1 RETURNING browser, code_verifier, nonce, created_at) SELECT * FROM d`, [state])
      : [];
    if (!row || this.clock.now().getTime() - new Date(row.created_at).getTime() > SIGN_IN_WITHIN_MS) {
      throw new DomainError('unauthorized', 'This sign-in is not one the service started, was used already, or took more than 10 minutes: sign in again');
    }
    // a callback link opened in another browser than the one that started the sign-in (a link sent by someone) is refused
    if (!browser || !sameSecret(hashToken(browser), row.browser)) {
      throw new DomainError('unauthorized', 'This sign-in was started in another browser: sign in again from this one');
    }
    const provider = await this.provider();
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(provider, callback, {
        pkceCodeVerifier: row.code_verifier,
        expectedState: state!,
        expectedNonce: row.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      // a provider may keep the email out of the ID token (oidc-provider does when an access token is issued): ask userinfo
      if (claims && typeof claims.email !== 'string')
        claims = { ...claims, ...(await client.fetchUserInfo(provider, tokens.access_token, String(claims.sub))) };
    } catch (error) {
      // the provider's own words when it refused (invalid_grant: a code verifier that is not the one sent)
      const said = error as Error & { error?: string; error_description?: string };
      const inner = said.cause instanceof Error ? ` (${said.cause.message})` : '';
      // the callback's own error parameters can be written by whoever made the link: only their code is repeated
      const description = said.error_description && !(error instanceof client.AuthorizationResponseError) ? `: ${said.error_description}` : '';
      const detail = said.error ? ` (${String(said.error).slice(0, 60)}${description})` : inner;
      throw new DomainError('unauthorized', `The provider's answer was refused: ${said.message}${detail}`);
    }
    const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email) throw new DomainError('unauthorized', 'The provider named no email: allow the service the "email" scope');
    // a provider where people set their own email would otherwise let anyone claim an admin's address
    const verified = claims?.email_verified === true || claims?.email_verified === 'true';
    if (this.config.oidc!.requireVerifiedEmail && !verified) {
      throw new DomainError('unauthorized', `The provider does not say ${email} is verified (email_verified); OIDC_REQUIRE_VERIFIED_EMAIL is on`);
    }
    if (!(await this.roster.find(email))) {
      throw new DomainError('not_on_roster', `${email} is signed in at the provider but not on the roster: an admin adds people with PUT /api/people`);
    }
    const { cookie } = await this.sessions.open(email);
    await this.audit.append(this.db.manager, [{ type: 'person.signed_in', actor: email, at: this.clock.now(), data: { via: 'oidc' } }]);
    return { cookie, email };
  }

  private redirectUri(): string {
    return `${this.config.publicUrl}/auth/callback`;
  }

  private provider(): Promise<client.Configuration> {
    const oidc = this.config.oidc;
    if (!oidc) throw new DomainError('not_found', 'Sign-in through an OpenID Connect provider is not configured (OIDC_ISSUER): use an API token');
    if (!this.discovered) {
      const issuer = new URL(oidc.issuer);
      // plain http only to a provider on this machine (tests, the demo), never across a network
      const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
      this.discovered = client.discovery(issuer, oidc.clientId, oidc.clientSecret, undefined, {
        execute: insecure ? [client.allowInsecureRequests] : [],
        timeout: 10,
      });
      this.discovered.catch((error: Error) => {
        this.discovered = undefined; // the next sign-in tries again
        this.logger.warn(`Discovery of ${oidc.issuer} failed: ${error.message}`);
      });
    }
    return this.discovered.catch((error: Error) => {
      const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
      throw new DomainError('sign_in_unavailable', `Sign-in through ${oidc.issuer} is unavailable: ${error.message}${cause}. API tokens keep working`);
    });
  }
}
