import { Module } from '@nestjs/common';
import { DataFixesController } from './data-fixes.controller.js';
import { DataFixesService } from './data-fixes.service.js';
import { DataFixRepository } from './persistence/data-fix.repository.js';

/** Data fixes under four eyes: a record of each step, never an executor of the SQL. */
@Module({
  controllers: [DataFixesController],
  providers: [DataFixesService, DataFixRepository],
})
export class DataFixesModule {}
