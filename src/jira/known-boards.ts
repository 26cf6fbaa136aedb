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
  /** the names of statuses seen on tickets (the board configuration gives ids only) */
  private readonly seen = new Map<string, string>();

  layout(): BoardLayout | null {
    return this.current;
  }

  /** The service's own Jira account: webhooks by it are echoes of its own changes. */
  serviceAccountId(): string | null {
    return this.serviceAccount;
  }

  /** A status's name: as seen on a ticket, else the board column it makes up; null when unknown. */
  statusName(id: string): string | null {
    return this.seen.get(id) ?? this.current?.statusNames[id] ?? null;
  }

  sawStatus(id: string, name: string): void {
    if (name) this.seen.set(id, name);
  }

  learned(layout: BoardLayout, serviceAccountId: string): void {
    this.current = layout;
    this.serviceAccount = serviceAccountId;
  }
}
