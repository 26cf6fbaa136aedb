import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../common/domain.error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Identity, Role } from './domain/role.js';
import { GITHUB_SIGNED_KEY, GITLAB_TOKEN_KEY, PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';
import type { RosterEntry } from './domain/roster.diff.js';
import { RosterService } from './roster.service.js';
import { sameSecret } from './token.hasher.js';
import { TokenService } from './token.service.js';
import { sessionCookieOf } from './sign-in/session-cookie.js';
import { SessionStore } from './sign-in/session.store.js';
import { csrfTokenOf, trustedProxyCheck } from './trusted-proxy.js';
import { githubSignatureCheck, gitlabTokenCheck, type WebhookCheck } from './webhook-credentials.js';

export type AuthedRequest = Request & { identity?: Identity; rawBody?: Buffer };

const GITHUB: Identity = { kind: 'token', tokenId: 'github-webhook', name: 'GitHub deployment_status', role: 'ci', accountId: null };
const GITLAB: Identity = { kind: 'token', tokenId: 'gitlab-webhook', name: 'GitLab Deployment Hook', role: 'ci', accountId: null };

/**
 * 401 when the token is missing, unknown, revoked or expired; 403 when it is known but its role may not call the route.
 * On routes that take them, a GitHub signature or a GitLab token stands in for a ci token; a wrong one,
 * with no bearer token beside it, is 401 invalid_signature saying which secret it does not match
 * (GitHub and GitLab cannot send a bearer token, so "send a token" would not help them).
 */
@Injectable()
export class BearerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly roster: RosterService,
    private readonly sessions: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const webhook = this.webhookIdentity(req, targets);
    if (webhook) {
      req.identity = webhook;
      return true;
    }
    const identity = await this.identify(req);
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (roles && !roles.includes(identity.role)) {
      const yours = identity.kind === 'person' ? `you are on the roster as ${identity.role}` : `the token has the role ${identity.role}`;
      throw new DomainError('forbidden', `This call needs the role ${roles.join(' or ')}; ${yours}`);
    }
    req.identity = identity;
    return true;
  }

  /** The webhook sender's identity, null to fall back to the bearer token, or a throw for a wrong credential alone. */
  private webhookIdentity(req: AuthedRequest, targets: Parameters<Reflector['getAllAndOverride']>[1]): Identity | null {
    const checks: [WebhookCheck, Identity][] = [];
    if (this.reflector.getAllAndOverride<boolean>(GITHUB_SIGNED_KEY, targets))
      checks.push([githubSignatureCheck(req, this.config.webhook.githubSecret), GITHUB]);
    if (this.reflector.getAllAndOverride<boolean>(GITLAB_TOKEN_KEY, targets)) checks.push([gitlabTokenCheck(req, this.config.webhook.gitlabToken), GITLAB]);
    const passed = checks.find(([check]) => check.result === 'valid');
    if (passed) return passed[1];
    const failed = checks.map(([check]) => check).find((check) => check.result === 'invalid');
    if (failed?.result === 'invalid' && req.headers.authorization === undefined) throw new DomainError('invalid_signature', failed.message);
    return null;
  }

  private async identify(req: Request): Promise<Identity> {
    const header = req.headers.authorization;
    // a bearer token wins: CI and scripts behind the same proxy keep their own identity
    if (header === undefined) {
      const proxy = trustedProxyCheck(req, this.config.trustedProxy);
      if (proxy.result === 'invalid') throw new DomainError('unauthorized', proxy.message);
      if (proxy.result === 'valid') {
        const entry = await this.roster.find(proxy.email);
        if (!entry) throw new DomainError('not_on_roster', `${proxy.email} is signed in but not on the roster: an admin adds people with PUT /api/people`);
        return this.person(req, entry, 'proxy', csrfTokenOf(this.config.trustedProxy!.secret, proxy.email));
      }
      const cookie = sessionCookieOf(req);
      if (cookie) return this.session(req, cookie);
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new DomainError('unauthorized', 'Send an API token as "Authorization: Bearer <token>"');
    const result = await this.tokens.authenticate(match[1]);
    if (!result.ok) throw new DomainError(result.code, result.message);
    return result.identity;
  }

  /** A session of the provider's sign-in: live (else 401), its person still on the roster (else it ends, 401). */
  private async session(req: Request, cookie: string): Promise<Identity> {
    const found = await this.sessions.find(cookie, req.headers['x-background-refresh'] === undefined);
    if ('ended' in found) throw new DomainError('unauthorized', found.ended);
    const { email, csrfToken } = found.session;
    const entry = await this.roster.find(email);
    if (!entry) {
      await this.sessions.endAllOf(email, 'taken off the roster');
      throw new DomainError('unauthorized', `The session ended: ${email} is no longer on the roster`);
    }
    return this.person(req, entry, 'session', csrfToken);
  }

  /** A person signed in, as the roster has them; a change they make carries their CSRF token. */
  private person(req: Request, entry: RosterEntry, via: 'proxy' | 'session', csrfToken: string): Identity {
    const { email } = entry;
    const sent = req.headers['x-csrf-token'];
    if (!SAFE_METHODS.has(req.method) && (typeof sent !== 'string' || !sameSecret(sent, csrfToken))) {
      throw new DomainError('csrf', 'A change made as a signed-in person needs the header X-CSRF-Token: its value is csrfToken in GET /api/me');
    }
    return { kind: 'person', tokenId: `person:${email}`, name: email, email, via, csrfToken, role: entry.role, accountId: entry.accountId, expiresAt: null };
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
