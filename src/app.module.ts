import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '../ormconfig.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CommonModule } from './common/common.module.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DataFixesModule } from './data-fixes/data-fixes.module.js';
import { DeploymentsModule } from './deployments/deployments.module.js';
import { HealthModule } from './health/health.module.js';
import { FlowModule } from './flow/flow.module.js';
import { JiraModule } from './jira/jira.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { ReconcileModule } from './reconcile/reconcile.module.js';
import { RecoveryModule } from './recovery/recovery.module.js';
import { RotaModule } from './rota/rota.module.js';
import { ServiceDeskModule } from './service-desk/service-desk.module.js';
import { TicketRecordModule } from './ticket-record/ticket-record.module.js';
import { TracksModule } from './tracks/tracks.module.js';
import { TicketsModule } from './tickets/tickets.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

@Module({})
export class AppModule {
  /** `config.databaseUrl` is set by then: the caller has started the embedded database if needed. */
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl), migrationsRun: true }),
        ScheduleModule.forRoot(),
        AuditModule,
        AuthModule,
        JiraModule,
        NotificationsModule,
        HealthModule,
        WebhooksModule,
        TicketsModule,
        TicketRecordModule,
        RotaModule,
        FlowModule,
        TracksModule,
        DeploymentsModule,
        ServiceDeskModule,
        ReconcileModule,
        RecoveryModule,
        DataFixesModule,
        MetricsModule,
        DashboardModule,
      ],
    };
  }
}
