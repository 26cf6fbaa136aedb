import { AuditEventEntity } from '../audit/persistence/audit-event.entity.js';
import { ApiTokenEntity } from '../auth/persistence/api-token.entity.js';

export const ENTITIES = [ApiTokenEntity, AuditEventEntity];
