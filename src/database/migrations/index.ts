import { AuthAndAudit1764300000000 } from './1764300000000-AuthAndAudit.js';
import { JiraLayer1764300100000 } from './1764300100000-JiraLayer.js';
import { Flow1764300200000 } from './1764300200000-Flow.js';
import { DataFixes1764300300000 } from './1764300300000-DataFixes.js';
import { ServiceDesk1764300400000 } from './1764300400000-ServiceDesk.js';
import { StaleSnapshots1764300500000 } from './1764300500000-StaleSnapshots.js';
import { DeploymentEnvironmentType1764300600000 } from './1764300600000-DeploymentEnvironmentType.js';
import { Operations1764300700000 } from './1764300700000-Operations.js';
import { TellingPeople1764300800000 } from './1764300800000-TellingPeople.js';
import { WebhookLanes1764300900000 } from './1764300900000-WebhookLanes.js';
import { RotaState1764301000000 } from './1764301000000-RotaState.js';
import { DropCommandLease1764301100000 } from './1764301100000-DropCommandLease.js';
import { IgnoredWebhooks1764301200000 } from './1764301200000-IgnoredWebhooks.js';
import { RecentChanges1764301300000 } from './1764301300000-RecentChanges.js';
import { CommandFirstAttempt1764301400000 } from './1764301400000-CommandFirstAttempt.js';
import { JiraChangeTable1764301500000 } from './1764301500000-JiraChangeTable.js';
import { Roster1764301600000 } from './1764301600000-Roster.js';
import { Sessions1764301700000 } from './1764301700000-Sessions.js';
import { DefaultTrack1764302000000 } from './1764302000000-DefaultTrack.js';
import { ClientSla1764301900000 } from './1764301900000-ClientSla.js';
import { ClientTickets1764301800000 } from './1764301800000-ClientTickets.js';

/** Listed explicitly so the same list works compiled (dist) and under Jest. */
export const MIGRATIONS = [
  AuthAndAudit1764300000000,
  JiraLayer1764300100000,
  Flow1764300200000,
  DataFixes1764300300000,
  ServiceDesk1764300400000,
  StaleSnapshots1764300500000,
  DeploymentEnvironmentType1764300600000,
  Operations1764300700000,
  TellingPeople1764300800000,
  WebhookLanes1764300900000,
  RotaState1764301000000,
  DropCommandLease1764301100000,
  IgnoredWebhooks1764301200000,
  RecentChanges1764301300000,
  CommandFirstAttempt1764301400000,
  JiraChangeTable1764301500000,
  Roster1764301600000,
  Sessions1764301700000,
  ClientTickets1764301800000,
  ClientSla1764301900000,
  DefaultTrack1764302000000,
];
