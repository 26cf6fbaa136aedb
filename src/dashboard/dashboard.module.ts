import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';
import { JiraChangesRepository } from './persistence/jira-changes.repository.js';

@Module({
  controllers: [DashboardController],
  providers: [DashboardService, JiraChangesRepository],
})
export class DashboardModule {}
