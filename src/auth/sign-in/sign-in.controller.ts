import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Public } from '../roles.decorator.js';
import { OidcSignIn } from './oidc.sign-in.js';
import { SESSION_COOKIE, sessionCookieOf } from './session-cookie.js';
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
    res.redirect(302, await this.oidc.start());
  }

  @Public()
  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    const { cookie } = await this.oidc.finish(query);
    res.cookie(SESSION_COOKIE, cookie, { httpOnly: true, sameSite: 'lax', secure: this.config.publicUrl.startsWith('https:'), path: '/' });
    res.redirect(302, '/');
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const cookie = sessionCookieOf(req);
    if (cookie) await this.sessions.end(cookie, 'signed out');
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}
