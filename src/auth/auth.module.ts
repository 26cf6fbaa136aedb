import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerGuard } from './bearer.guard.js';
import { MeController } from './me.controller.js';
import { RosterController } from './roster.controller.js';
import { RosterService } from './roster.service.js';
import { TokenController } from './token.controller.js';
import { TokenService } from './token.service.js';
import { TokenUsageRecorder } from './token-usage.recorder.js';

@Module({
  controllers: [TokenController, MeController, RosterController],
  providers: [TokenService, RosterService, TokenUsageRecorder, { provide: APP_GUARD, useClass: BearerGuard }],
  exports: [TokenService],
})
export class AuthModule {}
