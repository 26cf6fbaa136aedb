import { Injectable } from '@nestjs/common';
import type { BoardLayout } from './board-layout.js';

/**
 * The boards as last read from Jira (BoardDiscovery writes them here): what a decision goes by. It
 * holds no Jira client, so what depends on it cannot call Jira through it.
 */
@Injectable()
export class KnownBoards {
  private current: BoardLayout | null = null;
  private serviceAccount: string | null = null;

  layout(): BoardLayout | null {
    return this.current;
  }

  /** The service's own Jira account: webhooks by it are echoes of its own changes. */
  serviceAccountId(): string | null {
    return this.serviceAccount;
  }

  learned(layout: BoardLayout, serviceAccountId: string): void {
    this.current = layout;
    this.serviceAccount = serviceAccountId;
  }
}
