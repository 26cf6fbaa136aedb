import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BearerGuard } from './bearer.guard.js';
import { TokenController } from './token.controller.js';
import { TokenService } from './token.service.js';

@Module({
  controllers: [TokenController],
  providers: [TokenService, { provide: APP_GUARD, useClass: BearerGuard }],
  exports: [TokenService],
})
export class AuthModule {}
