import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHmac } from 'node:crypto';
import type { Request } from 'express';
import { DomainError } from '../common/domain.error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Identity, Role } from './domain/role.js';
import { GITHUB_SIGNED_KEY, PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';
import { sameSecret } from './token.hasher.js';
import { TokenService } from './token.service.js';

export type AuthedRequest = Request & { identity?: Identity; rawBody?: Buffer };

/** 401 when the token is missing, unknown, revoked or expired; 403 when it is known but its role may not call the route. */
@Injectable()
export class BearerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(GITHUB_SIGNED_KEY, targets) && this.githubSigned(req)) {
      req.identity = { tokenId: 'github-webhook', name: 'GitHub deployment_status', role: 'ci', accountId: null };
      return true;
    }
    const identity = await this.identify(req);
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (roles && !roles.includes(identity.role)) {
      throw new DomainError('forbidden', `This call needs the role ${roles.join(' or ')}; the token has the role ${identity.role}`);
    }
    req.identity = identity;
    return true;
  }

  private async identify(req: Request): Promise<Identity> {
    const header = req.headers.authorization;
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new DomainError('unauthorized', 'Send an API token as "Authorization: Bearer <token>"');
    const result = await this.tokens.authenticate(match[1]);
    if ('refused' in result) throw new DomainError('unauthorized', result.refused);
    return result.identity;
  }

  private githubSigned(req: AuthedRequest): boolean {
    const secret = this.config.githubWebhookSecret;
    const signature = req.headers['x-hub-signature-256'];
    if (!secret || typeof signature !== 'string' || !req.rawBody) return false;
    const expected = `sha256=${createHmac('sha256', secret).update(req.rawBody).digest('hex')}`;
    return sameSecret(signature, expected);
  }
}
