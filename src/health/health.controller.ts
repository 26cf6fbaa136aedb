import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/roles.decorator.js';
import { JiraStatusProbe } from './jira-status.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly jira: JiraStatusProbe,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** 200 when the database answers and no migration is pending; Jira is reported, never fatal. */
  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 2000 }), () => this.migrations(), () => this.jiraStatus()]);
  }

  private async migrations() {
    const indicator = this.indicators.check('migrations');
    const pending = await this.dataSource.showMigrations();
    return pending ? indicator.down({ pending: true }) : indicator.up({ pending: false });
  }

  private async jiraStatus() {
    const { status, detail } = await this.jira.status();
    return this.indicators.check('jira').up({ jira: status, ...(detail ? { detail } : {}) });
  }
}
