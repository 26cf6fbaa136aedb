import { AuditEventEntity } from '../audit/persistence/audit-event.entity.js';
import { ApiTokenEntity } from '../auth/persistence/api-token.entity.js';
import { JiraCommandEntity } from '../jira/persistence/jira-command.entity.js';
import { TicketEntity } from '../tickets/persistence/ticket.entity.js';
import { WebhookEventEntity } from '../webhooks/persistence/webhook-event.entity.js';

export const ENTITIES = [ApiTokenEntity, AuditEventEntity, JiraCommandEntity, TicketEntity, WebhookEventEntity];
