import { AuditEventEntity } from '../audit/persistence/audit-event.entity.js';
import { DataFixStepEntity } from '../data-fixes/persistence/data-fix-step.entity.js';
import { DataFixEntity } from '../data-fixes/persistence/data-fix.entity.js';
import { ApiTokenEntity } from '../auth/persistence/api-token.entity.js';
import { PersonEntity } from '../auth/persistence/person.entity.js';
import { DeploymentEntity } from '../deployments/persistence/deployment.entity.js';
import { FlowTrackEntity } from '../flow/persistence/flow-track.entity.js';
import { SlotOccupancyEntity } from '../flow/persistence/slot-occupancy.entity.js';
import { ViolationEntity } from '../flow/persistence/violation.entity.js';
import { RotaAssignmentEntity } from '../rota/persistence/rota-assignment.entity.js';
import { RotaStateEntity } from '../rota/persistence/rota-state.entity.js';
import { ServiceDeskLinkEntity } from '../service-desk/persistence/service-desk-link.entity.js';
import { TargetMissEntity } from '../service-desk/persistence/target-miss.entity.js';
import { TargetWarningEntity } from '../service-desk/persistence/target-warning.entity.js';
import { JiraChangeEntity } from '../jira/persistence/jira-change.entity.js';
import { NotificationEntity } from '../notifications/persistence/notification.entity.js';
import { ForecastNoteEntity } from '../forecast/persistence/forecast-note.entity.js';
import { TicketEntity } from '../tickets/persistence/ticket.entity.js';
import { WebhookEventEntity } from '../webhooks/persistence/webhook-event.entity.js';

export const ENTITIES = [
  ApiTokenEntity,
  PersonEntity,
  AuditEventEntity,
  DataFixEntity,
  DataFixStepEntity,
  JiraChangeEntity,
  TicketEntity,
  WebhookEventEntity,
  FlowTrackEntity,
  SlotOccupancyEntity,
  ViolationEntity,
  DeploymentEntity,
  RotaAssignmentEntity,
  RotaStateEntity,
  ServiceDeskLinkEntity,
  TargetMissEntity,
  TargetWarningEntity,
  NotificationEntity,
  ForecastNoteEntity,
];
