import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../audit/audit.sink.js';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain.error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JiraGateway } from '../jira/jira.gateway.js';
import { OutboxWriter } from '../jira/outbox/outbox.writer.js';
import { TicketEntity } from '../tickets/persistence/ticket.entity.js';
import { ClientTickets } from './client-tickets.js';
import { clientTicketsOf } from './persistence/service-desk-links.js';
import { readServiceDeskTicket } from './service-desk-ticket.reader.js';

/** Support attaches a further client ticket to a bug (POST /api/tickets/{bugKey}/service-desk-links): checked in Jira first. */
@Injectable()
export class ClientTicketAttach {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jira: JiraGateway,
    private readonly outbox: OutboxWriter,
    private readonly clientTickets: ClientTickets,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** POST /api/tickets/{bugKey}/service-desk-links: 201, 404 not_found (the bug or the client ticket), 409 already_linked. */
  async attach(bugKey: string, serviceDeskKey: string, actor: string): Promise<{ bugKey: string; serviceDeskKey: string; clientTickets: string[] }> {
    const bug = await this.db.getRepository(TicketEntity).findOneBy({ key: bugKey });
    if (!bug) throw new DomainError('not_found', `The service tracks no bug ${bugKey}`);
    if (!this.config.jira) throw new DomainError('jira_unavailable', 'Jira is not configured');
    await readServiceDeskTicket(this.jira, this.config.serviceDeskProject, serviceDeskKey);
    const now = this.clock.now();
    const clientTickets = await this.db.transaction(async (m) => {
      // one attachment of a bug at a time: the check below sees the others' commits
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('client-ticket:' || $1))`, [bugKey]);
      if ((await clientTicketsOf(m, bugKey)).includes(serviceDeskKey)) {
        throw new DomainError('already_linked', `${serviceDeskKey} hears of ${bugKey} already`);
      }
      const tx: Tx = this.audit.in(m);
      await this.clientTickets.attachInTx(tx, bugKey, serviceDeskKey, actor, now, bug.summary);
      await this.outbox.enqueue(
        m,
        [{ kind: 'link', key: bugKey, type: this.config.serviceDeskLinkType, inwardKey: bugKey, outwardKey: serviceDeskKey }],
        'client_ticket',
        now,
      );
      return clientTicketsOf(m, bugKey);
    });
    return { bugKey, serviceDeskKey, clientTickets };
  }
}
