import { Global, Module } from '@nestjs/common';
import { JiraStatusProbe, OfflineJiraStatusProbe } from '../health/jira-status.js';

@Global()
@Module({
  providers: [{ provide: JiraStatusProbe, useClass: OfflineJiraStatusProbe }],
  exports: [JiraStatusProbe],
})
export class JiraModule {}
