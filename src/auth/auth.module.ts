import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerGuard } from './bearer.guard.js';
import { MeController } from './me.controller.js';
import { TokenController } from './token.controller.js';
import { TokenService } from './token.service.js';
import { TokenUsageRecorder } from './token-usage.recorder.js';

@Module({
  controllers: [TokenController, MeController],
  providers: [TokenService, TokenUsageRecorder, { provide: APP_GUARD, useClass: BearerGuard }],
  exports: [TokenService],
})
export class AuthModule {}
