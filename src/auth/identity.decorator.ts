import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthedRequest } from './bearer.guard.js';

/** The identity the guard attached to the request. */
export const CurrentIdentity = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<AuthedRequest>().identity);
