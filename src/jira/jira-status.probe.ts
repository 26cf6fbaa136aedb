import { Injectable } from '@nestjs/common';
import { JiraStatusProbe } from '../health/jira-status.js';
import { BoardDiscovery } from './board-discovery.service.js';
import { JiraGateway } from './jira.gateway.js';

/** Reports Jira from the last board refresh rather than calling Jira on every health check. */
@Injectable()
export class BoardJiraStatusProbe extends JiraStatusProbe {
  constructor(
    private readonly jira: JiraGateway,
    private readonly boards: BoardDiscovery,
  ) {
    super();
  }

  async status() {
    if (!this.jira.configured) return { status: 'not configured' as const };
    const { ok, error } = this.boards.status();
    return ok ? { status: 'up' as const } : { status: 'down' as const, detail: error ?? 'not reached yet' };
  }
}
