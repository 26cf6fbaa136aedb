import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerGuard } from './bearer.guard.js';
import { MeController } from './me.controller.js';
import { RosterController } from './roster.controller.js';
import { RosterService } from './roster.service.js';
import { OidcSignIn } from './sign-in/oidc.sign-in.js';
import { SignInController } from './sign-in/sign-in.controller.js';
import { SessionStore } from './sign-in/session.store.js';
import { TokenController } from './token.controller.js';
import { TokenService } from './token.service.js';
import { TokenUsageRecorder } from './token-usage.recorder.js';

@Module({
  controllers: [TokenController, MeController, RosterController, SignInController],
  providers: [TokenService, RosterService, SessionStore, OidcSignIn, TokenUsageRecorder, { provide: APP_GUARD, useClass: BearerGuard }],
  exports: [TokenService],
})
export class AuthModule {}
