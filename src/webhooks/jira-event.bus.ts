import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { TicketChange } from '../tickets/domain/ticket-change.js';
import type { JiraEvent } from './domain/jira-event.js';

/** What earlier handlers learned about the event, for later ones (the flow reads the ticket change). */
export interface EventContext {
  ticketChange?: TicketChange;
}

export interface JiraEventHandler {
  /** Runs inside the event's transaction; throwing rolls the whole event back. */
  handle(event: JiraEvent, manager: EntityManager, context: EventContext): Promise<void>;
}

/** Features subscribe here (tickets first, then the flow); handlers run in registration order. */
@Injectable()
export class JiraEventBus {
  private readonly handlers: { order: number; handler: JiraEventHandler }[] = [];

  register(order: number, handler: JiraEventHandler): void {
    this.handlers.push({ order, handler });
    this.handlers.sort((a, b) => a.order - b.order);
  }

  async publish(event: JiraEvent, manager: EntityManager): Promise<void> {
    const context: EventContext = {};
    for (const { handler } of this.handlers) await handler.handle(event, manager, context);
  }
}
