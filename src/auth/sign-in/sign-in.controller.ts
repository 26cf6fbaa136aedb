import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Public } from '../roles.decorator.js';
import { OidcSignIn } from './oidc.sign-in.js';
import { DomainError } from '../../common/domain.error.js';
import { sameSecret } from '../token.hasher.js';
import { cookieOf, SESSION_COOKIE, SIGN_IN_COOKIE, sessionCookieOf } from './session-cookie.js';
import { SessionStore } from './session.store.js';

/** The browser's side of signing in: to the provider and back, and out. */
@ApiExcludeController()
@Controller('auth')
export class SignInController {
  constructor(
    private readonly oidc: OidcSignIn,
    private readonly sessions: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the sign-in form offers. */
  @Public()
  @Get('methods')
  methods() {
    return { oidc: this.config.oidc ? { name: this.config.oidc.providerName } : null, proxy: Boolean(this.config.trustedProxy) };
  }

  @Public()
  @Get('login')
  async login(@Res() res: Response): Promise<void> {
    const { url, browser } = await this.oidc.start();
    res.cookie(SIGN_IN_COOKIE, browser, { ...this.cookieOptions(), path: '/auth/callback', maxAge: 10 * 60 * 1000 });
    res.redirect(302, url);
  }

  @Public()
  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    res.clearCookie(SIGN_IN_COOKIE, { path: '/auth/callback' });
    const { cookie } = await this.oidc.finish(query, cookieOf(req, SIGN_IN_COOKIE));
    res.cookie(SESSION_COOKIE, cookie, { ...this.cookieOptions(), path: '/' });
    res.redirect(302, '/');
  }

  /** Ends the session; like every change made with the session cookie, it needs the session's X-CSRF-Token. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const cookie = sessionCookieOf(req);
    if (cookie) {
      const found = await this.sessions.find(cookie);
      if ('session' in found) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameSecret(sent, found.session.csrfToken)) {
          throw new DomainError('csrf', 'Signing out needs the header X-CSRF-Token: its value is csrfToken in GET /api/me');
        }
        await this.sessions.end(cookie, 'signed out');
      }
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  private cookieOptions() {
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.config.publicUrl.startsWith('https:') };
  }
}
