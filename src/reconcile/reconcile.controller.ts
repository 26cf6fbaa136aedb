import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator.js';
import { ReconcileService } from './reconcile.service.js';

@ApiTags('reconcile')
@ApiBearerAuth()
@Controller('api/reconcile')
export class ReconcileController {
  constructor(private readonly reconcile: ReconcileService) {}

  @Post()
  @HttpCode(200)
  @Roles('admin')
  run() {
    return this.reconcile.run();
  }
}
